// Where the memory of one AnalyzeStack goes, measured in-process (node --expose-gc): the request
// as gRPC hands it to the SDK (wire bytes, then protobuf objects), the deserialized property bags
// the stack policies share (our wire hook keeps one per resource for the call), our StackView,
// and what the SDK builds for every stack policy (resource objects, proxies, providers). Live
// sizes after a full GC; `npm run bench -- --heap` prints them, RESULTS.md shows them.
//
//   node --expose-gc -r ts-node/register/transpile-only bench/heap.ts 50000

import * as path from "node:path";
import { protoModules } from "../cli/analyzer/grpc";
import { stackResource } from "../cli/analyzer/messages";
import { SecretCollector } from "../cli/analyzer/encode";
import { REPO } from "./packs";
import { syntheticStack } from "./stacks";

export interface HeapBreakdown {
    readonly size: number;
    readonly wireBytes: number;
    readonly requestMiB: number;
    readonly sharedBagsMiB: number;
    readonly stackViewMiB: number;
    readonly perStackPolicyMiB: number;
}

const MIB = 2 ** 20;

function live(): number {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error("run with node --expose-gc");
    gc();
    gc();
    return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
}

export function heapBreakdown(size: number): HeapBreakdown {
    const m = protoModules();
    // The pack's own modules, with the wire hook installed, as the pack process has them.
    /* eslint-disable @typescript-eslint/no-require-imports */
    require(path.join(REPO, "policies", "bin", "policies.js"));
    const { deserializeProperties } = require(require.resolve("@pulumi/policy/deserialize", { paths: [path.join(REPO, "policies")] })) as {
        deserializeProperties(struct: unknown, proxySecrets: boolean): Record<string, unknown>;
    };
    const { unknownCheckingProxy } = require(require.resolve("@pulumi/policy", { paths: [path.join(REPO, "policies")] })) as { unknownCheckingProxy(v: unknown): unknown };
    const { stackView } = require(path.join(REPO, "policies", "bin", "lib", "model.js")) as typeof import("../policies/lib/model");
    /* eslint-enable @typescript-eslint/no-require-imports */

    let wire: Uint8Array | undefined;
    {
        const input = syntheticStack(size);
        const byUrn = new Map(input.resources.map((r) => [r.urn, r] as const));
        const request = new m.pb.AnalyzeStackRequest();
        request.setResourcesList(input.resources.map((r) => stackResource(m, r, r.provider ? byUrn.get(r.provider) : undefined, new SecretCollector())));
        wire = request.serializeBinary();
    }
    const base = live();
    const request = m.pb.AnalyzeStackRequest.deserializeBinary(wire);
    const resources = request.getResourcesList();
    const withRequest = live();
    const bags = resources.map((r) => ({
        props: deserializeProperties(r.getProperties(), false),
        provider: r.getProvider() ? deserializeProperties(r.getProvider()?.getProperties(), false) : undefined,
    }));
    const withBags = live();
    // One stack policy's worth of what the SDK builds (server.js makeAnalyzeStackRpcFun): it is
    // garbage after the policy, and built again for the next.
    const intermediates = resources.map((r, i) => ({
        type: r.getType(),
        props: unknownCheckingProxy(bags[i].props),
        urn: r.getUrn(),
        name: r.getName(),
        opts: { protect: r.getOptions()?.getProtect(), ignoreChanges: r.getOptions()?.getIgnorechangesList(), aliases: r.getOptions()?.getAliasesList(), customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
        dependencies: [] as unknown[],
        propertyDependencies: {},
        isType: () => false,
        asType: () => undefined,
        provider: bags[i].provider ? { props: unknownCheckingProxy(bags[i].provider), urn: r.getProvider()?.getUrn() ?? "", type: r.getProvider()?.getType() ?? "", name: r.getProvider()?.getName() ?? "" } : undefined,
    }));
    const withIntermediates = live();
    // Our StackView, built once per AnalyzeStack from those (model.ts), through the real code.
    const view = stackView({ resources: intermediates, stackTags: new Map(), getConfig: () => ({}), notApplicable: () => undefined } as never);
    const withView = live();
    void [view, intermediates, request];
    return {
        size,
        wireBytes: wire.length,
        requestMiB: (withRequest - base) / MIB,
        sharedBagsMiB: (withBags - withRequest) / MIB,
        stackViewMiB: (withView - withIntermediates) / MIB,
        perStackPolicyMiB: (withIntermediates - withBags) / MIB,
    };
}

if (require.main === module) {
    console.log(JSON.stringify(heapBreakdown(Number(process.argv[2] ?? 10000)), null, 2));
}

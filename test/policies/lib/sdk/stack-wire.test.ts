// The one pass reads AnalyzeStack requests from their bytes (policies/lib/sdk/stack-wire.ts); it
// must see exactly what google-protobuf's decoding gives the SDK, also for bytes our own driver
// never writes (map keys out of order or repeated, as other encoders may send them) and must
// refuse what google-protobuf refuses.
import { strict as assert } from "node:assert";
import { Writer } from "protobufjs/minimal";
import { protoModules } from "../../../../cli/analyzer/grpc";
import { stackResource } from "../../../../cli/analyzer/messages";
import { SecretCollector } from "../../../../cli/analyzer/encode";
import { syntheticStack } from "../../../../bench/stacks";
import { readAnalyzeStackRequest } from "../../../../policies/lib/sdk/stack-wire";
import type { AnalyzerResourceMessage } from "../../../../policies/lib/sdk/stack-request";

const m = protoModules();

function plain(r: AnalyzerResourceMessage) {
    const provider = r.getProvider();
    return {
        type: r.getType(),
        urn: r.getUrn(),
        name: r.getName(),
        parent: r.getParent(),
        props: (r.getProperties() as { toJavaScript(): unknown }).toJavaScript(),
        optionsParent: r.getOptions()?.getParent(),
        provider: provider && { type: provider.getType(), urn: provider.getUrn(), name: provider.getName(), props: (provider.getProperties() as { toJavaScript(): unknown }).toJavaScript() },
        dependencies: r.getDependenciesList(),
        propertyDependencies: [...(r.getPropertydependenciesMap()?.entries() ?? [])].map(([k, v]) => [k, v.getUrnsList()]),
    };
}

function bothWays(bytes: Uint8Array) {
    const ours = readAnalyzeStackRequest(bytes).map(plain);
    const sdk = m.pb.AnalyzeStackRequest.deserializeBinary(bytes).getResourcesList().map((r) => plain(r as unknown as AnalyzerResourceMessage));
    return { ours, sdk };
}

/** A Struct written by hand: fields in the order given, duplicates kept. */
function struct(w: Writer, fields: Array<[string, (w: Writer) => void]>): void {
    for (const [key, value] of fields) {
        w.uint32((1 << 3) | 2).fork();
        w.uint32((1 << 3) | 2).string(key);
        w.uint32((2 << 3) | 2).fork();
        value(w);
        w.ldelim();
        w.ldelim();
    }
}

describe("reading AnalyzeStack requests from their bytes (stack-wire)", () => {
    it("reads what our driver sends exactly as google-protobuf does (the bench stack)", () => {
        const input = syntheticStack(300);
        const byUrn = new Map(input.resources.map((r) => [r.urn, r] as const));
        const request = new m.pb.AnalyzeStackRequest();
        request.setResourcesList(input.resources.map((r) => stackResource(m, r, r.provider ? byUrn.get(r.provider) : undefined, new SecretCollector())));
        const { ours, sdk } = bothWays(request.serializeBinary());
        assert.equal(ours.length, 300);
        assert.deepEqual(ours, sdk);
    });

    it("orders keys as google-protobuf does and keeps the last of a repeated key", () => {
        const w = Writer.create();
        w.uint32((1 << 3) | 2).fork();
        w.uint32((1 << 3) | 2).string("aws:iam/accessKey:AccessKey");
        w.uint32((2 << 3) | 2).fork();
        struct(w, [
            ["zeta", (v) => v.uint32((3 << 3) | 2).string("z")],
            ["alpha", (v) => v.uint32((2 << 3) | 1).double(1.5)],
            ["10", (v) => v.uint32((4 << 3) | 0).bool(true)],
            ["alpha", (v) => v.uint32((1 << 3) | 0).int32(0)],
            ["list", (v) => {
                v.uint32((6 << 3) | 2).fork();
                v.uint32((1 << 3) | 2).fork().uint32((3 << 3) | 2).string("x").ldelim();
                v.ldelim();
            }],
        ]);
        w.ldelim();
        w.uint32((3 << 3) | 2).string("urn:pulumi:prod::p::aws:iam/accessKey:AccessKey::k");
        w.uint32((5 << 3) | 2).fork().uint32((8 << 3) | 2).string("urn:parent").ldelim();
        w.uint32((9 << 3) | 2).fork().uint32((1 << 3) | 2).string("user").uint32((2 << 3) | 2).fork().uint32((1 << 3) | 2).string("urn:u").ldelim().ldelim();
        w.uint32((9 << 3) | 2).fork().uint32((1 << 3) | 2).string("a").uint32((2 << 3) | 2).fork().ldelim().ldelim();
        w.ldelim();
        const { ours, sdk } = bothWays(w.finish());
        assert.deepEqual(ours, sdk);
        assert.deepEqual(Object.keys(ours[0].props as object), ["10", "alpha", "list", "zeta"]);
        assert.equal((ours[0].props as Record<string, unknown>).alpha, null);
    });

    it("refuses a value with no kind, as google-protobuf does", () => {
        const w = Writer.create();
        w.uint32((1 << 3) | 2).fork();
        w.uint32((2 << 3) | 2).fork();
        struct(w, [["empty", () => undefined]]);
        w.ldelim();
        w.ldelim();
        const bytes = w.finish();
        assert.throws(() => m.pb.AnalyzeStackRequest.deserializeBinary(bytes).getResourcesList()[0].getProperties()?.toJavaScript(), /Unexpected struct type/);
        // The bag is read when it is asked for (the one pass builds the view whenever the SDK would
        // have read the bags, and leaves the call to the SDK when it throws).
        const [resource] = readAnalyzeStackRequest(bytes);
        assert.throws(() => (resource.getProperties() as { toJavaScript(): unknown }).toJavaScript(), /Unexpected struct type/);
    });

    it("reads each resource's bag afresh when asked, and a provider sent with many resources once", () => {
        const input = syntheticStack(120);
        const byUrn = new Map(input.resources.map((r) => [r.urn, r] as const));
        const request = new m.pb.AnalyzeStackRequest();
        request.setResourcesList(input.resources.map((r) => stackResource(m, r, r.provider ? byUrn.get(r.provider) : undefined, new SecretCollector())));
        const resources = readAnalyzeStackRequest(request.serializeBinary());
        const bag = resources[7].getProperties() as { toJavaScript(): unknown };
        // Not kept: each reading is a new tree (the view copies it, so the first dies young).
        assert.notEqual(bag.toJavaScript(), bag.toJavaScript());
        assert.deepEqual(bag.toJavaScript(), bag.toJavaScript());
        const awsResources = resources.filter((r) => r.getProvider()?.getType() === "pulumi:providers:aws");
        assert.ok(awsResources.length > 50);
        assert.equal(new Set(awsResources.map((r) => r.getProvider())).size, 1);
    });
});

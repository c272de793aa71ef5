// The evaluation core of @cloud-copilot/iam-simulate, called synchronously. Its public entry
// points are `runSimulation` (async: it validates actions against data it reads from disk, and
// rules cannot wait) and `runUnsafeSimulation`, which is synchronous but loads the resource
// policy without the metadata its own engine reads (0.1.173: "Cannot read properties of undefined
// (reading 'name')" for any request with a resource or trust policy). This file does what
// runUnsafeSimulation does, with the resource policy named. The modules are the package's
// internals, loaded by path because its `exports` map publishes only the root; the version is
// pinned exactly and test/policies/reach/engine.test.ts fails if they move.

import { loadPolicy } from "@cloud-copilot/iam-policy";
import { dirname, join } from "node:path";

interface Internals {
    authorize(request: Record<string, unknown>): { result: string };
    AwsRequestImpl: new (principal: string, resource: { resource: string; accountId: string }, action: string, context: unknown) => unknown;
    RequestContextImpl: new (values: Record<string, string | string[]>) => unknown;
    DiscoveryContextKeyConstraints: new (constraints: unknown[]) => unknown;
}

let internals: Internals | undefined;

function load(): Internals {
    const root = dirname(require.resolve("@cloud-copilot/iam-simulate"));
    /* eslint-disable @typescript-eslint/no-require-imports */
    const core = require(join(root, "core_engine", "CoreSimulatorEngine.js")) as Pick<Internals, "authorize">;
    const request = require(join(root, "request", "request.js")) as Pick<Internals, "AwsRequestImpl">;
    const context = require(join(root, "requestContext.js")) as Pick<Internals, "RequestContextImpl">;
    const discovery = require(join(root, "context_keys", "discoveryContextKeyConstraints.js")) as Pick<Internals, "DiscoveryContextKeyConstraints">;
    /* eslint-enable @typescript-eslint/no-require-imports */
    return { ...core, ...request, ...context, ...discovery };
}

export interface EngineRequest {
    readonly principal: string;
    readonly action: string;
    readonly resource: string;
    readonly account: string;
    readonly identity: readonly { readonly name: string; readonly policy: unknown }[];
    readonly boundary?: readonly { readonly name: string; readonly policy: unknown }[];
    readonly resourcePolicy?: unknown;
}

/** "Allowed", "ExplicitlyDenied" or "ImplicitlyDenied", as the engine decides in Strict mode. */
export function evaluate(input: EngineRequest): string {
    internals ??= load();
    const { authorize, AwsRequestImpl, RequestContextImpl, DiscoveryContextKeyConstraints } = internals;
    const request = new AwsRequestImpl(input.principal, { resource: input.resource, accountId: input.account }, input.action, new RequestContextImpl({}));
    const analysis = authorize({
        request,
        sessionPolicy: undefined,
        identityPolicies: input.identity.map((p) => loadPolicy(p.policy as never, { name: p.name })),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: input.resourcePolicy === undefined ? undefined : loadPolicy(input.resourcePolicy as never, { name: "ResourcePolicy" }),
        permissionBoundaries: input.boundary?.map((p) => loadPolicy(p.policy as never, { name: p.name })),
        vpcEndpointPolicies: undefined,
        simulationParameters: { simulationMode: "Strict", discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]) },
        serviceSettings: { s3: { blockPublicAccess: undefined } },
    });
    return analysis.result;
}

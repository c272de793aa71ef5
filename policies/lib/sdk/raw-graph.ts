// The dependency URNs the engine sends with AnalyzeStack, before the SDK filters them.
//
// A read resource (`.get(...)`, and so every StackReference) is never in an AnalyzeStack request,
// yet its URN is in the `dependencies` and `propertyDependencies` of every resource built from its
// outputs, and a StackReference's URN carries the referenced stack's name. @pulumi/policy 1.21
// turns those URN lists into resource objects and drops every URN that is not a resource of the
// request, so a pack written with it never sees them. We record the lists as they arrive: the
// SDK reads them through the generated message's getters before it runs any stack policy, so
// wrapping those two getters (once per process) sees every list of every call.

import * as path from "node:path";

export interface RawGraph {
    readonly dependencies: readonly string[];
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

// A resource's URN identifies it within one AnalyzeStack call; each new call starts afresh.
const byUrn = new Map<string, { dependencies?: string[]; propertyDependencies?: Record<string, string[]> }>();

/** What the engine sent for this resource in the last AnalyzeStack call, when it was recorded. */
export function rawGraphOf(urn: string): Partial<RawGraph> | undefined {
    return byUrn.get(urn);
}

/** Forgets every record (a new AnalyzeStack call; in-process test runtimes between cases). */
export function clearRawGraph(): void {
    byUrn.clear();
}

/** Records a resource's URN lists (the wrapped getters do; in-process test runtimes do too). */
export function recordRawGraph(urn: string, graph: Partial<RawGraph>): void {
    const entry = byUrn.get(urn) ?? {};
    if (graph.dependencies) entry.dependencies = [...graph.dependencies];
    if (graph.propertyDependencies) {
        entry.propertyDependencies = Object.fromEntries(Object.entries(graph.propertyDependencies).map(([key, urns]) => [key, [...urns]]));
    }
    byUrn.set(urn, entry);
}

interface UrnList {
    getUrnsList(): string[];
}

interface AnalyzeStackRequestPrototype {
    getResourcesList(this: object): unknown[];
}

interface AnalyzerResourcePrototype {
    getUrn(this: object): string;
    getDependenciesList(this: object): string[];
    getPropertydependenciesMap(this: object): { forEach(fn: (value: UrnList, key: string) => void): void };
}

let installed = false;

/** Wraps the getters of the AnalyzerResource message that this process's @pulumi/policy uses. Idempotent. */
export function installRawGraphCapture(): void {
    if (installed) return;
    installed = true;
    let prototype: AnalyzerResourcePrototype;
    let request: AnalyzeStackRequestPrototype;
    try {
        const policyDir = path.dirname(require.resolve("@pulumi/policy"));
        const modulePath = require.resolve("@pulumi/pulumi/proto/analyzer_pb", { paths: [policyDir] });
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const pb = require(modulePath) as { AnalyzerResource: { prototype: AnalyzerResourcePrototype }; AnalyzeStackRequest: { prototype: AnalyzeStackRequestPrototype } };
        prototype = pb.AnalyzerResource.prototype;
        request = pb.AnalyzeStackRequest.prototype;
    } catch {
        return; // No SDK here (a tool importing the pack's library): nothing to capture.
    }
    const resourcesList = request.getResourcesList;
    const seen = new WeakSet<object>();
    request.getResourcesList = function (this: object) {
        if (!seen.has(this)) {
            seen.add(this);
            clearRawGraph();
        }
        return resourcesList.call(this);
    };
    const dependencies = prototype.getDependenciesList;
    const propertyDependencies = prototype.getPropertydependenciesMap;
    prototype.getDependenciesList = function (this: object) {
        const list = dependencies.call(this);
        recordRawGraph(prototype.getUrn.call(this), { dependencies: list });
        return list;
    };
    prototype.getPropertydependenciesMap = function (this: object) {
        const map = propertyDependencies.call(this);
        const copy: Record<string, string[]> = {};
        map.forEach((value, key) => {
            copy[key] = value.getUrnsList();
        });
        recordRawGraph(prototype.getUrn.call(this), { propertyDependencies: copy });
        return map;
    };
}

// The benchmark's synthetic stacks (stacks.ts) written as `pulumi stack export` documents
// (deployment version 3), under any stack and project name: what `blastwall check --state` reads.
// Used by bench/many-exports.ts and by the many-exports equivalence test.

import { EngineResource, StackInput } from "../cli/analyzer/model";
import { BENCH_PROJECT, BENCH_STACK } from "./stacks";

/** The URN of a bench resource moved to another stack and project. */
function moved(urn: string, stack: string, project: string): string {
    const prefix = `urn:pulumi:${BENCH_STACK}::${BENCH_PROJECT}::`;
    return urn.startsWith(prefix) ? `urn:pulumi:${stack}::${project}::${urn.slice(prefix.length)}` : urn;
}

function exportedResource(resource: EngineResource, stack: string, project: string, byUrn: ReadonlyMap<string, EngineResource>): Record<string, unknown> {
    const to = (urn: string) => moved(urn, stack, project);
    const provider = resource.provider ? byUrn.get(resource.provider) : undefined;
    return {
        urn: to(resource.urn),
        custom: resource.custom,
        ...(resource.id !== undefined ? { id: resource.id } : {}),
        type: resource.type,
        inputs: resource.inputs,
        outputs: resource.outputs,
        ...(resource.parent ? { parent: to(resource.parent) } : {}),
        dependencies: resource.dependencies.map(to),
        propertyDependencies: Object.fromEntries(Object.entries(resource.propertyDependencies).map(([key, urns]) => [key, urns.map(to)])),
        ...(provider ? { provider: `${to(provider.urn)}::${provider.id ?? "04da6b54-80e4-46f7-96ec-b56ff0331ba9"}` } : {}),
        ...(resource.options.additionalSecretOutputs.length > 0 ? { additionalSecretOutputs: resource.options.additionalSecretOutputs } : {}),
        created: "2025-06-01T00:00:00Z",
        modified: "2025-06-01T00:00:00Z",
    };
}

/** The stack as the JSON text of its export, its URNs naming `stack` and `project`. */
export function exportText(input: StackInput, stack: string, project = input.project): string {
    const byUrn = new Map(input.resources.map((r) => [r.urn, r] as const));
    return JSON.stringify({
        version: 3,
        deployment: {
            manifest: { time: "2025-06-01T00:00:00Z", magic: "", version: "v3.200.0" },
            resources: input.resources.map((r) => exportedResource(r, stack, project, byUrn)),
        },
    });
}

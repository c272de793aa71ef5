// The stack as the pack's rules see it in AnalyzeStack, built in the CLI from the resources it
// sent: outputs as plain values (secrets unwrapped, or "[secret]" when only ciphertext is known;
// unknowns kept as the engine's sentinel), with the graph. The reach model then runs on the very
// data, and with the very settings, the pack judged.

import { buildStackView, ResourceView, StackView } from "../../policies/lib/model";
import { NO_SECRETS, wireSignatures } from "../../policies/lib/sdk/wire";
import type { EngineResource } from "../analyzer/model";

const MAX_DEPTH = 64;

function plain(value: unknown, depth = 0): unknown {
    if (depth > MAX_DEPTH || value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) return value.map((v) => plain(v, depth + 1));
    const record = value as Record<string, unknown>;
    const signature = record[wireSignatures.key];
    if (signature === wireSignatures.secret) return "value" in record ? plain(record.value, depth + 1) : "[secret]";
    if (signature === wireSignatures.resourceReference) return typeof record.id === "string" && record.id !== "" ? record.id : record.urn;
    if (signature !== undefined) return undefined;
    const result: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(record)) result[key] = plain(inner, depth + 1);
    return result;
}

function view(resource: EngineResource, byUrn: ReadonlyMap<string, EngineResource>): ResourceView {
    const provider = resource.provider ? byUrn.get(resource.provider) : undefined;
    return {
        urn: resource.urn,
        type: resource.type,
        name: resource.name,
        props: plain({ ...resource.inputs, ...resource.outputs }) as Record<string, unknown>,
        secrets: NO_SECRETS,
        provider: provider ? { urn: provider.urn, type: provider.type, name: provider.name, props: plain(provider.inputs) as Record<string, unknown>, secrets: NO_SECRETS } : undefined,
        parent: resource.parent,
        dependencies: resource.dependencies,
        propertyDependencies: resource.propertyDependencies,
    };
}

export function stackViewOf(resources: readonly EngineResource[], tags: Readonly<Record<string, string>>): StackView {
    const byUrn = new Map(resources.map((r) => [r.urn, r] as const));
    return buildStackView(
        resources.filter((r) => !r.external).map((r) => view(r, byUrn)),
        new Map(Object.entries(tags)),
    );
}

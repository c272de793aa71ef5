// What the mock monitor answers for a resource: its outputs as a first `pulumi preview` of a new
// stack would show them, in wire form.
//   - Inputs are echoed as outputs (providers echo their inputs).
//   - Values the provider settles while planning are known: autonamed names, schema defaults,
//     `tagsAll` (provider default tags under the resource's tags).
//   - Values only the cloud assigns are unknown in a preview of a new resource: the id, ARNs,
//     creation timestamps, generated secrets. They get realistic values (ids with the right
//     shape, ARNs in the provider's account and region) when the resource exists already: when it
//     is imported (`import`) or read (`get`), and outside preview.
//   - Creation timestamps of existing resources cannot be known offline; they stay unknown unless
//     the program states them, so an age can never be invented.

import { isRecord, UNKNOWN_WIRE_VALUE } from "../../policies/lib/props";
import { wireSignatures } from "../../policies/lib/sdk/wire";
import { Context, genericMock, MOCKS } from "./mock-catalog";
import { hex } from "./mock-values";

export interface ProviderFacts {
    readonly region: string;
    readonly accountId: string;
    /** Provider default tags (AWS `defaultTags.tags`), wire form. */
    readonly defaultTags: Readonly<Record<string, unknown>>;
}

export interface MockRequest {
    readonly type: string;
    readonly name: string;
    /** Wire form, as the program sent them. */
    readonly inputs: Readonly<Record<string, unknown>>;
    /** True when the resource exists already (import or read): cloud-assigned values are known. */
    readonly exists: boolean;
    readonly importId?: string;
    readonly dryRun: boolean;
    readonly provider: ProviderFacts;
    /** The registration's additionalSecretOutputs (the SDK's schema secrets and the program's own). */
    readonly additionalSecretOutputs?: readonly string[];
}

export interface MockResponse {
    /** "" when unknown (a preview of a new resource). */
    readonly id: string;
    readonly state: Record<string, unknown>;
}

function secret(value: unknown): Record<string, unknown> {
    return { [wireSignatures.key]: wireSignatures.secret, value };
}

function tagsAll(context: Context): unknown {
    const tags = context.inputs.tags;
    if (tags === UNKNOWN_WIRE_VALUE) return UNKNOWN_WIRE_VALUE;
    const own = isRecord(tags) ? tags : {};
    if (Object.keys(context.provider.defaultTags).length === 0 && Object.keys(own).length === 0) return undefined;
    return { ...context.provider.defaultTags, ...own };
}

export function mockResource(request: MockRequest): MockResponse {
    const mock = MOCKS[request.type] ?? genericMock(request.type);
    const context: Context = { ...request, known: request.exists || !request.dryRun, seed: `${request.type}::${request.name}` };
    const state: Record<string, unknown> = { ...request.inputs };
    const secretOutputs = new Set(mock.secretOutputs ?? []);
    const put = (key: string, value: unknown) => {
        if (value === undefined) return;
        state[key] = secretOutputs.has(key) && value !== UNKNOWN_WIRE_VALUE ? secret(value) : value;
    };

    if (mock.autoname && state[mock.autoname] === undefined) put(mock.autoname, `${request.name}-${hex(7, context.seed)}`);
    for (const [key, generate] of Object.entries(mock.planned ?? {})) {
        if (state[key] === undefined) put(key, generate(context, ""));
    }
    // tagsAll exists only on taggable resources: the ones blastwall knows, and any the program tags.
    if (request.type.startsWith("aws:") && (mock.taggable || request.inputs.tags !== undefined)) {
        const all = tagsAll(context);
        if (all !== undefined) put("tagsAll", all);
    }

    const id = context.known ? (request.importId || mock.id?.(context) || `${request.name}-${hex(7, context.seed)}`) : "";
    for (const [key, generate] of Object.entries(mock.assigned ?? {})) {
        if (state[key] !== undefined) continue;
        // An existing resource's assigned values are known, except what offline cannot know
        // (a generator returning undefined): those stay unknown rather than invented.
        const value = context.known ? generate(context, id) : UNKNOWN_WIRE_VALUE;
        put(key, value === undefined ? UNKNOWN_WIRE_VALUE : value);
    }
    if (request.type.startsWith("aws:") || request.type.startsWith("okta:")) state.id = id === "" ? UNKNOWN_WIRE_VALUE : id;
    markAdditionalSecrets(state, request.additionalSecretOutputs ?? []);
    return { id, state };
}

/**
 * As the engine does after a provider's Create: every output named in additionalSecretOutputs that
 * the provider returned is secret, unknowns included. Outputs the provider computes come from the
 * catalog (a RandomPassword's `result`); a name with no output (a write-only input) is not invented.
 */
function markAdditionalSecrets(state: Record<string, unknown>, names: readonly string[]): void {
    for (const name of names) {
        if (state[name] === undefined) continue;
        const value = state[name];
        if (!(isRecord(value) && value[wireSignatures.key] === wireSignatures.secret)) state[name] = secret(value);
    }
}

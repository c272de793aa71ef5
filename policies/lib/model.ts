// The plain data rules work on, built from the SDK's arguments. Rules never touch the SDK's
// proxies: reading an unknown through them throws, and the SDK then downgrades the whole policy
// for that resource to an advisory "can't run during preview". We unwrap them and let rules see
// unknowns as values (props.ts), so they can resolve them through the graph or say exactly what
// they could not verify, at their own enforcement level.

import type { PolicyResource, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { isRecord, PropertyBag } from "./props";
import { NO_SECRETS, SecretIndex, secretsOf } from "./sdk/wire";

/**
 * Checkpoint timestamps are not part of the analyzer protocol. `blastwall check --state` passes
 * them as this reserved output property so that age rules can use them; the real engine never
 * sends it (provider outputs only carry schema properties).
 */
export const CHECKPOINT_PROPERTY = "__blastwallCheckpoint";

export interface ProviderView {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly props: PropertyBag;
    readonly secrets: SecretIndex;
}

export interface ResourceView {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** Inputs (Analyze) or outputs (AnalyzeStack); unknowns are sentinel strings, see props.ts. */
    readonly props: PropertyBag;
    readonly secrets: SecretIndex;
    readonly provider?: ProviderView;
    readonly parent?: string;
    /** Empty when analysing one resource: the engine sends no graph with Analyze. */
    readonly dependencies: readonly string[];
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

export interface StackView {
    readonly stack: string;
    readonly project: string;
    readonly stackTags: ReadonlyMap<string, string>;
    readonly resources: readonly ResourceView[];
    readonly byUrn: ReadonlyMap<string, ResourceView>;
    /** Resources that name this URN as their parent. */
    children(urn: string): readonly ResourceView[];
    /** Resources whose `dependencies` include this URN. */
    dependents(urn: string): readonly ResourceView[];
}

const PROXY_TARGET = "__getSpecialProxyTarget";

/** The object behind one of the SDK's property proxies (or the value itself). */
export function unwrap(props: unknown): PropertyBag {
    if (props === null || typeof props !== "object") return {};
    const target = (props as Record<string, unknown>)[PROXY_TARGET];
    const raw = target !== undefined ? target : props;
    return isRecord(raw) ? raw : {};
}

function secretsFor(props: unknown): SecretIndex {
    if (props === null || typeof props !== "object") return NO_SECRETS;
    const target = (props as Record<string, unknown>)[PROXY_TARGET];
    return secretsOf((target ?? props) as object);
}

/** `urn:pulumi:<stack>::<project>::<type path>::<name>` split into its parts. */
export function parseUrn(urn: string): { stack: string; project: string; type: string; name: string } {
    const match = /^urn:pulumi:([^:]*)::([^:]*)::(.*)::(.*)$/s.exec(urn);
    if (!match) return { stack: "", project: "", type: "", name: urn };
    const typePath = match[3].split("$");
    return { stack: match[1], project: match[2], type: typePath[typePath.length - 1], name: match[4] };
}

function providerView(provider: ResourceValidationArgs["provider"]): ProviderView | undefined {
    if (!provider) return undefined;
    return {
        urn: provider.urn,
        type: provider.type,
        name: provider.name,
        props: unwrap(provider.props),
        secrets: secretsFor(provider.props),
    };
}

export function resourceView(args: ResourceValidationArgs): ResourceView {
    return {
        urn: args.urn,
        type: args.type,
        name: args.name,
        props: unwrap(args.props),
        secrets: secretsFor(args.props),
        provider: providerView(args.provider),
        parent: args.opts?.parent || undefined,
        dependencies: [],
        propertyDependencies: {},
    };
}

function stackResourceView(resource: PolicyResource): ResourceView {
    const propertyDependencies: Record<string, string[]> = {};
    for (const [key, deps] of Object.entries(resource.propertyDependencies ?? {})) {
        propertyDependencies[key] = deps.map((d) => d.urn);
    }
    return {
        urn: resource.urn,
        type: resource.type,
        name: resource.name,
        props: unwrap(resource.props),
        secrets: secretsFor(resource.props),
        provider: providerView(resource.provider),
        parent: resource.parent?.urn ?? (resource.opts?.parent || undefined),
        dependencies: (resource.dependencies ?? []).map((d) => d.urn),
        propertyDependencies,
    };
}

function index<K, V>(pairs: Iterable<[K, V]>): Map<K, V[]> {
    const result = new Map<K, V[]>();
    for (const [key, value] of pairs) {
        const list = result.get(key);
        if (list) list.push(value);
        else result.set(key, [value]);
    }
    return result;
}

export function buildStackView(resources: readonly ResourceView[], stackTags: ReadonlyMap<string, string>): StackView {
    const byUrn = new Map(resources.map((r) => [r.urn, r] as const));
    const first = resources[0] ? parseUrn(resources[0].urn) : { stack: "", project: "" };
    let childIndex: Map<string, ResourceView[]> | undefined;
    let dependentIndex: Map<string, ResourceView[]> | undefined;
    return {
        stack: first.stack,
        project: first.project,
        stackTags,
        resources,
        byUrn,
        children(urn) {
            childIndex ??= index(resources.filter((r) => r.parent).map((r) => [r.parent as string, r]));
            return childIndex.get(urn) ?? [];
        },
        dependents(urn) {
            dependentIndex ??= index(resources.flatMap((r) => r.dependencies.map((d) => [d, r] as [string, ResourceView])));
            return dependentIndex.get(urn) ?? [];
        },
    };
}

// One AnalyzeStack call runs every stack policy over the same request; the wire hook hands each
// of them the same deserialized objects, so the first resource's props identify the call.
const stackViews = new WeakMap<object, StackView>();

export function stackView(args: StackValidationArgs): StackView {
    const resources = args.resources ?? [];
    const key = resources.length > 0 ? unwrap(resources[0].props) : undefined;
    const cached = key ? stackViews.get(key) : undefined;
    if (cached && cached.resources.length === resources.length && cached.stackTags === args.stackTags) return cached;
    const view = buildStackView(resources.map(stackResourceView), args.stackTags ?? new Map());
    if (key) stackViews.set(key, view);
    return view;
}

/** The stack a single resource belongs to, from its URN (Analyze carries no stack view). */
export function stackOf(resource: Pick<ResourceView, "urn">): { stack: string; project: string } {
    const { stack, project } = parseUrn(resource.urn);
    return { stack, project };
}

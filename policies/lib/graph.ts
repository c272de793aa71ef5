// Following values through the resource graph of one stack. During preview a value another
// resource computes (a peer VPC id, a CIDR, a policy document) is unknown, but the engine still
// records which resources each top-level property was computed from (`propertyDependencies`).
// A rule can then judge the resource the value will come from instead of giving up. Known ids
// can be matched as well: bridged providers carry `id` (and `arn`) among their outputs.
//
// Everything here is generic: it knows resources, properties and URNs, never a resource type.
// Indexes are built on first use and cached on the StackView, which every stack policy of one
// AnalyzeStack call shares, so no rule scans the resources more than once.

import type { ResourceView, StackView } from "./model";
import { get, PathStep, UNKNOWN } from "./props";

export interface StackGraph {
    /** Resources of the stack that top-level `property` of `resource` was computed from. */
    sources(resource: ResourceView, property: string): readonly ResourceView[];
    /** Resources whose output `property` is exactly `value`, e.g. ("id", "vpc-0abc"). */
    withOutput(property: string, value: string): readonly ResourceView[];
    /** Resources whose `property` was computed from the resource `urn` (the reverse of sources). */
    referrers(urn: string, property: string): readonly ResourceView[];
}

const graphs = new WeakMap<StackView, StackGraph>();

export function stackGraph(stack: StackView): StackGraph {
    const cached = graphs.get(stack);
    if (cached) return cached;
    const outputIndexes = new Map<string, Map<string, ResourceView[]>>();
    // target URN -> property -> resources whose property was computed from the target
    let referrerIndex: Map<string, Map<string, ResourceView[]>> | undefined;
    const graph: StackGraph = {
        sources(resource, property) {
            const urns = resource.propertyDependencies[property];
            if (!urns || urns.length === 0) return [];
            const found: ResourceView[] = [];
            for (const urn of urns) {
                const source = stack.byUrn.get(urn);
                if (source && source !== resource && !found.includes(source)) found.push(source);
            }
            return found;
        },
        withOutput(property, value) {
            let index = outputIndexes.get(property);
            if (!index) {
                index = new Map();
                for (const resource of stack.resources) {
                    const output = get(resource.props, property);
                    if (typeof output !== "string" || output === "") continue;
                    const list = index.get(output);
                    if (list) list.push(resource);
                    else index.set(output, [resource]);
                }
                outputIndexes.set(property, index);
            }
            return index.get(value) ?? [];
        },
        referrers(urn, property) {
            if (!referrerIndex) {
                referrerIndex = new Map();
                for (const resource of stack.resources) {
                    for (const key in resource.propertyDependencies) {
                        for (const target of resource.propertyDependencies[key]) {
                            let byProperty = referrerIndex.get(target);
                            if (!byProperty) referrerIndex.set(target, (byProperty = new Map()));
                            const list = byProperty.get(key);
                            if (!list) byProperty.set(key, [resource]);
                            // One resource's URNs for one property are listed together.
                            else if (list[list.length - 1] !== resource) list.push(resource);
                        }
                    }
                }
            }
            return referrerIndex.get(urn)?.get(property) ?? [];
        },
    };
    graphs.set(stack, graph);
    return graph;
}

/**
 * What a visitor says about one resource met while tracing: it decides (with a value of the
 * caller's choosing), the trace should go on through some of its properties, or it is a dead end.
 */
export type Visit<T> = { readonly decided: T } | { readonly follow: readonly string[] } | undefined;

export interface Decision<T> {
    readonly value: T;
    /** The resource that decided. */
    readonly resource: ResourceView;
    /** Every resource from the first hop to the deciding one. */
    readonly chain: readonly ResourceView[];
}

export interface Traced<T> {
    readonly decisions: readonly Decision<T>[];
    /**
     * True when some branch ended without a decision: the property has no recorded source, a
     * visitor found a dead end, or the depth limit was reached. A rule reports "cannot verify"
     * only when this is true and `decisions` does not settle the question.
     */
    readonly undecided: boolean;
}

export const DEFAULT_TRACE_DEPTH = 6;

/**
 * Follows `property` of `from` to the resources it was computed from, asks `visit` about each,
 * and keeps following the properties the visitor names. Each resource is visited once (the
 * graph may have cycles through parents); depth is bounded.
 */
export function trace<T>(
    stack: StackView,
    from: ResourceView,
    property: string,
    visit: (resource: ResourceView) => Visit<T>,
    maxDepth = DEFAULT_TRACE_DEPTH,
): Traced<T> {
    const graph = stackGraph(stack);
    const decisions: Decision<T>[] = [];
    const seen = new Set<ResourceView>([from]);
    let undecided = false;
    let frontier: { resource: ResourceView; property: string; chain: readonly ResourceView[] }[] = [{ resource: from, property, chain: [] }];
    for (let depth = 0; frontier.length > 0; depth++) {
        if (depth >= maxDepth) {
            undecided = true;
            break;
        }
        const next: typeof frontier = [];
        for (const step of frontier) {
            const sources = graph.sources(step.resource, step.property);
            if (sources.length === 0) undecided = true;
            for (const source of sources) {
                // Back at the start: a cycle, and this branch decided nothing. Any other resource
                // seen before is accounted for by the branch that reached it first.
                if (source === from) undecided = true;
                if (seen.has(source)) continue;
                seen.add(source);
                const chain = [...step.chain, source];
                const answer = visit(source);
                if (answer === undefined) undecided = true;
                else if ("decided" in answer) decisions.push({ value: answer.decided, resource: source, chain });
                else if (answer.follow.length === 0) undecided = true;
                else for (const followed of answer.follow) next.push({ resource: source, property: followed, chain });
            }
        }
        frontier = next;
    }
    return { decisions, undecided };
}

export type Resolved<T> = { readonly known: true; readonly value: unknown } | { readonly known: false; readonly traced: Traced<T> };

/**
 * The value at `path` of a resource when it is known; otherwise what the graph says about the
 * resources it will be computed from (traced through the top-level property of `path`).
 */
export function resolve<T>(
    stack: StackView,
    resource: ResourceView,
    path: readonly PathStep[],
    visit: (resource: ResourceView) => Visit<T>,
    maxDepth = DEFAULT_TRACE_DEPTH,
): Resolved<T> {
    const value = get(resource.props, ...path);
    if (value !== UNKNOWN) return { known: true, value };
    const top = path[0];
    if (typeof top !== "string") return { known: false, traced: { decisions: [], undecided: true } };
    return { known: false, traced: trace(stack, resource, top, visit, maxDepth) };
}

// The few graph lookups owner resolution needs, each index built once per StackView. This is the
// subset of the general module another branch adds as policies/lib/graph.ts, with the same names
// and meaning (sources, withOutput, referrers): once that lands, import it from there and delete
// this file.

import type { ResourceView, StackView } from "../lib/model";
import { get } from "../lib/props";

export interface StackGraph {
    /** Resources of the stack that top-level `property` of `resource` was computed from. */
    sources(resource: ResourceView, property: string): readonly ResourceView[];
    /** Resources whose output `property` is exactly `value`, e.g. ("name", "ci-deployer"). */
    withOutput(property: string, value: string): readonly ResourceView[];
    /** Resources whose `property` was computed from the resource `urn` (the reverse of sources). */
    referrers(urn: string, property: string): readonly ResourceView[];
}

const graphs = new WeakMap<StackView, StackGraph>();

function push<K>(map: Map<K, ResourceView[]>, key: K, resource: ResourceView): void {
    const list = map.get(key);
    if (!list) map.set(key, [resource]);
    else if (list[list.length - 1] !== resource) list.push(resource);
}

export function stackGraph(stack: StackView): StackGraph {
    const cached = graphs.get(stack);
    if (cached) return cached;
    const outputIndexes = new Map<string, Map<string, ResourceView[]>>();
    // "<target urn> <property>" -> resources whose property was computed from the target
    let referrerIndex: Map<string, ResourceView[]> | undefined;
    const graph: StackGraph = {
        sources(resource, property) {
            const found: ResourceView[] = [];
            for (const urn of resource.propertyDependencies[property] ?? []) {
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
                    if (typeof output === "string" && output !== "") push(index, output, resource);
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
                        for (const target of resource.propertyDependencies[key]) push(referrerIndex, `${target} ${key}`, resource);
                    }
                }
            }
            return referrerIndex.get(`${urn} ${property}`) ?? [];
        },
    };
    graphs.set(stack, graph);
    return graph;
}

// Multi-language components judged by their arguments. A real preview registers their children
// (the provider's Construct builds them) and the component itself with no properties; offline,
// under mocks, only the component is there, carrying its arguments. `componentParts` turns those
// arguments into resources of the children's own types for the stack rules to judge, unless the
// stack already holds the children that declare the same thing (never the same fact twice).

import type { ResourceView, StackView } from "../lib/model";
import { AWSX_PARTS, withAwsxDefaults } from "./awsx";
import { EKS_PARTS } from "./eks";
import { buildPart, descendantTypes, PartSpec } from "./part";

// A Map, so that no type name (`constructor`, `__proto__`) can reach Object.prototype.
const PARTS: ReadonlyMap<string, (component: ResourceView) => PartSpec[]> = new Map(Object.entries({ ...AWSX_PARTS, ...EKS_PARTS }));

/** The component types whose arguments the pack judges. */
export const JUDGED_COMPONENT_TYPES: readonly string[] = [...PARTS.keys()];

/** The parts of one component, leaving out those its children already declare. */
export function partsOf(stack: StackView | undefined, component: ResourceView): readonly ResourceView[] {
    const specs = PARTS.get(component.type);
    // A registration without properties is the provider's own: its children say it all.
    if (!specs || Object.keys(component.props).length === 0) return [];
    const withDefaults = withAwsxDefaults(component);
    const present = stack ? descendantTypes(stack, component.urn) : new Set<string>();
    const parts: ResourceView[] = [];
    for (const spec of specs(withDefaults)) {
        const part = buildPart(withDefaults, spec);
        if (part && !part.shownBy.some((type) => present.has(type))) parts.push(part.view);
    }
    return parts;
}

const cache = new WeakMap<StackView, readonly ResourceView[]>();

/** Every component part of the stack, computed once per AnalyzeStack call for all rules. */
export function componentParts(stack: StackView): readonly ResourceView[] {
    let parts = cache.get(stack);
    if (!parts) {
        parts = stack.resources.some((r) => PARTS.has(r.type)) ? stack.resources.flatMap((r) => partsOf(stack, r)) : [];
        cache.set(stack, parts);
    }
    return parts;
}

/** The stack's resources, then the parts of its components. */
export function withComponentParts(stack: StackView): readonly ResourceView[] {
    const parts = componentParts(stack);
    return parts.length === 0 ? stack.resources : [...stack.resources, ...parts];
}

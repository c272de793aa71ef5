// A multi-language component (awsx 2+, eks 2+) is built by its provider's Construct. Under mocks
// (`blastwall check --project`) no provider runs: the component is captured with its arguments
// as its properties and no child is registered. A *part* is what one of those children would
// declare, written as a resource of the child's own type (a VPC, a subnet, a security group, an
// EKS access entry) so that the rule that already judges that type judges it, with its own logic
// and words. A part keeps the component's URN (findings land on the line that declared the
// component), its secrets (re-rooted at the part's paths) and its property dependencies.

import type { ResourceView, StackView } from "../lib/model";
import { isRecord, PathStep } from "../lib/props";
import { isSecretPath } from "../lib/sdk/wire";
import { pathText } from "../environments/support/describe";

/** One value of the component's arguments, placed at a path of the part. */
export interface Placement {
    readonly from: readonly PathStep[];
    readonly to: readonly PathStep[];
}

export interface PartSpec {
    /** The type of the child that would declare this: the rules judge it as that type. */
    readonly type: string;
    /** Where in the arguments it comes from, for the name messages show ("subnetSpecs[0]"). */
    readonly at?: readonly PathStep[];
    readonly placements: readonly Placement[];
    /**
     * Child types that declare the same fact in a real preview and that a rule judges. When the
     * component already has a descendant of one of them (the default is `type`), the part is not
     * judged: never twice. A child no rule reads must not be listed: the fact would go unjudged.
     */
    readonly shownBy?: readonly string[];
}

export interface Part {
    readonly view: ResourceView;
    readonly shownBy: readonly string[];
}

/** The raw value at `path` (unknown sentinels kept as they arrived), or undefined. */
function rawAt(bag: unknown, path: readonly PathStep[]): unknown {
    let current = bag;
    for (const step of path) {
        if (typeof step === "number") current = Array.isArray(current) ? current[step] : undefined;
        else current = isRecord(current) && Object.prototype.hasOwnProperty.call(current, step) ? current[step] : undefined;
        if (current === undefined) return undefined;
    }
    return current;
}

/** Sets `value` at `path`, making the objects and lists (for number steps) on the way. */
function setAt(bag: Record<string, unknown>, path: readonly PathStep[], value: unknown): void {
    let current: Record<string, unknown> | unknown[] = bag;
    for (let i = 0; i < path.length - 1; i++) {
        const step = path[i];
        const container: Record<string, unknown> = current as Record<string, unknown>;
        const next = container[step];
        if (typeof next === "object" && next !== null) current = next as Record<string, unknown> | unknown[];
        else current = container[step] = typeof path[i + 1] === "number" ? [] : {};
    }
    (current as Record<string, unknown>)[path[path.length - 1]] = value;
}

const pointer = (path: readonly PathStep[]) => path.map((step) => "/" + String(step)).join("");

/** The part as a resource of its own type; undefined when none of its values is present. */
export function buildPart(component: ResourceView, spec: PartSpec): Part | undefined {
    const props: Record<string, unknown> = {};
    const secretPaths = new Set<string>();
    const propertyDependencies: Record<string, string[]> = {};
    for (const { from, to } of spec.placements) {
        const value = rawAt(component.props, from);
        if (value === undefined || value === null) continue;
        setAt(props, to, value);
        const source = pointer(from);
        if (isSecretPath(component.secrets, from)) secretPaths.add(pointer(to));
        for (const path of component.secrets.paths) if (path.startsWith(source + "/")) secretPaths.add(pointer(to) + path.slice(source.length));
        const dependencies = component.propertyDependencies[String(from[0])] ?? [];
        const key = String(to[0]);
        propertyDependencies[key] = [...new Set([...(propertyDependencies[key] ?? []), ...dependencies])];
    }
    if (Object.keys(props).length === 0) return undefined;
    const at = spec.at && spec.at.length > 0 ? ` ${pathText(spec.at)}` : "";
    return {
        view: {
            urn: component.urn,
            type: spec.type,
            name: `${component.name} (${component.type}${at})`,
            props,
            secrets: { paths: secretPaths, values: component.secrets.values },
            provider: component.provider,
            parent: component.parent,
            dependencies: component.dependencies,
            propertyDependencies,
        },
        shownBy: spec.shownBy ?? [spec.type],
    };
}

/** The types of every resource below `urn` in the stack (children, their children, ...). */
export function descendantTypes(stack: StackView, urn: string): ReadonlySet<string> {
    const types = new Set<string>();
    const seen = new Set<string>([urn]);
    const queue = [urn];
    while (queue.length > 0) {
        for (const child of stack.children(queue.pop() as string)) {
            if (seen.has(child.urn)) continue;
            seen.add(child.urn);
            types.add(child.type);
            queue.push(child.urn);
        }
    }
    return types;
}

// Owners as Okta records them: an okta.ResourceOwner lists resources (resourceOrns) and their
// owners (principalOrns), both as Okta resource names (ORNs) that the provider marks secret. The
// ORNs are never printed: the owner is found through the graph (principalOrns computed from an
// okta.group.Group's id names that group, whose `name` is the owner), and by id as a fallback
// (an ORN ends with the id of what it names; bridged providers carry `id` among the outputs).

import { typeLabel } from "../credentials/evidence";
import type { ResourceView, StackView } from "../lib/model";
import { get, getString, isUnknown, UNKNOWN } from "../lib/props";
import { Claim, namedBy, Owner, owned } from "./claims";
import { StackGraph } from "../lib/graph";
import type { OwnerKind } from "./settings";

export const OKTA_GROUP = "okta:group/group:Group";
export const OKTA_USER = "okta:user/user:User";

/** The Okta principals an owner can be, and the properties that name them. */
export const OKTA_PRINCIPALS: ReadonlyMap<string, { readonly label: string; readonly names: readonly string[]; readonly kind: OwnerKind }> = new Map([
    [OKTA_GROUP, { label: "Okta group", names: ["name"], kind: "team" }],
    [OKTA_USER, { label: "Okta user", names: ["login", "email"], kind: "person" }],
]);

const RESOURCE_OWNER = "okta:index/resourceOwner:ResourceOwner";

/** Declaring types the pack can read owners from: the property that holds the owners. */
const OWNER_PROPERTY: ReadonlyMap<string, string> = new Map([[RESOURCE_OWNER, "principalOrns"]]);

/** How to declare an owner through a declaring type, for messages. */
export function declarationFix(type: string, property: string): string {
    if (type === RESOURCE_OWNER) return `record its owner in an okta.ResourceOwner (its ORN in ${property}, the owner's okta.group.Group in principalOrns)`;
    return `name it in the ${property} of a ${typeLabel(type)}`;
}

/** The last segment of an ORN (orn:okta:directory:<org>:groups:<id>): the id of what it names. */
function ornId(value: unknown): string | undefined {
    if (typeof value !== "string" || isUnknown(value)) return undefined;
    const id = value.slice(value.lastIndexOf(":") + 1).trim();
    return id === "" ? undefined : id;
}

/** The items of a list property, or a lone string as one item. */
function itemsOf(value: unknown): readonly unknown[] {
    return Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
}

const ornIndexes = new WeakMap<StackView, Map<string, Map<string, ResourceView[]>>>();

/** Declarers of `type` keyed by the id at the end of each ORN in their `property`. */
function ornIndex(stack: StackView, type: string, property: string): ReadonlyMap<string, readonly ResourceView[]> {
    let perStack = ornIndexes.get(stack);
    if (!perStack) ornIndexes.set(stack, (perStack = new Map()));
    const key = `${type} ${property}`;
    let index = perStack.get(key);
    if (!index) {
        index = new Map();
        for (const resource of stack.resources) {
            if (resource.type !== type) continue;
            for (const orn of itemsOf(get(resource.props, property))) {
                const id = ornId(orn);
                if (id === undefined) continue;
                const list = index.get(id);
                if (!list) index.set(id, [resource]);
                else if (!list.includes(resource)) list.push(resource);
            }
        }
        perStack.set(key, index);
    }
    return index;
}

/** Resources of `type` whose `property` names `resource`: through the graph, else by its id or client id. */
export function declarersOf(resource: ResourceView, type: string, property: string, stack: StackView, graph: StackGraph): readonly ResourceView[] {
    const found = new Set(graph.referrers(resource.urn, property).filter((r) => r.type === type));
    // A source that records no property dependencies (an older state) still has plain ones.
    for (const dependent of stack.dependents(resource.urn)) {
        if (dependent.type === type && Object.keys(dependent.propertyDependencies).length === 0) found.add(dependent);
    }
    const index = ornIndex(stack, type, property);
    for (const idProperty of ["id", "clientId"]) {
        const id = getString(resource.props, idProperty);
        if (typeof id === "string" && id !== "") for (const declarer of index.get(id) ?? []) found.add(declarer);
    }
    return [...found];
}

/** The principals a declarer's owner property was computed from, or names by id. */
function principalsOf(declarer: ResourceView, property: string, stack: StackView, graph: StackGraph): ResourceView[] {
    const isPrincipal = (r: ResourceView) => OKTA_PRINCIPALS.has(r.type);
    const found = new Set(graph.sources(declarer, property).filter(isPrincipal));
    if (Object.keys(declarer.propertyDependencies).length === 0) {
        for (const urn of declarer.dependencies) {
            const dependency = stack.byUrn.get(urn);
            if (dependency && isPrincipal(dependency)) found.add(dependency);
        }
    }
    for (const orn of itemsOf(get(declarer.props, property))) {
        const id = ornId(orn);
        if (id !== undefined) for (const principal of graph.withOutput("id", id)) if (isPrincipal(principal)) found.add(principal);
    }
    return [...found];
}

/** The owners one declaring resource names (an okta.ResourceOwner's principals). */
export function ownersDeclaredBy(declarer: ResourceView, stack: StackView, graph: StackGraph): Claim {
    const via = `Okta ResourceOwner '${declarer.name}'`;
    const property = OWNER_PROPERTY.get(declarer.type);
    if (property === undefined) return owned([{ secret: false }], "okta-resource-owner", `${declarer.type} '${declarer.name}'`);
    const value = get(declarer.props, property);
    const principals = principalsOf(declarer, property, stack, graph);
    if (principals.length === 0) {
        if (value === UNKNOWN || itemsOf(value).some(isUnknown)) return { state: "unknown", reason: `the ${property} of ${via} are not known until the update runs` };
        if (itemsOf(value).length === 0) return { state: "none", note: `${via} names it but lists no owner (${property} is empty)` };
        // Okta records an owner, but one this stack does not declare: there is no name to check.
        return owned([{ secret: false }], "okta-resource-owner", via);
    }
    const owners: Owner[] = [];
    for (const principal of principals) {
        const { label, names, kind } = OKTA_PRINCIPALS.get(principal.type) ?? { label: principal.type, names: [], kind: undefined };
        const owner = namedBy(principal, names, kind);
        if (owner === UNKNOWN) return { state: "unknown", reason: `the ${names.join(" or ")} of ${label} '${principal.name}' is not known until the update runs` };
        // A principal with no name is still an owner Okta records; it just cannot be checked.
        owners.push(owner ?? { secret: false, kind });
    }
    return owned(owners, "okta-resource-owner", via);
}

// Finding the resources that rotate a credential, through the resource graph first and by value
// second (an exported state or a program that passes a literal ARN has no graph edge). Indexes
// are built once per StackView, so a stack of many credentials is not scanned once per credential.

import type { ResourceView, StackView } from "../lib/model";
import { get, PathStep } from "../lib/props";
import type { CompanionRotation } from "./catalog-types";
import { ROTATING_TYPE } from "./catalog";

/**
 * Resources that generate secret material from their own dependencies: a credential that takes
 * its password from a RandomPassword kept by a time.Rotating is re-issued when that Rotating
 * rotates.
 */
export const GENERATOR_TYPES: ReadonlySet<string> = new Set([
    "random:index/randomPassword:RandomPassword",
    "random:index/randomString:RandomString",
    "random:index/randomBytes:RandomBytes",
    "tls:index/privateKey:PrivateKey",
]);

/** Every URN a resource depends on: its dependencies and its property dependencies. */
export function dependencyUrns(resource: ResourceView): ReadonlySet<string> {
    const urns = new Set(resource.dependencies);
    for (const deps of Object.values(resource.propertyDependencies)) for (const urn of deps) urns.add(urn);
    return urns;
}

/** The time.Rotating resources a credential depends on, directly or through one generator. */
export function linkedRotatings(resource: ResourceView, stack: StackView): ResourceView[] {
    const found = new Map<string, ResourceView>();
    for (const urn of dependencyUrns(resource)) {
        const dependency = stack.byUrn.get(urn);
        if (!dependency) continue;
        if (dependency.type === ROTATING_TYPE) found.set(urn, dependency);
        else if (GENERATOR_TYPES.has(dependency.type)) {
            for (const inner of dependencyUrns(dependency)) {
                const rotating = stack.byUrn.get(inner);
                if (rotating?.type === ROTATING_TYPE) found.set(inner, rotating);
            }
        }
    }
    return [...found.values()];
}

type Index = ReadonlyMap<string, readonly ResourceView[]>;
const indexes = new WeakMap<StackView, Map<string, Index>>();

function cachedIndex(stack: StackView, key: string, build: () => Index): Index {
    let perStack = indexes.get(stack);
    if (!perStack) {
        perStack = new Map();
        indexes.set(stack, perStack);
    }
    let index = perStack.get(key);
    if (!index) {
        index = build();
        perStack.set(key, index);
    }
    return index;
}

function push(map: Map<string, ResourceView[]>, key: string, resource: ResourceView): void {
    const list = map.get(key);
    if (!list) map.set(key, [resource]);
    else if (!list.includes(resource)) list.push(resource);
}

/** Companions of `type` keyed by every URN their `property` depends on and by its string value. */
function pointerIndex(stack: StackView, type: string, property: string): Index {
    return cachedIndex(stack, `pointer ${type} ${property}`, () => {
        const map = new Map<string, ResourceView[]>();
        for (const resource of stack.resources) {
            if (resource.type !== type) continue;
            // A source without property dependencies (an older state) still has plain dependencies.
            const graph = Object.keys(resource.propertyDependencies).length > 0 ? (resource.propertyDependencies[property] ?? []) : resource.dependencies;
            for (const urn of graph) push(map, urn, resource);
            const value = get(resource.props, property);
            if (typeof value === "string" && value !== "") push(map, value, resource);
        }
        return map;
    });
}

function providerIndex(stack: StackView, type: string): Index {
    return cachedIndex(stack, `provider ${type}`, () => {
        const map = new Map<string, ResourceView[]>();
        for (const resource of stack.resources) if (resource.type === type) push(map, resource.provider?.urn ?? "", resource);
        return map;
    });
}

/** The companions that rotate this credential. */
export function linkedCompanions(resource: ResourceView, stack: StackView, companion: CompanionRotation): readonly ResourceView[] {
    if (companion.link === "same-provider") return providerIndex(stack, companion.type).get(resource.provider?.urn ?? "") ?? [];
    const index = pointerIndex(stack, companion.type, companion.link.property);
    const found = new Set(index.get(resource.urn) ?? []);
    for (const path of companion.link.matches) {
        const value = get(resource.props, ...(path as PathStep[]));
        if (typeof value === "string" && value !== "") for (const match of index.get(value) ?? []) found.add(match);
    }
    return [...found];
}

// The one shape every network declaration is reduced to. A security group's inline rule, a
// SecurityGroupRule, a vpc.SecurityGroupIngressRule, a route, a peering and a PrivateLink
// service all say "this resource lets traffic reach <something>"; the something is an endpoint:
// an address range, an account, a principal, or a reference to another network resource. The
// declaration table (declarations.ts) lists where each type keeps its endpoints; judge.ts
// decides, once for all of them, which other environment an endpoint reaches.

import { get, isRecord, isUnknown, PathStep, UNKNOWN, Unknown } from "../../lib/props";

export type EndpointKind = "range" | "account" | "principal" | "reference";

/** What a reference points at, and the resource types that can be it. */
export interface Target {
    readonly noun: string;
    readonly types: ReadonlySet<string>;
}

/** How a declaration uses its endpoint: the verb of the message and the fix it suggests. */
export interface Action {
    readonly verb: string;
    readonly fix: (own: string, ranges: string, accounts: string) => string;
}

/** Where a NACL entry sits, so that a lower-numbered deny of the same ACL can shadow it. */
export interface NaclPosition {
    readonly acl: "self" | "networkAclId";
    readonly egress: boolean;
    readonly ruleNo: number | undefined;
    readonly protocol: string | undefined;
    readonly fromPort: number | undefined;
    readonly toPort: number | undefined;
}

export interface Endpoint {
    readonly path: readonly PathStep[];
    readonly value: string | Unknown;
    readonly kind: EndpointKind;
    readonly action: Action;
    /** For references: what the value names. */
    readonly target?: Target;
    /**
     * Judged when known or traceable, never reported as unverifiable: outputs AWS fills in after
     * deployment (owner ids), and a network's own address space (an IPAM-allocated VPC range is
     * no path; the paths into it are judged where they are declared).
     */
    readonly quietWhenUnknown?: boolean;
    /**
     * When this endpoint cannot be verified, the account at this path decides instead (an absent
     * account means the provider's own, which provider-matches-environment judges).
     */
    readonly decidedBy?: readonly PathStep[];
    readonly nacl?: NaclPosition;
}

export type EndpointSpec = Omit<Endpoint, "path" | "value">;

// Endpoints are built with one fixed shape (no spread of specs of varying shapes): the network
// rule builds one per rule, route and reference of every resource, and V8 keeps a fixed shape fast.
function endpoint(spec: EndpointSpec, path: readonly PathStep[], value: string | Unknown): Endpoint {
    return {
        path,
        value,
        kind: spec.kind,
        action: spec.action,
        target: spec.target,
        quietWhenUnknown: spec.quietWhenUnknown,
        decidedBy: spec.decidedBy,
        nacl: spec.nacl,
    };
}

const NONE: Endpoint[] = [];

/** The endpoint at `path` when it holds a string or an unknown. */
export function one(props: unknown, path: readonly PathStep[], spec: EndpointSpec): Endpoint[] {
    const value = get(props, ...path);
    if (value === UNKNOWN) return [endpoint(spec, path, UNKNOWN)];
    if (typeof value === "string" && value.trim() !== "") return [endpoint(spec, path, value)];
    return NONE;
}

/** One endpoint per string (or unknown) element of the list at `path`; an unknown list is one. */
export function many(props: unknown, path: readonly PathStep[], spec: EndpointSpec): Endpoint[] {
    const list = get(props, ...path);
    if (list === UNKNOWN) return [endpoint(spec, path, UNKNOWN)];
    if (!Array.isArray(list)) return NONE;
    const found: Endpoint[] = [];
    for (let i = 0; i < list.length; i++) {
        const item: unknown = list[i];
        if (isUnknown(item)) found.push(endpoint(spec, [...path, i], UNKNOWN));
        else if (typeof item === "string" && item.trim() !== "") found.push(endpoint(spec, [...path, i], item));
    }
    return found;
}

/**
 * Endpoints of each block (inline rule, route) of the list at `key`. An unknown list cannot be
 * split into blocks: it is one unknown endpoint judged with `whenUnknown`.
 */
export function blocks(props: unknown, key: string, whenUnknown: EndpointSpec, each: (path: readonly PathStep[], block: Readonly<Record<string, unknown>>) => Endpoint[]): Endpoint[] {
    const list = get(props, key);
    if (list === UNKNOWN) return [endpoint(whenUnknown, [key], UNKNOWN)];
    if (!Array.isArray(list)) return NONE;
    const found: Endpoint[] = [];
    for (let i = 0; i < list.length; i++) {
        const block: unknown = list[i];
        if (isUnknown(block)) found.push(endpoint(whenUnknown, [key, i], UNKNOWN));
        else if (isRecord(block)) for (const item of each([key, i], block)) found.push(item);
    }
    return found;
}

export function targetOf(noun: string, ...types: string[]): Target {
    return { noun, types: new Set(types) };
}

type Extra = Pick<EndpointSpec, "quietWhenUnknown" | "decidedBy" | "nacl">;

export function range(action: Action, extra: Extra = {}): EndpointSpec {
    return { kind: "range", action, ...extra };
}

export function reference(target: Target, action: Action, extra: Extra = {}): EndpointSpec {
    return { kind: "reference", target, action, ...extra };
}

export function account(action: Action, extra: Extra = {}): EndpointSpec {
    return { kind: "account", action, ...extra };
}

export function principal(action: Action): EndpointSpec {
    return { kind: "principal", action };
}

// What one source says about a resource's owner, and the readers every source shares: an owner
// tag written on the resource itself, and an owner named by a property (an Okta group's name, a
// user's login). Values that arrived as Pulumi secrets are compared but never printed.

import type { ResourceView } from "../lib/model";
import { get, getRecordOrJson, isUnknown, UNKNOWN, Unknown } from "../lib/props";
import { isSecretPath } from "../lib/sdk/wire";
import type { OwnerKind } from "./settings";

export interface Owner {
    /** As the source writes it (trimmed); undefined when the source names the owner in a form the pack cannot read. */
    readonly name?: string;
    /** True when the name arrived as a Pulumi secret: compare it, never print it. */
    readonly secret: boolean;
    /** What the source itself says: an Okta group is a team, an Okta user a person. */
    readonly kind?: OwnerKind;
}

/** Where an owner came from, most specific first (see docs/policies-ownership.md). */
export type OwnerSource = "tag" | "okta-resource-owner" | "principal" | "component" | "registry" | "provider-default";

export type Claim =
    /** `via`: where the owner comes from, for messages ("its IAM user 'ci'"). */
    | { readonly state: "owned"; readonly owners: readonly Owner[]; readonly source: OwnerSource; readonly via: string }
    /** During preview: this source may name an owner, but its value is not known yet. */
    | { readonly state: "unknown"; readonly reason: string }
    /** This source names no owner; `note` says what was found, for the message. */
    | { readonly state: "none"; readonly note?: string };

export const NO_CLAIM: Claim = { state: "none" };

export function owned(owners: readonly Owner[], source: OwnerSource, via: string): Claim {
    return { state: "owned", owners, source, via };
}

/** The owner written on the resource itself in `tags` (key matched case-insensitively); blank values name no one. */
export function explicitTag(resource: ResourceView, key: string): Owner | Unknown | undefined {
    const tags = getRecordOrJson(resource.props, "tags");
    if (tags === UNKNOWN) return UNKNOWN;
    if (tags === undefined) return undefined;
    const wanted = key.toLowerCase();
    for (const [written, value] of Object.entries(tags)) {
        if (written.toLowerCase() !== wanted) continue;
        if (isUnknown(value)) return UNKNOWN;
        if (typeof value === "string" && value.trim() !== "") return { name: value.trim(), secret: isSecretPath(resource.secrets, ["tags", written]) };
    }
    return undefined;
}

/** An output whose name is the owner tag key in any case (`owner`), as a component registers it. */
export function ownerOutput(resource: ResourceView, key: string): Owner | Unknown | undefined {
    const wanted = key.toLowerCase();
    for (const property of Object.keys(resource.props)) {
        if (property.toLowerCase() !== wanted) continue;
        const value = get(resource.props, property);
        if (value === UNKNOWN) return UNKNOWN;
        if (typeof value === "string" && value.trim() !== "") return { name: value.trim(), secret: isSecretPath(resource.secrets, [property]) };
    }
    return undefined;
}

/** The first of `properties` that names someone (an Okta user's login, then email). */
export function namedBy(resource: ResourceView, properties: readonly string[], kind?: OwnerKind): Owner | Unknown | undefined {
    for (const property of properties) {
        const value = get(resource.props, property);
        if (value === UNKNOWN) return UNKNOWN;
        if (typeof value === "string" && value.trim() !== "") return { name: value.trim(), secret: isSecretPath(resource.secrets, [property]), kind };
    }
    return undefined;
}

/** How messages name an owner without printing what must not be printed. */
export function describeOwner(owner: Owner): string {
    if (owner.name === undefined) return "an owner recorded in a form this stack does not declare";
    return owner.secret ? "an owner whose name is a Pulumi secret" : owner.name;
}

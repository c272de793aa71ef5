// Settings of the ownership policies: the owner registry, and whether the owner tag an AWS
// provider stamps on every resource counts as a credential's owner. Both rules read both, so
// that they resolve every credential's owner the same way.

import { setting } from "../lib/settings/define";
import { keyPath } from "../lib/settings/read";

export const OWNER_STATUSES = ["active", "departed"] as const;
export type OwnerStatus = (typeof OWNER_STATUSES)[number];
export const OWNER_KINDS = ["person", "team"] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

export interface OwnerEntry {
    readonly status: OwnerStatus;
    readonly kind?: OwnerKind;
    readonly description?: string;
    /** Where to reach the owner (a channel, a mailbox); shown to people, never judged. */
    readonly contact?: string;
    /** Who takes over a departed owner's credentials: another owner of the registry. */
    readonly successor?: string;
    /** Credentials this owner claims, as URNs or name patterns with `*` (as in waivers). */
    readonly credentials?: readonly string[];
}

/** Owner name (a tag value, an Okta group name or user login) to its entry. */
export type OwnerRegistry = Readonly<Record<string, OwnerEntry>>;

export const ownersSetting = setting<OwnerRegistry>()({
    key: "owners",
    schema: {
        type: "object",
        description:
            "The owner registry: each owner (the name a credential's owner tag, Okta owner group or user login gives, matched case-insensitively) with its status (active or departed), optionally its kind (person or team), a description, a contact, the successor who takes over a departed owner's credentials, and credentials it claims (URNs or name patterns with `*`, for credentials that cannot carry an owner themselves). An empty registry means any non-empty owner is accepted.",
        default: {},
        propertyNames: { minLength: 1, pattern: "\\S" },
        additionalProperties: {
            type: "object",
            required: ["status"],
            additionalProperties: false,
            properties: {
                status: { type: "string", enum: OWNER_STATUSES, description: "active, or departed: a departed owner's credentials are orphaned and blocked." },
                kind: { type: "string", enum: OWNER_KINDS, description: "person or team; credential-owner-active's requireTeamFor needs it." },
                description: { type: "string" },
                contact: { type: "string" },
                successor: { type: "string", minLength: 1, description: "The active owner who takes over this owner's credentials; named in messages." },
                credentials: {
                    type: "array",
                    items: { type: "string", minLength: 1 },
                    description: "Credentials this owner claims: a URN, or a pattern with `*` matched against the URN when it contains \"::\", otherwise against the resource name.",
                },
            },
        },
    },
    check: (registry) => registryProblems(registry),
});

export const allowProviderDefaultOwnerSetting = setting<boolean>()({
    key: "allowProviderDefaultOwner",
    schema: {
        type: "boolean",
        description:
            "Whether an owner tag that reaches a credential only through an AWS provider's defaultTags (or appears only in its tagsAll) counts as its owner, when nothing more specific names one. On by default, as the design lists provider default tags among the owner sources; set it to false for the stricter reading: a provider's default tags stamp every resource of the stack with one owner, so a credential nobody claimed would look owned.",
        default: true,
    },
});

export const ownerResolutionSettings = [ownersSetting, allowProviderDefaultOwnerSetting] as const;

/** The key path of one owner, as problems name it: owners.alice, owners["alice@example.com"]. */
export function ownerPath(name: string, ...rest: string[]): string {
    return keyPath(["", "owners", name, ...rest].map((part) => part.replace(/~/g, "~0").replace(/\//g, "~1")).join("/"));
}

/** Owner names compare as people read them: case-insensitively, ignoring surrounding space. */
export function ownerKey(name: string): string {
    return name.trim().toLowerCase();
}

export interface RegisteredOwner {
    /** The name as the registry writes it. */
    readonly name: string;
    readonly entry: OwnerEntry;
}

const lookups = new WeakMap<OwnerRegistry, ReadonlyMap<string, RegisteredOwner>>();

/** The registry entry for an owner name, matched case-insensitively. */
export function registeredOwner(registry: OwnerRegistry, name: string): RegisteredOwner | undefined {
    let lookup = lookups.get(registry);
    if (!lookup) {
        const built = new Map<string, RegisteredOwner>();
        for (const [key, entry] of Object.entries(registry)) if (!built.has(ownerKey(key))) built.set(ownerKey(key), { name: key, entry });
        lookups.set(registry, built);
        lookup = built;
    }
    return lookup.get(ownerKey(name));
}

export function registryProblems(registry: OwnerRegistry): string[] {
    const problems: string[] = [];
    const seen = new Map<string, string>();
    for (const [name, entry] of Object.entries(registry)) {
        const earlier = seen.get(ownerKey(name));
        if (earlier !== undefined) problems.push(`${ownerPath(name)} and ${ownerPath(earlier)} name the same owner (names match case-insensitively); keep one`);
        else seen.set(ownerKey(name), name);
        if (entry.successor === undefined) continue;
        const successor = registeredOwner(registry, entry.successor);
        if (!successor) problems.push(`${ownerPath(name, "successor")} names "${entry.successor}", which is not in owners; add it or name another owner`);
        else if (ownerKey(successor.name) === ownerKey(name)) problems.push(`${ownerPath(name, "successor")} names the owner itself; name another, active owner`);
        else if (successor.entry.status !== "active") problems.push(`${ownerPath(name, "successor")} names "${entry.successor}", who has departed too; name an active owner`);
    }
    return problems;
}

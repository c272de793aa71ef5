// Who owns a credential, decided in one place for every rule. The sources, most specific first:
//
//   1. an owner tag on the credential itself (`tags`)
//   2. an Okta ResourceOwner that names it (an explicit assignment in Okta)
//   3. the principal it belongs to (an access key's IAM user, by its owner tag; an API token's
//      Okta user, who is the owner)
//   4. the components around it (their owner tag or `owner` output), then those around its principal
//   5. a claim in the owner registry (`owners.<name>.credentials`)
//   6. the provider's default tags (or a value only in tagsAll), only with allowProviderDefaultOwner
//
// The first source that names an owner decides; a later one never overrides it. During preview a
// source whose value is not known yet may name someone else: the result is then "uncertain", with
// the owner the later sources give as a fallback. Computed once per credential per StackView.

import type { CatalogEntry } from "../credentials/catalog-types";
import type { ResourceView, StackView } from "../lib/model";
import type { TagKeys } from "../lib/settings/common";
import { patternMatcher } from "../lib/waivers/assess";
import type { Claim, Owner, OwnerSource } from "./claims";
import { stackGraph } from "../lib/graph";
import type { OwnerRegistry } from "./settings";
import {
    componentClaim,
    declaredClaim,
    PrincipalLink,
    principalClaim,
    principalLink,
    providerDefaultClaim,
    RegistryClaim,
    registryClaim,
    SourceContext,
    tagClaim,
} from "./sources";

export type OwnedClaim = Extract<Claim, { state: "owned" }>;

export type OwnerResolution =
    | OwnedClaim
    /** A source that would win is not known during preview; `fallback` owns it if that source names no one. */
    | { readonly state: "uncertain"; readonly reason: string; readonly fallback?: OwnedClaim }
    /** `notes`: what the sources say, for the message; `principal`: the principal link, for the fix. */
    | { readonly state: "unowned"; readonly notes: readonly string[]; readonly principal?: PrincipalLink };

export type { Owner, OwnerSource };

export interface OwnerSettings {
    readonly tagKeys: TagKeys;
    readonly owners: OwnerRegistry;
    readonly allowProviderDefaultOwner: boolean;
}

/** Tries each source in precedence order; see the top of this file. */
export function resolveOwner(resource: ResourceView, entry: Pick<CatalogEntry, "owner">, context: SourceContext): OwnerResolution {
    const lookup = entry.owner;
    const link = principalLink(resource, lookup, context);
    const sources: (() => Claim | undefined)[] = [
        () => tagClaim(resource, lookup, context),
        () => declaredClaim(resource, lookup, context),
        () => principalClaim(link, context),
        () => componentClaim(resource, link, context),
        () => registryClaim(resource, context),
        () => providerDefaultClaim(resource, lookup, link, context),
    ];
    const notes: string[] = [];
    let pending: string | undefined;
    for (const source of sources) {
        const claim = source();
        if (!claim) continue;
        if (claim.state === "owned") return pending === undefined ? claim : { state: "uncertain", reason: pending, fallback: claim };
        if (claim.state === "unknown") pending ??= claim.reason;
        else if (claim.note) notes.push(claim.note);
    }
    return pending === undefined ? { state: "unowned", notes, principal: link } : { state: "uncertain", reason: pending };
}

interface Prepared {
    readonly key: string;
    readonly claims: readonly RegistryClaim[];
}

const prepared = new WeakMap<OwnerRegistry, Prepared>();

/** The registry's claims, compiled once, and a key that tells two registries with the same claims alike. */
function prepare(registry: OwnerRegistry): Prepared {
    const cached = prepared.get(registry);
    if (cached) return cached;
    const pairs = Object.entries(registry).flatMap(([owner, entry]) => (entry.credentials ?? []).map((pattern) => [owner, pattern] as const));
    const result = { key: JSON.stringify(pairs), claims: pairs.map(([owner, pattern]) => ({ owner, matches: patternMatcher(pattern) })) };
    prepared.set(registry, result);
    return result;
}

const resolutions = new WeakMap<StackView, Map<string, Map<string, OwnerResolution>>>();

/**
 * The owner of a credential in this stack. Both ownership rules call it with the same settings
 * (`blastwall config expand` gives them the same document), so each credential is resolved once.
 */
export function ownerOf(stack: StackView, credential: { readonly resource: ResourceView; readonly entry: Pick<CatalogEntry, "owner"> }, settings: OwnerSettings): OwnerResolution {
    const { key: claimsKey, claims } = prepare(settings.owners);
    const tagKey = settings.tagKeys.owner;
    const key = `${tagKey.toLowerCase()}|${settings.allowProviderDefaultOwner}|${claimsKey}`;
    let perStack = resolutions.get(stack);
    if (!perStack) resolutions.set(stack, (perStack = new Map()));
    let perSettings = perStack.get(key);
    if (!perSettings) perStack.set(key, (perSettings = new Map()));
    const urn = credential.resource.urn;
    let resolution = perSettings.get(urn);
    if (!resolution) {
        const context: SourceContext = { stack, graph: stackGraph(stack), tagKey, claims, allowProviderDefault: settings.allowProviderDefaultOwner };
        resolution = resolveOwner(credential.resource, credential.entry, context);
        perSettings.set(urn, resolution);
    }
    return resolution;
}

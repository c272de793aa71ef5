// Each place a credential's owner can be stated, read on its own: the credential's owner tag, an
// Okta ResourceOwner that names it, the principal it belongs to, the components around it, a
// claim in the owner registry, and the provider's default tags. owner.ts decides between them.

import { typeLabel } from "../credentials/evidence";
import type { OwnerLookup } from "../credentials/catalog-types";
import type { ResourceView, StackView } from "../lib/model";
import { getString, UNKNOWN } from "../lib/props";
import { isSecretPath, NO_SECRETS } from "../lib/sdk/wire";
import { tagValue } from "../lib/tags";
import { Claim, explicitTag, namedBy, Owner, owned, ownerOutput } from "./claims";
import type { StackGraph } from "../lib/graph";
import { declarersOf, OKTA_PRINCIPALS, OKTA_USER, ownersDeclaredBy } from "./okta";
import { ownerPath } from "./settings";

export interface SourceContext {
    readonly stack: StackView;
    readonly graph: StackGraph;
    /** The owner tag key (tagKeys.owner), matched case-insensitively. */
    readonly tagKey: string;
    readonly claims: readonly RegistryClaim[];
    readonly allowProviderDefault: boolean;
}

export interface RegistryClaim {
    readonly owner: string;
    readonly matches: (urn: string, name: string) => boolean;
}

/** Principals a credential can belong to: tagged ones state an owner, people are their own. */
const PRINCIPALS: ReadonlyMap<string, { readonly label: string; readonly tagged: boolean }> = new Map([
    ["aws:iam/user:User", { label: "IAM user", tagged: true }],
    [OKTA_USER, { label: "Okta user", tagged: false }],
]);

export interface PrincipalLink {
    /** "IAM user" */
    readonly label: string;
    readonly tagged: boolean;
    readonly found: readonly ResourceView[];
    /** The value the credential names it by (a user name), when it may be printed. */
    readonly named?: string;
    /** Set when the link is not known during preview and the graph does not give it. */
    readonly unknown?: string;
}

export function principalLink(resource: ResourceView, lookup: OwnerLookup, { stack, graph }: SourceContext): PrincipalLink | undefined {
    const principal = lookup.principal;
    if (!principal) return undefined;
    const known = PRINCIPALS.get(principal.type);
    const base = { label: known?.label ?? typeLabel(principal.type), tagged: known?.tagged ?? false };
    const ofType = (r: ResourceView | undefined): r is ResourceView => r?.type === principal.type;
    let found = graph.sources(resource, principal.property).filter(ofType);
    // A source that records no property dependencies (an older state) still has plain ones.
    if (found.length === 0 && Object.keys(resource.propertyDependencies).length === 0) {
        const candidates = resource.dependencies.map((urn) => stack.byUrn.get(urn)).filter(ofType);
        if (candidates.length === 1) found = candidates;
    }
    const value = getString(resource.props, principal.property);
    const named = typeof value === "string" && value.trim() !== "" && !isSecretPath(resource.secrets, [principal.property]) ? value.trim() : undefined;
    if (found.length === 0 && typeof value === "string" && value !== "") {
        found = graph.withOutput(principal.matchProperty, value).filter(ofType);
    }
    const unknown = found.length === 0 && value === UNKNOWN ? `its ${principal.property} is not known until the update runs` : undefined;
    return { ...base, found, named, unknown };
}

export function tagClaim(resource: ResourceView, lookup: OwnerLookup, { tagKey }: SourceContext): Claim | undefined {
    if (!lookup.tagged) return undefined;
    const tag = explicitTag(resource, tagKey);
    if (tag === UNKNOWN) return { state: "unknown", reason: "its tags are not known until the update runs" };
    return tag ? owned([tag], "tag", `its ${tagKey} tag`) : { state: "none", note: `it has no ${tagKey} tag` };
}

export function declaredClaim(resource: ResourceView, lookup: OwnerLookup, { stack, graph }: SourceContext): Claim | undefined {
    if (!lookup.declaredBy || lookup.declaredBy.length === 0) return undefined;
    const owners: Owner[] = [];
    const vias: string[] = [];
    let unknown: Claim | undefined;
    const notes: string[] = [];
    for (const { type, property } of lookup.declaredBy) {
        const declarers = declarersOf(resource, type, property, stack, graph);
        if (declarers.length === 0) notes.push(`no ${typeLabel(type)} names it`);
        for (const declarer of declarers) {
            const claim = ownersDeclaredBy(declarer, stack, graph);
            if (claim.state === "owned") {
                owners.push(...claim.owners);
                vias.push(claim.via);
            } else if (claim.state === "unknown") unknown ??= claim;
            else if (claim.note) notes.push(claim.note);
        }
    }
    if (owners.length > 0) return owned(owners, "okta-resource-owner", vias.join(" and "));
    return unknown ?? { state: "none", note: notes.join(", ") || undefined };
}

export function principalClaim(link: PrincipalLink | undefined, { tagKey }: SourceContext): Claim | undefined {
    if (!link) return undefined;
    if (link.unknown) return { state: "unknown", reason: link.unknown };
    if (link.found.length === 0) {
        return { state: "none", note: link.named ? `its ${link.label} '${link.named}' is not declared in this stack` : `it names no ${link.label} declared in this stack` };
    }
    const notes: string[] = [];
    for (const principal of link.found) {
        const via = `its ${link.label} '${principal.name}'`;
        const person = OKTA_PRINCIPALS.get(principal.type);
        const owner = link.tagged ? explicitTag(principal, tagKey) : person ? namedBy(principal, person.names, person.kind) : undefined;
        if (owner === UNKNOWN) return { state: "unknown", reason: `the ${link.tagged ? "tags" : "login"} of ${link.label} '${principal.name}' ${link.tagged ? "are" : "is"} not known until the update runs` };
        if (owner) return owned([owner], "principal", via);
        notes.push(link.tagged ? `${via} has no ${tagKey} tag` : `${via} has no login`);
    }
    return { state: "none", note: notes.join(", ") };
}

/** An owner a component states: its own owner tag, or an output named like the tag key. */
function componentOwner(component: ResourceView, tagKey: string): Owner | typeof UNKNOWN | undefined {
    return explicitTag(component, tagKey) ?? ownerOutput(component, tagKey);
}

const STACK_TYPE = "pulumi:pulumi:Stack";
const MAX_NESTING = 64;

/** The credential's components, innermost first, then those around its principal. */
export function componentClaim(resource: ResourceView, link: PrincipalLink | undefined, { stack, tagKey }: SourceContext): Claim | undefined {
    const seen = new Set<ResourceView>([resource, ...(link?.found ?? [])]);
    const starts: [ResourceView, string][] = [[resource, ""], ...(link?.found ?? []).map((p): [ResourceView, string] => [p, ` of its ${link?.label} '${p.name}'`])];
    for (const [start, whose] of starts) {
        let current = start.parent ? stack.byUrn.get(start.parent) : undefined;
        for (let depth = 1; current && current.type !== STACK_TYPE && !seen.has(current) && depth <= MAX_NESTING; depth++) {
            seen.add(current);
            const via = `${depth === 1 ? "the parent" : "the enclosing"} component '${current.name}'${whose}`;
            const owner = componentOwner(current, tagKey);
            if (owner === UNKNOWN) return { state: "unknown", reason: `the owner of ${via} is not known until the update runs` };
            if (owner) return owned([owner], "component", via);
            current = current.parent ? stack.byUrn.get(current.parent) : undefined;
        }
    }
    return undefined;
}

export function registryClaim(resource: ResourceView, { claims }: SourceContext): Claim | undefined {
    const owners = [...new Set(claims.filter((c) => c.matches(resource.urn, resource.name)).map((c) => c.owner))];
    if (owners.length === 0) return undefined;
    const via = owners.length === 1 ? `the owners registry (${ownerPath(owners[0], "credentials")})` : "the owners registry";
    return owned(
        owners.map((name) => ({ name, secret: false })),
        "registry",
        via,
    );
}

/**
 * The owner tag that reaches the credential only from its provider's default tags (or only in
 * its tagsAll, where they show in outputs): its own for a tagged credential, its principal's
 * otherwise. It counts only when allowProviderDefaultOwner is true; else it is a note.
 */
export function providerDefaultClaim(resource: ResourceView, lookup: OwnerLookup, link: PrincipalLink | undefined, ctx: SourceContext): Claim | undefined {
    const carrier = lookup.tagged ? resource : link?.tagged ? link.found[0] : undefined;
    if (!carrier) return undefined;
    const own = carrier === resource;
    const tag = tagValue(carrier, ctx.tagKey);
    if (tag === UNKNOWN) {
        const whose = own ? "its tagsAll or provider default tags" : `the tagsAll or provider default tags of its ${link?.label} '${carrier.name}'`;
        return ctx.allowProviderDefault ? { state: "unknown", reason: `${whose} are not known until the update runs` } : undefined;
    }
    if (tag === undefined || tag.source === "tags" || tag.value.trim() === "") return undefined;
    const fromTagsAll = tag.source === "tagsAll";
    const provider = `the ${carrier.provider?.type.replace(/^pulumi:providers:/, "") ?? "aws"} provider's default tags`;
    const via = fromTagsAll ? (own ? "its tagsAll" : `the tagsAll of its ${link?.label} '${carrier.name}'`) : own ? provider : `${provider} on its ${link?.label} '${carrier.name}'`;
    const secret = fromTagsAll
        ? isSecretPath(carrier.secrets, ["tagsAll", tag.key])
        : isSecretPath(carrier.provider?.secrets ?? NO_SECRETS, ["defaultTags", "tags", tag.key]);
    if (ctx.allowProviderDefault) return owned([{ name: tag.value.trim(), secret }], "provider-default", via);
    const value = secret ? "" : ` ${tag.value.trim()}`;
    const whose = own ? `its ${ctx.tagKey}${value}` : `the ${ctx.tagKey}${value} of its ${link?.label} '${carrier.name}'`;
    const where = fromTagsAll ? "is only in its tagsAll, where provider default tags land, so it" : `comes only from ${provider}, which stamp every resource of the stack, so it`;
    return { state: "none", note: `${whose} ${where} counts only with allowProviderDefaultOwner` };
}

// A value unknown during preview, judged by the resources the engine says it is computed from
// (`propertyDependencies`). Each rule states the verdict in its own words; the reasoning is here.

import type { Finding } from "../../lib/define";
import type { ResourceView } from "../../lib/model";
import type { Evidence } from "./evidence";
import { describeResource, listText, subject, withArticle } from "./describe";
import { EnvironmentScope, foreignEvidence } from "./scope";

export type SourcesVerdict =
    /** Nothing in the stack computes the value: it cannot be verified during preview. */
    | { readonly kind: "unverifiable" }
    /** Some sources belong to other environments. */
    | {
          readonly kind: "foreign";
          readonly found: readonly { readonly source: ResourceView; readonly evidence: readonly Evidence[] }[];
          /** The sources are of the expected type: the value is their id, not merely computed from them. */
          readonly typed: boolean;
      }
    /** Every source is of this stack's environment (or shows none, and is in this stack). */
    | { readonly kind: "stays" };

/**
 * Judges the sources of top-level `property`. When `types` is given and some sources are of
 * those types, only they are judged: a list of inline rules depends on everything any of its
 * items references, and the value at hand can only be one of the expected type.
 */
export function judgeSources(scope: EnvironmentScope, resource: ResourceView, property: string, types?: ReadonlySet<string>): SourcesVerdict {
    const sources = scope.graph.sources(resource, property);
    if (sources.length === 0) return { kind: "unverifiable" };
    const typed = types ? sources.filter((r) => types.has(r.type)) : [];
    const found = (typed.length > 0 ? typed : sources)
        .map((source) => ({ source, evidence: foreignEvidence(scope, source) }))
        .filter((item) => item.evidence.length > 0);
    return found.length > 0 ? { kind: "foreign", found, typed: typed.length > 0 } : { kind: "stays" };
}

/**
 * "VPC 'peer' (staging: 10.20.0.0/16)" when the sources are what the value names; otherwise
 * "a VPC from stack reference 'net' (test: stack acme/net/test)" ("a value from ..." without a noun).
 */
export function foreignSourcesText(verdict: Extract<SourcesVerdict, { kind: "foreign" }>, noun?: string): string {
    const prefix = verdict.typed ? "" : `${withArticle(noun ?? "value")} from `;
    return verdict.found.map(({ source, evidence }) => prefix + describeResource(source, evidence)).join(" and ");
}

/** The sentence for values no resource in the stack explains. */
export function cannotVerify(scope: EnvironmentScope, resource: ResourceView, properties: readonly string[], promise: string): string {
    const them = properties.length === 1 ? "it" : "them";
    return (
        `${subject(resource, scope.own)} has ${listText(properties)} unknown during preview and no resource in this stack computes ${them}; ` +
        `cannot verify during preview that ${promise}: set ${them} from a literal, config or a resource of this stack, or check the exported state after the update.`
    );
}

/**
 * The finding for top-level `property` unknown during preview: nothing when its sources are of
 * this environment, "cannot verify" when nothing computes it, else `foreign` naming the sources.
 */
export function unknownPropertyFindings(
    scope: EnvironmentScope,
    resource: ResourceView,
    property: string,
    words: { readonly promise: string; readonly foreign: (sources: string) => string },
): Finding[] {
    const verdict = judgeSources(scope, resource, property);
    if (verdict.kind === "stays") return [];
    const message = verdict.kind === "unverifiable" ? cannotVerify(scope, resource, [property], words.promise) : words.foreign(foreignSourcesText({ ...verdict, typed: true }));
    return [{ message, urn: resource.urn }];
}

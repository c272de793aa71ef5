// The facts every credential rule reads, computed once per resource per stack view: is it a
// credential, when was it issued (and how do we know), does it rotate (and how often), is it in
// use. Rules turn facts into findings; none of them reads properties again.
//
// Preview: a credential created or replaced by this deployment has unknown provider-set outputs
// (an access key's createDate); it is issued now ("fresh"). A time.Rotating being created is
// rotation being set up, with its period known from its inputs. Only what these cannot decide is
// reported as "cannot verify during preview".

import { CHECKPOINT_PROPERTY, ResourceView, StackView, stackOf } from "../lib/model";
import { get, getString, UNKNOWN } from "../lib/props";
import { parseInstant } from "../lib/settings/clock";
import { isSecretPath } from "../lib/sdk/wire";
import { catalogEntry } from "./catalog";
import type { Applicability, CatalogEntry, IssueSource, RotationReading } from "./catalog-types";
import { linkedCompanions, linkedRotatings } from "./links";
import { RotatingFacts, rotatingFacts } from "./rotating";

export type IssueFact =
    /** `secret`: the timestamp arrived as a secret, so messages must not print it. */
    | { readonly state: "known"; readonly date: Date; readonly secret: boolean; readonly source: string }
    /** Created, replaced or re-issued by this deployment: issued at the evaluation time. */
    | { readonly state: "fresh"; readonly because: string }
    | { readonly state: "unproven"; readonly reason: string };

export type RotationFact =
    /**
     * "vendor": the vendor rotates the material in place on a schedule, so the last rotation is not
     * visible but is at most `intervalDays` ago. "deployment": a time.Rotating makes a deployment
     * re-issue it, so its issue date is its last rotation.
     */
    | { readonly state: "automatic"; readonly mechanism: "vendor" | "deployment"; readonly intervalDays: number; readonly describe: string }
    | { readonly state: "none"; readonly reason: string }
    /** `mechanism`: whether the undecided evidence is the vendor's (which would bound the age) or a deployment's. */
    | { readonly state: "unknown"; readonly mechanism: "vendor" | "deployment"; readonly reason: string };

export type StatusFact = { readonly state: "active" } | { readonly state: "inactive"; readonly word: string } | { readonly state: "unknown" };

export interface RequirementFact {
    readonly state: "violated" | "unknown";
    readonly fact: string;
    readonly fix: string;
}

export interface CredentialFacts {
    readonly resource: ResourceView;
    readonly entry: CatalogEntry;
    /** "Access key 'ci' in prod": how every message starts. */
    readonly subject: string;
    readonly applicability: Applicability;
    readonly issued: IssueFact;
    readonly rotation: RotationFact;
    readonly status: StatusFact;
    readonly requirements: readonly RequirementFact[];
}

export function subjectOf(label: string, resource: Pick<ResourceView, "name" | "urn">): string {
    const { stack } = stackOf(resource);
    return stack ? `${label} '${resource.name}' in ${stack}` : `${label} '${resource.name}'`;
}

/** How messages name a resource type: the catalog's label, else "aws.lambda.Function", "aws provider". */
export function typeLabel(type: string): string {
    const entry = catalogEntry(type);
    if (entry) return entry.label;
    const provider = /^pulumi:providers:(.+)$/.exec(type);
    if (provider) return `${provider[1]} provider`;
    const parts = /^([^:]+):([^:]*):(.+)$/.exec(type);
    if (!parts) return type;
    const module = parts[2].split("/")[0];
    return module && module !== "index" ? `${parts[1]}.${module}.${parts[3]}` : `${parts[1]}.${parts[3]}`;
}

function freshness(resource: ResourceView, entry: CatalogEntry): IssueFact | undefined {
    const unknownOutput = entry.freshWhenUnknown.find((property) => get(resource.props, property) === UNKNOWN);
    if (unknownOutput !== undefined) return { state: "fresh", because: `its ${unknownOutput} is set when this deployment creates it` };
    const because = entry.freshWhen?.(resource.props);
    return because === undefined ? undefined : { state: "fresh", because };
}

function fromSource(source: IssueSource, resource: ResourceView, rotatings: readonly RotatingFacts[]): IssueFact | undefined {
    switch (source.from) {
        case "output": {
            const date = parseInstant(getString(resource.props, source.property));
            return date && { state: "known", date, secret: isSecretPath(resource.secrets, [source.property]), source: `its ${source.property}` };
        }
        case "checkpoint": {
            const date = parseInstant(get(resource.props, CHECKPOINT_PROPERTY, "created"));
            return date && { state: "known", date, secret: isSecretPath(resource.secrets, [CHECKPOINT_PROPERTY, "created"]), source: "the state checkpoint" };
        }
        case "rotating": {
            const fresh = rotatings.find((r) => r.base.state === "fresh");
            if (fresh) return { state: "fresh", because: `time.Rotating '${fresh.resource.name}' is created by this deployment` };
            let latest: (RotatingFacts & { base: { state: "known" } }) | undefined;
            for (const r of rotatings) {
                if (r.base.state === "known" && (!latest || r.base.date > latest.base.date)) latest = r as typeof latest;
            }
            return latest && { state: "known", date: latest.base.date, secret: latest.base.secret, source: `time.Rotating '${latest.resource.name}'` };
        }
    }
}

const SOURCE_NAMES: Record<IssueSource["from"], (source: IssueSource) => string> = {
    output: (source) => `no ${(source as { property: string }).property}`,
    checkpoint: () => "no state checkpoint",
    rotating: () => "no time.Rotating that re-issues it",
};

function issueFact(resource: ResourceView, entry: CatalogEntry, rotatings: readonly RotatingFacts[]): IssueFact {
    const fresh = freshness(resource, entry);
    if (fresh) return fresh;
    for (const source of entry.issuedFrom) {
        const fact = fromSource(source, resource, rotatings);
        if (fact) return fact;
    }
    return { state: "unproven", reason: entry.issuedFrom.map((s) => SOURCE_NAMES[s.from](s)).join(", ") };
}

type Mechanism = "vendor" | "deployment";

/**
 * Readings of one mechanism combined conservatively: settings that fight over one credential (two
 * SecretRotations, two Rotatings) count as the slowest of them, and as off when one is off.
 */
function combine(readings: readonly RotationReading[]): RotationReading | undefined {
    if (readings.length === 0) return undefined;
    const off = readings.find((r) => r.state === "off");
    if (off) return off;
    const unknown = readings.find((r) => r.state === "unknown");
    if (unknown) return unknown;
    return readings.reduce((slowest, r) => (r.state === "on" && slowest.state === "on" && r.intervalDays > slowest.intervalDays ? r : slowest));
}

function rotatingReading(facts: RotatingFacts): RotationReading {
    const name = `time.Rotating '${facts.resource.name}'`;
    switch (facts.interval.state) {
        case "known":
            return { state: "on", intervalDays: facts.interval.days, describe: name };
        case "unknown":
            return { state: "unknown", reason: `the ${facts.interval.property} of ${name} is not known until the update runs` };
        case "none":
            return { state: "off", reason: `${name} sets no rotation period` };
    }
}

function rotationFact(resource: ResourceView, stack: StackView, entry: CatalogEntry, rotatings: readonly RotatingFacts[]): RotationFact {
    // A companion (a SecretRotation on an RDS-managed secret) overrides the vendor's default.
    const companions = entry.companions.flatMap((c) => linkedCompanions(resource, stack, c).map((linked) => c.rotation(linked.props)));
    const builtin = entry.builtinRotation?.(resource.props);
    const groups: [Mechanism, RotationReading | undefined][] = [
        ["vendor", companions.length > 0 ? combine(companions) : builtin],
        ["deployment", entry.rotatingReissues ? combine(rotatings.map(rotatingReading)) : undefined],
    ];
    let best: RotationFact | undefined;
    for (const [mechanism, reading] of groups) {
        if (reading?.state === "on" && (best?.state !== "automatic" || reading.intervalDays < best.intervalDays)) {
            best = { state: "automatic", mechanism, intervalDays: reading.intervalDays, describe: reading.describe };
        }
    }
    if (best) return best;
    for (const [mechanism, reading] of groups) {
        if (reading?.state === "unknown") return { state: "unknown", mechanism, reason: reading.reason };
    }
    const reasons = groups.flatMap(([, reading]) => (reading?.state === "off" ? [reading.reason] : []));
    if (!builtin && companions.length === 0) reasons.push(...entry.companions.map((c) => `no ${c.label}`));
    if (entry.rotatingReissues && rotatings.length === 0) reasons.push("no time.Rotating that re-issues it");
    return { state: "none", reason: reasons.length > 0 ? reasons.join(", ") : `${entry.label}s cannot rotate automatically` };
}

function statusFact(resource: ResourceView, entry: CatalogEntry): StatusFact {
    if (!entry.status) return { state: "active" };
    const value = get(resource.props, entry.status.property);
    if (value === UNKNOWN) return { state: "unknown" };
    for (const inactive of entry.status.inactive) {
        const matches = typeof inactive.value === "string" ? typeof value === "string" && value.toLowerCase() === inactive.value.toLowerCase() : value === inactive.value || value === String(inactive.value);
        if (matches) return { state: "inactive", word: inactive.word };
    }
    return { state: "active" };
}

function computeFacts(resource: ResourceView, stack: StackView, entry: CatalogEntry, now: Date): CredentialFacts {
    const subject = subjectOf(entry.label, resource);
    const applicability = entry.applies(resource.props);
    const rotatings = entry.issuedFrom.some((s) => s.from === "rotating") || entry.rotatingReissues ? linkedRotatings(resource, stack).map((r) => rotatingFacts(r, now)) : [];
    const requirements: RequirementFact[] = [];
    for (const requirement of entry.requirements) {
        const result = requirement.check(resource.props);
        if (result) requirements.push({ ...result, fix: requirement.fix });
    }
    return {
        resource,
        entry,
        subject,
        applicability,
        issued: issueFact(resource, entry, rotatings),
        rotation: rotationFact(resource, stack, entry, rotatings),
        status: statusFact(resource, entry),
        requirements,
    };
}

const cache = new WeakMap<StackView, { readonly at: number; readonly facts: readonly CredentialFacts[] }>();

/**
 * Facts depend on the evaluation time only through a Rotating being created (its period counts in
 * calendar months from now). With no `now` set, each policy reads the clock a few milliseconds
 * apart; facts computed within this tolerance are the same facts.
 */
const SAME_EVALUATION_MS = 60_000;

/** The facts of every catalog resource in the stack, computed once per stack view (and time). */
export function credentialsIn(stack: StackView, now: Date): readonly CredentialFacts[] {
    const cached = cache.get(stack);
    if (cached && Math.abs(cached.at - now.getTime()) < SAME_EVALUATION_MS) return cached.facts;
    const facts: CredentialFacts[] = [];
    for (const resource of stack.resources) {
        const entry = catalogEntry(resource.type);
        if (entry) facts.push(computeFacts(resource, stack, entry, now));
    }
    cache.set(stack, { at: now.getTime(), facts });
    return facts;
}

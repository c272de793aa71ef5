// The two time-dependent judgements, evaluated at any instant: credential-max-age and
// credential-rotated-after-incident judge at the evaluation time, credential-rotation-due-soon at
// the end of its warning window. Pure functions of the facts; messages are built from their
// verdicts so that a rule and its forecast say the same thing the same way.

import { addDays, daysBetween, formatDate } from "../lib/settings/clock";
import type { CredentialFacts, IssueFact } from "./evidence";
import { exactDaysBetween } from "./schedule";

export type AgeVerdict =
    | { readonly verdict: "ok" }
    /** `issuedAt`: when it was issued; `passes`: the first day it is past the limit. */
    | { readonly verdict: "over"; readonly issuedAt: Date; readonly ageDays: number; readonly passes: Date }
    | { readonly verdict: "unproven"; readonly reason: string }
    | { readonly verdict: "unknown"; readonly reason: string };

/** When the credential was issued, if known: its date, or the evaluation time when it is fresh. */
export function issueInstant(issued: IssueFact, now: Date): Date | undefined {
    if (issued.state === "known") return issued.date;
    return issued.state === "fresh" ? now : undefined;
}

export function judgeAge(facts: CredentialFacts, limit: number, now: Date, at: Date): AgeVerdict {
    const { rotation, issued } = facts;
    // The vendor rotates it in place: its material is at most one interval old, and
    // credential-rotation-enabled holds that interval to the same limit.
    if (rotation.state === "automatic" && rotation.mechanism === "vendor") return { verdict: "ok" };
    const issuedAt = issueInstant(issued, now);
    const ageDays = issuedAt ? daysBetween(issuedAt, at) : undefined;
    if (ageDays !== undefined && ageDays <= limit) return { verdict: "ok" };
    // Too old, or of unknown age, unless a vendor rotation the preview cannot see yet bounds it.
    if (rotation.state === "unknown" && rotation.mechanism === "vendor") return { verdict: "unknown", reason: rotation.reason };
    if (issuedAt && ageDays !== undefined) return { verdict: "over", issuedAt, ageDays, passes: addDays(issuedAt, limit + 1) };
    return { verdict: "unproven", reason: issued.state === "unproven" ? issued.reason : "" };
}

export interface IncidentInEffect {
    readonly id: string;
    readonly date: Date;
}

export type IncidentVerdict =
    | { readonly verdict: "ok" }
    | { readonly verdict: "before"; readonly issuedAt: Date }
    | { readonly verdict: "unproven"; readonly reason: string }
    | { readonly verdict: "unknown"; readonly reason: string };

export function judgeIncident(facts: CredentialFacts, incident: IncidentInEffect, now: Date, at: Date): IncidentVerdict {
    // An incident dated after the instant judged has not happened yet.
    if (incident.date > at) return { verdict: "ok" };
    const { rotation, issued } = facts;
    const issuedAt = issueInstant(issued, now);
    if (issuedAt && issuedAt >= incident.date) return { verdict: "ok" };
    // A vendor rotation at most `interval` days apart has rotated it at least once since the incident.
    if (rotation.state === "automatic" && rotation.mechanism === "vendor" && exactDaysBetween(incident.date, at) >= rotation.intervalDays) return { verdict: "ok" };
    if (rotation.state === "unknown" && rotation.mechanism === "vendor") return { verdict: "unknown", reason: rotation.reason };
    if (issuedAt) return { verdict: "before", issuedAt };
    return { verdict: "unproven", reason: issued.state === "unproven" ? issued.reason : "" };
}

/** "was issued 2023-09-01 (per time.Rotating 'r')", without the date when it arrived as a secret. */
export function issuedPhrase(issued: IssueFact, issuedAt: Date): string {
    if (issued.state === "fresh") return `is issued by this deployment (${formatDate(issuedAt)})`;
    if (issued.state !== "known" || issued.secret) return "was issued on a date held as a secret";
    const source = issued.source.startsWith("its ") ? "" : ` (per ${issued.source})`;
    return `was issued ${formatDate(issuedAt)}${source}`;
}

/** A catalog fix with its `{limit}` filled in. */
export function fix(template: string, limit: number): string {
    return template.split("{limit}").join(String(limit));
}

/** The finding for what only the update can tell, reported at the policy's own level. */
export function cannotVerify(subject: string, claim: string, reason: string): string {
    return `Cannot verify during preview that ${subject} ${claim}: ${reason}; run the check again once the value is known (after \`pulumi up\`), or declare it with a known value.`;
}

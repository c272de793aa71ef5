// Whether a waiver, as written, may waive anything. Pure: the evaluation time, the limit and the
// policy registry are inputs, so the same waiver gets the same verdict everywhere (in the policy
// it would waive and in waiver-valid, which reports it).

import { registeredPolicy } from "../registry";
import { daysBetween, formatDate, parseInstant } from "../settings/clock";
import { isRecord } from "../props";
import { wildcardMatcher } from "../wildcard";

export interface Waiver {
    /** 1-based position in the `waivers` list, as users count. */
    readonly number: number;
    readonly policy: string;
    readonly resource: string;
    readonly reason: string;
    readonly approvedBy: string;
    readonly expires: Date;
    /** True when the waiver covers a resource with this URN and name. */
    matches(urn: string, name: string): boolean;
}

export type Assessment =
    | { readonly valid: true; readonly waiver: Waiver }
    | { readonly valid: false; readonly number: number; readonly label: string; readonly problems: readonly string[] };

export interface AssessContext {
    readonly now: Date;
    readonly maxWaiverDays: number;
    /** waiverApprovers: when not empty, the only names a waiver may be approved by. */
    readonly approvers: readonly string[];
    /** The policy's settings, for policies waivable only when a setting allows it. */
    readonly settings: Readonly<Record<string, unknown>>;
}

function text(value: unknown): string | undefined {
    return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/**
 * A URN, or a pattern with `*`: matched against the URN when it contains "::", otherwise against
 * the resource name. The owner registry's `credentials` claims read resources the same way.
 */
export function patternMatcher(pattern: string): (urn: string, name: string) => boolean {
    const matches = wildcardMatcher(pattern);
    return pattern.includes("::") ? (urn) => matches(urn) : (_urn, name) => matches(name);
}

/** Approvers and owners compare as people read them: case-insensitively, ignoring surrounding space. */
export function sameName(a: string, b: string): boolean {
    return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function policyProblem(policy: string, settings: Readonly<Record<string, unknown>>): string | undefined {
    const registered = registeredPolicy(policy);
    if (!registered) return `names policy "${policy}", which is not in this pack`;
    if (!registered.waivable) return `names ${policy}, which no waiver may cover`;
    if (registered.waivableWhen && settings[registered.waivableWhen] !== true) {
        return `names ${policy}, which may be waived only when ${registered.waivableWhen} is true`;
    }
    return undefined;
}

export function assessWaiver(input: unknown, index: number, context: AssessContext): Assessment {
    const number = index + 1;
    if (!isRecord(input)) {
        return { valid: false, number, label: `Waiver #${number}`, problems: ["is not an object with policy, resource, reason, approvedBy and expires"] };
    }
    const policy = text(input.policy);
    const resource = text(input.resource);
    const reason = text(input.reason);
    const approvedBy = text(input.approvedBy);
    const expires = parseInstant(input.expires);
    const label = `Waiver #${number} (${policy ?? "no policy"} on ${resource ? `'${resource}'` : "no resource"})`;

    const problems: string[] = [];
    if (!policy) problems.push("names no policy");
    else {
        const problem = policyProblem(policy, context.settings);
        if (problem) problems.push(problem);
    }
    if (!resource) problems.push("names no resource");
    else if (!/[^*:\s]/.test(resource)) problems.push(`names every resource ("${resource}"); name the resources it covers (a URN, a name, or a pattern such as "ci-*")`);
    if (!reason) problems.push("gives no reason");
    if (!approvedBy) problems.push("has no approver (approvedBy)");
    else if (context.approvers.length > 0 && !context.approvers.some((a) => sameName(a, approvedBy))) {
        problems.push(`is approved by ${approvedBy}, who is not in waiverApprovers (${context.approvers.join(", ")})`);
    }
    if (!expires) {
        problems.push(input.expires === undefined ? "has no expiry (expires)" : `has an expiry that is not a date (${JSON.stringify(input.expires)})`);
    } else if (expires.getTime() <= context.now.getTime()) {
        problems.push(`expired on ${formatDate(expires)}`);
    } else {
        const days = daysBetween(context.now, expires);
        if (days > context.maxWaiverDays) {
            problems.push(`runs until ${formatDate(expires)}, ${days} days away, past the ${context.maxWaiverDays}-day maximum (maxWaiverDays)`);
        }
    }
    // Each missing field has already added a problem; the checks narrow the types.
    if (problems.length > 0 || !policy || !resource || !reason || !approvedBy || !expires) {
        return { valid: false, number, label, problems };
    }
    return { valid: true, waiver: { number, policy, resource, reason, approvedBy, expires, matches: patternMatcher(resource) } };
}

const assessed = new WeakMap<readonly unknown[], { key: string; results: readonly Assessment[] }>();

/** Every waiver assessed once per (list, time, limit, settings): the settings reader keeps the list's identity. */
export function assessAll(waivers: readonly unknown[], context: AssessContext): readonly Assessment[] {
    const key = `${context.now.getTime()}|${context.maxWaiverDays}|${context.settings.allowIncidentWaivers === true}|${JSON.stringify(context.approvers)}`;
    const cached = assessed.get(waivers);
    if (cached && cached.key === key) return cached.results;
    const results = waivers.map((w, i) => assessWaiver(w, i, context));
    assessed.set(waivers, { key, results });
    return results;
}

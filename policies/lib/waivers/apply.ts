// How a policy consults waivers before reporting: a finding covered by a valid waiver for that
// policy is still reported, as advisory, with the waiver's approver, expiry and reason. It never
// disappears silently, and an invalid waiver waives nothing.

import { formatDate } from "../settings/clock";
import { assessAll, AssessContext, Waiver } from "./assess";

export function findWaiver(policy: string, urn: string, name: string, waivers: readonly unknown[], context: AssessContext): Waiver | undefined {
    if (waivers.length === 0) return undefined;
    for (const assessment of assessAll(waivers, context)) {
        if (assessment.valid && assessment.waiver.policy === policy && assessment.waiver.matches(urn, name)) return assessment.waiver;
    }
    return undefined;
}

/** The finding's message as reported when waived. */
export function waivedMessage(message: string, waiver: Waiver): string {
    return `${message} Waived until ${formatDate(waiver.expires)} (waiver #${waiver.number}, approved by ${waiver.approvedBy}): ${waiver.reason}`;
}

import { defineStackPolicy, Finding, PolicyContext } from "../lib/define";
import type { StackView } from "../lib/model";
import { credentialsIn } from "./evidence";
import { IAM_8 } from "./frameworks";
import { cannotVerify } from "./judgements";

export function checkUnusedRemoved(stack: StackView, { now }: PolicyContext<object>): Finding[] {
    const findings: Finding[] = [];
    for (const { applicability, status, subject, entry, resource } of credentialsIn(stack, now)) {
        if (applicability.applies === false) continue;
        const claim = "is in use rather than kept disabled";
        if (applicability.applies === "unknown") {
            findings.push({ message: cannotVerify(subject, claim, applicability.reason), urn: resource.urn });
        } else if (status.state === "inactive") {
            findings.push({
                message: `${subject} is ${status.word} but still exists, and only credentials in use may be kept; ${entry.fixes.decommission}.`,
                urn: resource.urn,
            });
        } else if (status.state === "unknown" && entry.status) {
            findings.push({ message: cannotVerify(subject, claim, `its ${entry.status.property} is not known until the update runs`), urn: resource.urn });
        }
    }
    return findings;
}

export const credentialUnusedRemoved = defineStackPolicy({
    name: "credential-unused-removed",
    description:
        "A credential that is disabled or inactive must be deleted, not kept: credentials believed unused are the ones nobody rotates (the Cloudflare 2023 lesson).",
    severity: "medium",
    remediationSteps:
        "Delete the inactive credential (remove its resource from the program). If it is still needed, re-enable it deliberately and let the rotation policies hold it to their limits.",
    framework: IAM_8,
    tags: ["credentials"],
    settings: [],
    checkStack: checkUnusedRemoved,
});

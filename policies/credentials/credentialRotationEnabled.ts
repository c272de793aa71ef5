import { defineStackPolicy, Finding, PolicyContext } from "../lib/define";
import type { StackView } from "../lib/model";
import type { SettingsOf } from "../lib/settings/define";
import { credentialsIn } from "./evidence";
import { SECRETS_MANAGER_1, securityHubTag } from "./frameworks";
import { cannotVerify, fix } from "./judgements";
import { formatDays } from "./schedule";
import { maxAgeDaysSetting, maxAgeFor } from "./settings";

const SETTINGS = [maxAgeDaysSetting] as const;

export function checkRotationEnabled(stack: StackView, { settings, now }: PolicyContext<SettingsOf<typeof SETTINGS>>): Finding[] {
    const findings: Finding[] = [];
    for (const facts of credentialsIn(stack, now)) {
        const { applicability, subject, entry, resource, rotation } = facts;
        if (applicability.applies === false) continue;
        const limit = maxAgeFor(entry.kind, settings.maxAgeDays);
        const claim = `rotates automatically within the ${limit}-day limit`;
        const automate = fix(entry.fixes.automate, limit);
        const report = (message: string) => findings.push({ message, urn: resource.urn });
        if (applicability.applies === "unknown") {
            report(cannotVerify(subject, claim, applicability.reason));
            continue;
        }
        if (rotation.state === "none") {
            report(`${subject} does not rotate automatically within the ${limit}-day limit (${rotation.reason}); ${automate}.`);
        } else if (rotation.state === "unknown") {
            report(cannotVerify(subject, claim, rotation.reason));
        } else if (rotation.intervalDays > limit) {
            report(`${subject} rotates every ${formatDays(rotation.intervalDays)} days (${rotation.describe}), slower than the ${limit}-day limit; ${automate}.`);
        }
        for (const requirement of facts.requirements) {
            report(
                requirement.state === "violated"
                    ? `${subject} ${requirement.fact}, which the ${limit}-day rotation limit does not allow; ${requirement.fix}.`
                    : cannotVerify(subject, claim, requirement.fact),
            );
        }
    }
    return findings;
}

export const credentialRotationEnabled = defineStackPolicy({
    name: "credential-rotation-enabled",
    description: "Credentials must rotate automatically, at least as often as their age limit, so that nobody has to remember to rotate them.",
    severity: "high",
    remediationSteps:
        "Turn on the vendor's rotation (KMS enableKeyRotation, a Secrets Manager SecretRotation, RDS manageMasterUserPassword, Okta private_key_jwt with autoKeyRotation) or make a time.Rotating re-issue the credential (replaceWith or replacementTrigger), with a period within the maxAgeDays limit of its kind.",
    framework: SECRETS_MANAGER_1,
    tags: ["credentials", securityHubTag("KMS.4")],
    settings: SETTINGS,
    checkStack: checkRotationEnabled,
});

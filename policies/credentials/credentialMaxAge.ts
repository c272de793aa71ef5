import { defineStackPolicy, Finding, PolicyContext } from "../lib/define";
import type { StackView } from "../lib/model";
import type { SettingsOf } from "../lib/settings/define";
import { credentialsIn } from "./evidence";
import { CIS_1_14, securityHubTag } from "./frameworks";
import { cannotVerify, fix, issuedPhrase, judgeAge } from "./judgements";
import { maxAgeDaysSetting, maxAgeFor } from "./settings";

const SETTINGS = [maxAgeDaysSetting] as const;

export function checkMaxAge(stack: StackView, { settings, now }: PolicyContext<SettingsOf<typeof SETTINGS>>): Finding[] {
    const findings: Finding[] = [];
    for (const facts of credentialsIn(stack, now)) {
        const { applicability, subject, entry, resource } = facts;
        if (applicability.applies === false) continue;
        const limit = maxAgeFor(entry.kind, settings.maxAgeDays);
        const claim = `is within the ${limit}-day age limit`;
        if (applicability.applies === "unknown") {
            findings.push({ message: cannotVerify(subject, claim, applicability.reason), urn: resource.urn });
            continue;
        }
        const verdict = judgeAge(facts, limit, now, now);
        let message: string | undefined;
        switch (verdict.verdict) {
            case "over": {
                const refresh =
                    facts.rotation.state === "automatic" && facts.rotation.mechanism === "deployment"
                        ? `, or run \`pulumi up --refresh\` so that ${facts.rotation.describe} re-issues it`
                        : "";
                message = `${subject} ${issuedPhrase(facts.issued, verdict.issuedAt)}, ${verdict.ageDays} days ago, past the ${limit}-day limit; ${fix(entry.fixes.rotate, limit)}${refresh}.`;
                break;
            }
            case "unproven":
                message = `${subject} has no provable issue date (${verdict.reason}), so its age cannot be held to the ${limit}-day limit; ${fix(entry.fixes.automate, limit)}.`;
                break;
            case "unknown":
                message = cannotVerify(subject, claim, verdict.reason);
                break;
        }
        if (message) findings.push({ message, urn: resource.urn });
    }
    return findings;
}

export const credentialMaxAge = defineStackPolicy({
    name: "credential-max-age",
    description: "Credentials must have been issued or rotated within their age limit (default 90 days), so that a leaked one stops working.",
    severity: "high",
    remediationSteps:
        "Rotate the credential now (replace an access key, rotate a secret), then make rotation automatic: a time.Rotating that re-issues it, a SecretRotation, KMS key rotation, an RDS-managed password, or Okta key rotation. Limits per kind are in the maxAgeDays setting.",
    framework: CIS_1_14,
    tags: ["credentials", securityHubTag("IAM.3"), securityHubTag("SecretsManager.4")],
    settings: SETTINGS,
    checkStack: checkMaxAge,
});

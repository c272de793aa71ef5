import { defineStackPolicy, Finding, NotApplicable, PolicyContext } from "../lib/define";
import type { StackView } from "../lib/model";
import { environmentsSetting, stackEnvironmentsSetting, tagKeysSetting } from "../lib/settings/common";
import type { SettingsOf } from "../lib/settings/define";
import { cannotVerifyMessage, crossMessage } from "./describe";
import { NIST_AC_6 } from "./frameworks";
import { isNotApplicable, reachIn } from "./model";

const SETTINGS = [environmentsSetting, stackEnvironmentsSetting, tagKeysSetting] as const;

export function checkReachWithinEnvironment(stack: StackView, { settings, now }: PolicyContext<SettingsOf<typeof SETTINGS>>): Finding[] | NotApplicable {
    if (stack.resources.length === 0) return [];
    const reaches = reachIn(stack, settings, now);
    if (isNotApplicable(reaches)) return reaches;
    const findings: Finding[] = [];
    for (const reach of reaches) {
        if (reach.facts.applicability.applies === false) continue;
        const urn = reach.facts.resource.urn;
        if (reach.cross.length > 0) findings.push({ message: crossMessage(reach, reach.cross[0], reach.cross.length - 1), urn });
        // An Okta credential acts in its provider's org, which provider-matches-environment judges.
        else if (reach.notes.length > 0 && !reach.okta) findings.push({ message: cannotVerifyMessage(reach, `can act only in ${reach.own}'s account`), urn });
    }
    return findings;
}

export const credentialReachWithinEnvironment = defineStackPolicy({
    name: "credential-reach-within-environment",
    description:
        "A credential's principal must act only in its own environment's account: no resource of another environment's account by ARN, and no role there it can assume, directly or through a chain of roles.",
    severity: "critical",
    remediationSteps:
        "Remove the other environment's ARNs from the principal's policies, remove sts:AssumeRole on the other environment's roles (or on the roles that lead there), and make each role trust only its own environment's account. Give a deployment that must reach another environment its own credential in that environment.",
    framework: NIST_AC_6,
    tags: ["reach", "credentials", "environments", "iam"],
    settings: SETTINGS,
    checkStack: checkReachWithinEnvironment,
});

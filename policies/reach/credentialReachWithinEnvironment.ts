import { defineStackPolicy, Finding, NotApplicable, PolicyContext } from "../lib/define";
import type { StackView } from "../lib/model";
import type { SettingsOf } from "../lib/settings/define";
import { cannotVerifyMessage, crossMessage } from "./describe";
import { NIST_AC_6 } from "./frameworks";
import { judgeReaches, REACH_SETTINGS } from "./judge";
import type { CredentialReach } from "./model";

const SETTINGS = REACH_SETTINGS;

function judge(reach: CredentialReach): string | undefined {
    if (reach.cross.length > 0) return crossMessage(reach, reach.cross[0], reach.cross.length - 1);
    // An Okta credential acts in its provider's org, which provider-matches-environment judges.
    if (reach.notes.length > 0 && !reach.okta) return cannotVerifyMessage(reach, `can act only in ${reach.own}'s account`);
    return undefined;
}

export function checkReachWithinEnvironment(stack: StackView, context: PolicyContext<SettingsOf<typeof SETTINGS>>): Finding[] | NotApplicable {
    return judgeReaches(stack, context, judge);
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

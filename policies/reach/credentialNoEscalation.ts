import { defineStackPolicy, Finding, NotApplicable, PolicyContext } from "../lib/define";
import type { StackView } from "../lib/model";
import type { SettingsOf } from "../lib/settings/define";
import { ownerOf } from "../ownership/owner";
import { ownerResolutionSettings } from "../ownership/settings";
import { cannotVerifyMessage, CONDITION_CAVEAT } from "./describe";
import { CIS_1_15, securityHubTag } from "./frameworks";
import { judgeReaches, REACH_SETTINGS } from "./judge";
import type { CredentialReach } from "./model";
import { BreakGlass, breakGlassSetting } from "./settings";

const SETTINGS = [...REACH_SETTINGS, ...ownerResolutionSettings, breakGlassSetting] as const;
type Settings = SettingsOf<typeof SETTINGS>;

const BREAK_GLASS_FIX = "or, for a break-glass credential, name its owner or kind in the breakGlass setting";

function isBreakGlass(stack: StackView, reach: CredentialReach, settings: Settings): boolean {
    const allowed: BreakGlass = settings.breakGlass;
    if (allowed.kinds.includes(reach.facts.entry.kind)) return true;
    if (allowed.owners.length === 0) return false;
    // An exemption needs a settled owner: one only a preview unknown might name does not count.
    const owner = ownerOf(stack, reach.facts, settings);
    const names = owner.state === "owned" ? owner.owners : [];
    const wanted = new Set(allowed.owners.map((o) => o.toLowerCase()));
    return names.some((o) => o.name !== undefined && wanted.has(o.name.toLowerCase()));
}

function adminMessage(reach: CredentialReach): string {
    const { facts, admin, okta, principal } = reach;
    if (!admin) return "";
    const caveat = admin.conditional ? CONDITION_CAVEAT : "";
    if (okta) {
        const holder = okta.holder ? ` of its creator, ${okta.holder}` : "";
        const fix = facts.entry.kind === "okta-api-token" ? "create the token as a service user with a narrower admin role, or use a service app with only the scopes it needs" : "assign it a narrower admin role, or only the scopes it needs";
        return `${facts.subject} carries the ${admin.through.join(", ")} admin role${holder}, which holds the whole Okta org; ${fix}, ${BREAK_GLASS_FIX}.`;
    }
    const through = `${principal} (${admin.through.join(", ")})`;
    const what = admin.level === "administrator" ? "is administrator-equivalent" : "can use every AWS service except IAM on every resource of its account";
    return `${facts.subject} ${what} through ${through}${caveat}; grant it only the actions and resources it needs, ${BREAK_GLASS_FIX}.`;
}

/** What a method's grant may safely be limited to, where "resources it owns" would not say. */
const LIMIT_TO: Readonly<Record<string, string>> = {
    "iam:AttachGroupPolicy": "groups it is not a member of",
    "iam:PutGroupPolicy": "groups it is not a member of",
    "iam:AddUserToGroup": "groups that grant no more than it has",
    "iam:AttachRolePolicy": "roles it cannot assume",
    "iam:PutRolePolicy": "roles it cannot assume",
    "lambda:UpdateFunctionCode": "functions whose role is no more powerful than it",
};

function escalationMessage(reach: CredentialReach): string {
    const [shortest, ...others] = reach.escalations;
    const caveat = shortest.conditional ? CONDITION_CAVEAT : "";
    const more = others.length > 0 ? ` (and ${others.length} more path${others.length === 1 ? "" : "s"}: ${others.map((e) => e.method).join(", ")})` : "";
    const action = shortest.method.split(" + ")[0];
    const fix = reach.okta ? `remove the ${shortest.method} grant` : `remove ${action} from the policies of ${reach.principal} or limit it to ${LIMIT_TO[action] ?? "resources it owns"}`;
    return `${reach.facts.subject} has a privilege-escalation path: ${shortest.steps.join(", then ")}${caveat}${more}; ${fix}, ${BREAK_GLASS_FIX}.`;
}

export function checkNoEscalation(stack: StackView, context: PolicyContext<Settings>): Finding[] | NotApplicable {
    return judgeReaches(stack, context, (reach) => {
        const powerful = reach.admin !== undefined || reach.escalations.length > 0;
        if (!powerful && reach.notes.length === 0) return undefined;
        if (isBreakGlass(stack, reach, context.settings)) return undefined;
        if (reach.admin) return adminMessage(reach);
        if (reach.escalations.length > 0) return escalationMessage(reach);
        return cannotVerifyMessage(reach, "is neither administrator-equivalent nor able to escalate its privileges");
    });
}

export const credentialNoEscalation = defineStackPolicy({
    name: "credential-no-escalation",
    description:
        "A credential must not be administrator-equivalent or hold a privilege-escalation path (take over another user, grant itself, a group it is in or a role it can assume more, join a more powerful group, rewrite a policy or trust, pass a role to a service it can start, replace the code of a Lambda function that runs as a more powerful role, assume a more privileged role; in Okta, an admin role or a scope that grants one), unless it is a break-glass credential.",
    severity: "critical",
    remediationSteps:
        "Grant the credential's principal only the actions and resources it needs: no AdministratorAccess, PowerUserAccess or IAMFullAccess, no iam:* on other users, roles or policies, nor on its own groups or the roles it can assume, no iam:PassRole on roles a service it can start may assume, no lambda:UpdateFunctionCode on functions that run as a more powerful role. For Okta, create API tokens as a service user with a narrow admin role, or use a service app with read or narrowly managed scopes. A break-glass credential is named in the breakGlass setting (by owner or kind), or waived with a reason and an expiry.",
    framework: CIS_1_15,
    tags: ["reach", "credentials", "iam", securityHubTag("IAM.1"), securityHubTag("IAM.21")],
    settings: SETTINGS,
    checkStack: checkNoEscalation,
});

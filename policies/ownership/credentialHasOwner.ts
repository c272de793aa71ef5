import type { PolicyComplianceFramework } from "@pulumi/policy";
import type { CatalogEntry } from "../credentials/catalog-types";
import { credentialsIn } from "../credentials/evidence";
import { cannotVerify } from "../credentials/judgements";
import { defineStackPolicy, Finding, PolicyContext } from "../lib/define";
import type { ResourceView, StackView } from "../lib/model";
import { tagKeysSetting } from "../lib/settings/common";
import type { SettingsOf } from "../lib/settings/define";
import { declarationFix } from "./okta";
import { ownerOf } from "./owner";
import { ownerResolutionSettings } from "./settings";
import type { PrincipalLink } from "./sources";

/** NIST's account management control: every account has a manager, told when its users leave. */
export const NIST_AC_2: PolicyComplianceFramework = {
    name: "NIST SP 800-53",
    version: "Rev. 5",
    reference: "AC-2",
    specification: "Account Management: assign account managers, and notify them when accounts are no longer required or their users leave",
};

const SETTINGS = [tagKeysSetting, ...ownerResolutionSettings] as const;

/** "a, b, or c" (or "and") */
export function listOf(items: readonly string[], conjunction: "or" | "and"): string {
    if (items.length <= 1) return items.join("");
    return `${items.slice(0, -1).join(", ")}, ${conjunction} ${items[items.length - 1]}`;
}

/** The ways to give this credential an owner, most direct first. */
function ownerFixes(resource: ResourceView, entry: CatalogEntry, principal: PrincipalLink | undefined, tagKey: string): string {
    const tag = `${tagKey}=<team>`;
    const fixes: string[] = [];
    if (entry.owner.tagged) fixes.push(`tag it with ${tag}`);
    const declared = principal?.found[0];
    if (principal?.tagged && declared) fixes.push(`tag its ${principal.label} '${declared.name}' with ${tag}`);
    else if (principal?.tagged) fixes.push(`declare its ${principal.label}${principal.named ? ` '${principal.named}'` : ""} in this stack with ${tag}`);
    else if (principal && !declared) fixes.push(`declare (or import) its ${principal.label} in this stack`);
    for (const { type, property } of entry.owner.declaredBy ?? []) fixes.push(declarationFix(type, property));
    fixes.push(`claim it in the owners registry (owners.<team>.credentials: ["${resource.name}"])`);
    return listOf(fixes, "or");
}

export function checkHasOwner(stack: StackView, { settings, now }: PolicyContext<SettingsOf<typeof SETTINGS>>): Finding[] {
    const findings: Finding[] = [];
    for (const facts of credentialsIn(stack, now)) {
        const { applicability, subject, entry, resource } = facts;
        // A resource that may be a credential (decided only by the update) is held to the rule.
        if (applicability.applies === false) continue;
        const resolution = ownerOf(stack, facts, settings);
        if (resolution.state === "owned") continue;
        if (resolution.state === "uncertain") {
            // Whatever the unknown value turns out to be, someone owns it.
            if (!resolution.fallback) findings.push({ message: cannotVerify(subject, "has an owner", resolution.reason), urn: resource.urn });
            continue;
        }
        const found = resolution.notes.length > 0 ? listOf(resolution.notes, "and") : "nothing names one";
        const fix = ownerFixes(resource, entry, resolution.principal, settings.tagKeys.owner);
        findings.push({ message: `${subject} has no owner: ${found}; ${fix}.`, urn: resource.urn });
    }
    return findings;
}

export const credentialHasOwner = defineStackPolicy({
    name: "credential-has-owner",
    description:
        "Every credential must have an owner who answers for it: its owner tag, an Okta ResourceOwner, the principal it belongs to, a component around it, or a claim in the owners registry.",
    severity: "high",
    remediationSteps:
        "Give the credential an owner: tag it (or the IAM user it belongs to) with the owner tag (tagKeys.owner, default Owner), record the owner of an Okta app in an okta.ResourceOwner, register an `owner` output on the component that declares it, or claim it in the `owners` setting (owners.<team>.credentials). Provider default tags count only with allowProviderDefaultOwner.",
    framework: NIST_AC_2,
    tags: ["ownership", "credentials"],
    settings: SETTINGS,
    checkStack: checkHasOwner,
});

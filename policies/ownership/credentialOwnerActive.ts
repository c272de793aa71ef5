import { CATALOG_KINDS } from "../credentials/catalog";
import { CREDENTIAL_KINDS, CredentialKind } from "../credentials/catalog-types";
import { credentialsIn } from "../credentials/evidence";
import { cannotVerify } from "../credentials/judgements";
import { defineStackPolicy, Finding, PolicyContext } from "../lib/define";
import type { StackView } from "../lib/model";
import { tagKeysSetting } from "../lib/settings/common";
import { setting, SettingsOf } from "../lib/settings/define";
import { describeOwner, Owner } from "./claims";
import { NIST_AC_2 } from "./credentialHasOwner";
import { OwnedClaim, ownerOf } from "./owner";
import { OwnerRegistry, ownerPath, ownerResolutionSettings, registeredOwner } from "./settings";

export const requireTeamForSetting = setting<readonly string[]>()({
    key: "requireTeamFor",
    schema: {
        type: "array",
        description: `Credential kinds whose owner must be a team (kind: team in the owners registry), not a person, who takes the credential's ownership along when they leave. Kinds: ${CREDENTIAL_KINDS.join(", ")}. Applies only when the registry is not empty.`,
        default: ["okta-service-app", "okta-api-service-integration"],
        uniqueItems: true,
        items: { type: "string", minLength: 1 },
    },
    check: (kinds) =>
        kinds
            .map((kind, i) => [kind, i] as const)
            .filter(([kind]) => !CATALOG_KINDS.has(kind as CredentialKind))
            .map(([kind, i]) => `requireTeamFor[${i}] "${kind}" is not a credential kind; use one of ${CREDENTIAL_KINDS.join(", ")}`),
});

const SETTINGS = [tagKeysSetting, ...ownerResolutionSettings, requireTeamForSetting] as const;

/** What is wrong with one owner of a credential, as the rest of a sentence that starts with the subject. */
function ownerProblem(owner: Owner, claim: OwnedClaim, registry: OwnerRegistry, teamRequiredFor: string | undefined): string | undefined {
    const who = `${describeOwner(owner)} (from ${claim.via})`;
    if (owner.name === undefined) {
        return `is owned by ${who}, which cannot be checked against the owners registry; declare the owner's okta.group.Group (or okta.user.User) in this stack and build principalOrns from its id`;
    }
    const registered = registeredOwner(registry, owner.name);
    // A secret name is compared, never printed; neither is the registry key equal to it.
    const key = owner.secret || !registered ? undefined : ownerPath(registered.name);
    if (!registered) {
        const add = owner.secret ? "add that owner" : `add ${owner.name}`;
        return `is owned by ${who}, which is not in the owners registry; ${add} to owners with its status, or hand the credential to a registered owner`;
    }
    if (registered.entry.status === "departed") {
        const successor = registered.entry.successor && key ? ` (${registered.entry.successor}, per ${key}.successor)` : "";
        return `is owned by ${who}, who has departed (owners registry), so the credential is orphaned; hand it to an active owner${successor} and rotate it, since a departed owner may still hold it`;
    }
    if (teamRequiredFor === undefined) return undefined;
    const kind = registered.entry.kind ?? owner.kind;
    if (kind === "team") return undefined;
    const rule = `${teamRequiredFor} credentials must be owned by a team (requireTeamFor)`;
    if (kind === "person") return `is owned by ${who}, a person, but ${rule}; hand it to a team of the owners registry, so that it is not orphaned when one person leaves`;
    const setKind = key ? `set ${key}.kind to team if it is one` : "give that owner kind: team in the owners registry if it is one";
    return `is owned by ${who}, whose kind the owners registry does not give, but ${rule}; ${setKind}, or hand the credential to a team`;
}

export function checkOwnerActive(stack: StackView, { settings, now }: PolicyContext<SettingsOf<typeof SETTINGS>>): Finding[] {
    // An empty registry accepts any owner: credential-has-owner still requires one.
    if (Object.keys(settings.owners).length === 0) return [];
    const teamKinds = new Set(settings.requireTeamFor);
    const findings: Finding[] = [];
    for (const facts of credentialsIn(stack, now)) {
        const { applicability, subject, entry, resource } = facts;
        if (applicability.applies === false) continue;
        const resolution = ownerOf(stack, facts, settings);
        // No owner at all is credential-has-owner's finding.
        if (resolution.state === "unowned") continue;
        if (resolution.state === "uncertain") {
            findings.push({ message: cannotVerify(subject, "is owned by an active owner of the owners registry", resolution.reason), urn: resource.urn });
            continue;
        }
        const teamRequiredFor = teamKinds.has(entry.kind) ? entry.kind : undefined;
        for (const owner of resolution.owners) {
            const problem = ownerProblem(owner, resolution, settings.owners, teamRequiredFor);
            if (problem) findings.push({ message: `${subject} ${problem}.`, urn: resource.urn });
        }
    }
    return findings;
}

export const credentialOwnerActive = defineStackPolicy({
    name: "credential-owner-active",
    description:
        "A credential's owner must be in the owners registry and active; a departed owner leaves the credential orphaned, and kinds in requireTeamFor must be owned by a team.",
    severity: "high",
    remediationSteps:
        "Hand the credential to an active owner of the `owners` registry (change its owner tag, its IAM user's, its okta.ResourceOwner or its registry claim) and rotate it when the previous owner has departed: they may still hold it. Add a missing owner to the registry with its status and kind; owners of the kinds in requireTeamFor must have kind: team.",
    framework: NIST_AC_2,
    tags: ["ownership", "credentials"],
    settings: SETTINGS,
    checkStack: checkOwnerActive,
});

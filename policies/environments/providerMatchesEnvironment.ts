import { defineStackPolicy, Finding } from "../lib/define";
import type { ProviderView, StackView } from "../lib/model";
import { getString, UNKNOWN } from "../lib/props";
import { environmentsSetting, stackEnvironmentsSetting, tagKeysSetting } from "../lib/settings/common";
import { setting } from "../lib/settings/define";
import { AccountClaim, awsProviderAccounts } from "./support/accounts";
import { nounOf, pathText, shown } from "./support/describe";
import { distinct, EnvironmentScope, inEnvironment } from "./support/scope";
import { unknownPropertyFindings } from "./support/unknown";

export const requireProviderTargetSetting = setting<boolean>()({
    key: "requireProviderTarget",
    schema: {
        type: "boolean",
        default: true,
        description:
            "Report an AWS provider that names no account (neither allowedAccountIds nor an assumed role) and an Okta provider that names no org: such a provider deploys wherever the ambient credentials point, another environment's included.",
    },
});

const AWS_PROVIDER = "pulumi:providers:aws";
const OKTA_PROVIDER = "pulumi:providers:okta";

/** Provider resources of the stack, and those only referenced (default providers under mocks). */
function providersOf(stack: StackView): ProviderView[] {
    const found = new Map<string, ProviderView>();
    for (const resource of stack.resources) {
        if (resource.type === AWS_PROVIDER || resource.type === OKTA_PROVIDER) found.set(resource.urn, resource);
        const provider = resource.provider;
        if (provider && !found.has(provider.urn) && (provider.type === AWS_PROVIDER || provider.type === OKTA_PROVIDER)) found.set(provider.urn, provider);
    }
    return [...found.values()];
}

/** Provider views carry no graph; the stack's resource of the same URN does, when it is there. */
function unknownFinding(scope: EnvironmentScope, provider: ProviderView, property: string, promise: string, fix: string): Finding[] {
    const resource = scope.stack.byUrn.get(provider.urn);
    const subject = `${nounOf(provider.type)} '${provider.name}' in ${scope.own}`;
    if (resource) return unknownPropertyFindings(scope, resource, property, { promise, foreign: (sources) => `${subject} takes ${property} from ${sources}; ${fix}.` });
    return [{ message: `${subject} has ${property} unknown during preview; cannot verify during preview that ${promise}: set it from a literal or config.`, urn: provider.urn }];
}

function awsFindings(scope: EnvironmentScope, provider: ProviderView, requireTarget: boolean): Finding[] {
    const { own, plan } = scope;
    const ownAccounts = plan.plan[own].awsAccountIds ?? [];
    const accounts = plan.accountsOf(own);
    const subject = `AWS provider '${provider.name}' in ${own}`;
    const claims = awsProviderAccounts(provider.props);
    if (claims.length === 0) {
        if (!requireTarget || ownAccounts.length === 0) return [];
        return [
            {
                message: `${subject} names no account (neither allowedAccountIds nor an assumed role), so it deploys wherever the credentials at hand point; set allowedAccountIds to ${own}'s account (${accounts}).`,
                urn: provider.urn,
            },
        ];
    }
    const promise = `it deploys only to ${own}'s account (${accounts})`;
    return claims.flatMap((claim: AccountClaim): Finding[] => {
        const fix = claim.via === "allowedAccountIds" ? `allow only ${own}'s account (${accounts})` : `assume only roles in ${own}'s account (${accounts})`;
        if (claim.account === UNKNOWN) return unknownFinding(scope, provider, String(claim.path[0]), promise, fix);
        if (ownAccounts.includes(claim.account)) return [];
        const environment = plan.environmentOfAccount(claim.account);
        if (environment === undefined && ownAccounts.length === 0) return [];
        const whose = environment ? `${environment}` : `not ${own}'s`;
        const text = shown(provider, claim.path, claim.text);
        const fact = claim.via === "allowedAccountIds" ? `allows account ${text} (${whose})` : `assumes ${text} (${whose} account ${claim.account}) in ${pathText(claim.path)}`;
        return [{ message: `${subject} ${fact}; ${fix}.`, urn: provider.urn }];
    });
}

function oktaFindings(scope: EnvironmentScope, provider: ProviderView, requireTarget: boolean): Finding[] {
    const { own, plan } = scope;
    const ownOrg = plan.plan[own].okta;
    const orgText = ownOrg ? `${ownOrg.orgName} on ${ownOrg.baseUrl}` : undefined;
    const fix = orgText ? `manage only ${own}'s org (${orgText})` : `manage ${own}'s identities from an org of its own`;
    const subject = `Okta provider '${provider.name}' in ${own}`;
    const orgName = getString(provider.props, "orgName");
    const baseUrl = getString(provider.props, "baseUrl");
    if (orgName === UNKNOWN || baseUrl === UNKNOWN) {
        return unknownFinding(scope, provider, orgName === UNKNOWN ? "orgName" : "baseUrl", `it manages only ${own}'s org${orgText ? ` (${orgText})` : ""}`, fix);
    }
    if (orgName === undefined) {
        if (!requireTarget || !orgText) return [];
        return [{ message: `${subject} names no org, so it manages whichever org the credentials at hand point to; set orgName and baseUrl to ${own}'s org (${orgText}).`, urn: provider.urn }];
    }
    const environment = plan.environmentOfOkta({ orgName, baseUrl });
    // An environment with no org in the plan is held only to not managing another's.
    if (environment === own || (environment === undefined && !ownOrg)) return [];
    const text = shown(provider, ["orgName"], `${orgName}${baseUrl ? ` on ${baseUrl}` : ""}`);
    return [{ message: `${subject} manages org ${text} (${environment ?? `not ${own}'s`}); ${fix}.`, urn: provider.urn }];
}

export const providerMatchesEnvironment = defineStackPolicy({
    name: "provider-matches-environment",
    description:
        "Every AWS provider must deploy only to the stack environment's account (allowedAccountIds, assumed roles), and every Okta provider must manage only the environment's org.",
    severity: "critical",
    remediationSteps:
        "Pin each AWS provider to the environment's account with `allowedAccountIds` (or `aws:allowedAccountIds` in the stack config for the default provider), assume roles only in that account, and point each Okta provider at the environment's org (`orgName`, `baseUrl`).",
    tags: ["environments", "providers"],
    settings: [environmentsSetting, stackEnvironmentsSetting, tagKeysSetting, requireProviderTargetSetting],
    checkStack: (stack, { settings }) =>
        inEnvironment(stack, settings, (scope) =>
            distinct(
                providersOf(stack).flatMap((provider) =>
                    provider.type === AWS_PROVIDER ? awsFindings(scope, provider, settings.requireProviderTarget) : oktaFindings(scope, provider, settings.requireProviderTarget),
                ),
            ),
        ),
});

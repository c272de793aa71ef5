import { strict as assert } from "node:assert";
import { providerMatchesEnvironment } from "../../../policies/environments/providerMatchesEnvironment";
import { ACCOUNT, awsProvider, bucket, oktaProvider, stackReference } from "../../helpers/fixtures/environments";
import { shippedPlan } from "../../../policies/lib/plan";
import { messages, runStackPolicy, secret, unknown, WireResource } from "../../helpers/policy-runtime";

const ALLOW_FIX = "allow only prod's account (100000000030)";
const OKTA_FIX = "manage only prod's org (blastwall on okta.com)";

type Case = [behaviour: string, resources: () => WireResource[], expected: string[], config?: Record<string, unknown>];

const cases: Case[] = [
    ["passes an AWS provider pinned to prod's account and an Okta provider for prod's org", () => [awsProvider(), oktaProvider()], []],
    [
        "blocks an AWS provider that allows staging's account",
        () => [awsProvider({ allowedAccountIds: [ACCOUNT.prod, ACCOUNT.staging] })],
        [`AWS provider 'aws' in prod allows account 100000000020 (staging); ${ALLOW_FIX}.`],
    ],
    [
        "blocks an AWS provider that allows an account outside the plan",
        () => [awsProvider({ allowedAccountIds: ["999999999999"] })],
        [`AWS provider 'aws' in prod allows account 999999999999 (not prod's); ${ALLOW_FIX}.`],
    ],
    [
        "reads allowedAccountIds kept as a JSON string, as exported state does",
        () => [awsProvider({ allowedAccountIds: JSON.stringify([ACCOUNT.test]) })],
        [`AWS provider 'aws' in prod allows account 100000000010 (test); ${ALLOW_FIX}.`],
    ],
    [
        "blocks an AWS provider that assumes a role in staging's account",
        () => [awsProvider({ allowedAccountIds: undefined, assumeRoles: [{ roleArn: `arn:aws:iam::${ACCOUNT.staging}:role/deployer` }] })],
        ["AWS provider 'aws' in prod assumes arn:aws:iam::100000000020:role/deployer (staging account 100000000020) in assumeRoles[0].roleArn; assume only roles in prod's account (100000000030)."],
    ],
    [
        "reads the assumeRole block of older providers, kept as a JSON string",
        () => [awsProvider({ allowedAccountIds: undefined, assumeRole: JSON.stringify({ roleArn: `arn:aws:iam::${ACCOUNT.test}:role/deployer` }) })],
        ["AWS provider 'aws' in prod assumes arn:aws:iam::100000000010:role/deployer (test account 100000000010) in assumeRole.roleArn; assume only roles in prod's account (100000000030)."],
    ],
    [
        "blocks an AWS provider that names no account at all",
        () => [awsProvider({ allowedAccountIds: undefined })],
        ["AWS provider 'aws' in prod names no account (neither allowedAccountIds nor an assumed role), so it deploys wherever the credentials at hand point; set allowedAccountIds to prod's account (100000000030)."],
    ],
    ["passes a provider that names no account when requireProviderTarget is off", () => [awsProvider({ allowedAccountIds: undefined })], [], { requireProviderTarget: false }],
    [
        "judges the provider a resource uses, once",
        () => {
            const provider = awsProvider({ allowedAccountIds: [ACCOUNT.staging] }, { name: "default_7_48_0" });
            return [bucket({}, { provider, name: "a" }), bucket({}, { provider, name: "b" })];
        },
        [`AWS provider 'default_7_48_0' in prod allows account 100000000020 (staging); ${ALLOW_FIX}.`],
    ],
    [
        "blocks allowedAccountIds taken from staging's stack",
        () => {
            const staging = stackReference({ name: "acme/accounts/staging" }, { name: "accounts" });
            return [staging, awsProvider({ allowedAccountIds: unknown }, { dependsOn: { allowedAccountIds: [staging] } })];
        },
        [`AWS provider 'aws' in prod takes allowedAccountIds from stack reference 'accounts' (staging: stack acme/accounts/staging); ${ALLOW_FIX}.`],
    ],
    [
        "blocks an Okta provider for staging's org",
        () => [oktaProvider({ orgName: "blastwall-staging" })],
        [`Okta provider 'okta' in prod manages org blastwall-staging on okta.com (staging); ${OKTA_FIX}.`],
    ],
    [
        "blocks an Okta provider for prod's org name on another domain",
        () => [oktaProvider({ baseUrl: "oktapreview.com" })],
        [`Okta provider 'okta' in prod manages org blastwall on oktapreview.com (not prod's); ${OKTA_FIX}.`],
    ],
    [
        "blocks an Okta provider that names no org",
        () => [oktaProvider({ orgName: undefined, baseUrl: undefined })],
        ["Okta provider 'okta' in prod names no org, so it manages whichever org the credentials at hand point to; set orgName and baseUrl to prod's org (blastwall on okta.com)."],
    ],
    [
        "blocks another environment's Okta org in an environment the plan gives no org",
        () => [oktaProvider({ orgName: "blastwall-staging", baseUrl: "okta.com" })],
        ["Okta provider 'okta' in prod manages org blastwall-staging on okta.com (staging); manage prod's identities from an org of its own."],
        { environments: { ...shippedPlan, prod: { cidrs: shippedPlan.prod.cidrs, awsAccountIds: shippedPlan.prod.awsAccountIds } } },
    ],
    [
        "cannot verify an Okta org unknown during preview",
        () => [oktaProvider({ orgName: unknown })],
        [
            "Okta provider 'okta' in prod has orgName unknown during preview and no resource in this stack computes it; cannot verify during preview that it manages only prod's org (blastwall on okta.com): set it from a literal, config or a resource of this stack, or check the exported state after the update.",
        ],
    ],
];

describe("provider-matches-environment", () => {
    for (const [behaviour, resources, expected, config] of cases) {
        it(behaviour, async () => assert.deepEqual(messages(await runStackPolicy(providerMatchesEnvironment, resources(), { config })), expected));
    }

    it("never prints the Okta API token", async () => {
        const token = "00aBcDeFgHiJkLmNoPqRsTuVwXyZ";
        const outcome = await runStackPolicy(providerMatchesEnvironment, [oktaProvider({ orgName: "blastwall-test", apiToken: secret(token) })]);
        assert.equal(outcome.violations.length, 1);
        assert.ok(!outcome.violations[0].message.includes(token));
    });

    it("reports on the provider's URN", async () => {
        const provider = awsProvider({ allowedAccountIds: [ACCOUNT.staging] });
        assert.equal((await runStackPolicy(providerMatchesEnvironment, [provider])).violations[0].urn, provider.urn);
    });
});

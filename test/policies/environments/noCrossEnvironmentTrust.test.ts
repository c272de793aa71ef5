import { strict as assert } from "node:assert";
import { noCrossEnvironmentTrust } from "../../../policies/environments/noCrossEnvironmentTrust";
import { ACCOUNT, bucketPolicy, iamRole, kmsGrant, kmsKey, lambdaPermission, queue, root, secretResource, stackReference, topic } from "../../helpers/fixtures/environments";
import { messages, runStackPolicy, secret, unknown, WireResource } from "../../helpers/policy-runtime";

const TRUST_FIX = "trust only prod's account (100000000030)";
const GRANT_FIX = "grant only prod's account (100000000030)";

type Statement = Record<string, unknown>;

function document(...statements: Statement[]): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

const assume = (principal: unknown, extra: Statement = {}): Statement => ({ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...extra });
const access = (principal: unknown, extra: Statement = {}): Statement => ({ Effect: "Allow", Principal: principal, Action: "*", Resource: "*", ...extra });

type Case = [behaviour: string, resources: () => WireResource[], expected: string[]];

const roles: Case[] = [
    [
        "blocks a prod role trusting staging's account root",
        () => [iamRole({ assumeRolePolicy: document(assume({ AWS: root(ACCOUNT.staging) })) })],
        [`IAM role 'deployer' in prod trusts arn:aws:iam::100000000020:root (staging account 100000000020); ${TRUST_FIX}.`],
    ],
    [
        "reads a trust policy given as an object with a bare account id",
        () => [iamRole({ assumeRolePolicy: { Version: "2012-10-17", Statement: [assume({ AWS: ACCOUNT.test })] } })],
        [`IAM role 'deployer' in prod trusts account 100000000010 (test); ${TRUST_FIX}.`],
    ],
    [
        "blocks a role of staging's account among several principals",
        () => [iamRole({ assumeRolePolicy: document(assume({ AWS: [root(ACCOUNT.prod), `arn:aws:iam::${ACCOUNT.staging}:role/ci`] })) })],
        [`IAM role 'deployer' in prod trusts arn:aws:iam::100000000020:role/ci (staging account 100000000020); ${TRUST_FIX}.`],
    ],
    [
        "blocks an identity provider of staging's account",
        () => [iamRole({ assumeRolePolicy: document({ Effect: "Allow", Principal: { Federated: `arn:aws:iam::${ACCOUNT.staging}:oidc-provider/token.actions.githubusercontent.com` }, Action: "sts:AssumeRoleWithWebIdentity" }) })],
        [`IAM role 'deployer' in prod trusts arn:aws:iam::100000000020:oidc-provider/token.actions.githubusercontent.com (staging account 100000000020); ${TRUST_FIX}.`],
    ],
    [
        "blocks a wildcard principal with no condition",
        () => [iamRole({ assumeRolePolicy: document(assume("*")) })],
        [`IAM role 'deployer' in prod trusts '*' (every AWS account, including test's and staging's) with no condition limiting it to prod's account; ${TRUST_FIX} or add an aws:PrincipalAccount condition.`],
    ],
    [
        "passes a wildcard principal limited to prod's account by aws:PrincipalAccount",
        () => [iamRole({ assumeRolePolicy: document(assume({ AWS: "*" }, { Condition: { StringEquals: { "aws:PrincipalAccount": ACCOUNT.prod } } })) })],
        [],
    ],
    [
        "blocks a wildcard principal whose condition names staging's account",
        () => [iamRole({ assumeRolePolicy: document(assume("*", { Condition: { StringEquals: { "aws:PrincipalAccount": [ACCOUNT.prod, ACCOUNT.staging] } } })) })],
        [`IAM role 'deployer' in prod trusts aws:PrincipalAccount=100000000020 (staging account 100000000020); ${TRUST_FIX}.`],
    ],
    [
        "blocks a wildcard principal whose only condition is negated",
        () => [iamRole({ assumeRolePolicy: document(assume("*", { Condition: { StringNotEquals: { "aws:PrincipalAccount": ACCOUNT.staging } } })) })],
        [`IAM role 'deployer' in prod trusts '*' (every AWS account, including test's and staging's) with no condition limiting it to prod's account; ${TRUST_FIX} or add an aws:PrincipalAccount condition.`],
    ],
    [
        "blocks a wildcard principal limited only to the organisation, which holds every environment",
        () => [iamRole({ assumeRolePolicy: document(assume("*", { Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } })) })],
        [`IAM role 'deployer' in prod trusts '*' (every AWS account, including test's and staging's) with no condition limiting it to prod's account; ${TRUST_FIX} or add an aws:PrincipalAccount condition.`],
    ],
    [
        "blocks a service principal acting on behalf of staging's account",
        () => [iamRole({ assumeRolePolicy: document(assume({ Service: "scheduler.amazonaws.com" }, { Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT.staging } } })) })],
        [`IAM role 'deployer' in prod trusts aws:SourceAccount=100000000020 (staging account 100000000020); ${TRUST_FIX}.`],
    ],
    ["passes service principals and deny statements", () => [iamRole()], []],
];

const resourcePolicies: Case[] = [
    [
        "blocks a bucket policy granting staging's account",
        () => [bucketPolicy({ policy: document(access({ AWS: root(ACCOUNT.staging) })) })],
        [`S3 bucket policy 'logs' in prod grants arn:aws:iam::100000000020:root (staging account 100000000020); ${GRANT_FIX}.`],
    ],
    [
        "passes a bucket policy open to '*' only through a prod VPC endpoint",
        () => [bucketPolicy({ policy: document(access("*", { Condition: { StringEquals: { "aws:SourceVpce": "vpce-0prod" } } })) })],
        [],
    ],
    [
        "blocks a bucket policy whose NotPrincipal allow grants everyone else",
        () => [bucketPolicy({ policy: document({ Effect: "Allow", NotPrincipal: { AWS: root(ACCOUNT.prod) }, Action: "s3:GetObject", Resource: "*" }) })],
        [`S3 bucket policy 'logs' in prod grants 'NotPrincipal' (every AWS account, including test's and staging's) with no condition limiting it to prod's account; ${GRANT_FIX} or add an aws:PrincipalAccount condition.`],
    ],
    [
        "blocks a KMS key policy granting test's account",
        () => [kmsKey({ policy: document(access({ AWS: root(ACCOUNT.prod) }), access({ AWS: root(ACCOUNT.test) })) })],
        [`KMS key 'data' in prod grants arn:aws:iam::100000000010:root (test account 100000000010); ${GRANT_FIX}.`],
    ],
    [
        "blocks a KMS grant to a role of staging's account",
        () => [kmsGrant({ granteePrincipal: `arn:aws:iam::${ACCOUNT.staging}:role/reader` })],
        [`KMS grant 'data-reader' in prod grants arn:aws:iam::100000000020:role/reader (staging account 100000000020); ${GRANT_FIX}.`],
    ],
    [
        "blocks a secret policy granting staging's account",
        () => [secretResource({ policy: document(access({ AWS: ACCOUNT.staging })) })],
        [`Secret 'db' in prod grants account 100000000020 (staging); ${GRANT_FIX}.`],
    ],
    [
        "blocks an SNS topic policy open to a service on behalf of staging's account",
        () => [topic({ policy: document(access("*", { Condition: { ArnLike: { "aws:SourceArn": `arn:aws:s3:us-east-1:${ACCOUNT.staging}:*` } } })) })],
        [`SNS topic 'alerts' in prod grants aws:SourceArn=arn:aws:s3:us-east-1:100000000020:* (staging account 100000000020); ${GRANT_FIX}.`],
    ],
    [
        "blocks an SQS queue policy granting test's account",
        () => [queue({ policy: document(access({ AWS: [`arn:aws:iam::${ACCOUNT.test}:user/ops`] })) })],
        [`SQS queue 'jobs' in prod grants arn:aws:iam::100000000010:user/ops (test account 100000000010); ${GRANT_FIX}.`],
    ],
    [
        "blocks a Lambda permission for staging's account",
        () => [lambdaPermission({ principal: ACCOUNT.staging, sourceAccount: undefined })],
        [`Lambda permission 'invoke' in prod grants account 100000000020 (staging); ${GRANT_FIX}.`],
    ],
    [
        "blocks a Lambda permission letting a service act on behalf of staging's account",
        () => [lambdaPermission({ sourceAccount: ACCOUNT.staging })],
        [`Lambda permission 'invoke' in prod grants account 100000000020 (staging); ${GRANT_FIX}.`],
    ],
    ["passes resource policies for prod's own account", () => [bucketPolicy(), kmsKey(), kmsGrant(), secretResource(), topic(), queue(), lambdaPermission()], []],
];

const preview: Case[] = [
    [
        "cannot verify a trust policy unknown during preview that nothing in the stack computes",
        () => [iamRole({ assumeRolePolicy: unknown })],
        [
            "IAM role 'deployer' in prod has assumeRolePolicy unknown during preview and no resource in this stack computes it; cannot verify during preview that it grants only prod's account (100000000030): set it from a literal, config or a resource of this stack, or check the exported state after the update.",
        ],
    ],
    [
        "blocks a policy built from staging's stack",
        () => {
            const staging = stackReference({ name: "acme/identity/staging" }, { name: "identity" });
            return [staging, bucketPolicy({ policy: unknown }, { dependsOn: { policy: [staging] } })];
        },
        [`S3 bucket policy 'logs' in prod builds policy from stack reference 'identity' (staging: stack acme/identity/staging); ${GRANT_FIX}.`],
    ],
    [
        "passes a policy built from a role of this stack",
        () => {
            const role = iamRole();
            return [role, kmsKey({ policy: unknown }, { dependsOn: { policy: [role] } })];
        },
        [],
    ],
    [
        "judges the known principals of a partly unknown policy and traces the rest",
        () => [kmsKey({ policy: { Version: "2012-10-17", Statement: [access({ AWS: [root(ACCOUNT.staging), unknown] })] } })],
        [
            "KMS key 'data' in prod has policy unknown during preview and no resource in this stack computes it; cannot verify during preview that it grants only prod's account (100000000030): set it from a literal, config or a resource of this stack, or check the exported state after the update.",
            `KMS key 'data' in prod grants arn:aws:iam::100000000020:root (staging account 100000000020); ${GRANT_FIX}.`,
        ],
    ],
    [
        "cannot verify a trust policy whose whole principal is unknown (not read as trusting no one)",
        () => [iamRole({ assumeRolePolicy: { Version: "2012-10-17", Statement: [assume(unknown)] } })],
        [
            "IAM role 'deployer' in prod has assumeRolePolicy unknown during preview and no resource in this stack computes it; cannot verify during preview that it grants only prod's account (100000000030): set it from a literal, config or a resource of this stack, or check the exported state after the update.",
        ],
    ],
    [
        "cannot verify a resource policy whose statement's condition is unknown",
        () => [kmsKey({ policy: { Version: "2012-10-17", Statement: [access("*", { Condition: unknown })] } })],
        [
            "KMS key 'data' in prod has policy unknown during preview and no resource in this stack computes it; cannot verify during preview that it grants only prod's account (100000000030): set it from a literal, config or a resource of this stack, or check the exported state after the update.",
            "KMS key 'data' in prod grants '*' (every AWS account, including test's and staging's) with no condition limiting it to prod's account; grant only prod's account (100000000030) or add an aws:PrincipalAccount condition.",
        ],
    ],
];

describe("no-cross-environment-trust", () => {
    for (const [title, cases] of [["IAM role trust policies", roles], ["resource policies", resourcePolicies], ["during preview", preview]] as const) {
        describe(title, () => {
            for (const [behaviour, resources, expected] of cases) {
                it(behaviour, async () => assert.deepEqual(messages(await runStackPolicy(noCrossEnvironmentTrust, resources())), expected));
            }
        });
    }

    it("never prints a policy that arrived as a secret", async () => {
        const policy = document(access({ AWS: `arn:aws:iam::${ACCOUNT.staging}:role/hidden-role-name` }));
        const outcome = await runStackPolicy(noCrossEnvironmentTrust, [bucketPolicy({ policy: secret(policy) })]);
        assert.deepEqual(messages(outcome), [`S3 bucket policy 'logs' in prod grants a secret value (staging account 100000000020); ${GRANT_FIX}.`]);
    });

    it("reports on the resource's URN", async () => {
        const role = iamRole({ assumeRolePolicy: document(assume({ AWS: root(ACCOUNT.staging) })) });
        assert.equal((await runStackPolicy(noCrossEnvironmentTrust, [role])).violations[0].urn, role.urn);
    });
});

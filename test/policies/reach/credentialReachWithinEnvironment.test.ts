import { strict as assert } from "node:assert";
import { credentialReachWithinEnvironment } from "../../../policies/reach/credentialReachWithinEnvironment";
import { ACCOUNTS, allow, deny, doc, key, NOW, policy, role, roleArn, rolePolicy, trustAccount, unknown, user, userAttachment, userPolicy } from "../../helpers/fixtures/reach";
import { messages, runStackPolicy, WireResource } from "../../helpers/policy-runtime";

type Case = [behaviour: string, resources: () => WireResource[], expected: string[]];

const PROD_DEPLOY = roleArn(ACCOUNTS.prod, "deploy");
const SUBJECT = "Access key 'ci-deployer' in test";
const trustPrincipal = (principal: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: principal }, Action: "sts:AssumeRole" }] });
const base = (...statements: Record<string, unknown>[]) => [user(), key(), userPolicy("ci-policy", doc(...statements))];

const cases: Case[] = [
    [
        "blocks a role of another environment named only by ARN",
        () => base(allow("sts:AssumeRole", PROD_DEPLOY)),
        [`${SUBJECT} can assume role 'deploy' in 100000000030 (prod), a role this stack does not declare, so its trust is taken to admit it through 'ci'; remove sts:AssumeRole on it (${PROD_DEPLOY}).`],
    ],
    ["passes a role of its own account named by ARN", () => base(allow("sts:AssumeRole", roleArn(ACCOUNTS.test, "deploy"))), []],
    [
        "blocks a two-step chain of roles into prod",
        () => [
            ...base(allow("sts:AssumeRole", roleArn(ACCOUNTS.test, "cross-deploy"))),
            role("cross-deploy", trustAccount(ACCOUNTS.test)),
            rolePolicy("cross-deploy-policy", doc(allow("sts:AssumeRole", PROD_DEPLOY)), "cross-deploy"),
            role("deploy", trustAccount(ACCOUNTS.test), ACCOUNTS.prod),
        ],
        [`${SUBJECT} can assume role 'deploy' in 100000000030 (prod) through 'ci' -> 'cross-deploy'; remove sts:AssumeRole on it or the role's trust of test's account.`],
    ],
    [
        "passes the same chain when prod's role trusts only prod",
        () => [
            ...base(allow("sts:AssumeRole", roleArn(ACCOUNTS.test, "cross-deploy"))),
            role("cross-deploy", trustAccount(ACCOUNTS.test)),
            rolePolicy("cross-deploy-policy", doc(allow("sts:AssumeRole", PROD_DEPLOY)), "cross-deploy"),
            role("deploy", trustAccount(ACCOUNTS.prod), ACCOUNTS.prod),
        ],
        [],
    ],
    [
        "blocks a role whose trust policy admits the credential's environment's account",
        () => [...base(allow("sts:AssumeRole")), role("staging-deploy", trustAccount(ACCOUNTS.test), ACCOUNTS.staging)],
        [`${SUBJECT} can assume role 'staging-deploy' in 100000000020 (staging) through 'ci'; remove sts:AssumeRole on it or the role's trust of test's account.`],
    ],
    [
        "blocks a chain that starts at a same-account role whose trust names the user itself, with no identity allow of sts:AssumeRole",
        () => [
            ...base(allow("s3:GetObject")),
            role("bridge", trustPrincipal(`arn:aws:iam::${ACCOUNTS.test}:user/ci`)),
            rolePolicy("bridge-policy", doc(allow("sts:AssumeRole", PROD_DEPLOY)), "bridge"),
        ],
        [`${SUBJECT} can assume role 'deploy' in 100000000030 (prod), a role this stack does not declare, so its trust is taken to admit it through 'ci' -> 'bridge'; remove sts:AssumeRole on it (${PROD_DEPLOY}).`],
    ],
    [
        "passes the same chain when the bridge's trust names only the account (an identity allow is then needed)",
        () => [
            ...base(allow("s3:GetObject")),
            role("bridge", trustPrincipal(`arn:aws:iam::${ACCOUNTS.test}:root`)),
            rolePolicy("bridge-policy", doc(allow("sts:AssumeRole", PROD_DEPLOY)), "bridge"),
        ],
        [],
    ],
    ["passes a role whose trust admits only its own account", () => [...base(allow("sts:AssumeRole")), role("staging-deploy", trustAccount(ACCOUNTS.staging), ACCOUNTS.staging)], []],
    ["passes when an explicit deny removes the reach", () => base(allow("sts:AssumeRole", PROD_DEPLOY), deny("sts:*", `arn:aws:iam::${ACCOUNTS.prod}:role/*`)), []],
    [
        "passes when a NotResource statement leaves prod's roles out",
        () => [...base({ Effect: "Allow", Action: "sts:AssumeRole", NotResource: `arn:aws:iam::${ACCOUNTS.prod}:*` }), role("deploy", trustAccount(ACCOUNTS.test), ACCOUNTS.prod)],
        [],
    ],
    [
        "blocks when the NotResource statement leaves out only staging",
        () => [...base({ Effect: "Allow", Action: "sts:AssumeRole", NotResource: `arn:aws:iam::${ACCOUNTS.staging}:*` }), role("deploy", trustAccount(ACCOUNTS.test), ACCOUNTS.prod)],
        [`${SUBJECT} can assume role 'deploy' in 100000000030 (prod) through 'ci'; remove sts:AssumeRole on it or the role's trust of test's account.`],
    ],
    [
        "passes when the permissions boundary removes the reach",
        () => [user("ci", { permissionsBoundary: `arn:aws:iam::${ACCOUNTS.test}:policy/s3-only` }), key(), userPolicy("ci-policy", doc(allow("sts:AssumeRole", PROD_DEPLOY))), policy("s3-only", doc(allow("s3:*")))],
        [],
    ],
    [
        "blocks a resource of another environment's account named by ARN",
        () => base(allow("secretsmanager:GetSecretValue", `arn:aws:secretsmanager:us-east-1:${ACCOUNTS.staging}:secret:db`)),
        [
            `${SUBJECT} can act on arn:aws:secretsmanager:us-east-1:100000000020:secret:db in 100000000020 (staging) (secretsmanager:GetSecretValue through 'ci', granted by inline policy 'ci-policy'); remove that resource from inline policy 'ci-policy', or grant it only test's resources.`,
        ],
    ],
    ["passes a resource of its own account named by ARN", () => base(allow("secretsmanager:GetSecretValue", `arn:aws:secretsmanager:us-east-1:${ACCOUNTS.test}:secret:db`)), []],
    [
        "blocks a conditional allow, saying the condition is not taken to limit it",
        () => base(allow("sts:AssumeRole", PROD_DEPLOY, { Condition: { StringEquals: { "aws:PrincipalTag/team": "ops" } } })),
        [
            `${SUBJECT} can assume role 'deploy' in 100000000030 (prod), a role this stack does not declare, so its trust is taken to admit it through 'ci' (allowed under a condition that cannot be decided before deployment, which is not taken to limit it); remove sts:AssumeRole on it (${PROD_DEPLOY}).`,
        ],
    ],
    [
        "resolves an unknown policy ARN through the graph to the stack's policy",
        () => {
            const assumeProd = policy("assume-prod", doc(allow("sts:AssumeRole", PROD_DEPLOY)));
            return [user(), key(), assumeProd, userAttachment("ci-attach", unknown, "ci", { propertyDependencies: { policyArn: [assumeProd] } })];
        },
        [`${SUBJECT} can assume role 'deploy' in 100000000030 (prod), a role this stack does not declare, so its trust is taken to admit it through 'ci'; remove sts:AssumeRole on it (${PROD_DEPLOY}).`],
    ],
    [
        "passes an unknown policy ARN resolved through the graph to a policy that stays in test",
        () => {
            const readLogs = policy("read-logs", doc(allow("logs:Get*")));
            return [user(), key(), readLogs, userAttachment("ci-attach", unknown, "ci", { propertyDependencies: { policyArn: [readLogs] } })];
        },
        [],
    ],
    [
        "cannot verify an unknown policy ARN that no resource of the stack computes",
        () => [user(), key(), userAttachment("ci-attach", unknown)],
        [
            `Cannot verify during preview that ${SUBJECT} can act only in test's account: the policyArn of UserPolicyAttachment 'ci-attach' is not known until the update runs; run the check again once the values are known (after \`pulumi up\`), or declare them with known values.`,
        ],
    ],
    [
        "cannot verify a key whose user is not declared in the stack",
        () => [key()],
        [`Cannot verify that ${SUBJECT} can act only in test's account: its user 'ci' is not declared in this stack; declare what it names in this stack (or import it), so that its permissions can be judged.`],
    ],
];

describe("credential-reach-within-environment", function () {
    this.timeout(20_000);
    for (const [behaviour, resources, expected] of cases) {
        it(behaviour, async () => {
            const outcome = await runStackPolicy(credentialReachWithinEnvironment, resources(), { config: { now: NOW } });
            assert.deepEqual(messages(outcome), expected);
        });
    }
});

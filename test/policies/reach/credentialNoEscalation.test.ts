import { strict as assert } from "node:assert";
import { credentialNoEscalation } from "../../../policies/reach/credentialNoEscalation";
import {
    ACCOUNTS,
    allow,
    appScopes,
    doc,
    group,
    groupAttachment,
    groupMembership,
    key,
    managed,
    NOW,
    oktaApp,
    oktaToken,
    oktaUser,
    policy,
    role,
    roleArn,
    rolePolicy,
    trustAccount,
    trustService,
    user,
    userAdminRoles,
    userAttachment,
    userPolicy,
} from "../../helpers/fixtures/reach";
import { messages, runStackPolicy, WireResource } from "../../helpers/policy-runtime";

type Case = [behaviour: string, resources: () => WireResource[], expected: string[], config?: Record<string, unknown>];

const SUBJECT = "Access key 'ci-deployer' in test";
const BREAK_GLASS = "or, for a break-glass credential, name its owner or kind in the breakGlass setting";
const TEST = ACCOUNTS.test;
const USER_ARN = (name: string) => `arn:aws:iam::${TEST}:user/${name}`;
const base = (...statements: Record<string, unknown>[]) => [user(), key(), userPolicy("ci-policy", doc(...statements))];
const path = (steps: string, method: string) => `${SUBJECT} has a privilege-escalation path: ${steps}; remove ${method} from the policies of IAM user 'ci' or limit it to resources it owns, ${BREAK_GLASS}.`;

const managedPolicies: Case[] = [
    [
        "blocks AdministratorAccess attached by ARN",
        () => [user(), key(), userAttachment("ci-admin", managed("AdministratorAccess"))],
        [`${SUBJECT} is administrator-equivalent through IAM user 'ci' (AWS managed policy AdministratorAccess); grant it only the actions and resources it needs, ${BREAK_GLASS}.`],
    ],
    [
        "blocks PowerUserAccess attached by ARN",
        () => [user(), key(), userAttachment("ci-power", managed("PowerUserAccess"))],
        [`${SUBJECT} can use every AWS service except IAM on every resource of its account through IAM user 'ci' (AWS managed policy PowerUserAccess); grant it only the actions and resources it needs, ${BREAK_GLASS}.`],
    ],
    [
        "blocks IAMFullAccess attached by ARN, naming the shortest path",
        () => [user(), key(), userAttachment("ci-iam", managed("IAMFullAccess"))],
        [
            path(
                `user 'ci' can create an access key for any user of account ${TEST} (iam:CreateAccessKey) (and 7 more paths: iam:CreateLoginProfile, iam:UpdateLoginProfile, iam:AttachUserPolicy, iam:PutUserPolicy, iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion, iam:AddUserToGroup)`,
                "iam:CreateAccessKey",
            ),
        ],
    ],
    ["passes ReadOnlyAccess attached by ARN", () => [user(), key(), userAttachment("ci-read", managed("ReadOnlyAccess"))], []],
    [
        "blocks AdministratorAccess reached through a group",
        () => [user(), key(), group("admins"), groupMembership("admins-members", "admins", ["ci"]), groupAttachment("admins-admin", "admins", managed("AdministratorAccess"))],
        [`${SUBJECT} is administrator-equivalent through IAM user 'ci' (AWS managed policy AdministratorAccess); grant it only the actions and resources it needs, ${BREAK_GLASS}.`],
    ],
    ["passes AdministratorAccess for a break-glass kind", () => [user(), key(), userAttachment("ci-admin", managed("AdministratorAccess"))], [], { breakGlass: { owners: [], kinds: ["aws-access-key"] } }],
    ["passes AdministratorAccess for a break-glass owner", () => [user(), key(), userAttachment("ci-admin", managed("AdministratorAccess"))], [], { breakGlass: { owners: ["Platform-Team"], kinds: [] } }],
];

const methods: Case[] = [
    [
        "blocks iam:CreateAccessKey on another user",
        () => [...base(allow("iam:CreateAccessKey", USER_ARN("*"))), user("ops")],
        [path("user 'ci' can create an access key for user 'ops' (iam:CreateAccessKey)", "iam:CreateAccessKey")],
    ],
    ["passes iam:CreateAccessKey on its own user only", () => [...base(allow("iam:CreateAccessKey", USER_ARN("ci"))), user("ops")], []],
    [
        "blocks iam:CreateLoginProfile on another user",
        () => [...base(allow("iam:CreateLoginProfile", USER_ARN("ops"))), user("ops")],
        [path("user 'ci' can create a console password for user 'ops' (iam:CreateLoginProfile)", "iam:CreateLoginProfile")],
    ],
    [
        "blocks iam:UpdateLoginProfile on any user",
        () => base(allow("iam:UpdateLoginProfile")),
        [path(`user 'ci' can reset the console password of any user of account ${TEST} (iam:UpdateLoginProfile)`, "iam:UpdateLoginProfile")],
    ],
    ["passes iam:GetLoginProfile on any user", () => base(allow("iam:GetLoginProfile")), []],
    ["blocks iam:AttachUserPolicy on itself", () => base(allow("iam:AttachUserPolicy", USER_ARN("ci"))), [path("user 'ci' can attach any policy to itself (iam:AttachUserPolicy)", "iam:AttachUserPolicy")]],
    ["passes iam:ListAttachedUserPolicies on itself", () => base(allow("iam:ListAttachedUserPolicies", USER_ARN("ci"))), []],
    ["blocks iam:PutUserPolicy on itself", () => base(allow("iam:PutUserPolicy", USER_ARN("ci"))), [path("user 'ci' can write an inline policy on itself (iam:PutUserPolicy)", "iam:PutUserPolicy")]],
    [
        "blocks iam:CreatePolicyVersion on a policy of the stack",
        () => [...base(allow("iam:CreatePolicyVersion", `arn:aws:iam::${TEST}:policy/deploy`)), policy("deploy", doc(allow("s3:GetObject")))],
        [path("user 'ci' can write a new default version of policy 'deploy' (iam:CreatePolicyVersion)", "iam:CreatePolicyVersion")],
    ],
    [
        "blocks iam:SetDefaultPolicyVersion on any policy",
        () => base(allow("iam:SetDefaultPolicyVersion")),
        [path(`user 'ci' can switch the default version of any customer managed policy of account ${TEST} (iam:SetDefaultPolicyVersion)`, "iam:SetDefaultPolicyVersion")],
    ],
    ["passes iam:GetPolicyVersion on any policy", () => base(allow("iam:GetPolicyVersion")), []],
    [
        "blocks iam:UpdateAssumeRolePolicy with sts:AssumeRole on the role",
        () => [...base(allow(["iam:UpdateAssumeRolePolicy", "sts:AssumeRole"], roleArn(TEST, "ops"))), role("ops", trustService("ec2.amazonaws.com"))],
        [path("user 'ci' can rewrite the trust policy of role 'ops' (iam:UpdateAssumeRolePolicy), then assume it (sts:AssumeRole)", "iam:UpdateAssumeRolePolicy")],
    ],
    ["passes iam:UpdateAssumeRolePolicy without sts:AssumeRole", () => [...base(allow("iam:UpdateAssumeRolePolicy", roleArn(TEST, "ops"))), role("ops", trustService("ec2.amazonaws.com"))], []],
    ...(
        [
            ["Lambda", "lambda.amazonaws.com", ["lambda:CreateFunction", "lambda:InvokeFunction"], "a Lambda function"],
            ["EC2", "ec2.amazonaws.com", ["ec2:RunInstances"], "an EC2 instance"],
            ["ECS", "ecs-tasks.amazonaws.com", ["ecs:RegisterTaskDefinition", "ecs:RunTask"], "an ECS task"],
            ["Glue", "glue.amazonaws.com", ["glue:CreateDevEndpoint"], "a Glue development endpoint"],
            ["CloudFormation", "cloudformation.amazonaws.com", ["cloudformation:CreateStack"], "a CloudFormation stack"],
            ["CodeBuild", "codebuild.amazonaws.com", ["codebuild:CreateProject", "codebuild:StartBuild"], "a CodeBuild project"],
        ] as const
    ).flatMap(([service, principal, start, noun]): Case[] => [
        [
            `blocks iam:PassRole of a role ${service} may assume with the actions that start ${service}`,
            () => [...base(allow("iam:PassRole", roleArn(TEST, "worker")), allow([...start])), role("worker", trustService(principal))],
            [path(`user 'ci' can pass role 'worker' (iam:PassRole), then start ${noun} that runs as it (${start.join(", ")})`, "iam:PassRole")],
        ],
        [`passes iam:PassRole of a role ${service} may assume without the actions that start it`, () => [...base(allow("iam:PassRole", roleArn(TEST, "worker"))), role("worker", trustService(principal))], []],
    ]),
    [
        "blocks sts:AssumeRole on a more privileged role",
        () => [...base(allow("sts:AssumeRole", roleArn(TEST, "admin"))), role("admin", trustAccount(TEST), TEST, { managedPolicyArns: [managed("AdministratorAccess")] })],
        [path("user 'ci' can assume role 'admin', which is administrator-equivalent (sts:AssumeRole)", "sts:AssumeRole")],
    ],
    [
        "blocks a chain of two roles ending in a more privileged one",
        () => [
            ...base(allow("sts:AssumeRole", roleArn(TEST, "hop"))),
            role("hop", trustAccount(TEST)),
            rolePolicy("hop-policy", doc(allow("sts:AssumeRole", roleArn(TEST, "admin"))), "hop"),
            role("admin", trustAccount(TEST), TEST, { managedPolicyArns: [managed("AdministratorAccess")] }),
        ],
        [path("user 'ci' can assume role 'hop' (sts:AssumeRole), then assume role 'admin', which is administrator-equivalent (sts:AssumeRole)", "sts:AssumeRole")],
    ],
    [
        "passes sts:AssumeRole on a role of narrower power",
        () => [...base(allow("sts:AssumeRole", roleArn(TEST, "reader"))), role("reader", trustAccount(TEST)), rolePolicy("reader-policy", doc(allow("s3:GetObject")), "reader")],
        [],
    ],
];

const okta: Case[] = [
    [
        "blocks an Okta API token whose creator is a super administrator",
        () => [oktaUser("ops-admin", "00u1admin"), oktaToken("deploy-token", "00u1admin"), userAdminRoles("ops-admin-roles", "00u1admin", ["SUPER_ADMIN"])],
        [
            `Okta API token 'deploy-token' in test carries the SUPER_ADMIN admin role of its creator, user 'ops-admin', which holds the whole Okta org; create the token as a service user with a narrower admin role, or use a service app with only the scopes it needs, ${BREAK_GLASS}.`,
        ],
    ],
    ["passes an Okta API token whose creator is a read-only administrator", () => [oktaUser("auditor", "00u1read"), oktaToken("audit-token", "00u1read"), userAdminRoles("auditor-roles", "00u1read", ["READ_ONLY_ADMIN"])], []],
    [
        "cannot verify an Okta API token whose creator is not in the stack",
        () => [oktaToken("deploy-token", "00u1elsewhere")],
        [
            "Cannot verify that Okta API token 'deploy-token' in test is neither administrator-equivalent nor able to escalate its privileges: the user who created it (its userId) is not declared in this stack, and a token carries that user's admin role; declare what it names in this stack (or import it), so that its permissions can be judged.",
        ],
    ],
    [
        "blocks an Okta service app granted a scope that manages users",
        () => [oktaApp("inventory-sync", "0oa1sync"), appScopes("inventory-sync-scopes", "0oa1sync", ["okta.users.read", "okta.users.manage"])],
        [`Okta service app 'inventory-sync' in test has a privilege-escalation path: it can reset another user's credentials (okta.users.manage); remove the okta.users.manage grant, ${BREAK_GLASS}.`],
    ],
    ["passes an Okta service app granted only read scopes", () => [oktaApp("inventory-sync", "0oa1sync"), appScopes("inventory-sync-scopes", "0oa1sync", ["okta.users.read", "okta.groups.read"])], []],
];

describe("credential-no-escalation", function () {
    this.timeout(60_000);
    for (const [group, cases] of [["AWS managed policies", managedPolicies], ["escalation methods", methods], ["Okta", okta]] as const) {
        describe(group, () => {
            for (const [behaviour, resources, expected, config] of cases) {
                it(behaviour, async () => {
                    const outcome = await runStackPolicy(credentialNoEscalation, resources(), { config: { now: NOW, ...config } });
                    assert.deepEqual(messages(outcome), expected);
                });
            }
        });
    }
});

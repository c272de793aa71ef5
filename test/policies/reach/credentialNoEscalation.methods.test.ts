// credential-no-escalation: the group-level methods (attach or write a policy on a group the user
// is a member of, add itself to a group that holds more) and the Lambda methods (replace the code
// of an existing function whose role is more powerful; give a function another role, then replace
// its code) and the role methods (attach or write a policy on a role it can assume). Each blocked
// case has a passing twin, and each message is asserted whole.
import { strict as assert } from "node:assert";
import { credentialNoEscalation } from "../../../policies/reach/credentialNoEscalation";
import {
    ACCOUNTS,
    allow,
    deny,
    doc,
    functionArn,
    group,
    groupAttachment,
    groupMembership,
    groupPolicy,
    key,
    lambdaFunction,
    managed,
    NOW,
    role,
    roleArn,
    rolePolicy,
    trustAccount,
    trustService,
    unknown,
    user,
    userGroups,
    userPolicy,
} from "../../helpers/fixtures/reach";
import { messages, runStackPolicy, WireResource } from "../../helpers/policy-runtime";

type Case = [behaviour: string, resources: () => WireResource[], expected: string[]];

const SUBJECT = "Access key 'ci-deployer' in test";
const BREAK_GLASS = "or, for a break-glass credential, name its owner or kind in the breakGlass setting";
const TEST = ACCOUNTS.test;
const GROUP_ARN = (name: string) => `arn:aws:iam::${TEST}:group/${name}`;
const base = (...statements: Record<string, unknown>[]) => [user(), key(), userPolicy("ci-policy", doc(...statements))];
const LIMIT: Record<string, string> = {
    "iam:AttachGroupPolicy": "groups it is not a member of",
    "iam:PutGroupPolicy": "groups it is not a member of",
    "iam:AddUserToGroup": "groups that grant no more than it has",
    "iam:AttachRolePolicy": "roles it cannot assume",
    "iam:PutRolePolicy": "roles it cannot assume",
    "lambda:UpdateFunctionCode": "functions whose role is no more powerful than it",
    "iam:PassRole": "resources it owns",
};
const path = (steps: string, method: string) => `${SUBJECT} has a privilege-escalation path: ${steps}; remove ${method} from the policies of IAM user 'ci' or limit it to ${LIMIT[method]}, ${BREAK_GLASS}.`;
const LAMBDA = "lambda.amazonaws.com";
const adminRole = (name: string) => role(name, trustService(LAMBDA), TEST, { managedPolicyArns: [managed("AdministratorAccess")] });
const narrowRole = (name: string) => [role(name, trustService(LAMBDA)), rolePolicy(`${name}-policy`, doc(allow("s3:GetObject", "arn:aws:s3:::reports/*")), name)];

const groups: Case[] = [
    [
        "blocks iam:AttachGroupPolicy on a group it is a member of",
        () => [...base(allow("iam:AttachGroupPolicy", GROUP_ARN("devs"))), group("devs"), groupMembership("devs-members", "devs", ["ci"])],
        [path("user 'ci' can attach any policy to group 'devs', which it is a member of (iam:AttachGroupPolicy)", "iam:AttachGroupPolicy")],
    ],
    [
        "passes iam:AttachGroupPolicy on a group it is not a member of",
        () => [...base(allow("iam:AttachGroupPolicy", GROUP_ARN("devs"))), user("ops"), group("devs"), groupMembership("devs-members", "devs", ["ops"])],
        [],
    ],
    [
        "blocks iam:PutGroupPolicy on a group it joins through a UserGroupMembership",
        () => [...base(allow("iam:PutGroupPolicy", GROUP_ARN("*"))), group("devs"), userGroups("ci-groups", "ci", ["devs"])],
        [path("user 'ci' can write an inline policy on group 'devs', which it is a member of (iam:PutGroupPolicy)", "iam:PutGroupPolicy")],
    ],
    [
        "blocks iam:PutGroupPolicy on a group another stack declares, named by its membership",
        () => [...base(allow("iam:PutGroupPolicy", GROUP_ARN("legacy"))), userGroups("ci-groups", "ci", ["legacy"])],
        [path("user 'ci' can write an inline policy on group 'legacy', which it is a member of (iam:PutGroupPolicy)", "iam:PutGroupPolicy")],
    ],
    ["passes iam:PutGroupPolicy on every group when it is a member of none", () => [...base(allow("iam:PutGroupPolicy", GROUP_ARN("*"))), group("devs")], []],
    [
        "blocks iam:AddUserToGroup into a group that holds AdministratorAccess",
        () => [...base(allow("iam:AddUserToGroup", GROUP_ARN("admins"))), group("admins"), groupAttachment("admins-admin", "admins", managed("AdministratorAccess"))],
        [path("user 'ci' can add itself to group 'admins', whose policies would make it administrator-equivalent (iam:AddUserToGroup)", "iam:AddUserToGroup")],
    ],
    [
        "blocks iam:AddUserToGroup into a group that holds PowerUserAccess",
        () => [...base(allow("iam:AddUserToGroup", GROUP_ARN("builders"))), group("builders"), groupAttachment("builders-power", "builders", managed("PowerUserAccess"))],
        [path("user 'ci' can add itself to group 'builders', whose policies would let it use every AWS service except IAM (iam:AddUserToGroup)", "iam:AddUserToGroup")],
    ],
    [
        "passes iam:AddUserToGroup into a group that holds only reads",
        () => [...base(allow("iam:AddUserToGroup", GROUP_ARN("readers"))), group("readers"), groupPolicy("readers-read", "readers", doc(allow("s3:GetObject")))],
        [],
    ],
    [
        "passes iam:AddUserToGroup when a deny removes it from the powerful group",
        () => [
            ...base(allow("iam:AddUserToGroup", GROUP_ARN("admins")), deny("iam:AddUserToGroup", GROUP_ARN("admins"))),
            group("admins"),
            groupAttachment("admins-admin", "admins", managed("AdministratorAccess")),
        ],
        [],
    ],
    [
        "blocks iam:AddUserToGroup on every group of the account, whose groups the program may not show",
        () => base(allow("iam:AddUserToGroup")),
        [path(`user 'ci' can add itself to any group of account ${TEST}, whatever its policies grant (iam:AddUserToGroup)`, "iam:AddUserToGroup")],
    ],
];

const lambda: Case[] = [
    [
        "blocks lambda:UpdateFunctionCode on a function whose role is administrator-equivalent",
        () => [...base(allow("lambda:UpdateFunctionCode", functionArn("nightly"))), adminRole("nightly-role"), lambdaFunction("nightly", roleArn(TEST, "nightly-role"))],
        [path("user 'ci' can replace the code of Lambda function 'nightly' (lambda:UpdateFunctionCode), then run as its role 'nightly-role', which is administrator-equivalent", "lambda:UpdateFunctionCode")],
    ],
    [
        "passes lambda:UpdateFunctionCode on a function whose role only reads one bucket",
        () => [...base(allow("lambda:UpdateFunctionCode", functionArn("nightly"))), ...narrowRole("nightly-role"), lambdaFunction("nightly", roleArn(TEST, "nightly-role"))],
        [],
    ],
    [
        "blocks lambda:UpdateFunctionCode on a function whose role and ARN are unknown in preview, resolved through the graph, granted in another region",
        () => {
            const execution = adminRole("nightly-role");
            return [
                ...base(allow("lambda:UpdateFunctionCode", functionArn("nightly", "eu-west-1"))),
                execution,
                lambdaFunction("nightly", unknown, { arn: unknown }, { propertyDependencies: { role: [execution] } }),
            ];
        },
        [path("user 'ci' can replace the code of Lambda function 'nightly' (lambda:UpdateFunctionCode), then run as its role 'nightly-role', which is administrator-equivalent", "lambda:UpdateFunctionCode")],
    ],
    [
        "passes lambda:UpdateFunctionCode granted only on another function than the powerful one",
        () => [...base(allow("lambda:UpdateFunctionCode", functionArn("reports"))), adminRole("nightly-role"), lambdaFunction("nightly", roleArn(TEST, "nightly-role"))],
        [],
    ],
    [
        "blocks lambda:UpdateFunctionCode on every function of the account, whose roles the program may not show",
        () => base(allow("lambda:UpdateFunctionCode")),
        [path(`user 'ci' can replace the code of any Lambda function of account ${TEST} (lambda:UpdateFunctionCode), then run as the role that function runs as, whatever it may do`, "lambda:UpdateFunctionCode")],
    ],
    [
        "cannot verify lambda:UpdateFunctionCode on a function whose role another stack declares",
        () => [...base(allow("lambda:UpdateFunctionCode", functionArn("nightly"))), lambdaFunction("nightly", roleArn(TEST, "shared-admin"))],
        [
            `Cannot verify that ${SUBJECT} is neither administrator-equivalent nor able to escalate its privileges: the execution role of Lambda function 'nightly' (${roleArn(TEST, "shared-admin")}), whose code user 'ci' may replace, is not declared in this stack; declare what it names in this stack (or import it), so that its permissions can be judged.`,
        ],
    ],
    [
        "passes a function whose role another stack declares when it may not replace its code",
        () => [...base(allow("lambda:GetFunction", functionArn("nightly"))), lambdaFunction("nightly", roleArn(TEST, "shared-admin"))],
        [],
    ],
    [
        "cannot verify during preview lambda:UpdateFunctionCode on a function whose role is unknown and not resolved",
        () => [...base(allow("lambda:UpdateFunctionCode", functionArn("nightly"))), lambdaFunction("nightly", unknown)],
        [
            `Cannot verify during preview that ${SUBJECT} is neither administrator-equivalent nor able to escalate its privileges: the execution role of Lambda function 'nightly', whose code user 'ci' may replace, is not known until the update runs; run the check again once the values are known (after \`pulumi up\`), or declare them with known values.`,
        ],
    ],
    [
        "blocks iam:PassRole with lambda:UpdateFunctionConfiguration and lambda:UpdateFunctionCode on a function of narrow power",
        () => [
            ...base(allow("iam:PassRole", roleArn(TEST, "worker")), allow(["lambda:UpdateFunctionConfiguration", "lambda:UpdateFunctionCode"], functionArn("nightly"))),
            role("worker", trustService(LAMBDA)),
            ...narrowRole("nightly-role"),
            lambdaFunction("nightly", roleArn(TEST, "nightly-role")),
        ],
        [
            path(
                "user 'ci' can pass role 'worker' (iam:PassRole), then give Lambda function 'nightly' that role and replace its code (lambda:UpdateFunctionConfiguration, lambda:UpdateFunctionCode)",
                "iam:PassRole",
            ),
        ],
    ],
    [
        "passes iam:PassRole with lambda:UpdateFunctionConfiguration but no lambda:UpdateFunctionCode",
        () => [
            ...base(allow("iam:PassRole", roleArn(TEST, "worker")), allow("lambda:UpdateFunctionConfiguration", functionArn("nightly"))),
            role("worker", trustService(LAMBDA)),
            ...narrowRole("nightly-role"),
            lambdaFunction("nightly", roleArn(TEST, "nightly-role")),
        ],
        [],
    ],
];

const roles: Case[] = [
    [
        "blocks iam:AttachRolePolicy on a role it can assume",
        () => [...base(allow(["iam:AttachRolePolicy", "sts:AssumeRole"], roleArn(TEST, "ops"))), ...narrowRole("ops").slice(1), role("ops", trustAccount(TEST))],
        [path("user 'ci' can attach any policy to role 'ops' (iam:AttachRolePolicy), then assume it (sts:AssumeRole)", "iam:AttachRolePolicy")],
    ],
    ["passes iam:AttachRolePolicy on a role it cannot assume", () => [...base(allow("iam:AttachRolePolicy", roleArn(TEST, "ops"))), role("ops", trustAccount(TEST))], []],
    [
        "blocks iam:PutRolePolicy on the second role of a chain it can assume",
        () => [
            ...base(allow("sts:AssumeRole", roleArn(TEST, "hop")), allow("iam:PutRolePolicy", roleArn(TEST, "ops"))),
            role("hop", trustAccount(TEST)),
            rolePolicy("hop-policy", doc(allow("sts:AssumeRole", roleArn(TEST, "ops"))), "hop"),
            role("ops", trustAccount(TEST)),
        ],
        [path("user 'ci' can write an inline policy on role 'ops' (iam:PutRolePolicy), then assume role 'hop' (sts:AssumeRole), then assume role 'ops' (sts:AssumeRole)", "iam:PutRolePolicy")],
    ],
    [
        "passes iam:PutRolePolicy on a role whose trust admits only EC2",
        () => [...base(allow(["iam:PutRolePolicy", "sts:AssumeRole"], roleArn(TEST, "ops"))), role("ops", trustService("ec2.amazonaws.com"))],
        [],
    ],
];

describe("credential-no-escalation: group, Lambda and role methods", function () {
    this.timeout(60_000);
    for (const [name, cases] of [["group methods", groups], ["Lambda methods", lambda], ["role methods", roles]] as const) {
        describe(name, () => {
            for (const [behaviour, resources, expected] of cases) {
                it(behaviour, async () => {
                    const outcome = await runStackPolicy(credentialNoEscalation, resources(), { config: { now: NOW } });
                    assert.deepEqual(messages(outcome), expected);
                });
            }
        });
    }
});

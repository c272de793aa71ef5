// Examples for the blast-radius policies: an access key of an IAM user whose policies reach past
// its environment, or make it an administrator.

import { ExampleResource, PolicyExample, urnOf } from "./example";

const NOW = "2026-12-01T00:00:00Z";
const USER = "aws:iam/user:User";

function user(): ExampleResource {
    return { type: USER, name: "ci", props: { name: "ci", path: "/", arn: "arn:aws:iam::100000000010:user/ci", tags: { Owner: "platform-team" } } };
}

function key(): ExampleResource {
    return {
        type: "aws:iam/accessKey:AccessKey",
        name: "ci-deployer",
        props: { user: "ci", createDate: "2026-11-01T00:00:00Z", status: "Active" },
        dependencies: [urnOf(USER, "ci", "test")],
        propertyDependencies: { user: [urnOf(USER, "ci", "test")] },
    };
}

export const reachExamples: Readonly<Record<string, PolicyExample>> = {
    "credential-reach-within-environment": {
        summary: "an access key in test whose IAM user may assume prod's deploy role",
        stack: "test",
        resources: [
            user(),
            key(),
            {
                type: "aws:iam/userPolicy:UserPolicy",
                name: "ci-policy",
                props: {
                    user: "ci",
                    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "arn:aws:iam::100000000030:role/deploy" }] }),
                },
            },
        ],
        settings: { now: NOW },
    },
    "credential-no-escalation": {
        summary: "an access key in test whose IAM user has AdministratorAccess attached",
        stack: "test",
        resources: [
            user(),
            key(),
            { type: "aws:iam/userPolicyAttachment:UserPolicyAttachment", name: "ci-admin", props: { user: "ci", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" } },
        ],
        settings: { now: NOW },
    },
};

// Examples for the environment policies, in the shipped environment plan (prod 10.30.0.0/16 in
// account 100000000030, staging 10.20.0.0/16 in 100000000020).

import { PolicyExample, urnOf } from "./example";

const NOW = "2026-12-01T00:00:00Z";
const PROD_PROVIDER = {
    type: "pulumi:providers:aws",
    name: "aws-prod",
    props: { region: "us-east-1", allowedAccountIds: ["100000000030"], defaultTags: { tags: { Environment: "prod" } } },
};
const STACK_REFERENCE = "pulumi:pulumi:StackReference";

export const environmentExamples: Readonly<Record<string, PolicyExample>> = {
    "stack-environment-known": {
        summary: "a stack named sandbox, with no environment stack tag and no stackEnvironments entry",
        stack: "sandbox",
        resources: [
            { type: "pulumi:pulumi:Stack", name: "example-sandbox", props: {} },
            { type: "aws:s3/bucket:Bucket", name: "logs", props: { bucket: "logs" }, parent: urnOf("pulumi:pulumi:Stack", "example-sandbox", "sandbox") },
        ],
        settings: { now: NOW },
    },
    "resource-environment-matches-stack": {
        summary: "a bucket in the prod stack tagged Environment=staging",
        stack: "prod",
        resources: [{ type: "aws:s3/bucket:Bucket", name: "reports", props: { bucket: "reports", tags: { Environment: "staging" } } }],
        settings: { now: NOW },
    },
    "no-cross-environment-network-path": {
        summary: "a security group rule in prod that admits staging's range (10.20.0.0/16)",
        stack: "prod",
        resources: [
            {
                type: "aws:ec2/securityGroupRule:SecurityGroupRule",
                name: "web-in",
                props: { type: "ingress", securityGroupId: "sg-web", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.20.0.0/16"] },
            },
        ],
        settings: { now: NOW },
    },
    "no-cross-environment-trust": {
        summary: "an IAM role in prod whose trust policy admits staging's account",
        stack: "prod",
        resources: [
            {
                type: "aws:iam/role:Role",
                name: "deploy",
                props: {
                    name: "deploy",
                    arn: "arn:aws:iam::100000000030:role/deploy",
                    assumeRolePolicy: JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::100000000020:root" }, Action: "sts:AssumeRole" }],
                    }),
                },
                provider: PROD_PROVIDER,
            },
        ],
        settings: { now: NOW },
    },
    "provider-matches-environment": {
        summary: "an AWS provider in the prod stack that allows only staging's account",
        stack: "prod",
        resources: [{ type: "pulumi:providers:aws", name: "aws", props: { region: "us-east-1", allowedAccountIds: ["100000000020"] } }],
        settings: { now: NOW },
    },
    "no-cross-environment-stack-reference": {
        summary: "a prod bucket built from the outputs of a StackReference to acme/network/staging",
        stack: "prod",
        resources: [
            {
                type: "aws:s3/bucket:Bucket",
                name: "reports",
                props: { bucket: "reports" },
                dependencies: [urnOf(STACK_REFERENCE, "acme/network/staging", "prod")],
                propertyDependencies: { bucket: [urnOf(STACK_REFERENCE, "acme/network/staging", "prod")] },
            },
        ],
        settings: { now: NOW },
    },
};

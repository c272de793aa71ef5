// Examples for the credential policies: one small stack each that the policy blocks.

import { PolicyExample, secret, urnOf } from "./example";

const NOW = "2026-12-01T00:00:00Z";
const ACCESS_KEY = "aws:iam/accessKey:AccessKey";
const ROTATING = "time:index/rotating:Rotating";

/** An AWS access key of user ci-deployer, owned, with the given outputs over the defaults. */
function accessKey(props: Record<string, unknown>, options: { dependencies?: string[] } = {}) {
    return {
        type: ACCESS_KEY,
        name: "ci-deployer-key",
        props: { user: "ci-deployer", status: "Active", tags: { Owner: "platform-team" }, secret: secret("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), ...props },
        ...options,
    };
}

export const credentialExamples: Readonly<Record<string, PolicyExample>> = {
    "credential-max-age": {
        summary: "an access key in prod issued 2026-06-01 and never rotated",
        stack: "prod",
        resources: [accessKey({ createDate: "2026-06-01T00:00:00Z" })],
        settings: { now: NOW },
    },
    "credential-rotation-enabled": {
        summary: "an access key in prod re-issued by nothing (no time.Rotating, no rotation schedule)",
        stack: "prod",
        resources: [accessKey({ createDate: "2026-11-01T00:00:00Z" })],
        settings: { now: NOW },
    },
    "credential-rotated-after-incident": {
        summary: "an Okta API token issued 2023-09-01, before the Okta support-system breach of 2023-10-20 named in incidents",
        stack: "prod",
        resources: [{ type: "okta:index/apiToken:ApiToken", name: "ci-token", props: { name: "ci-token", userId: "00u1abcd", created: "2023-09-01T00:00:00Z" } }],
        settings: {
            now: NOW,
            incidents: [{ id: "okta-2023-10", date: "2023-10-20", description: "Okta support system breach", scope: { vendors: ["okta"] } }],
        },
    },
    "credential-unused-removed": {
        summary: "an access key in prod kept with status Inactive",
        stack: "prod",
        resources: [
            { type: ROTATING, name: "key-rotation", props: { rfc3339: "2026-11-01T00:00:00Z", rotationDays: 90, rotationRfc3339: "2027-01-30T00:00:00Z", triggers: {} } },
            accessKey({ createDate: "2026-11-01T00:00:00Z", status: "Inactive" }, { dependencies: [urnOf(ROTATING, "key-rotation", "prod")] }),
        ],
        settings: { now: NOW },
    },
    "no-plaintext-credentials": {
        summary: "a Lambda function whose environment variables hold an AWS secret access key that is not a Pulumi secret",
        stack: "prod",
        resources: [
            {
                type: "aws:lambda/function:Function",
                name: "exporter",
                props: {
                    runtime: "nodejs22.x",
                    handler: "index.handler",
                    role: "arn:aws:iam::100000000030:role/exporter",
                    environment: { variables: { AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" } },
                },
            },
        ],
        settings: { now: NOW },
    },
    "credential-rotation-due-soon": {
        summary: "an access key in prod issued 2026-09-10 and re-issued every 90 days by a time.Rotating",
        stack: "prod",
        resources: [
            { type: ROTATING, name: "key-rotation", props: { rfc3339: "2026-09-10T00:00:00Z", rotationDays: 90, rotationRfc3339: "2026-12-09T00:00:00Z", triggers: {} } },
            accessKey({ createDate: "2026-09-10T00:00:00Z" }, { dependencies: [urnOf(ROTATING, "key-rotation", "prod")] }),
        ],
        settings: { now: NOW },
    },
};

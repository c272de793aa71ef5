// Examples for the ownership policies: a credential no one owns, one whose owner has left, and a
// waiver that has expired.

import { PolicyExample, secret } from "./example";

const NOW = "2026-12-01T00:00:00Z";
const SECRET = "aws:secretsmanager/secret:Secret";

function dbSecret(tags: Record<string, string>) {
    return {
        type: SECRET,
        name: "db-credentials",
        props: { name: "db-credentials", arn: "arn:aws:secretsmanager:us-east-1:100000000030:secret:db-credentials-AbCdEf", recoveryWindowInDays: 7, tags },
    };
}

export const ownershipExamples: Readonly<Record<string, PolicyExample>> = {
    "credential-has-owner": {
        summary: "a Secrets Manager secret in prod with no Owner tag, no owning principal and no owning component",
        stack: "prod",
        resources: [dbSecret({ Environment: "prod" })],
        settings: { now: NOW },
    },
    "credential-owner-active": {
        summary: "a Secrets Manager secret owned by legacy-team, which the owners registry marks departed",
        stack: "prod",
        resources: [dbSecret({ Owner: "legacy-team" })],
        settings: { now: NOW, owners: { "legacy-team": { status: "departed", kind: "team" }, "platform-team": { status: "active", kind: "team" } } },
    },
    "waiver-valid": {
        summary: "a waiver for credential-max-age on ci-deployer-key that expired on 2026-11-21",
        stack: "prod",
        resources: [
            {
                type: "aws:iam/accessKey:AccessKey",
                name: "ci-deployer-key",
                props: { user: "ci-deployer", status: "Active", createDate: "2026-11-01T00:00:00Z", tags: { Owner: "platform-team" }, secret: secret("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") },
            },
        ],
        settings: {
            now: NOW,
            waivers: [{ policy: "credential-max-age", resource: "ci-deployer-key", reason: "migrating CI to OIDC", approvedBy: "security-team", expires: "2026-11-21" }],
        },
    },
};

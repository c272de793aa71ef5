import { strict as assert } from "node:assert";
import { mermaid, renderText } from "../../../cli/reach/render";
import type { ReachRow } from "../../../cli/reach/rows";

const row = (overrides: Partial<ReachRow> = {}): ReachRow => ({
    credential: { type: "aws:iam/accessKey:AccessKey", name: "ci-deployer", urn: "urn:x", kind: "aws-access-key", label: "Access key" },
    owner: "platform-team",
    environment: "test",
    principal: "IAM user 'ci'",
    policies: ["inline policy 'ci-policy'"],
    environments: ["test"],
    accounts: ["100000000010"],
    escalations: [],
    roles: [],
    cross: [],
    unverified: [],
    ...overrides,
});

describe("blastwall reach rendering", () => {
    it("prints a row per credential, the reasons a reach is unverified, and why a stack has no rows", () => {
        const text = renderText([
            { stack: "test", reach: { rows: [row({ admin: "administrator", escalation: "user 'ci' can attach any policy to itself (iam:AttachUserPolicy)", unverified: ["its user 'ci' is not declared in this stack"] })] } },
            { stack: "sandbox", reach: { unavailable: "the environment of stack 'sandbox' is not known" } },
        ]);
        assert.equal(
            text,
            [
                "Stack test",
                "  CREDENTIAL                OWNER          ENVIRONMENT  REACHES            ADMIN  SHORTEST ESCALATION PATH",
                "  Access key 'ci-deployer'  platform-team  test         test (unverified)  yes    user 'ci' can attach any policy to itself (iam:AttachUserPolicy)",
                "  Access key 'ci-deployer' could not be verified: its user 'ci' is not declared in this stack",
                "",
                "Stack sandbox",
                "  reach not computed: the environment of stack 'sandbox' is not known",
                "",
            ].join("\n"),
        );
    });

    it("draws a resource reached by ARN as credential -> principal -> policy -> resource -> account", () => {
        const arn = "arn:aws:secretsmanager:us-east-1:100000000020:secret:db";
        const graph = mermaid(row({ environments: ["test", "staging"], cross: [{ environment: "staging", account: "100000000020", kind: "resource", target: arn, through: ["ci"], policy: "inline policy 'ci-policy'", conditional: false }] }));
        assert.equal(
            graph,
            [
                "```mermaid",
                "graph LR",
                '  n0["Access key \'ci-deployer\' (test)"]',
                "  n1[\"IAM user 'ci'\"]",
                "  n2[\"inline policy 'ci-policy'\"]",
                `  n3["${arn}"]`,
                '  n4["100000000020 (staging)"]',
                "  n0 --> n1",
                "  n1 --> n2",
                "  n2 --> n3",
                "  n3 --> n4",
                "```",
            ].join("\n"),
        );
    });
});

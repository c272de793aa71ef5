// The reach policies and `blastwall reach` end to end: a project run under mocks, the real pack
// process over gRPC, the real CLI.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { FIXTURES, json, PROJECTS, runCli } from "./cli";

const PROJECT = path.join(PROJECTS, "reach-escape");
const ESCAPE =
    "Access key 'ci-deployer' in test can assume role 'deploy' in 100000000030 (prod), a role this stack does not declare, so its trust is taken to admit it through 'ci' -> 'cross-deploy'; remove sts:AssumeRole on it (arn:aws:iam::100000000030:role/deploy).";

describe("credential reach (end to end, real pack process and CLI)", function () {
    this.timeout(240_000);

    it("blocks a test key whose chain of roles leads into prod, and reports its reach in the JSON report", async () => {
        const result = await runCli(["check", "--project", PROJECT, "--stack", "test", "--format", "json", "--quiet"]);
        assert.equal(result.code, 1, result.stderr);
        const report = json(result);
        const findings = report.stacks[0].findings.map((f) => [f.policy, f.level, f.resourceName, f.message]);
        assert.deepEqual(findings, [["credential-reach-within-environment", "mandatory", "ci-deployer", ESCAPE]]);
        const reach = (report.stacks[0] as unknown as { reach: { rows: { credential: { name: string }; environments: string[]; principal: string; owner: string }[] } }).reach;
        assert.deepEqual(
            reach.rows.map((r) => [r.credential.name, r.principal, r.owner, r.environments]),
            [["ci-deployer", "IAM user 'ci'", "platform-team", ["test", "prod"]]],
        );
    });

    it("passes the fixed stack, whose roles stay in test", async () => {
        const result = await runCli(["check", "--project", PROJECT, "--stack", "test-fixed", "--format", "json", "--quiet"]);
        assert.equal(result.code, 0, result.stderr);
        assert.deepEqual(json(result).stacks[0].findings, []);
    });

    it("prints one row per credential and a Mermaid graph of the path into prod with blastwall reach --format markdown", async () => {
        const result = await runCli(["reach", "--project", PROJECT, "--stack", "test", "--format", "markdown", "--quiet"]);
        assert.equal(result.code, 0, result.stderr);
        assert.equal(
            result.stdout,
            [
                "## blastwall reach",
                "",
                "### Stack `test`",
                "",
                "| credential | owner | environment | reaches | admin | shortest escalation path |",
                "| --- | --- | --- | --- | --- | --- |",
                "| Access key 'ci-deployer' | platform-team | test | test, prod | no | none |",
                "",
                "**Access key 'ci-deployer'** reaches past test:",
                "",
                "```mermaid",
                "graph LR",
                '  n0["Access key \'ci-deployer\' (test)"]',
                "  n1[\"IAM user 'ci'\"]",
                "  n2[\"inline policy 'ci-assume'\"]",
                "  n3[\"role 'cross-deploy'\"]",
                "  n4[\"role 'deploy'\"]",
                '  n5["100000000030 (prod)"]',
                "  n0 --> n1",
                "  n1 --> n2",
                "  n2 --> n3",
                "  n3 --> n4",
                "  n4 --> n5",
                "```",
                "",
                "",
                "",
            ].join("\n"),
        );
    });

    it("prints one row per credential of an exported state with blastwall reach --state", async () => {
        const result = await runCli(["reach", "--state", path.join(FIXTURES, "states", "prod-rotated.json"), "--quiet"]);
        assert.equal(result.code, 0, result.stderr);
        assert.equal(
            result.stdout,
            [
                "Stack prod",
                "  CREDENTIAL                         OWNER          ENVIRONMENT  REACHES  ADMIN  SHORTEST ESCALATION PATH",
                "  Access key 'ci-deployer'           platform-team  prod         prod     no     none",
                "  Okta service app 'atlassian-sync'  platform-team  prod         prod     no     none",
                "  Okta service app 'support-portal'  platform-team  prod         prod     no     none",
                "",
            ].join("\n"),
        );
    });

    it("refuses an unknown reach format with exit code 2", async () => {
        const result = await runCli(["reach", "--project", PROJECT, "--format", "sarif"]);
        assert.equal(result.code, 2);
        assert.match(result.stderr, /--format sarif is not a reach format; use one of text, markdown, json/);
    });
});

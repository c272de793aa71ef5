// Every mode from the command line, and every way to hand the command something it cannot use:
// exit code 2 and a message that says what is wrong and why, nothing on stdout.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseJunit, validateSarif } from "../report/formats.test";
import { FIXTURES, json, PROJECTS, runCli, tempFile } from "./cli";

const STATES = path.join(FIXTURES, "states");
const LOGS = path.join(FIXTURES, "eventlogs");

describe("blastwall check --state and --event-log (end to end)", function () {
    this.timeout(180_000);

    it("evaluates an export read from stdin like one read from a file", async () => {
        // A stack no environment is known for, whose access key rotates and whose credentials are
        // owned. Its Okta service apps rely on Okta's autoKeyRotation, which rotates the keys Okta
        // signs with, not the apps' own key pairs: those are judged by age, and are past 90 days.
        const file = path.join(STATES, "sandbox.json");
        const args = ["check", "--at", "2024-06-01", "--format", "json", "--quiet"];
        const [fromStdin, fromFile] = await Promise.all([
            runCli([...args, "--state", "-"], { stdin: fs.readFileSync(file, "utf8") }),
            runCli([...args, "--state", file]),
        ]);
        assert.deepEqual([fromStdin.code, fromFile.code], [1, 1], fromStdin.stderr + fromFile.stderr);
        const { origin, ...stack } = json(fromStdin).stacks[0];
        const { origin: fileOrigin, ...fileStack } = json(fromFile).stacks[0];
        assert.deepEqual([stack.stack, stack.resources, origin, fileOrigin], ["sandbox", 11, "stdin", file]);
        assert.deepEqual(stack.findings.map((f) => [f.policy, f.resourceName]), [
            ["stack-environment-known", "deploy-keys-sandbox"],
            ["credential-max-age", "atlassian-sync"],
            ["credential-rotation-enabled", "atlassian-sync"],
            ["credential-max-age", "support-portal"],
            ["credential-rotation-enabled", "support-portal"],
        ]);
        assert.deepEqual(stack, fileStack);
    });

    it("reports the policy events of a real preview's event log, exit 1 on a mandatory one", async () => {
        const result = await runCli(["check", "--event-log", path.join(LOGS, "prod-preview.jsonl"), "--format", "json"]);
        assert.equal(result.code, 1, result.stderr);
        const report = json(result);
        assert.deepEqual(
            report.stacks[0].findings.map((f) => [f.policy, f.level, f.resourceName]),
            [
                ["credential-max-age", "mandatory", "ci-deployer"],
                ["credential-rotated-after-incident", "mandatory", "atlassian-sync"],
                ["token-described", "advisory", "atlassian-sync"],
            ],
        );
        // The pack's own description line is recognised and dropped; the sentence stays whole.
        assert.equal(
            report.stacks[0].findings[1].message,
            "Okta API token 'atlassian-sync' in prod was issued 2023-09-12, before incident okta-2023-10 (2023-10-20) whose scope includes it; revoke it and issue a new token in the Okta Admin Console, then import the new one so that it is re-issued after 2023-10-20.",
        );
    });

    it("writes valid SARIF and JUnit from an event log", async () => {
        const sarif = await runCli(["check", "--event-log", path.join(LOGS, "prod-preview.jsonl"), "--format", "sarif"]);
        assert.deepEqual(validateSarif(sarif.stdout), []);
        const junit = await runCli(["check", "--event-log", path.join(LOGS, "prod-preview-clean.jsonl"), "--format", "junit"]);
        assert.equal(junit.code, 0);
        const xml = parseJunit(junit.stdout) as { testsuites: { "@tests": string; "@failures": string } };
        assert.deepEqual([xml.testsuites["@tests"], xml.testsuites["@failures"]], ["4", "0"]);
    });

    it("writes Markdown for a step summary", async () => {
        const result = await runCli(["check", "--event-log", path.join(LOGS, "prod-preview.jsonl"), "--format", "markdown", "--fail-on", "none"]);
        assert.equal(result.code, 0);
        assert.ok(result.stdout.startsWith("## ✅ blastwall check: 2 mandatory, 1 advisory\n"), result.stdout);
    });
});

describe("blastwall refuses what it cannot use (exit code 2)", function () {
    this.timeout(180_000);
    const cases: { name: string; args: string[]; message: string }[] = [
        { name: "an unknown flag", args: ["check", "--stak", "prod"], message: "blastwall: error: Unknown option '--stak'" },
        { name: "an unknown command", args: ["chekc"], message: 'blastwall: error: unknown command "chekc"' },
        { name: "an unknown format", args: ["check", "--format", "html"], message: "blastwall: error: --format html is not a report format; use one of text, json, sarif, junit, markdown." },
        { name: "an unknown --fail-on level", args: ["check", "--fail-on", "high"], message: "blastwall: error: --fail-on high is not a level; use mandatory, advisory or none." },
        { name: "a date that does not exist", args: ["check", "--at", "2023-02-30"], message: "blastwall: error: --at 2023-02-30 is not a date" },
        { name: "two modes at once", args: ["check", "--state", "x.json", "--project", "."], message: "blastwall: error: --state and --project cannot be combined" },
        { name: "a missing project", args: ["check", "--project", "no/such/dir"], message: "does not exist; pass --project with the directory that holds Pulumi.yaml." },
        { name: "a directory without Pulumi.yaml", args: ["check", "--project", FIXTURES], message: `blastwall: error: no Pulumi project in ${FIXTURES}: it has no Pulumi.yaml` },
        { name: "an unreadable export", args: ["check", "--state", "no-such-state.json"], message: "blastwall: error: cannot read no-such-state.json: ENOENT" },
        { name: "an export that is not JSON", args: ["check", "--state", path.join(STATES, "not-json.json")], message: "is not a pulumi stack export: it is not JSON" },
        { name: "--stack-tag with --engine-exact", args: ["check", "--state", path.join(STATES, "sandbox.json"), "--engine-exact", "--stack-tag", "environment=prod"], message: "--stack-tag cannot be combined with --engine-exact" },
        { name: "a --stack-tag that is not KEY=VALUE", args: ["check", "--state", path.join(STATES, "sandbox.json"), "--stack-tag", "prod"], message: "--stack-tag prod is not KEY=VALUE" },
        { name: "an export of a version newer than the CLI reads", args: ["check", "--state", tempFile("v4.json", '{"version": 4, "deployment": {}}')], message: "is a deployment of version 4; blastwall reads versions 1 to 3" },
        { name: "an event log that is not one", args: ["check", "--event-log", path.join(LOGS, "not-an-event-log.jsonl")], message: "line 1 is not a Pulumi engine event" },
        { name: "a directory that is not a policy pack", args: ["check", "--state", path.join(STATES, "sandbox.json"), "--policy-pack", FIXTURES], message: `blastwall: error: ${FIXTURES} is not a policy pack: it has no PulumiPolicy.yaml.` },
        {
            name: "a pack that will not start",
            args: ["check", "--state", path.join(STATES, "sandbox.json"), "--policy-pack", path.join(FIXTURES, "packs", "broken")],
            message: "did not start: it exited (code 32) before printing its port\n    error: [runtime] Running program",
        },
        {
            name: "a program that fails under mocks",
            args: ["check", "--project", path.join(PROJECTS, "broken-program"), "--stack", "prod"],
            message: "failed under mocks: Error: Missing required configuration variable 'broken:region'",
        },
        { name: "a config file that is not YAML", args: ["check", "--config", path.join(STATES, "not-json.json"), "--state", path.join(STATES, "sandbox.json")], message: "is neither JSON nor YAML" },
    ];
    for (const c of cases) {
        it(`for ${c.name}, saying what and why`, async () => {
            const result = await runCli(c.args);
            assert.equal(result.code, 2, result.stderr);
            assert.equal(result.stdout, "");
            assert.ok(result.stderr.includes(c.message), `expected stderr to include ${JSON.stringify(c.message)}:\n${result.stderr}`);
        });
    }
});

describe("blastwall config expand", function () {
    this.timeout(60_000);

    it("writes per-policy config with exactly each policy's settings and its level", async () => {
        const file = tempFile("blastwall.yaml", "stackEnvironments:\n  payments-eu-*: prod\nnow: 2027-01-01\npolicies:\n  all: advisory\n");
        const result = await runCli(["config", "expand", file]);
        assert.equal(result.code, 0, result.stderr);
        assert.deepEqual(JSON.parse(result.stdout)["stack-environment-known"], { enforcementLevel: "advisory", now: "2027-01-01", stackEnvironments: { "payments-eu-*": "prod" } });
    });

    it("refuses unknown settings and policies, naming them", async () => {
        const file = tempFile("blastwall.yaml", "stackEnvironmentz: {}\npolicies:\n  stack-env-known: advisory\n");
        const result = await runCli(["config", "expand", file]);
        assert.equal(result.code, 2);
        assert.ok(result.stderr.includes('unknown setting "stackEnvironmentz"'), result.stderr);
        assert.ok(result.stderr.includes('policies.stack-env-known: the pack has no policy named "stack-env-known"'), result.stderr);
    });
});

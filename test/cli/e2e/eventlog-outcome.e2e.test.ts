// An event log of a preview that did not finish, or did not run its policies, never reads as a
// verdict: it exits 2 with the engine's own error text in the report (test/fixtures/eventlogs).
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { FIXTURES, json, runCli } from "./cli";

const LOGS = path.join(FIXTURES, "eventlogs");

interface Failing {
    readonly file: string;
    /** What the text report says, the engine's words included. */
    readonly says: string;
}

const failing: readonly Failing[] = [
    {
        file: "program-failed.jsonl",
        says: "error: the preview reported an error: Running program '/work/infra' failed with an unhandled exception:\n        TypeError: Cannot read properties of undefined (reading 'vpcId')",
    },
    { file: "pack-crashed.jsonl", says: "error: the preview reported an error: failed to run policy: rpc error: code = Unknown desc = TypeError: Cannot read properties of null (reading 'tags')" },
    { file: "cancelled.jsonl", says: "error: the preview reported an error: preview canceled" },
    { file: "cut-short.jsonl", says: "error: the log ends before the preview's summary event: the preview did not finish" },
    { file: "no-policy-pack.jsonl", says: "error: the preview that wrote this log ran no policy pack; run it with --policy-pack" },
    {
        file: "summary-without-event.jsonl",
        says: "error: the policy summary lists credential-max-age as failed on urn:pulumi:prod::blastwall-network::blastwall:credentials:DeployKey$aws:iam/accessKey:AccessKey::ci-deployer, but the log holds no policy event for it: the log is incomplete",
    },
];

describe("blastwall check --event-log of a failed or incomplete preview (end to end)", function () {
    this.timeout(120_000);

    for (const c of failing) {
        it(`exits 2 for ${c.file}, saying why in the engine's words`, async () => {
            const result = await runCli(["check", "--event-log", path.join(LOGS, c.file)]);
            assert.equal(result.code, 2, result.stdout + result.stderr);
            assert.ok(result.stdout.includes(c.says), result.stdout);
            assert.ok(result.stdout.includes("Result: INCOMPLETE"), result.stdout);
            assert.ok(!result.stdout.includes("Result: PASS"), result.stdout);
        });
    }

    it("says so in every format: JSON, SARIF (execution not successful) and JUnit (an error)", async () => {
        const file = path.join(LOGS, "program-failed.jsonl");
        const report = JSON.parse((await runCli(["check", "--event-log", file, "--format", "json"])).stdout) as { stacks: Array<{ failed: string[] }> };
        assert.equal(report.stacks[0].failed.length, 2);
        const sarif = await runCli(["check", "--event-log", file, "--format", "sarif"]);
        assert.equal(sarif.code, 2);
        const run = (JSON.parse(sarif.stdout) as { runs: Array<{ invocations: Array<{ executionSuccessful: boolean }> }> }).runs[0];
        assert.equal(run.invocations[0].executionSuccessful, false);
        const junit = await runCli(["check", "--event-log", file, "--format", "junit"]);
        assert.match(junit.stdout, /<testsuites name="blastwall" tests="\d+" failures="0" errors="1"/);
        const markdown = await runCli(["check", "--event-log", file, "--format", "markdown"]);
        assert.ok(markdown.stdout.startsWith("## ⚠️ blastwall check"), markdown.stdout);
    });

    it("takes the engine's verdict-only 'preview failed' after mandatory violations as the violations' (exit 1)", async () => {
        const result = await runCli(["check", "--event-log", path.join(LOGS, "one-violation.jsonl"), "--format", "json"]);
        assert.equal(result.code, 1, result.stdout);
        assert.deepEqual(json(result).stacks[0].findings.map((f) => [f.policy, f.level]), [["credential-max-age", "mandatory"]]);
    });

    it("reads an enforcement level written Mandatory as mandatory", async () => {
        const result = await runCli(["check", "--event-log", path.join(LOGS, "level-capitalized.jsonl"), "--format", "json"]);
        assert.equal(result.code, 1, result.stdout);
        assert.deepEqual(json(result).stacks[0].findings.map((f) => [f.policy, f.level, f.resourceName]), [["credential-max-age", "mandatory", "ci-deployer"]]);
    });

    it("skips an event type it does not know, with a warning, and judges the rest", async () => {
        const result = await runCli(["check", "--event-log", path.join(LOGS, "unknown-event.jsonl")]);
        assert.equal(result.code, 0, result.stdout + result.stderr);
        assert.ok(result.stdout.includes("warning: 1 engine event(s) of a type this blastwall does not know were skipped"), result.stdout);
        assert.ok(result.stdout.includes("Result: PASS"), result.stdout);
    });
});

// Several reports from one evaluation (--format FORMAT=FILE, repeatable), and a run that fails
// (exit 2) still leaves, in each report file, what failed: SARIF with executionSuccessful false,
// JSON with an error, so a CI step that uploads or posts it never finds nothing or a clean run.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseJunit, validateSarif } from "../report/formats.test";
import type { Log } from "sarif";
import { githubProblems } from "../../../cli/report/sarif-github";
import { FIXTURES, PROJECTS, REPO, runCli, tempFile } from "./cli";

const UNKNOWN_ENV = path.join(PROJECTS, "unknown-env");
const BROKEN = path.join(PROJECTS, "broken-program");

describe("blastwall check reports", function () {
    this.timeout(180_000);

    it("writes text, SARIF, Markdown and JSON from one evaluation of the program", async () => {
        const dir = path.dirname(tempFile("unused"));
        const [sarif, markdown, json] = ["blastwall.sarif", "summary.md", "report.json"].map((name) => path.join(dir, name));
        const result = await runCli(["check", "--project", UNKNOWN_ENV, "--stack", "sandbox", "--format", "text", "--format", `sarif=${sarif}`, "--format", `markdown=${markdown}`, "--format", `json=${json}`]);
        assert.equal(result.code, 1, result.stderr);
        assert.match(result.stdout, /^Stack sandbox \(project sandbox-tools/);
        assert.match(result.stdout, /\[mandatory\] {2}stack-environment-known/);
        assert.equal((result.stderr.match(/sandbox: running \S*index\.ts under mocks/g) ?? []).length, 1, result.stderr);
        assert.deepEqual(validateSarif(fs.readFileSync(sarif, "utf8")), []);
        const log = JSON.parse(fs.readFileSync(sarif, "utf8")) as { runs: Array<{ results: Array<{ ruleId: string }> }> };
        assert.deepEqual(log.runs[0].results.map((r) => r.ruleId), ["stack-environment-known"]);
        assert.match(fs.readFileSync(markdown, "utf8"), /stack-environment-known/);
        const report = JSON.parse(fs.readFileSync(json, "utf8")) as { stacks: Array<{ findings: Array<{ policy: string }> }> };
        assert.deepEqual(report.stacks[0].findings.map((f) => f.policy), ["stack-environment-known"]);
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("refuses two reports to stdout with exit 2, naming the fix", async () => {
        const result = await runCli(["check", "--project", UNKNOWN_ENV, "--stack", "sandbox", "--format", "text", "--format", "json"]);
        assert.equal(result.code, 2);
        assert.match(result.stderr, /blastwall: error: --format text and --format json would both go to stdout; give the others a file \(--format sarif=blastwall\.sarif\)\./);
    });

    it("still writes each report file when the program fails (exit 2), saying what failed", async () => {
        const dir = path.dirname(tempFile("unused"));
        const [sarif, json, junit, markdown] = ["blastwall.sarif", "report.json", "junit.xml", "summary.md"].map((name) => path.join(dir, name));
        const result = await runCli(["check", "--project", BROKEN, "--stack", "prod", "--quiet", "--format", `sarif=${sarif}`, "--format", `json=${json}`, "--format", `junit=${junit}`, "--format", `markdown=${markdown}`]);
        assert.equal(result.code, 2, result.stderr);
        const message = /^blastwall: error: (.*)$/m.exec(result.stderr)?.[1] ?? "";
        assert.match(message, /the program of stack prod .* failed under mocks/);

        const sarifText = fs.readFileSync(sarif, "utf8");
        assert.deepEqual(validateSarif(sarifText), []);
        const invocation = (JSON.parse(sarifText) as { runs: Array<{ invocations: Array<{ executionSuccessful: boolean; exitCode: number; toolExecutionNotifications: Array<{ level: string; message: { text: string } }> }> }> }).runs[0].invocations[0];
        assert.equal(invocation.executionSuccessful, false);
        assert.equal(invocation.exitCode, 2);
        assert.equal(invocation.toolExecutionNotifications[0].level, "error");
        assert.ok(invocation.toolExecutionNotifications[0].message.text.includes(message.split("\n")[0]), invocation.toolExecutionNotifications[0].message.text);

        const report = JSON.parse(fs.readFileSync(json, "utf8")) as { error: { message: string; exitCode: number }; summary: { failing: boolean } };
        assert.equal(report.error.exitCode, 2);
        assert.ok(report.error.message.includes(message.split("\n")[0]));
        assert.equal(report.summary.failing, true);
        assert.ok(JSON.stringify(parseJunit(fs.readFileSync(junit, "utf8"))).includes('"@errors":"1"'));
        assert.match(fs.readFileSync(markdown, "utf8"), /^## blastwall: the check did not run\n\n\*\*Error\*\* \(bad usage or unreadable input, exit 2\): /);
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("locates every SARIF result relative to the repository root, for an export from a file or from stdin, from any directory", async () => {
        const state = path.join(FIXTURES, "states", "prod-old-keys.json");
        const args = ["--at", "2023-11-20", "--config", path.join(REPO, "examples", "blastwall.yaml"), "--format", "sarif", "--quiet"];
        const fromFile = await runCli(["check", "--state", state, ...args], { cwd: path.join(REPO, "test") });
        const fromStdin = await runCli(["check", "--state", "-", ...args], { cwd: UNKNOWN_ENV, stdin: fs.readFileSync(state, "utf8") });
        for (const result of [fromFile, fromStdin]) {
            assert.equal(result.code, 1, result.stderr);
            const log = JSON.parse(result.stdout) as Log;
            assert.deepEqual(githubProblems(log), []);
            const uris = (log.runs[0].results ?? []).map((r) => r.locations?.[0].physicalLocation?.artifactLocation?.uri);
            assert.ok(uris.length > 0);
            for (const uri of uris) assert.ok(uri && !uri.startsWith("..") && !path.isAbsolute(uri), `${uri}`);
        }
    });
});

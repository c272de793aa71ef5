// The GitHub Action's logic (action/run.sh) run as the composite action runs it, on a fixture
// project: one evaluation, the Markdown in the job summary, SARIF split per stack with a stable
// category each, the exit code as an output; and every action it and the workflows use is pinned
// by a full commit SHA.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { validateSarif } from "../cli/report/formats.test";

const REPO = path.resolve(__dirname, "..", "..");

function runAction(inputs: Record<string, string>) {
    const temp = fs.mkdtempSync(path.join(os.tmpdir(), "blastwall-action-"));
    const summary = path.join(temp, "summary.md");
    const output = path.join(temp, "output.txt");
    const result = spawnSync("bash", [path.join(REPO, "action", "run.sh")], {
        cwd: REPO,
        encoding: "utf8",
        timeout: 300_000,
        env: { ...process.env, ...inputs, RUNNER_TEMP: temp, GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output, NO_COLOR: "1" },
    });
    const outputs = Object.fromEntries(
        (fs.existsSync(output) ? fs.readFileSync(output, "utf8") : "")
            .split("\n")
            .filter((l) => l.includes("="))
            .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
    );
    return { result, temp, summary: fs.existsSync(summary) ? fs.readFileSync(summary, "utf8") : "", outputs };
}

describe("the blastwall GitHub Action", function () {
    this.timeout(300_000);

    it("checks every stack once, summarises in the job, splits SARIF per stack and reports exit 1 on violations", () => {
        const { result, temp, summary, outputs } = runAction({ INPUT_PROJECT: "test/fixtures/projects/unknown-env", INPUT_STACKS: "all", INPUT_FAIL_ON: "mandatory", INPUT_FORMATS: "sarif,markdown" });
        try {
            assert.equal(result.status, 0, result.stderr);
            assert.equal(outputs["exit-code"], "1", `${result.stdout}\n${result.stderr}`);
            assert.match(result.stdout, /^Stack sandbox \(project sandbox-tools/m);
            assert.match(result.stdout, /blastwall: violations at or above mandatory \(exit 1\)/);
            assert.match(summary, /^## ❌ blastwall check: 1 mandatory/);
            assert.equal((result.stderr.match(/: running \S+ under mocks/g) ?? []).length, 2, result.stderr);
            const files = fs.readdirSync(outputs["sarif-dir"]).sort();
            assert.deepEqual(files, ["sandbox-tagged.sarif", "sandbox.sarif"]);
            for (const file of files) {
                const text = fs.readFileSync(path.join(outputs["sarif-dir"], file), "utf8");
                assert.deepEqual(validateSarif(text), []);
                const log = JSON.parse(text);
                assert.equal(log.runs.length, 1);
                assert.equal(log.runs[0].automationDetails.id, `blastwall/${file.replace(/\.sarif$/, "")}/`);
            }
            const sandbox = JSON.parse(fs.readFileSync(path.join(outputs["sarif-dir"], "sandbox.sarif"), "utf8"));
            assert.deepEqual(sandbox.runs[0].results.map((r: { ruleId: string }) => r.ruleId), ["stack-environment-known"]);
            const tagged = JSON.parse(fs.readFileSync(path.join(outputs["sarif-dir"], "sandbox-tagged.sarif"), "utf8"));
            assert.deepEqual(tagged.runs[0].results, []);
        } finally {
            fs.rmSync(temp, { recursive: true, force: true });
        }
    });

    it("passes a clean stack with exit-code 0", () => {
        const { result, temp, outputs } = runAction({ INPUT_PROJECT: "test/fixtures/projects/unknown-env", INPUT_STACKS: "sandbox-tagged" });
        try {
            assert.equal(outputs["exit-code"], "0", `${result.stdout}\n${result.stderr}`);
        } finally {
            fs.rmSync(temp, { recursive: true, force: true });
        }
    });

    it("pins every action in action.yml and the workflows by a full commit SHA", () => {
        const files = [path.join(REPO, "action.yml"), ...fs.readdirSync(path.join(REPO, ".github", "workflows")).map((f) => path.join(REPO, ".github", "workflows", f))];
        for (const file of files) {
            for (const [, ref] of fs.readFileSync(file, "utf8").matchAll(/^\s*(?:-\s*)?uses:\s*(\S+)/gm)) {
                if (ref.startsWith("./")) continue;
                assert.match(ref, /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/, `${path.basename(file)}: ${ref} is not pinned by a commit SHA`);
            }
        }
    });
});

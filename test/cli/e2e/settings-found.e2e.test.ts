// A settings document kept beside the project (or in the current directory) is read without
// --config; a run without any says that it is using the pack's sample plan.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { json, PROJECTS, runCli, tempFile } from "./cli";

const FOUND = path.join(PROJECTS, "settings-found");
const UNKNOWN_ENV = path.join(PROJECTS, "unknown-env");

describe("blastwall check finds blastwall.yaml", function () {
    this.timeout(180_000);

    it("reads blastwall.yaml in the project without --config, and says so", async () => {
        const result = await runCli(["check", "--project", FOUND, "--stack", "sandbox", "--format", "json"]);
        assert.equal(result.code, 0, result.stderr);
        assert.deepEqual(json(result).stacks[0].findings, []);
        assert.match(result.stderr, /^blastwall: using settings test\/fixtures\/projects\/settings-found\/blastwall\.yaml$/m);
        assert.doesNotMatch(result.stderr, /sample environment plan/);
    });

    it("reads blastwall.yaml in the current directory when the project has none", async () => {
        const settings = tempFile("blastwall.yaml", "stackEnvironments:\n  sandbox: test\n");
        const result = await runCli(["check", "--project", UNKNOWN_ENV, "--stack", "sandbox", "--format", "json"], { cwd: path.dirname(settings) });
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stderr, /^blastwall: using settings blastwall\.yaml$/m);
        fs.rmSync(path.dirname(settings), { recursive: true, force: true });
    });

    it("says that it is using the sample plan when no settings document is found", async () => {
        const result = await runCli(["check", "--project", UNKNOWN_ENV, "--stack", "sandbox-tagged", "--format", "json"]);
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stderr, /^blastwall: note: no settings document .*using the sample environment plan shipped with the pack .*run `blastwall init`/m);
    });

    it("blastwall init writes a first document from the stacks, questions marked, that check accepts as written", async () => {
        const output = tempFile("blastwall.yaml");
        const init = await runCli(["init", "--project", UNKNOWN_ENV, "--output", output]);
        assert.equal(init.code, 0, init.stderr);
        assert.match(init.stderr, /^blastwall: wrote .*blastwall\.yaml with 5 questions to answer \(# QUESTION:\)$/m);
        const text = fs.readFileSync(output, "utf8");
        assert.match(text, /^ {2}sandbox:\n {4}# from stack sandbox\n {4}# QUESTION: is stack sandbox an environment of its own/m);
        assert.match(text, /^ {4}awsAccountIds: \["100000000010"\]\n {4}region: "us-east-1"$/m);
        assert.match(text, /# QUESTION: stack sandbox-tagged deploys to account 100000000010, which is also sandbox's/);
        assert.match(text, /# QUESTION: which address ranges are test's\?/);

        const again = await runCli(["init", "--project", UNKNOWN_ENV, "--output", output]);
        assert.equal(again.code, 2);
        assert.match(again.stderr, /already exists; edit it, or pass --force/);

        const check = await runCli(["check", "--project", UNKNOWN_ENV, "--stack", "sandbox", "--config", output, "--format", "json"]);
        assert.equal(check.code, 0, check.stderr);
        assert.deepEqual(json(check).stacks[0].findings, []);
        fs.rmSync(path.dirname(output), { recursive: true, force: true });
    });
});

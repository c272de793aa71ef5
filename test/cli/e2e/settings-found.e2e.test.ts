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
});

// The README's main command is `npx blastwall ...` on a fresh clone: npm runs the package's own
// bin, which must be built, executable and start with its shebang. tsc writes 0644 files, so this
// fails if the build stops marking it executable.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO } from "./cli";

const BIN = path.join(REPO, "dist", "cli", "main.js");

describe("the blastwall bin, as npx runs it", function () {
    this.timeout(60_000);

    it("is built executable, with a node shebang", () => {
        assert.ok(fs.existsSync(BIN), `${BIN} is missing: run npm run build`);
        assert.notEqual(fs.statSync(BIN).mode & 0o111, 0, `${BIN} is not executable`);
        assert.match(fs.readFileSync(BIN, "utf8").split("\n", 1)[0], /^#!\/usr\/bin\/env node$/);
    });

    it("answers `npx blastwall --help` from the repository with its usage", () => {
        const result = spawnSync("npx", ["--no-install", "blastwall", "--help"], { cwd: REPO, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
        assert.equal(result.status, 0, result.stderr);
        assert.match(result.stdout, /^Usage: blastwall <command> \[options\]/);
        assert.match(result.stdout, /check +evaluate a project under mocks, an exported state or an event log/);
    });
});

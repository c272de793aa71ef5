// The README's main command is `npx blastwall ...` on a fresh clone: npm runs the package's own
// bin, which must be built, executable and start with its shebang. tsc writes 0644 files, so this
// fails if the build stops marking it executable.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BIN, REPO } from "./cli";

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

    it("exits 3 with a message, never 1, when the CLI cannot load (a dependency missing from an install)", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "blastwall-bin-"));
        try {
            fs.mkdirSync(path.join(dir, "bin"));
            fs.mkdirSync(path.join(dir, "dist", "cli"), { recursive: true });
            fs.copyFileSync(BIN, path.join(dir, "bin", "blastwall.js"));
            fs.writeFileSync(path.join(dir, "dist", "cli", "main.js"), 'require("@pulumi/policy-not-installed/deserialize");\n');
            const result = spawnSync(process.execPath, [path.join(dir, "bin", "blastwall.js"), "--version"], { encoding: "utf8" });
            assert.equal(result.status, 3, result.stderr);
            assert.match(result.stderr, /^blastwall: internal error: the blastwall command could not load .*Cannot find module '@pulumi\/policy-not-installed\/deserialize'/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("exits 3, never 1, on an exception nothing caught", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "blastwall-bin-"));
        try {
            fs.mkdirSync(path.join(dir, "bin"));
            fs.mkdirSync(path.join(dir, "dist", "cli"), { recursive: true });
            fs.copyFileSync(BIN, path.join(dir, "bin", "blastwall.js"));
            fs.writeFileSync(path.join(dir, "dist", "cli", "main.js"), 'exports.runAndExit = () => setTimeout(() => { throw new Error("boom"); }, 1);\n');
            const result = spawnSync(process.execPath, [path.join(dir, "bin", "blastwall.js"), "check"], { encoding: "utf8" });
            assert.equal(result.status, 3, result.stderr);
            assert.match(result.stderr, /^blastwall: internal error: uncaught exception: boom/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

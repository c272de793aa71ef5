// The test suite cleans up after itself: a new user running `npm test` finds nothing left in their
// temporary directory, where runs used to leave hundreds of scratch projects and state exports.
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "..", "..");
const FIXTURE = path.join(REPO, "test", "fixtures", "suite-tmpdir", "makes-temp-files.ts");

/**
 * What a run leaves in its temporary directory. ts-node keeps a compile cache of the TypeScript
 * compiler there (v8-compile-cache-UID), which mocha's own process reuses from run to run: it
 * chooses the place before the suite's setup runs, and it is a cache, not a run's leftovers.
 */
function leftovers(tmp: string): string[] {
    return fs.readdirSync(tmp).filter((entry) => !/^v8-compile-cache(-\d+)?$/.test(entry));
}

interface Run {
    readonly code: number | null;
    readonly output: string;
}

/** mocha with the repository's settings over the fixture, its temporary directory `tmp`. */
function mochaWithTmpdir(tmp: string, env: Record<string, string> = {}): Promise<Run> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [require.resolve("mocha/bin/mocha.js"), FIXTURE], {
            cwd: REPO,
            env: { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp, NO_COLOR: "1", ...env },
            stdio: ["ignore", "pipe", "pipe"],
        });
        let output = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
        const timer = setTimeout(() => {
            child.kill("SIGKILL");
            reject(new Error(`mocha did not finish within 60 s\n${output}`));
        }, 60_000);
        child.once("error", (error) => {
            clearTimeout(timer);
            reject(error);
        });
        child.once("close", (code) => {
            clearTimeout(timer);
            resolve({ code, output });
        });
    });
}

describe("the test suite's temporary files", () => {
    let tmp: string;
    beforeEach(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "blastwall-suite-check-"));
    });
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("leaves nothing in the temporary directory it was given once a run ends", async () => {
        const run = await mochaWithTmpdir(tmp);
        assert.equal(run.code, 0, run.output);
        assert.match(run.output, /1 passing/);
        assert.deepEqual(leftovers(tmp), [], `left behind in ${tmp}`);
    });

    it("leaves nothing behind when a test fails either", async () => {
        const run = await mochaWithTmpdir(tmp, { BLASTWALL_FIXTURE_FAIL: "1" });
        assert.equal(run.code, 1, run.output);
        assert.match(run.output, /asked to fail/);
        assert.deepEqual(leftovers(tmp), [], `left behind in ${tmp}`);
    });
});

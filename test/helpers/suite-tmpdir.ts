// One temporary directory per mocha run, removed when the run ends. Tests make scratch projects,
// state exports and reports with fs.mkdtempSync(os.tmpdir()), and the commands they start write
// their own temporary files; none of them cleans up, so each run used to leave hundreds of
// directories (some holding stack exports) in the machine's /tmp. Pointing TMPDIR at a directory
// of the run's own catches all of them at once: os.tmpdir() reads the variable on every call and
// child processes inherit it. A test that gives a child a TMPDIR of its own (to scan it for
// secrets) makes that directory with os.tmpdir() too, so it lands here as well.
//
// This runs when mocha loads it with --require, before any test file is read, so directories made
// while a file is loaded are caught too. In parallel mode each worker loads it again and nests
// its directory inside the run's, so the outer removal still takes everything.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** Where os.tmpdir() looks, POSIX first; TMP and TEMP are what Windows reads. */
const VARIABLES = ["TMPDIR", "TMP", "TEMP"] as const;

const saved = new Map(VARIABLES.map((name) => [name, process.env[name]]));
const suiteDir = fs.mkdtempSync(path.join(os.tmpdir(), "blastwall-suite-"));
for (const name of VARIABLES) process.env[name] = suiteDir;

let removed = false;

function removeSuiteDir(): void {
    if (removed) return;
    removed = true;
    for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
    }
    // A child killed at a test's end may still be closing a file inside; retry rather than leave it.
    fs.rmSync(suiteDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}

// The run's end; and, should mocha exit without running global teardown (an interrupted run, a
// worker ended by the pool), the process's end.
export function mochaGlobalTeardown(): void {
    removeSuiteDir();
}
process.once("exit", removeSuiteDir);

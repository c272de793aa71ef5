// A slow program is not a stuck one: the runner stops a program only when it makes no progress
// (no resource registered, no module loaded) for the idle limit, never for its total time.
// The limit is lowered here through its environment variable so that the run stays short.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { PROGRAM_IDLE_ENV } from "../../../cli/program/runner";
import { json, PROJECTS, runCli } from "./cli";

const PROJECT = path.join(PROJECTS, "slow-program");

describe("blastwall check --project: slow programs and stuck ones", function () {
    this.timeout(240_000);
    const saved = process.env[PROGRAM_IDLE_ENV];
    before(() => (process.env[PROGRAM_IDLE_ENV] = "5"));
    after(() => (saved === undefined ? delete process.env[PROGRAM_IDLE_ENV] : (process.env[PROGRAM_IDLE_ENV] = saved)));

    it("lets a program that keeps registering run past the idle limit (pauses of 2 s, 12 s of pauses in all, idle limit 5 s)", async () => {
        const result = await runCli(["check", "--project", PROJECT, "--stack", "test", "--format", "json", "--quiet"]);
        assert.equal(result.code, 0, result.stderr);
        assert.equal(json(result).stacks[0].resources, 1 + 18 + 1, "the stack, 18 users and their default provider");
    });

    it("says a program that is still loading its modules is loading, not that 0 resources registered (8 s of loading, a line every 5 s)", async () => {
        const result = await runCli(["check", "--project", PROJECT, "--stack", "test-slow-start"]);
        assert.equal(result.code, 0, result.stderr);
        const seconds = [...result.stderr.matchAll(/^blastwall: test-slow-start: loading the program \((\d+) s\)$/gm)].map((line) => Number(line[1]));
        assert.ok(seconds.length >= 1, result.stderr);
        assert.ok(seconds[0] >= 5 && seconds.every((s, i) => i === 0 || s > seconds[i - 1]), `seconds since the program started, growing: ${seconds.join(", ")}`);
        assert.doesNotMatch(result.stderr, /registered so far/);
        assert.match(result.stderr, /^blastwall: test-slow-start: 3 resources registered in \d+\.\d s; analyzing$/m, "the stack, the user and its default provider, once loaded");
    });

    it("stops a program that waits on something that never comes, saying why and how to allow longer pauses (exit 2)", async () => {
        const result = await runCli(["check", "--project", PROJECT, "--stack", "test-stuck", "--quiet"]);
        assert.equal(result.code, 2, result.stderr);
        assert.match(
            result.stderr,
            /the program of stack test-stuck \(.*index\.ts\) made no progress under mocks for 5 s \(no resource registered, no module loaded; 1 registered so far\) and was stopped; it may wait on something the mocks never resolve \(a data source, a promise, a timer\)\. A large program that is only slow keeps registering and is never stopped; to allow longer pauses, set BLASTWALL_PROGRAM_IDLE_SECONDS\./,
        );
    });
});

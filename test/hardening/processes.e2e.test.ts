// Every process `blastwall check` starts dies with it, whatever ends it: a CI cancel (SIGINT or
// SIGTERM to its PID), SIGKILL (what an out-of-memory killer or a V8 abort amounts to: nothing
// of ours runs), a failed stack, a pack that never answers. And input too large to evaluate is
// refused with the limit named before it can crash anything. Driven through the real command,
// the real pack process and a real program run under mocks.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { FIXTURES, PROJECTS, runCli, tempFile } from "../cli/e2e/cli";
import { alive, descendants, packAndProgram, startCli, waitFor } from "./processes";

const LIFECYCLE = path.join(PROJECTS, "lifecycle");
const OLD_KEYS = path.join(FIXTURES, "states", "prod-old-keys.json");
const HOSTILE_PACK = path.join(FIXTURES, "packs", "hostile");

describe("hardening: processes (real CLI, pack and program)", function () {
    this.timeout(240_000);

    const ends: Array<[string, NodeJS.Signals, { code: number | null; signal: NodeJS.Signals | null }]> = [
        ["a CI cancel's SIGINT", "SIGINT", { code: 130, signal: null }],
        ["SIGTERM", "SIGTERM", { code: 143, signal: null }],
        ["SIGKILL, which nothing can trap (as an out-of-memory kill or a V8 abort)", "SIGKILL", { code: null, signal: "SIGKILL" }],
    ];
    for (const [name, signal, expected] of ends) {
        it(`ends the pack process and the program child when the check ends by ${name}`, async () => {
            const started = startCli(["check", "--project", LIFECYCLE, "--stack", "hang"]);
            const { pack, program } = await packAndProgram(started);
            started.child.kill(signal);
            assert.deepEqual(await started.ended, expected, started.stderr());
            await waitFor("the pack and the program to end", () => (!alive(pack) && !alive(program) ? true : undefined), 15_000);
            if (signal !== "SIGKILL") assert.match(started.stderr(), new RegExp(`blastwall: stopped by ${signal}; ended 2 pack and program processes; no report was written\\.`));
        });
    }

    it("ends the run as soon as one stack fails, stopping the stack still running (no wait for its timeout)", async () => {
        // Stacks run two at a time in name order: fast, hang, later-fail, slow. The program of
        // `hang` never finishes (it would be stopped after 180 s); `later-fail` fails at once.
        const started = startCli(["check", "--project", LIFECYCLE, "--stack", "all", "--format", "json"]);
        const running = await waitFor(
            "the program of stack hang",
            () => descendants(started.child.pid as number).find((p) => p.command.includes(path.join("program", "child"))),
            90_000,
            started,
        );
        const outcome = await Promise.race([started.ended, new Promise<"late">((resolve) => setTimeout(() => resolve("late"), 120_000))]);
        if (outcome === "late") started.child.kill("SIGKILL");
        assert.notEqual(outcome, "late", `still running 120 s later (waiting for the hung stack):\n${started.stderr()}`);
        assert.deepEqual(outcome, { code: 2, signal: null });
        assert.match(started.stderr(), /blastwall: error: the program of stack later-fail \(.*\) (failed under mocks|stopped \(exit code 1\) before reporting its resources).*Error: the deploy user's vault path is not configured/s);
        await waitFor("every child to end", () => (descendants(started.child.pid as number).length === 0 && !alive(running.pid) ? true : undefined), 10_000);
    });

    it("gives up on a pack call after the --pack-timeout deadline, saying which call and how to allow more", async () => {
        const started = startCli(["check", "--state", OLD_KEYS, "--policy-pack", HOSTILE_PACK, "--pack-timeout", "5", "--quiet"], { HOSTILE_PACK_MODE: "hang" });
        const packPid = await waitFor("the pack", () => descendants(started.child.pid as number).find((p) => p.command.includes("run-policy-pack"))?.pid, 60_000, started);
        const outcome = await Promise.race([started.ended, new Promise<"late">((resolve) => setTimeout(() => resolve("late"), 90_000))]);
        if (outcome === "late") started.child.kill("SIGKILL");
        assert.deepEqual(outcome, { code: 2, signal: null }, started.stderr());
        assert.match(
            started.stderr(),
            /^blastwall: error: the policy pack did not answer Analyze of urn:pulumi:prod::deploy-keys::[^ ]+ within 5 s, the deadline for one call; it may be stuck \(an endless loop, a call that never returns\)\. If it is only slow, allow more time with --pack-timeout SECONDS \(or BLASTWALL_PACK_TIMEOUT\)\.\n$/,
        );
        await waitFor("the stuck pack to end", () => (!alive(packPid) ? true : undefined), 10_000);
    });

    it("refuses --pack-timeout that is not a number of seconds", async () => {
        const result = await runCli(["check", "--state", OLD_KEYS, "--pack-timeout", "soon"]);
        assert.equal(result.code, 2);
        assert.match(result.stderr, /--pack-timeout soon is not a number of seconds; give a positive number \(300\)\./);
    });

    describe("input too large to evaluate is refused before it can crash the check", () => {
        it("refuses a 140 MB property value in an export, naming the resource, the property and the limit", async () => {
            const doc = JSON.parse(fs.readFileSync(OLD_KEYS, "utf8")) as { deployment: { resources: Array<Record<string, unknown>> } };
            const key = doc.deployment.resources[3];
            key.outputs = { ...(key.outputs as object), description: "x".repeat(140 * 1024 * 1024) };
            const file = tempFile("huge.json", JSON.stringify(doc));
            const result = await runCli(["check", "--state", file, "--quiet"]);
            assert.equal(result.code, 2, result.stderr.slice(0, 2000));
            assert.match(
                result.stderr,
                /stack prod: urn:pulumi:prod::deploy-keys::aws:iam\/accessKey:AccessKey::ci-deployer has a value of 140 MiB at outputs\.description, over the 64 MiB blastwall evaluates in one property/,
            );
        });

        it("refuses 100,000 waivers, naming the limit", async () => {
            const waivers = Array.from({ length: 100_000 }, (_, i) => ({ policy: "credential-max-age", resource: `key-${i}`, reason: `SEC-${i}`, approvedBy: "security-team", expires: "2024-06-20" }));
            const config = tempFile("blastwall.json", JSON.stringify({ waivers }));
            const result = await runCli(["check", "--state", OLD_KEYS, "--config", config, "--quiet"]);
            assert.equal(result.code, 2, result.stderr.slice(0, 2000));
            assert.match(result.stderr, /waivers holds 100,000 waivers, over the 20,000 blastwall accepts/);
        });
    });
});

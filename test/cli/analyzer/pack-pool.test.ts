// A pack process that serves stack after stack (check --state over many exports) must not show one
// stack's stderr, which may hold that stack's secrets, in another stack's error message.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { PackPool } from "../../../cli/analyzer/pack-pool";
import type { RunningPack } from "../../../cli/analyzer/pack-process";
import { FIXTURES } from "../e2e/cli";

const CHATTY_PACK = path.join(FIXTURES, "packs", "chatty");
const BROKEN_PACK = path.join(FIXTURES, "packs", "broken");
const NO_STACK = { stack: "", project: "", organization: "", dryRun: false, config: {} };

async function stderrOnceWritten(pack: Promise<RunningPack>): Promise<string> {
    const running = await pack;
    for (let waited = 0; waited < 10_000 && !running.stderr().includes("chatty:"); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    return running.stderr();
}

describe("PackPool", function () {
    this.timeout(120_000);

    it("shows each conversation only the stderr written since it began, in one reused process", async () => {
        const pool = new PackPool(CHATTY_PACK, NO_STACK);
        try {
            const first = await pool.serve(async (pack) => ({ stderr: await stderrOnceWritten(pack), pid: (await pack).process.pid }));
            assert.match(first.stderr, /chatty: written before the first conversation/);
            const second = await pool.serve(async (pack) => ({ stderr: (await pack).stderr(), pid: (await pack).process.pid }));
            assert.equal(second.pid, first.pid, "the pool reused the process");
            assert.equal(second.stderr, "");
        } finally {
            pool.stopAll();
        }
    });

    it("with a max size of one, serves overlapping conversations one after the other in one prestarted process", async () => {
        const pool = new PackPool(CHATTY_PACK, NO_STACK, { maxSize: 1 });
        try {
            pool.prestart();
            let inFlight = 0;
            let most = 0;
            const conversation = (ms: number) =>
                pool.serve(async (pack) => {
                    inFlight++;
                    most = Math.max(most, inFlight);
                    const pid = (await pack).process.pid;
                    await new Promise((resolve) => setTimeout(resolve, ms));
                    inFlight--;
                    return pid;
                });
            const pids = await Promise.all([conversation(300), conversation(100), conversation(100)]);
            assert.equal(most, 1, "no two conversations shared the process at once");
            assert.equal(new Set(pids).size, 1, "every conversation was served by the prestarted process");
            assert.equal(pool.started, 1);
        } finally {
            pool.stopAll();
        }
    });

    it("does not reuse a process whose conversation failed: the next one gets a new process", async () => {
        const pool = new PackPool(CHATTY_PACK, NO_STACK, { maxSize: 1 });
        try {
            let failedPid: number | undefined;
            await assert.rejects(
                pool.serve(async (pack) => {
                    failedPid = (await pack).process.pid;
                    throw new Error("the conversation failed");
                }),
                /the conversation failed/,
            );
            const next = await pool.serve(async (pack) => (await pack).process.pid);
            assert.notEqual(next, failedPid);
            assert.equal(pool.started, 2);
        } finally {
            pool.stopAll();
        }
    });

    it("gives the conversation waiting for a prestarted process that failed to start its error", async () => {
        const pool = new PackPool(BROKEN_PACK, NO_STACK, { maxSize: 1 });
        try {
            pool.prestart();
            await assert.rejects(pool.serve(async () => "served"), /did not start: .*\n.*cannot find module 'left-pad'/s);
            assert.equal(pool.started, 1, "the failed start was not tried again");
        } finally {
            pool.stopAll();
        }
    });

    it("serves nothing once stopped, not even with a process prestarted before", async () => {
        const pool = new PackPool(CHATTY_PACK, NO_STACK, { maxSize: 1 });
        pool.prestart();
        pool.stopAll();
        await assert.rejects(pool.serve(async () => "served"), /the pack pool was stopped/);
    });
});

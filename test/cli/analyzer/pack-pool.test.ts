// A pack process that serves stack after stack (check --state over many exports) must not show one
// stack's stderr, which may hold that stack's secrets, in another stack's error message.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { PackPool } from "../../../cli/analyzer/pack-pool";
import type { RunningPack } from "../../../cli/analyzer/pack-process";
import { FIXTURES } from "../e2e/cli";

const CHATTY_PACK = path.join(FIXTURES, "packs", "chatty");
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
});

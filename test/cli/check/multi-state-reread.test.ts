// check --state over many exports reads each export first (to refuse a bad one or two of the same
// stack before minutes of work) and, past a memory budget, reads it again at its turn. A file
// rewritten in between could hold another stack than the one the duplicate refusal and the shard
// were decided on: the run must refuse it (exit 2), naming the file and both stacks, not check
// the new content as if nothing had happened.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkStates } from "../../../cli/check/multi-state";
import { InputError } from "../../../cli/errors";
import { defaultPackDir } from "../../../cli/paths";

const STATES = path.join(__dirname, "..", "..", "fixtures", "states");

describe("check --state over many exports: an export re-read at its turn", function () {
    this.timeout(180_000);

    it("refuses an export whose stack changed after it was first read", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "blastwall-reread-"));
        try {
            const first = path.join(dir, "a.json");
            const second = path.join(dir, "b.json");
            fs.copyFileSync(path.join(STATES, "prod-old-keys.json"), first);
            fs.copyFileSync(path.join(STATES, "sandbox.json"), second);
            let rewritten = false;
            const run = checkStates({
                files: [first, second],
                jobs: 1,
                keptResources: 0,
                packDir: defaultPackDir(),
                at: "2026-01-01",
                progress: {
                    // Called once every export has been read, before any is checked.
                    step: (message) => {
                        if (!rewritten && message.includes("checking 2 export(s)")) {
                            fs.copyFileSync(path.join(STATES, "prod-app-version-1.json"), second);
                            rewritten = true;
                        }
                    },
                    warn: () => undefined,
                },
            });
            await assert.rejects(run, (error: unknown) => {
                assert.ok(error instanceof InputError, String(error));
                assert.equal(
                    error.message,
                    `${second} changed while blastwall was checking it: it held stack deploy-keys/sandbox when the exports were first read, and now holds stack app/prod; check it again once nothing is writing to it.`,
                );
                return true;
            });
            assert.ok(rewritten);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

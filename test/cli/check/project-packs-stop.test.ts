// check --project with the shipped pack and several stacks: one pool of pack processes serves the
// stacks, and its first process starts with the run. When a stack fails, the pool is stopped at
// once (not when the other stacks time out), once, and no pack process outlives the run.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PackPool } from "../../../cli/analyzer/pack-pool";
import { checkProject } from "../../../cli/check/project-mode";
import { progressReporter } from "../../../cli/check/progress";
import { defaultPackDir } from "../../../cli/paths";
import { REPO } from "../e2e/cli";
import { descendants } from "../../hardening/processes";

/** A project of two stacks whose programs cannot run: @pulumi/pulumi is not installed beside it. */
function uninstalledProject(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "blastwall-uninstalled-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: uninstalled\nruntime: nodejs\nmain: index.ts\n");
    fs.writeFileSync(path.join(dir, "index.ts"), 'import * as pulumi from "@pulumi/pulumi";\nexport const stack = pulumi.getStack();\n');
    for (const stack of ["staging", "prod"]) fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), "config: {}\n");
    return dir;
}

async function settled(check: () => boolean, timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
        if (check()) return true;
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return check();
}

describe("check --project: the pack pool when a stack fails", function () {
    this.timeout(120_000);

    it("stops the pool once, at the failure, and leaves no pack process running", async () => {
        // From source, the program's child is TypeScript too: ts-node must read the repository's
        // tsconfig, whatever directory the project is in.
        const savedProject = process.env.TS_NODE_PROJECT;
        process.env.TS_NODE_PROJECT = path.join(REPO, "tsconfig.json");
        const stops: PackPool[] = [];
        const stopAll = PackPool.prototype.stopAll;
        PackPool.prototype.stopAll = function (this: PackPool) {
            stops.push(this);
            stopAll.call(this);
        };
        try {
            await assert.rejects(
                checkProject({ projectDir: uninstalledProject(), stack: "all", packDir: defaultPackDir(), progress: progressReporter({ quiet: true }) }),
                /@pulumi\/pulumi cannot be found from .*blastwall-uninstalled-.*: install the project's dependencies \(npm install\) first\./,
            );
        } finally {
            PackPool.prototype.stopAll = stopAll;
            if (savedProject === undefined) delete process.env.TS_NODE_PROJECT;
            else process.env.TS_NODE_PROJECT = savedProject;
        }
        assert.equal(stops.length, 1, "one pool, stopped once");
        const packs = () => descendants(process.pid).filter((p) => p.command.includes("run-policy-pack"));
        assert.ok(await settled(() => packs().length === 0, 10_000), `pack processes still running: ${JSON.stringify(packs())}`);
    });
});

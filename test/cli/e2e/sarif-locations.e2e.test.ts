// A finding with no source line of its own points code scanning at the file its stack came from.
// Two exports of stacks with the same name in different projects (app/prod and app-copy/prod, an
// export with no source positions) are two files: each stack's results must point at its own export, not
// at whichever export of that stack name was read last.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Log } from "sarif";
import { validateSarif } from "../report/formats.test";
import { FIXTURES, runCli } from "./cli";

describe("SARIF locations of stacks with the same name in different projects", function () {
    this.timeout(300_000);

    it("points each stack's results at its own export", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "blastwall-sarif-locations-"));
        try {
            const text = fs.readFileSync(path.join(FIXTURES, "states", "prod-app-version-1.json"), "utf8");
            fs.writeFileSync(path.join(dir, "a-app.json"), text);
            fs.writeFileSync(path.join(dir, "b-app-copy.json"), text.split("::app::").join("::app-copy::"));
            const result = await runCli(["check", "--state", dir, "--at", "2026-01-01", "--format", "sarif", "--quiet"], { timeoutMs: 240_000 });
            assert.equal(result.code, 1, result.stderr);
            assert.deepEqual(validateSarif(result.stdout), []);
            const results = (JSON.parse(result.stdout) as Log).runs[0].results ?? [];
            const byProject = new Map<string, Set<string>>();
            for (const r of results) {
                const project = String(r.properties?.project);
                const uri = r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? "(none)";
                byProject.set(project, (byProject.get(project) ?? new Set()).add(path.basename(uri)));
            }
            assert.deepEqual([...byProject.keys()].sort(), ["app", "app-copy"]);
            assert.deepEqual([...(byProject.get("app") ?? [])], ["a-app.json"]);
            assert.deepEqual([...(byProject.get("app-copy") ?? [])], ["b-app-copy.json"]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

// Each policy's documentation file (policies/docs/<policy>.md, where SARIF's helpUri points) is
// what `blastwall explain` prints today. BLASTWALL_WRITE_POLICY_DOCS=1 rewrites them.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { policyDocument } from "../../cli/explain/policy-docs";
import { allPolicies } from "../../policies/policies";

const DOCS = path.resolve(__dirname, "..", "..", "policies", "docs");

describe("policy documentation files (SARIF helpUri)", () => {
    it("holds one file per policy, equal to blastwall explain's output", async () => {
        if (process.env.BLASTWALL_WRITE_POLICY_DOCS === "1") {
            fs.mkdirSync(DOCS, { recursive: true });
            for (const policy of allPolicies) fs.writeFileSync(path.join(DOCS, `${policy.name}.md`), await policyDocument(policy));
        }
        assert.deepEqual(fs.readdirSync(DOCS).sort(), allPolicies.map((p) => `${p.name}.md`).sort());
        for (const policy of allPolicies) {
            const written = fs.readFileSync(path.join(DOCS, `${policy.name}.md`), "utf8");
            assert.equal(written, await policyDocument(policy), `policies/docs/${policy.name}.md is stale: run BLASTWALL_WRITE_POLICY_DOCS=1 npx mocha test/policies/docs.test.ts`);
        }
    });

    it("ships every one of them in the pack package", function () {
        this.timeout(120_000);
        const result = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: path.dirname(DOCS), encoding: "utf8" });
        assert.equal(result.status, 0, result.stderr);
        const [{ files }] = JSON.parse(result.stdout.slice(result.stdout.indexOf("["))) as Array<{ files: Array<{ path: string }> }>;
        const shipped = new Set(files.map((f) => f.path));
        for (const policy of allPolicies) assert.ok(shipped.has(`docs/${policy.name}.md`), `docs/${policy.name}.md is not in the blastwall-policies package`);
    });
});

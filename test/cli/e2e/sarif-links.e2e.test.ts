// Every SARIF rule tells a reader where to learn more, at the version that ran: helpUri names the
// policy's documentation file in the installed pack package, informationUri blastwall's own page.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Log } from "sarif";
import { validateSarif } from "../report/formats.test";
import { PROJECTS, REPO, runCli } from "./cli";

const version = (dir: string) => (JSON.parse(fs.readFileSync(path.join(REPO, dir, "package.json"), "utf8")) as { version: string }).version;

describe("SARIF links (helpUri, informationUri)", function () {
    this.timeout(180_000);

    it("gives every rule an absolute, version-pinned helpUri to its shipped documentation file, and the tool its page", async () => {
        const result = await runCli(["check", "--project", path.join(PROJECTS, "unknown-env"), "--stack", "sandbox", "--format", "sarif", "--quiet"]);
        assert.equal(result.code, 1, result.stderr);
        assert.deepEqual(validateSarif(result.stdout), []);
        const driver = (JSON.parse(result.stdout) as Log).runs[0].tool.driver;
        const cliVersion = version("cli");
        const packVersion = version("policies");
        assert.equal(driver.informationUri, `https://www.npmjs.com/package/blastwall/v/${cliVersion}`);
        const rules = driver.rules ?? [];
        assert.equal(rules.length, 17);
        for (const rule of rules) {
            assert.equal(rule.helpUri, `https://cdn.jsdelivr.net/npm/blastwall-policies@${packVersion}/docs/${rule.id}.md`);
            assert.equal(new URL(rule.helpUri).protocol, "https:");
            // The file it names is in the package (test/policies/docs.test.ts checks it is packed).
            assert.ok(fs.existsSync(path.join(REPO, "policies", "docs", `${rule.id}.md`)), rule.id);
            assert.notEqual(rule.name, rule.id);
            assert.ok(rule.shortDescription?.text, `${rule.id} has no shortDescription`);
        }
    });
});

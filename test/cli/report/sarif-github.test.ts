// SARIF that GitHub code scanning accepts and handles as intended: the official 2.1.0 schema and
// GitHub's documented upload rules (at most 25,000 results per run, 20 tags per rule, a location
// for every result), waived findings as external suppressions, rules named for people.
import { strict as assert } from "node:assert";
import type { Log } from "sarif";
import { GITHUB_LIMITS, githubProblems } from "../../../cli/report/sarif-github";
import { renderSarif } from "../../../cli/report/sarif";
import { validateSarif } from "./formats.test";
import { finding, sampleReport } from "./sample";

function sarif(findings: ReturnType<typeof finding>[]): Log {
    const report = sampleReport();
    return JSON.parse(renderSarif({ ...report, stacks: [{ ...report.stacks[0], findings }] }, () => "stacks/Pulumi.prod.yaml")) as Log;
}

describe("SARIF for GitHub code scanning", () => {
    it("names rules for people and describes them in a sentence", () => {
        const log = sarif([finding()]);
        const rule = log.runs[0].tool.driver.rules?.find((r) => r.id === "credential-max-age");
        assert.equal(rule?.name, "CredentialMaxAge");
        assert.notEqual(rule?.shortDescription?.text, "credential-max-age");
        assert.deepEqual(githubProblems(log), []);
        assert.deepEqual(validateSarif(JSON.stringify(log)), []);
    });

    it("turns a waived finding into an external suppression carrying the waiver's justification", () => {
        const waived = finding({ level: "advisory", message: "Access key 'ci-deployer' is 120 days old. Waived until 2024-09-01 (waiver #2, approved by security-team): migration to OIDC in progress" });
        const log = sarif([waived, finding()]);
        const [first, second] = log.runs[0].results ?? [];
        assert.deepEqual(first.suppressions, [{ kind: "external", status: "accepted", justification: "Waiver #2, approved by security-team, until 2024-09-01: migration to OIDC in progress" }]);
        assert.equal(second.suppressions, undefined);
        assert.deepEqual(validateSarif(JSON.stringify(log)), []);
    });

    it("keeps a run under 25,000 results, the most severe first, and names what it cut", () => {
        const many = Array.from({ length: GITHUB_LIMITS.resultsPerRun + 10 }, (_, i) =>
            finding({ resourceName: `key-${i}`, urn: `urn:pulumi:prod::p::aws:iam/accessKey:AccessKey::key-${i}`, ...(i < 10 ? {} : i % 2 ? { level: "advisory", policy: "credential-rotation-due-soon" } : {}) }),
        );
        const log = sarif(many);
        const results = log.runs[0].results ?? [];
        assert.equal(results.length, GITHUB_LIMITS.resultsPerRun);
        assert.equal(results.filter((r) => r.level === "error").length, 12_510); // every error kept; the 10 cut are advisory
        const note = log.runs[0].invocations?.[0].toolExecutionNotifications?.[0].message.text ?? "";
        assert.match(note, /^10 of 25010 results were left out: GitHub accepts at most 25000 per run\. Cut, lowest level first: credential-rotation-due-soon \(10\)\./);
        assert.deepEqual(githubProblems(log), []);
    });

    it("reports a result with no physical location as a problem GitHub would not show", () => {
        const report = sampleReport();
        const log = JSON.parse(renderSarif({ ...report, stacks: [{ ...report.stacks[0], findings: [finding({ source: undefined })] }] }, () => undefined)) as Log;
        assert.match(githubProblems(log).join("\n"), /no physical location/);
    });
});

// Waivers are exceptions, not switches, through the real CLI and pack: a waiver must name its
// resources (no bare `*`, no more than maxWaiverMatches in a stack), must not be approved by the
// owner of a credential it covers, and, where waiverApprovers lists who may approve, by one of
// them. A waiver that breaks a rule is reported by waiver-valid (mandatory, never waivable), so
// the run fails; a proper one turns its finding advisory. Patterns are matched in linear time.

import { strict as assert } from "node:assert";
import { json, JsonReport, runCli, tempFile } from "../cli/e2e/cli";
import { ExportedResource, stateFile } from "./state-export";

const USER: ExportedResource = { type: "aws:iam/user:User", name: "ci", outputs: { name: "ci", arn: "arn:aws:iam::100000000030:user/ci", tags: { Owner: "platform-team" } } };

/** Access keys of the IAM user 'ci' (owned by platform-team), issued long before the check. */
function oldKeys(names: readonly string[]): ExportedResource[] {
    return names.map((name) => ({
        type: "aws:iam/accessKey:AccessKey",
        name,
        outputs: { user: "ci", status: "Active", createDate: "2024-01-01T00:00:00Z" },
        dependsOn: [USER],
    }));
}

const WAIVER = { policy: "credential-max-age", reason: "The vendor integration is replaced this month.", approvedBy: "security-lead", expires: "2024-06-20" };

async function check(resources: readonly ExportedResource[], settings: object): Promise<{ code: number | null; report: JsonReport }> {
    const config = tempFile("blastwall.json", JSON.stringify(settings));
    const result = await runCli(["check", "--state", stateFile([USER, ...resources]), "--config", config, "--at", "2024-06-01", "--format", "json"], { timeoutMs: 90_000 });
    assert.ok(result.code === 0 || result.code === 1, `exit ${result.code}: ${result.stderr}`);
    return { code: result.code, report: json(result) };
}

function findings(report: JsonReport, policy: string) {
    return report.stacks.flatMap((s) => s.findings.filter((f) => f.policy === policy));
}

describe("hardening: waivers name resources specifically and are approved by someone else (blastwall check --state --config)", function () {
    this.timeout(180_000);

    it("refuses a waiver for every resource (`*`): the finding stays mandatory and waiver-valid blocks", async () => {
        const { code, report } = await check(oldKeys(["vendor-key"]), { waivers: [{ ...WAIVER, resource: "*" }] });
        assert.equal(code, 1);
        assert.deepEqual(
            findings(report, "waiver-valid").map((f) => [f.level, f.message]),
            [
                [
                    "mandatory",
                    `Waiver #1 (credential-max-age on '*') names every resource ("*"); name the resources it covers (a URN, a name, or a pattern such as "ci-*"); fix or remove it: the finding it names keeps its own level until then.`,
                ],
            ],
        );
        assert.deepEqual(findings(report, "credential-max-age").map((f) => f.level), ["mandatory"]);
    });

    it("refuses a waiver approved by the team that owns the credential", async () => {
        const { code, report } = await check(oldKeys(["vendor-key"]), { waivers: [{ ...WAIVER, resource: "vendor-key", approvedBy: "Platform-Team" }] });
        assert.equal(code, 1);
        assert.deepEqual(
            findings(report, "waiver-valid").map((f) => f.message),
            [
                "Waiver #1 (credential-max-age on 'vendor-key') is approved by Platform-Team, the owner of 'vendor-key', a credential it covers; a waiver needs the approval of someone other than the credential's owner; fix or remove it: waiver-valid blocks until then.",
            ],
        );
    });

    it("refuses an approver not listed in waiverApprovers, and waives nothing with it", async () => {
        const { code, report } = await check(oldKeys(["vendor-key"]), { waiverApprovers: ["security-lead", "ciso"], waivers: [{ ...WAIVER, resource: "vendor-key", approvedBy: "intern" }] });
        assert.equal(code, 1);
        assert.deepEqual(
            findings(report, "waiver-valid").map((f) => f.message),
            [
                "Waiver #1 (credential-max-age on 'vendor-key') is approved by intern, who is not in waiverApprovers (security-lead, ciso); fix or remove it: the finding it names keeps its own level until then.",
            ],
        );
        assert.deepEqual(findings(report, "credential-max-age").map((f) => f.level), ["mandatory"]);
    });

    it("reports a waiver matching more resources than maxWaiverMatches", async () => {
        const names = Array.from({ length: 4 }, (_, i) => `ci-key-${i + 1}`);
        const { code, report } = await check(oldKeys(names), { maxWaiverMatches: 3, waivers: [{ ...WAIVER, resource: "ci-key-*" }] });
        assert.equal(code, 1);
        assert.deepEqual(
            findings(report, "waiver-valid").map((f) => f.message),
            [
                "Waiver #1 (credential-max-age on 'ci-key-*') matches 4 resources in this stack ('ci-key-1', 'ci-key-2', 'ci-key-3', 'ci-key-4'), more than the 3 maxWaiverMatches allows; name the resources it covers more specifically; fix or remove it: waiver-valid blocks until then.",
            ],
        );
    });

    it("honours a specific waiver approved by a listed approver who does not own the credential", async () => {
        const waivers = [
            { ...WAIVER, resource: "vendor-*" },
            { ...WAIVER, policy: "credential-rotation-enabled", resource: "vendor-key" },
        ];
        const { code, report } = await check(oldKeys(["vendor-key"]), { waiverApprovers: ["Security-Lead"], waivers });
        assert.deepEqual(findings(report, "waiver-valid"), []);
        assert.deepEqual(findings(report, "credential-max-age").map((f) => f.level), ["advisory"]);
        assert.equal(code, 0, JSON.stringify(report.stacks.flatMap((s) => s.findings.filter((f) => f.level === "mandatory"))));
    });

    it("matches a waiver pattern with many `*` against a long name without backtracking", async () => {
        const name = `${"a".repeat(3000)}-key`;
        const pattern = `${"*a".repeat(40)}*-nomatch`;
        const { code, report } = await check(oldKeys([name]), { waivers: [{ ...WAIVER, resource: pattern }] });
        // The pattern does not match: the key's finding stays mandatory, and the check finished.
        assert.equal(code, 1);
        assert.deepEqual(findings(report, "credential-max-age").map((f) => f.level), ["mandatory"]);
    });
});

// `blastwall policies`, `blastwall explain` and `check --only/--skip`, as a user runs them. The
// list comes from the pack's own policy list, so every policy of policies/policies.ts must appear.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { allPolicies } from "../../../policies/policies";
import { json, PROJECTS, runCli } from "./cli";

const UNKNOWN_ENV = path.join(PROJECTS, "unknown-env");

describe("blastwall policies, explain, --only and --skip", function () {
    this.timeout(180_000);

    it("lists every policy of the pack with its concern, level, severity and framework", async () => {
        const result = await runCli(["policies"]);
        assert.equal(result.code, 0, result.stderr);
        const lines = result.stdout.trimEnd().split("\n");
        assert.match(lines[0], /^POLICY +CONCERN +LEVEL +SEVERITY +FRAMEWORK$/);
        assert.deepEqual(lines.slice(1).map((l) => l.split(/ +/)[0]), allPolicies.map((p) => p.name));
        assert.match(result.stdout, /^credential-max-age +credentials +mandatory +high +CIS AWS Foundations Benchmark 3\.0\.0 1\.14$/m);
        assert.match(result.stdout, /^credential-rotation-due-soon +credentials +advisory +low /m);
    });

    it("explains a policy: what it blocks, its settings with defaults, the remediation", async () => {
        const result = await runCli(["explain", "credential-max-age"]);
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stdout, /^credential-max-age {2}\(credentials; mandatory; severity high; judges the whole stack\)\n\nBlocks: Credentials must have been issued or rotated within their age limit/);
        assert.match(result.stdout, /^Remediation: Rotate the credential now/m);
        assert.match(result.stdout, /^ {2}maxAgeDays {2}\(default \{"default":90,"aws-kms-key":365\}\)$/m);
    });

    it("explain prints the message the policy's own rule gives on its example, between remediation and settings", async () => {
        const expected: Record<string, string> = {
            "credential-max-age": [
                "Example (this policy's rule run on an access key in prod issued 2026-06-01 and never rotated; evaluated as of 2026-12-01):",
                "  mandatory: Access key 'ci-deployer-key' in prod was issued 2026-06-01, 183 days ago, past the 90-day limit; rotate it (replace the key; a new aws.iam.AccessKey, then delete the old one).",
            ].join("\n"),
            "no-cross-environment-network-path": [
                "Example (this policy's rule run on a security group rule in prod that admits staging's range (10.20.0.0/16); evaluated as of 2026-12-01):",
                "  mandatory: Security group rule 'web-in' in prod admits 10.20.0.0/16 (staging); admit only prod ranges (10.30.0.0/16).",
            ].join("\n"),
        };
        for (const [policy, example] of Object.entries(expected)) {
            const result = await runCli(["explain", policy]);
            assert.equal(result.code, 0, result.stderr);
            const sections = result.stdout.split("\n\n");
            const at = sections.indexOf(example);
            assert.ok(at > 0, `${policy}: no example section word for word in\n${result.stdout}`);
            assert.match(sections[at - 1], /^Remediation: /m);
            assert.match(sections[at + 1], /^Settings /);
        }
    });

    it("refuses an unknown policy with exit 2, listing the real ones", async () => {
        const result = await runCli(["explain", "credential-max-ag"]);
        assert.equal(result.code, 2);
        assert.match(result.stderr, /^blastwall: error: no policy named "credential-max-ag" in the pack; the policies are: credential-max-age, /);
    });

    it("--skip turns a failing policy off, reported as disabled", async () => {
        const result = await runCli(["check", "--project", UNKNOWN_ENV, "--stack", "sandbox", "--skip", "stack-environment-known", "--format", "json", "--quiet"]);
        assert.equal(result.code, 0, result.stderr);
        const stack = json(result).stacks[0];
        assert.deepEqual(stack.findings, []);
        assert.equal(stack.levels["stack-environment-known"], "disabled");
        assert.equal(stack.levels["credential-max-age"], "mandatory");
    });

    it("--only runs just the named policies; the rest are disabled", async () => {
        const result = await runCli(["check", "--project", UNKNOWN_ENV, "--stack", "sandbox", "--only", "stack-environment-known,credential-max-age", "--format", "json", "--quiet"]);
        assert.equal(result.code, 1, result.stderr);
        const stack = json(result).stacks[0];
        assert.deepEqual(stack.findings.map((f) => f.policy), ["stack-environment-known"]);
        assert.equal(stack.levels["no-plaintext-credentials"], "disabled");
        assert.equal(stack.levels["credential-max-age"], "mandatory");
    });

    it("refuses --only with a policy the pack does not have (exit 2)", async () => {
        const result = await runCli(["check", "--project", UNKNOWN_ENV, "--only", "no-such-policy"]);
        assert.equal(result.code, 2);
        assert.match(result.stderr, /blastwall: error: --only no-such-policy: no such policy in the pack; blastwall policies lists them\./);
    });

    it("answers -v and --help on every command, with the exit codes", async () => {
        for (const command of [["check"], ["init"], ["policies"], ["explain"], ["inventory"], ["config", "expand"]]) {
            const version = await runCli([...command, "-v"]);
            assert.equal(version.code, 0, `${command.join(" ")} -v: ${version.stderr}`);
            assert.equal(version.stdout.trim(), "0.1.0");
            const help = await runCli([...command, "--help"]);
            assert.equal(help.code, 0, `${command.join(" ")} --help: ${help.stderr}`);
            assert.match(help.stdout, /3 internal error/, `${command.join(" ")} --help lacks exit code 3`);
        }
    });
});

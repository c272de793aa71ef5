// End to end through the real pack process: projects run under mocks, stacks evaluated as a
// preview would evaluate them, reports and exit codes as a CI job sees them.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { validateSarif, parseJunit } from "../report/formats.test";
import { json, PROJECTS, runCli, tempFile } from "./cli";

const SEGMENTED = path.join(PROJECTS, "segmented");
const UNKNOWN_ENV = path.join(PROJECTS, "unknown-env");

describe("blastwall check --project (end to end, real pack process)", function () {
    this.timeout(180_000);

    it("passes every stack of a segmented project, each run as its own program and pack session", async () => {
        const result = await runCli(["check", "--project", SEGMENTED, "--stack", "all", "--format", "json"]);
        assert.equal(result.code, 0, result.stderr);
        const report = json(result);
        assert.deepEqual(
            report.stacks.map((s) => [s.stack, s.resources, s.findings.length]),
            [
                ["prod", 10, 0],
                ["staging", 10, 0],
                ["test", 10, 0],
            ],
        );
        assert.equal(report.stacks[0].levels["stack-environment-known"], "mandatory");
    });

    it("blocks a stack no environment can be found for, on its stack resource, with exit code 1", async () => {
        const result = await runCli(["check", "--project", UNKNOWN_ENV, "--stack", "sandbox", "--quiet"]);
        assert.equal(result.code, 1, result.stderr);
        assert.equal(
            // The clock's time is the run's own; the rest is exact.
            result.stdout.replace(/evaluated at \S+ from clock\)/, "evaluated at <now> from clock)"),
            [
                "Stack sandbox (project sandbox-tools, 3 resources, preview under mocks, test/fixtures/projects/unknown-env/stacks/Pulumi.sandbox.yaml)",
                "    environment: undetermined: neither a stack tag, a stackEnvironments pattern nor its name names an environment",
                "    pulumi:pulumi:Stack (sandbox-tools-sandbox)",
                "        [mandatory]  stack-environment-known  blastwall@v0.1.0",
                "        Stack 'sandbox' has no environment: neither a stack tag, a stackEnvironments pattern nor its name names an environment; tag it (pulumi stack tag set environment <prod, staging, test>) or add it to stackEnvironments.",
                "",
                '    warning: secure config (sandbox-tools:apiToken) cannot be decrypted offline; the program received "[secret]", marked secret',
                "",
                "Policy Violations: 1 mandatory violation, 0 advisory violations in 1 stack (blastwall@v0.1.0)",
                "Result: FAIL (--fail-on mandatory, evaluated at <now> from clock)",
                "",
            ].join("\n"),
        );
    });

    it("reads stack tags from pulumi:tags in the stack's config, as the Pulumi Cloud backend does, and says so", async () => {
        const result = await runCli(["check", "--project", UNKNOWN_ENV, "--stack", "sandbox-tagged", "--format", "json"]);
        assert.equal(result.code, 0, result.stderr);
        const stack = json(result).stacks[0] as unknown as { findings: unknown[]; environment: { name: string; source: string } };
        assert.deepEqual(stack.findings, []);
        assert.match(stack.environment.source, /^the stack tag environment=\w+ \(the pulumi:tags config, as Pulumi Cloud merges it\)$/);
    });

    it("takes the stack's backend tags from --stack-tag, over nothing else, and says so", async () => {
        const result = await runCli(["check", "--project", UNKNOWN_ENV, "--stack", "sandbox", "--stack-tag", "environment=test", "--format", "json", "--quiet"]);
        assert.equal(result.code, 0, result.stderr);
        const stack = json(result).stacks[0] as unknown as { findings: unknown[]; environment: unknown };
        assert.deepEqual(stack.findings, []);
        assert.deepEqual(stack.environment, { name: "test", source: "the stack tag environment=test (--stack-tag)" });
    });

    const configs: { name: string; file: string; content: string; failOn?: string; code: number; level?: string }[] = [
        { name: "per-policy config lowers the policy to advisory", file: "policy-config.json", content: '{"stack-environment-known": "advisory"}', code: 0, level: "advisory" },
        { name: "an advisory finding fails with --fail-on advisory", file: "policy-config.json", content: '{"all": "advisory"}', failOn: "advisory", code: 1, level: "advisory" },
        { name: "a settings document maps the stack to an environment", file: "blastwall.yaml", content: "stackEnvironments:\n  sandbox: test\n", code: 0 },
        { name: "a settings document disables the policy", file: "blastwall.yaml", content: "policies:\n  stack-environment-known: disabled\n", code: 0 },
    ];
    for (const c of configs) {
        it(`applies --config: ${c.name}`, async () => {
            const file = tempFile(c.file, c.content);
            const args = ["check", "--project", UNKNOWN_ENV, "--stack", "sandbox", "--config", file, "--format", "json", ...(c.failOn ? ["--fail-on", c.failOn] : [])];
            const result = await runCli(args);
            assert.equal(result.code, c.code, result.stderr);
            const findings = json(result).stacks[0].findings;
            assert.deepEqual(findings.map((f) => f.level), c.level ? [c.level] : []);
        });
    }

    it("refuses a config the policy's schema refuses, naming the policy and the key, with exit code 2", async () => {
        const file = tempFile("blastwall.yaml", "stackEnvironments:\n  sandbox: 5\n");
        const result = await runCli(["check", "--project", UNKNOWN_ENV, "--stack", "sandbox", "--config", file]);
        assert.equal(result.code, 2);
        assert.equal(result.stdout, "");
        assert.ok(result.stderr.includes(`blastwall: error: the policy pack config (from ${file}) is invalid:\n    stack-environment-known: stackEnvironments.sandbox must be string`), result.stderr);
    });

    it("refuses a settings document with a setting no policy declares, naming it", async () => {
        const file = tempFile("blastwall.yaml", "stackEnvironmentz:\n  sandbox: test\n");
        const result = await runCli(["check", "--project", UNKNOWN_ENV, "--stack", "sandbox", "--config", file]);
        assert.equal(result.code, 2);
        assert.ok(result.stderr.includes(`config file ${file} is invalid:\n    unknown setting "stackEnvironmentz": no policy of the pack declares it`), result.stderr);
    });

    it("writes SARIF that validates against the 2.1.0 schema, located at the stack config for a stack-level finding", async () => {
        const output = tempFile("blastwall.sarif");
        const result = await runCli(["check", "--project", UNKNOWN_ENV, "--format", "sarif", "--output", output, "--quiet"]);
        assert.equal(result.code, 1, result.stderr);
        assert.equal(result.stdout, "");
        const text = fs.readFileSync(output, "utf8");
        assert.deepEqual(validateSarif(text), []);
        const run = JSON.parse(text).runs[0];
        assert.equal(run.results.length, 1);
        assert.equal(run.results[0].locations[0].physicalLocation.artifactLocation.uri, "test/fixtures/projects/unknown-env/stacks/Pulumi.sandbox.yaml");
    });

    it("writes JUnit a parser reads, one suite per stack", async () => {
        const result = await runCli(["check", "--project", UNKNOWN_ENV, "--format", "junit", "--quiet"]);
        assert.equal(result.code, 1, result.stderr);
        const xml = parseJunit(result.stdout) as { testsuites: { "@failures": string; testsuite: Array<{ "@name": string }> } };
        assert.equal(xml.testsuites["@failures"], "1");
        assert.deepEqual(xml.testsuites.testsuite.map((s) => s["@name"]), ["sandbox-tools/sandbox", "sandbox-tools/sandbox-tagged"]);
    });
});

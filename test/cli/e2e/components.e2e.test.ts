// Multi-language components (awsx 2+, eks 2+) are built by their provider at deploy time: offline,
// only the component's own registration exists. Every report must say so per stack, and
// --require-complete must fail such a stack, so that a program made of components never passes
// unnoticed. Through the real CLI and pack process.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { renderJunit } from "../../../cli/report/junit";
import { renderMarkdown } from "../../../cli/report/markdown";
import type { Report } from "../../../cli/report/model";
import { runProgram } from "../../../cli/program/runner";
import { loadProject, loadStackConfig } from "../../../cli/program/stack-files";
import { parseJunit, validateSarif } from "../report/formats.test";
import { PROJECTS, runCli } from "./cli";

const AWSX = path.join(PROJECTS, "awsx-platform");
const VPC_LINE = 17;
const SERVICE_LINE = 34;

describe("blastwall check --project with multi-language components (awsx)", function () {
    this.timeout(240_000);

    it("captures each remote registration with the component's arguments as its properties", async () => {
        const project = loadProject(AWSX);
        const stack = loadStackConfig(project, "test");
        const result = await runProgram(
            { projectDir: project.dir, main: project.main, project: project.name, stack: "test", organization: "o", dryRun: true, config: stack.config, secretKeys: stack.secretKeys },
            { onOutput: () => undefined },
        );
        const remote = result.resources.filter((r) => r.remote);
        assert.deepEqual(remote.map((r) => [r.type, r.name, r.custom]), [
            ["awsx:ec2:Vpc", "web-vpc", false],
            ["awsx:ecs:FargateService", "web", false],
        ]);
        const [vpc, service] = remote;
        assert.equal(vpc.inputs.cidrBlock, "10.30.0.0/16");
        assert.deepEqual(vpc.inputs.subnetSpecs, [
            { cidrMask: 22, type: "Public" },
            { cidrMask: 20, type: "Private" },
        ]);
        const container = (service.inputs.taskDefinitionArgs as { container: { environment: unknown } }).container;
        assert.deepEqual(container.environment, [
            { name: "APP_ENV", value: "test" },
            { name: "ADMIN_PASSWORD", value: "Tr0ub4dor-and-3" },
        ]);
        assert.equal(result.resources.filter((r) => !r.remote && r.type.startsWith("awsx:")).length, 0, "no child of a component is ever registered offline");
    });

    it("lists the unexpanded components per stack in the JSON report, and Markdown and JUnit say so", async () => {
        const result = await runCli(["check", "--project", AWSX, "--stack", "test", "--format", "json", "--quiet"]);
        assert.notEqual(result.code, 2, result.stderr);
        assert.notEqual(result.code, 3, result.stderr);
        const report = JSON.parse(result.stdout) as Report;
        const [stack] = report.stacks;
        assert.deepEqual(
            stack.unexpanded?.map((c) => [c.type, c.name, c.urn, c.source?.file, c.source?.line]),
            [
                ["awsx:ec2:Vpc", "web-vpc", "urn:pulumi:test::platform-web::awsx:ec2:Vpc::web-vpc", "test/fixtures/projects/awsx-platform/index.ts", VPC_LINE],
                ["awsx:ecs:FargateService", "web", "urn:pulumi:test::platform-web::awsx:ecs:FargateService::web", "test/fixtures/projects/awsx-platform/index.ts", SERVICE_LINE],
            ],
        );
        assert.ok(!stack.findings.some((f) => f.policy === "offline-complete"), "without --require-complete the components are reported, not failed");

        const sentence =
            "stack test: 2 multi-language components could not be expanded offline (awsx:ec2:Vpc 'web-vpc' (test/fixtures/projects/awsx-platform/index.ts:17), " +
            "awsx:ecs:FargateService 'web' (test/fixtures/projects/awsx-platform/index.ts:34)); the resources their providers create were not seen by the pack; " +
            "run `pulumi preview --policy-pack` where the component's provider runs to judge its children.";
        assert.ok(renderMarkdown(report).includes(`### ⚠️ Not seen offline\n\n- ${sentence.replace(/\|/g, "\\|")}`), renderMarkdown(report));
        const junit = parseJunit(renderJunit(report)) as { testsuites: { testsuite: { "system-out": string } } };
        assert.equal(junit.testsuites.testsuite["system-out"], `not seen offline: ${sentence}`);
    });

    it("puts a tool notification at each component's line in SARIF", async () => {
        const result = await runCli(["check", "--project", AWSX, "--stack", "test", "--format", "sarif", "--quiet"]);
        assert.ok(result.code === 0 || result.code === 1, result.stderr);
        assert.deepEqual(validateSarif(result.stdout), []);
        const sarif = JSON.parse(result.stdout) as {
            runs: Array<{ invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ level: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> }>;
        };
        const [invocation] = sarif.runs[0].invocations;
        assert.equal(invocation.executionSuccessful, true);
        assert.deepEqual(
            invocation.toolExecutionNotifications.map((n) => [n.level, n.locations[0].physicalLocation.artifactLocation.uri, n.locations[0].physicalLocation.region.startLine]),
            [
                ["warning", "test/fixtures/projects/awsx-platform/index.ts", VPC_LINE],
                ["warning", "test/fixtures/projects/awsx-platform/index.ts", SERVICE_LINE],
            ],
        );
        assert.match(invocation.toolExecutionNotifications[0].message.text, /could not be expanded offline .*were not seen by the pack/);
    });

    it("fails the stack with --require-complete: a mandatory finding on each component's line, exit 1", async () => {
        const result = await runCli(["check", "--project", AWSX, "--stack", "test", "--require-complete", "--quiet"]);
        assert.equal(result.code, 1, result.stderr);
        // Under the VPC's own heading, beside what the pack judged from its arguments.
        const heading = result.stdout.indexOf(`    awsx:ec2:Vpc (web-vpc)  test/fixtures/projects/awsx-platform/index.ts:${VPC_LINE}\n`);
        const next = result.stdout.indexOf("    awsx:ecs:FargateService (web)");
        const finding = result.stdout.indexOf(
            [
                "        [mandatory]  offline-complete  blastwall-check@v0.1.0",
                "        Component awsx:ec2:Vpc 'web-vpc' in test is built by its provider at deploy time, so the resources it creates were not seen offline and --require-complete does not accept an unseen part of a stack; run `pulumi preview --policy-pack` where the component's provider runs to judge its children, or drop --require-complete.",
            ].join("\n"),
        );
        assert.ok(heading >= 0 && heading < finding && finding < next, result.stdout);
        assert.match(result.stdout, /\n {4}not seen offline: stack test: 2 multi-language components could not be expanded offline/);
        assert.match(result.stdout, /\nIncomplete: 2 components not expanded offline; their children were not evaluated \(--require-complete fails on this\)\.\n/);
        assert.match(result.stdout, /Result: FAIL/);
    });
    it("blocks the awsx VPC on prod's range and the plaintext container password from the components' arguments, at their lines", async () => {
        const result = await runCli(["check", "--project", AWSX, "--stack", "test", "--format", "json", "--quiet"]);
        assert.equal(result.code, 1, result.stderr);
        const report = JSON.parse(result.stdout) as Report;
        const mandatory = report.stacks.flatMap((s) => s.findings).filter((f) => f.level === "mandatory");
        assert.deepEqual(
            mandatory.map((f) => [f.policy, f.resourceType, f.resourceName, f.source?.line, f.message]),
            [
                ["no-cross-environment-network-path", "awsx:ec2:Vpc", "web-vpc", VPC_LINE, "VPC 'web-vpc (awsx:ec2:Vpc)' in test uses 10.30.0.0/16 (prod); use only test ranges (10.10.0.0/16)."],
                [
                    "no-plaintext-credentials",
                    "awsx:ecs:FargateService",
                    "web",
                    SERVICE_LINE,
                    "awsx.ecs.FargateService 'web' in test has a value named like a password, secret or token in taskDefinitionArgs.container.environment[1] (ADMIN_PASSWORD) that is not a Pulumi secret, so it is written to the state in plaintext (credential material must be a Pulumi secret); remove it, or pass it as a Pulumi secret, and better read it at runtime from Secrets Manager or SSM.",
                ],
            ],
        );
        assert.ok(!result.stdout.includes("Tr0ub4dor-and-3"), "the plaintext password is never repeated in the report");
    });
});

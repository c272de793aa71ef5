// What the pack process receives, asserted end to end through a test double of a pack that
// reports back every Analyze and AnalyzeStack request (test/fixtures/packs/probe).
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { FIXTURES, json, JsonReport, PROJECTS, runCli, tempFile } from "./cli";

const PROBE = path.join(FIXTURES, "packs", "probe");

interface AnalyzeProbe {
    type: string;
    name: string;
    props: Record<string, unknown>;
    parent?: string;
    provider: { urn: string; type: string; props: Record<string, unknown> } | null;
    stackTags: Record<string, string>;
    config: Record<string, unknown>;
}

interface StackProbe {
    stackTags: Record<string, string>;
    resources: Array<{ urn: string; type: string; props: Record<string, unknown>; parent: string | null; dependencies: string[]; propertyDependencies: Record<string, string[]>; provider: string | null }>;
}

function probes(report: JsonReport) {
    const findings = report.stacks[0].findings;
    return {
        analyzed: findings.filter((f) => f.policy === "probe-resource").map((f) => ({ ...(JSON.parse(f.message) as AnalyzeProbe), level: f.level, source: f.source })),
        stack: JSON.parse(findings.find((f) => f.policy === "probe-stack")?.message ?? "null") as StackProbe,
        findings,
    };
}

describe("what the pack receives from blastwall check (end to end, probe pack)", function () {
    this.timeout(180_000);

    describe("a project under mocks", () => {
        let report: JsonReport;
        before(async () => {
            const config = tempFile("probe.json", JSON.stringify({ "probe-resource": { enforcementLevel: "mandatory", label: "ci" } }));
            const result = await runCli(["check", "--project", path.join(PROJECTS, "segmented"), "--stack", "prod", "--policy-pack", PROBE, "--config", config, "--format", "json", "--quiet"]);
            assert.equal(result.code, 1, result.stderr);
            report = json(result);
        });

        it("analyzes every resource, providers and the stack root included", () => {
            assert.deepEqual(
                probes(report).analyzed.map((a) => `${a.type}::${a.name}`).sort(),
                [
                    "pulumi:pulumi:Stack::fixture-segmented-prod",
                    "pulumi:providers:aws::prod-aws",
                    "fixture:network:Segment::prod",
                    "aws:iam/user:User::ci-deployer",
                    "pulumi:providers:time::default_0_1_1",
                    "time:index/rotating:Rotating::ci-deployer-key-rotation",
                    "aws:ec2/vpc:Vpc::prod-vpc",
                    "aws:ec2/securityGroup:SecurityGroup::prod-https",
                    "aws:iam/accessKey:AccessKey::ci-deployer",
                    "aws:ec2/subnet:Subnet::prod-app",
                ].sort(),
            );
        });

        it("configures every policy with its level and the user's properties over the schema defaults", () => {
            const { analyzed, findings } = probes(report);
            assert.ok(analyzed.every((a) => a.level === "mandatory"));
            assert.deepEqual(analyzed[0].config, { label: "ci" });
            // probe-stack was not configured by the user: it keeps its own (mandatory) level.
            assert.equal(findings.find((f) => f.policy === "probe-stack")?.level, "mandatory");
        });

        it("sends the stack tags the Pulumi CLI derives from Pulumi.yaml", () => {
            assert.deepEqual(probes(report).analyzed[0].stackTags, {
                "pulumi:project": "fixture-segmented",
                "pulumi:runtime": "nodejs",
                "pulumi:description": "A segmented test/staging/prod project written apart from blastwall's own (a fixture for blastwall check)",
            });
        });

        it("sends each resource with its inputs and its provider's inputs, as JSON strings where providers keep them", () => {
            const user = probes(report).analyzed.find((a) => a.type === "aws:iam/user:User");
            assert.deepEqual(user?.props, { name: "ci-deployer-prod", tags: { Owner: "platform-team" } });
            assert.equal(user?.provider?.urn, "urn:pulumi:prod::fixture-segmented::pulumi:providers:aws::prod-aws");
            assert.equal(user?.provider?.props.allowedAccountIds, '["100000000030"]');
            assert.equal(user?.parent, "urn:pulumi:prod::fixture-segmented::pulumi:pulumi:Stack::fixture-segmented-prod");
        });

        it("locates each resource at the TypeScript line that declared it", () => {
            const key = probes(report).analyzed.find((a) => a.type === "aws:iam/accessKey:AccessKey");
            assert.deepEqual(key?.source, { file: "test/fixtures/projects/segmented/index.ts", line: 40, column: 28 });
        });

        it("sends AnalyzeStack the graph: parents, dependencies, property dependencies, providers, outputs", () => {
            const { stack } = probes(report);
            const subnet = stack.resources.find((r) => r.type === "aws:ec2/subnet:Subnet");
            const vpcUrn = "urn:pulumi:prod::fixture-segmented::fixture:network:Segment$aws:ec2/vpc:Vpc::prod-vpc";
            assert.equal(subnet?.urn, "urn:pulumi:prod::fixture-segmented::fixture:network:Segment$aws:ec2/vpc:Vpc$aws:ec2/subnet:Subnet::prod-app");
            assert.equal(subnet?.parent, vpcUrn);
            assert.deepEqual(subnet?.dependencies, [vpcUrn]);
            assert.deepEqual(subnet?.propertyDependencies.vpcId, [vpcUrn]);
            // First preview of a new stack: the VPC's id is not known yet, the subnet's range is.
            assert.equal(subnet?.props.vpcId, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
            assert.equal(subnet?.props.cidrBlock, "10.30.1.0/24");
            const rotation = stack.resources.find((r) => r.type === "time:index/rotating:Rotating");
            assert.equal(rotation?.provider, "urn:pulumi:prod::fixture-segmented::pulumi:providers:time::default_0_1_1");
            assert.equal(stack.resources.length, 10);
        });
    });

    describe("an exported state", () => {
        let report: JsonReport;
        before(async () => {
            const result = await runCli(["check", "--state", path.join(FIXTURES, "states", "prod-old-keys.json"), "--policy-pack", PROBE, "--format", "json", "--quiet"]);
            assert.equal(result.code, 1, result.stderr);
            report = json(result);
        });

        it("sends AnalyzeStack the outputs with the checkpoint stamps, and no pending deletion", () => {
            const { stack } = probes(report);
            const key = stack.resources.find((r) => r.type === "aws:iam/accessKey:AccessKey");
            assert.deepEqual(key?.props.__blastwallCheckpoint, { created: "2023-05-02T14:03:11Z", modified: "2023-05-02T14:03:11Z" });
            assert.equal(key?.props.createDate, "2023-05-02T14:03:11Z");
            assert.equal(key?.props.__meta, undefined);
            assert.equal(key?.props.secret, "[secret]");
            assert.ok(!stack.resources.some((r) => r.urn.endsWith("::ci-deployer-old")));
        });

        it("sends Analyze the inputs, without the engine's internal keys", () => {
            const key = probes(report).analyzed.find((a) => a.type === "aws:iam/accessKey:AccessKey");
            assert.deepEqual(key?.props, { user: "ci-deployer" });
        });

        it("never prints a secret, even one a pack echoes back", () => {
            const everything = JSON.stringify(report);
            assert.ok(!everything.includes("Zq8vN3xPp4TtY2wL9mRb6sKd1fHj5cGa"));
            const app = probes(report).stack.resources.find((r) => r.type === "okta:app/oAuth:OAuth");
            assert.equal(app?.props.clientSecret, "[secret]");
        });
    });

    it("refuses a config value the pack's schema refuses, naming the policy and key", async () => {
        const config = tempFile("probe.json", JSON.stringify({ "probe-resource": { limit: 0 } }));
        const result = await runCli(["check", "--state", path.join(FIXTURES, "states", "prod-old-keys.json"), "--policy-pack", PROBE, "--config", config]);
        assert.equal(result.code, 2);
        assert.ok(result.stderr.includes("probe-resource: limit must be >= 1"), result.stderr);
    });
});

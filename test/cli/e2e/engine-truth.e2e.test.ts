// What the engine sends a pack, and what blastwall check sends: the same, mode by mode, asserted
// through the real pack process (the probe pack reports every request back; the blastwall pack
// gives the verdicts). See docs/cli.md, "How it talks to the pack".
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { FIXTURES, json, JsonReport, PROJECTS, runCli, tempFile } from "./cli";

const PROBE = path.join(FIXTURES, "packs", "probe");
const STATES = path.join(FIXTURES, "states");
const APP = path.join(STATES, "prod-app-staging-network.json");
const REF = "urn:pulumi:prod::app::pulumi:pulumi:StackReference::acme/network/staging";
const SG = "urn:pulumi:prod::app::aws:ec2/securityGroup:SecurityGroup::app";

interface StackResource {
    urn: string;
    type: string;
    props: Record<string, unknown>;
    parent: string | null;
    optionsParent: string | null;
    aliases: string[];
    customTimeouts: Record<string, number>;
    dependencies: string[];
}

function probed(report: JsonReport) {
    const findings = report.stacks[0].findings;
    const analyzed = findings.filter((f) => f.policy === "probe-resource").map((f) => JSON.parse(f.message) as { type: string; name: string; urn: string; props: Record<string, unknown>; stackTags: Record<string, string>; aliases: string[] });
    const stack = JSON.parse(findings.find((f) => f.policy === "probe-stack")?.message ?? "null") as { stackTags: Record<string, string>; resources: StackResource[] };
    return { analyzed, stack };
}

async function check(args: readonly string[], expectedCode: number): Promise<JsonReport> {
    const result = await runCli(["check", ...args, "--format", "json", "--quiet"]);
    assert.equal(result.code, expectedCode, result.stdout.slice(0, 2000) + result.stderr);
    return json(result);
}

describe("engine truth: what reaches the pack (end to end, real pack process)", function () {
    this.timeout(240_000);

    describe("an export, as the end of the update that wrote it", () => {
        let report: JsonReport;
        before(async () => {
            report = await check(["--state", APP, "--policy-pack", PROBE, "--stack-tag", "environment=prod", "--stack-tag", "team=payments"], 1);
        });

        it("sends no read resource (a StackReference) to Analyze or AnalyzeStack, as a deployment does", () => {
            const { analyzed, stack } = probed(report);
            assert.ok(!analyzed.some((a) => a.type === "pulumi:pulumi:StackReference"));
            assert.ok(!stack.resources.some((r) => r.type === "pulumi:pulumi:StackReference"));
            assert.equal(stack.resources.length, 4);
        });

        it("names a resource whose name holds '::' by everything after the URN's third '::'", () => {
            assert.ok(probed(report).analyzed.some((a) => a.type === "aws:ec2/securityGroupRule:SecurityGroupRule" && a.name === "app::https-in"));
            assert.ok(report.stacks[0].findings.some((f) => f.resourceName === "app::https-in"));
        });

        it("drops only top-level '__' keys, as the engine marshals properties", () => {
            const sg = probed(report).stack.resources.find((r) => r.urn === SG);
            assert.ok(sg);
            assert.equal(sg.props.__meta, undefined);
            assert.deepEqual(sg.props.tags, { __scope: "app" });
            const inputs = probed(report).analyzed.find((a) => a.urn === SG)?.props;
            assert.equal(inputs?.__defaults, undefined);
            assert.deepEqual(inputs?.tags, { __scope: "app" });
        });

        it("sets options.parent, aliases and custom timeouts in AnalyzeStack as the engine does", () => {
            const rule = probed(report).stack.resources.find((r) => r.type === "aws:ec2/securityGroupRule:SecurityGroupRule");
            assert.equal(rule?.optionsParent, SG);
            const sg = probed(report).stack.resources.find((r) => r.urn === SG);
            assert.deepEqual(sg?.aliases, ["urn:pulumi:prod::app::aws:ec2/securityGroup:SecurityGroup::app-old"]);
            assert.deepEqual(sg?.customTimeouts, { createSeconds: 600, updateSeconds: 0, deleteSeconds: 900 });
        });

        it("sends the stack tags given with --stack-tag (an export carries none), and the checkpoint times", () => {
            const { stack } = probed(report);
            assert.deepEqual(stack.stackTags, { "pulumi:project": "app", environment: "prod", team: "payments" });
            assert.deepEqual(stack.resources.find((r) => r.urn === SG)?.props.__blastwallCheckpoint, { created: "2024-03-01T10:00:02.000000Z", modified: "2024-03-01T10:00:02.000000Z" });
        });
    });

    describe("an export with --engine-exact, as pulumi policy analyze evaluates it", () => {
        let report: JsonReport;
        before(async () => {
            report = await check(["--state", APP, "--policy-pack", PROBE, "--engine-exact"], 1);
        });

        it("analyzes external resources too, sends no checkpoint times and no stack tags (no ConfigureStack)", () => {
            const { analyzed, stack } = probed(report);
            assert.ok(analyzed.some((a) => a.urn === REF));
            assert.ok(stack.resources.some((r) => r.urn === REF));
            assert.ok(stack.resources.every((r) => r.props.__blastwallCheckpoint === undefined));
            assert.deepEqual(stack.stackTags, {});
        });
    });

    it("blocks a prod resource built from a staging stack reference, from the URN the engine sends", async () => {
        const report = await check(["--state", APP], 1);
        const messages = report.stacks[0].findings.filter((f) => f.policy === "no-cross-environment-stack-reference").map((f) => [f.resourceName, f.message]);
        assert.deepEqual(messages, [
            [
                "app",
                "Security group 'app' in prod is built from outputs of stack acme/network/staging (staging), read through a StackReference; reference only prod stacks, and give prod what it needs through its own configuration.",
            ],
        ]);
        assert.deepEqual((report.stacks[0] as unknown as { environment: unknown }).environment, { name: "prod", source: "the stack name prod" });
    });

    it("takes the stack's environment from --stack-tag, and says so", async () => {
        const report = await check(["--state", APP, "--stack-tag", "environment=staging"], 1);
        const stack = report.stacks[0] as unknown as { environment: unknown; findings: JsonReport["stacks"][0]["findings"] };
        assert.deepEqual(stack.environment, { name: "staging", source: "the stack tag environment=staging (--stack-tag)" });
        // A staging stack may read staging's network: the reference is no longer another environment's.
        assert.ok(!stack.findings.some((f) => f.policy === "no-cross-environment-stack-reference"));
    });

    for (const version of [1, 2]) {
        it(`reads a deployment of version ${version} as the Pulumi CLI does`, async () => {
            const report = await check(["--state", path.join(STATES, `prod-app-version-${version}.json`)], 1);
            assert.ok(report.stacks[0].findings.some((f) => f.policy === "no-cross-environment-stack-reference" && f.resourceName === "app"));
        });
    }

    it("passes an export with no resources, saying there was nothing to analyze, as pulumi policy analyze does", async () => {
        const file = tempFile("empty.json", JSON.stringify({ version: 3, deployment: { manifest: { time: "2024-03-01T10:00:00Z", magic: "", version: "v3.140.0" } } }));
        const result = await runCli(["check", "--state", file]);
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stdout, /holds no resources; nothing to analyze \(pulumi policy analyze says the same and passes\)/);
    });

    it("refuses a date the engine's gojsonschema refuses (a space for the T), naming the key", async () => {
        const config = tempFile("now.json", JSON.stringify({ "credential-max-age": { now: "2027-01-01 00:00:00Z" } }));
        const result = await runCli(["check", "--state", APP, "--config", config]);
        assert.equal(result.code, 2, result.stdout);
        assert.match(result.stderr, /credential-max-age: now must match format "date" or must match format "date-time"|credential-max-age: now/);
    });

    it("accepts a bare date as date-time, as gojsonschema does", async () => {
        const config = tempFile("incident.json", JSON.stringify({ "credential-max-age": { now: "2027-01-01" } }));
        const result = await runCli(["check", "--state", APP, "--config", config]);
        assert.equal(result.code, 1, result.stderr);
    });

    describe("a project under mocks", () => {
        let probeReport: JsonReport;
        before(async () => {
            probeReport = await check(["--project", path.join(PROJECTS, "stack-reference"), "--stack", "prod", "--policy-pack", PROBE], 1);
        });

        it("sends no StackReference, yet its URN is in the dependencies of what was built from it", () => {
            const { analyzed, stack } = probed(probeReport);
            assert.ok(!analyzed.some((a) => a.type === "pulumi:pulumi:StackReference"));
            assert.ok(!stack.resources.some((r) => r.type === "pulumi:pulumi:StackReference"));
        });

        it("sends no aliases on a first preview: the engine sends only an alias that matched an old resource", () => {
            const group = probed(probeReport).analyzed.find((a) => a.type === "aws:ec2/securityGroup:SecurityGroup");
            assert.deepEqual(group?.aliases, []);
        });

        it("blocks prod built from staging's network stack, and passes prod built from prod's", async () => {
            const report = await check(["--project", path.join(PROJECTS, "stack-reference"), "--stack", "all"], 1);
            const byStack = Object.fromEntries(report.stacks.map((s) => [s.stack, s.findings.filter((f) => f.level === "mandatory").map((f) => `${f.policy} ${f.resourceName}`)]));
            assert.deepEqual(byStack, {
                prod: ["no-cross-environment-network-path app", "no-cross-environment-stack-reference app"],
                "prod-fixed": [],
            });
        });
    });

    it("keeps the fixture export valid JSON of deployment version 3", () => {
        assert.equal((JSON.parse(fs.readFileSync(APP, "utf8")) as { version: number }).version, 3);
    });
});

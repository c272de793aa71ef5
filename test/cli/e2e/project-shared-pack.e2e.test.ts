// A project's stacks served by one shared pack process give exactly the verdicts of one process per
// stack. `check --project X --stack all` with the shipped pack starts ONE pack process, with no
// stack's environment, that serves every stack in turn (each after another stack, with other
// config, secrets, tags and environment); each stack's section (findings, messages, levels, URNs,
// environment, reach, warnings) must equal the section of `check --project X --stack NAME`, which
// starts a process of its own with that stack's PULUMI_NODEJS_* environment, as the engine does.
// The processes are counted from inside them (a --require preload through NODE_OPTIONS), not
// from what the CLI says it did.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { mapLimited } from "../../../cli/concurrency";
import { FIXTURES, json, JsonReport, PROJECTS, REPO, runCli } from "./cli";

const AT = ["--at", "2026-01-01"];
const OKTA_SETTINGS = ["--config", path.join(FIXTURES, "settings", "okta-2023-10.yaml")];
const PROBE_PACK = path.join(FIXTURES, "packs", "probe");

interface Case {
    readonly name: string;
    readonly project: string;
    readonly stacks: readonly string[];
    readonly args: readonly string[];
}

const CASES: readonly Case[] = [
    // The shipped stacks: three environments, each with its own config.
    { name: "the shipped project", project: REPO, stacks: ["prod", "staging", "test"], args: AT },
    // A secret in one stack's config and no environment; the other tagged test by pulumi:tags.
    { name: "unknown-env", project: path.join(PROJECTS, "unknown-env"), stacks: ["sandbox", "sandbox-tagged"], args: AT },
    // Per-stack config that changes verdicts: a token issued before the incident, and its fix.
    { name: "okta-breach", project: path.join(PROJECTS, "okta-breach"), stacks: ["prod", "prod-fixed"], args: [...OKTA_SETTINGS, ...AT] },
    // Reach rows: a role chain into prod's account, and its fix.
    { name: "reach-escape", project: path.join(PROJECTS, "reach-escape"), stacks: ["test", "test-fixed"], args: AT },
];

interface PackStart {
    readonly pid: number;
    readonly stack: string;
    readonly project: string;
}

interface Run {
    readonly code: number | null;
    readonly stderr: string;
    readonly report: JsonReport;
    readonly packs: PackStart[];
}

type Section = JsonReport["stacks"][number] & { environment?: { name?: string; source: string }; warnings?: string[]; reach?: unknown };

/** A preload that records every pack process as it starts, with the stack environment it was given. */
function packCounter(dir: string): string {
    const file = path.join(dir, "count-packs.js");
    fs.writeFileSync(
        file,
        [
            `"use strict";`,
            `if (process.argv.some((a) => a.includes("run-policy-pack")) && process.env.BLASTWALL_TEST_PACK_LOG) {`,
            `    require("node:fs").appendFileSync(process.env.BLASTWALL_TEST_PACK_LOG, JSON.stringify({ pid: process.pid, stack: process.env.PULUMI_NODEJS_STACK || "", project: process.env.PULUMI_NODEJS_PROJECT || "" }) + "\\n");`,
            `}`,
        ].join("\n"),
    );
    return file;
}

describe("check --project --stack all with one shared pack process (end to end, real pack processes)", function () {
    this.timeout(1_200_000);

    let dir: string;
    let counter: string;
    let runs = 0;
    const together = new Map<string, Run>();
    const alone = new Map<string, Run>();

    async function check(args: readonly string[]): Promise<Run> {
        const log = path.join(dir, `packs-${runs++}.jsonl`);
        const result = await runCli(["check", ...args, "--format", "json"], {
            timeoutMs: 600_000,
            env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${counter}`.trim(), BLASTWALL_TEST_PACK_LOG: log },
        });
        const packs = fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n").filter(Boolean).map((line) => JSON.parse(line) as PackStart) : [];
        return { code: result.code, stderr: result.stderr, report: json(result), packs };
    }

    before(async function () {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "blastwall-shared-pack-"));
        counter = packCounter(dir);
        const jobs = [
            ...CASES.map((c) => async () => void together.set(c.name, await check(["--project", c.project, "--stack", "all", ...c.args]))),
            ...CASES.flatMap((c) => c.stacks.map((stack) => async () => void alone.set(`${c.name}/${stack}`, await check(["--project", c.project, "--stack", stack, ...c.args, "--quiet"])))),
        ];
        // Two at a time: the machine's cores.
        await mapLimited(jobs, 2, (job) => job());
    });

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    for (const c of CASES) {
        describe(c.name, () => {
            it(`starts one pack process for its ${c.stacks.length} stacks, with no stack's environment, and says so`, () => {
                const run = together.get(c.name) as Run;
                assert.deepEqual(run.packs.map((p) => [p.stack, p.project]), [["", ""]], run.stderr);
                assert.match(run.stderr, new RegExp(`checking ${c.stacks.length} stacks, 2 at a time, with 1 pack process serving them in turn`));
            });

            it("gives each stack exactly the section it gets when checked alone, in a process of its own", () => {
                const run = together.get(c.name) as Run;
                assert.deepEqual(run.report.stacks.map((s) => s.stack), [...c.stacks]);
                for (const stack of c.stacks) {
                    const own = alone.get(`${c.name}/${stack}`) as Run;
                    // The reference run is the engine's way: its own process, started with the stack's environment.
                    assert.deepEqual(own.packs.map((p) => p.stack), [stack], own.stderr);
                    assert.equal(own.report.stacks.length, 1);
                    assert.deepEqual(run.report.stacks.find((s) => s.stack === stack) as Section, own.report.stacks[0] as Section, `the section of ${stack} differs`);
                }
            });

            it("reports the same policies, the summed verdict and the worst exit code", () => {
                const run = together.get(c.name) as Run;
                const owns = c.stacks.map((stack) => alone.get(`${c.name}/${stack}`) as Run);
                const policies = (report: JsonReport) => (report as JsonReport & { policies: unknown }).policies;
                for (const own of owns) assert.deepEqual(policies(run.report), policies(own.report));
                assert.equal(run.report.summary.mandatory, owns.reduce((n, own) => n + own.report.summary.mandatory, 0));
                assert.equal(run.report.summary.advisory, owns.reduce((n, own) => n + own.report.summary.advisory, 0));
                assert.equal(run.code, Math.max(...owns.map((own) => own.code ?? 3)));
            });
        });
    }

    it("varies what the stacks share a process with: environments, a secret, a tag, verdicts and reach differ between them", () => {
        const section = (name: string, stack: string) => together.get(name)?.report.stacks.find((s) => s.stack === stack) as Section;
        assert.deepEqual(["prod", "staging", "test"].map((s) => section("the shipped project", s).environment?.name), ["prod", "staging", "test"]);
        assert.equal(section("unknown-env", "sandbox").environment?.name, undefined);
        assert.ok(section("unknown-env", "sandbox").warnings?.some((w) => w.includes("secure config (sandbox-tools:apiToken)")));
        assert.equal(section("unknown-env", "sandbox-tagged").environment?.name, "test");
        const blocked = (name: string, stack: string, policy: string) => section(name, stack).findings.some((f) => f.policy === policy && f.level === "mandatory");
        assert.ok(blocked("unknown-env", "sandbox", "stack-environment-known"));
        assert.ok(!blocked("unknown-env", "sandbox-tagged", "stack-environment-known"));
        assert.ok(blocked("okta-breach", "prod", "credential-rotated-after-incident"));
        assert.ok(!blocked("okta-breach", "prod-fixed", "credential-rotated-after-incident"));
        assert.ok(blocked("reach-escape", "test", "credential-reach-within-environment"));
        assert.ok(!blocked("reach-escape", "test-fixed", "credential-reach-within-environment"));
    });

    it("keeps a process per stack, started with that stack's environment, for another pack (--policy-pack)", async () => {
        const run = await check(["--project", path.join(PROJECTS, "unknown-env"), "--stack", "all", "--policy-pack", PROBE_PACK, ...AT]);
        assert.deepEqual(run.packs.map((p) => `${p.project}/${p.stack}`).sort(), ["sandbox-tools/sandbox", "sandbox-tools/sandbox-tagged"], run.stderr);
        assert.match(run.stderr, /checking 2 stacks, 2 at a time, with a pack process per stack/);
    });
});

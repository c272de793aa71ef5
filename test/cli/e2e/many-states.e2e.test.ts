// Many exports in one run give exactly the verdicts of one run per export. One run over a
// directory of exports, with --jobs 1 so that ONE pack process serves every export in turn (each
// stack after another stack, with other names, projects and environments), must write the same
// per-stack sections (findings, messages, levels, URNs, environments, reach, warnings) and the
// same policies as separate `blastwall check --state FILE` runs, each with a pack process of its
// own started with that stack's PULUMI_NODEJS_* environment. The exports vary: the breach-replay
// states, a sandbox whose environment nothing decides, and the bench's generated stack under
// names that decide prod, staging and test.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { exportText } from "../../../bench/exports";
import { syntheticStack } from "../../../bench/stacks";
import { mapLimited } from "../../../cli/concurrency";
import { FIXTURES, json, JsonReport, runCli } from "./cli";

const STATES = path.join(FIXTURES, "states");
const SETTINGS = ["--config", path.join(FIXTURES, "settings", "okta-2023-10.yaml"), "--at", "2026-01-01"];

type Section = JsonReport["stacks"][number] & { environment?: { name?: string; source: string } };

function exportsDirectory(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "blastwall-many-"));
    for (const name of ["prod-old-keys.json", "sandbox.json", "prod-app-staging-network.json", "prod-rotated.json"]) {
        // prod-rotated is deploy-keys/prod as prod-old-keys is: under another project name here.
        const text = fs.readFileSync(path.join(STATES, name), "utf8");
        fs.writeFileSync(path.join(dir, name), name === "prod-rotated.json" ? text.split("::deploy-keys::").join("::deploy-keys-rotated::") : text);
    }
    const generated = syntheticStack(120);
    for (const stack of ["payments-prod", "staging", "team-a-test"]) fs.writeFileSync(path.join(dir, `${stack}.json`), exportText(generated, stack, "bench"));
    return dir;
}

describe("check --state over many exports (end to end, real pack processes)", function () {
    this.timeout(600_000);

    let dir: string;
    let together: JsonReport;
    let togetherCode: number | null;
    let togetherStderr: string;
    let alone: { file: string; code: number | null; report: JsonReport }[];

    before(async function () {
        dir = exportsDirectory();
        const files = fs.readdirSync(dir).sort().map((f) => path.join(dir, f));
        const [run, separate] = await Promise.all([
            runCli(["check", "--state", dir, "--jobs", "1", ...SETTINGS, "--format", "json"], { timeoutMs: 300_000 }),
            // One process per export, two at a time (the machine's cores).
            mapLimited(files, 2, async (file) => {
                const result = await runCli(["check", "--state", file, ...SETTINGS, "--format", "json", "--quiet"], { timeoutMs: 300_000 });
                return { file, code: result.code, report: json(result) };
            }),
        ]);
        togetherCode = run.code;
        togetherStderr = run.stderr;
        together = json(run);
        alone = separate;
    });

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("served every export with one pack process (--jobs 1)", () => {
        assert.match(togetherStderr, /checking 7 export\(s\), 1 at a time, with 1 pack process\(es\) serving them in turn/);
    });

    it("writes one section per stack, sorted by project/stack", () => {
        assert.deepEqual(
            together.stacks.map((s) => `${s.project}/${s.stack}`),
            ["app/prod", "bench/payments-prod", "bench/staging", "bench/team-a-test", "deploy-keys-rotated/prod", "deploy-keys/prod", "deploy-keys/sandbox"],
        );
    });

    it("gives each stack exactly the section a run of its own export gives", () => {
        const key = (s: Section) => `${s.project}/${s.stack}`;
        const expected = alone.flatMap((a) => a.report.stacks as Section[]).sort((a, b) => (key(a) < key(b) ? -1 : 1));
        assert.equal(together.stacks.length, expected.length);
        for (const [i, section] of (together.stacks as Section[]).entries()) assert.deepEqual(section, expected[i], `the section of ${key(section)} differs`);
    });

    it("reports the same policies and levels, and the summed verdict and exit code", () => {
        const policies = (report: JsonReport) => (report as JsonReport & { policies: unknown }).policies;
        for (const a of alone) assert.deepEqual(policies(together), policies(a.report));
        const sum = (pick: (r: JsonReport) => number) => alone.reduce((n, a) => n + pick(a.report), 0);
        assert.equal(together.summary.mandatory, sum((r) => r.summary.mandatory));
        assert.equal(together.summary.advisory, sum((r) => r.summary.advisory));
        assert.equal(togetherCode, Math.max(...alone.map((a) => a.code ?? 3)));
        assert.equal(togetherCode, 1);
    });

    it("judges each stack in the environment its own name decides, whichever stack the process served before", () => {
        const environment = (stack: string) => (together.stacks.find((s) => s.stack === stack) as Section | undefined)?.environment;
        assert.deepEqual(environment("payments-prod"), { name: "prod", source: "the stack name payments-prod" });
        assert.deepEqual(environment("staging"), { name: "staging", source: "the stack name staging" });
        assert.deepEqual(environment("team-a-test"), { name: "test", source: "the stack name team-a-test" });
        const sandbox = together.stacks.find((s) => s.stack === "sandbox");
        assert.ok(sandbox?.findings.some((f) => f.policy === "stack-environment-known" && f.level === "mandatory"));
        // The same resources, tagged for prod: findings in staging and test, none of that kind in prod.
        const mismatches = (stack: string) => together.stacks.find((s) => s.stack === stack)?.findings.filter((f) => f.policy === "resource-environment-matches-stack").length;
        assert.equal(mismatches("payments-prod"), 0);
        assert.ok((mismatches("staging") ?? 0) > 0);
        assert.equal(mismatches("staging"), mismatches("team-a-test"));
        const message = together.stacks.find((s) => s.stack === "team-a-test")?.findings.find((f) => f.policy === "resource-environment-matches-stack")?.message ?? "";
        assert.match(message, / in test /);
    });
});

// What `check --state` reads when given several values, and `--shard`: every way of naming
// exports (repeated --state, a directory, a glob) reaches the same stacks; what names nothing,
// cannot be read or repeats a stack fails with exit 2 naming the file, never a silent skip; and
// the shards of a run together check each of its stacks exactly once.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FIXTURES, json, JsonReport, PROJECTS, runCli } from "./cli";

const STATES = path.join(FIXTURES, "states");
const AT = ["--at", "2023-11-20"];
const THREE = ["prod-old-keys.json", "sandbox.json", "prod-app-staging-network.json"];

function directoryOf(names: readonly string[]): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "blastwall-sources-"));
    for (const name of names) fs.copyFileSync(path.join(STATES, name), path.join(dir, name));
    return dir;
}

const stackIds = (report: JsonReport) => report.stacks.map((s) => `${s.project}/${s.stack}`);
/** A section without where it came from: the same stack read through another path. */
const verdicts = (report: JsonReport) => report.stacks.map(({ origin: _origin, ...rest }) => rest);

async function check(args: readonly string[]) {
    return runCli(["check", ...args, "--format", "json", "--quiet"], { timeoutMs: 240_000 });
}

describe("check --state: several exports, and shards (end to end)", function () {
    this.timeout(600_000);
    let dir: string;
    let byDirectory: JsonReport;

    before(async () => {
        dir = directoryOf(THREE);
        const result = await check(["--state", dir, ...AT]);
        assert.equal(result.code, 1, result.stderr);
        byDirectory = json(result);
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("reads a directory's exports into one report, a section per stack", () => {
        assert.deepEqual(stackIds(byDirectory), ["app/prod", "deploy-keys/prod", "deploy-keys/sandbox"]);
        assert.deepEqual(byDirectory.stacks.map((s) => path.basename(s.origin)), ["prod-app-staging-network.json", "prod-old-keys.json", "sandbox.json"]);
    });

    it("reaches the same stacks and verdicts through a glob and through repeated --state", async () => {
        const [glob, repeated] = await Promise.all([
            check(["--state", path.join(dir, "*.json"), ...AT]),
            check([...THREE.flatMap((name) => ["--state", path.join(dir, name)]), ...AT]),
        ]);
        assert.deepEqual(verdicts(json(glob)), verdicts(byDirectory));
        assert.deepEqual(verdicts(json(repeated)), verdicts(byDirectory));
    });

    it("splits the stacks over shards that together check each exactly once", async () => {
        const shards = await Promise.all([1, 2].map((i) => check(["--state", dir, ...AT, "--shard", `${i}/2`])));
        const reports = shards.map(json);
        assert.deepEqual(reports.map(stackIds), [["app/prod", "deploy-keys/sandbox"], ["deploy-keys/prod"]]);
        const union = reports.flatMap((r) => r.stacks).sort((a, b) => (`${a.project}/${a.stack}` < `${b.project}/${b.stack}` ? -1 : 1));
        assert.deepEqual(union, byDirectory.stacks);
        // Each shard's verdict is its own stacks': both fail here, each on its own findings.
        assert.deepEqual(shards.map((s) => s.code), [1, 1]);
        assert.equal(reports[0].summary.mandatory + reports[1].summary.mandatory, byDirectory.summary.mandatory);
    });

    it("passes a shard left with no stack, saying so on stderr", async () => {
        const result = await runCli(["check", "--state", path.join(STATES, "sandbox.json"), "--state", path.join(STATES, "prod-old-keys.json"), ...AT, "--shard", "3/3", "--format", "json"]);
        assert.equal(result.code, 0, result.stderr);
        assert.deepEqual(json(result).stacks, []);
        assert.match(result.stderr, /shard 3\/3: 0 of the run's 2 stack\(s\); nothing for this shard to check/);
    });

    it("shards --stack all over a project's stacks", async () => {
        const project = path.join(PROJECTS, "orphan-key");
        const shards = await Promise.all([1, 2].map((i) => check(["--project", project, "--stack", "all", "--shard", `${i}/2`])));
        assert.deepEqual(shards.map((s) => stackIds(json(s))), [["deploy-keys/prod"], ["deploy-keys/prod-fixed"]]);
        assert.deepEqual(shards.map((s) => s.code), [1, 0]);
    });

    const refusals: ReadonlyArray<{ name: string; args: () => string[]; message: RegExp }> = [
        { name: "a glob that matches nothing", args: () => ["--state", path.join(dir, "*.yaml")], message: /--state .*\*\.yaml matches no file/ },
        { name: "a path that does not exist", args: () => ["--state", path.join(dir, "prod-old-keys.json"), "--state", path.join(dir, "missing.json")], message: /cannot read .*missing\.json: ENOENT/ },
        { name: "a directory with no export", args: () => ["--state", fs.mkdtempSync(path.join(os.tmpdir(), "blastwall-empty-"))], message: /is a directory with no \*\.json export in it/ },
        { name: "an invalid export among valid ones", args: () => ["--state", dir, "--state", path.join(STATES, "not-json.json")], message: /not-json\.json is not a pulumi stack export: it is not JSON/ },
        {
            name: "two exports of the same stack",
            args: () => ["--state", path.join(STATES, "prod-app-version-1.json"), "--state", path.join(STATES, "prod-app-version-2.json")],
            message: /prod-app-version-1\.json and .*prod-app-version-2\.json are both exports of stack app\/prod/,
        },
        { name: "stdin mixed with files", args: () => ["--state", "-", "--state", dir], message: /--state - \(an export on stdin\) cannot be combined with other --state values/ },
        { name: "--shard 0/2", args: () => ["--state", dir, "--shard", "0/2"], message: /--shard 0\/2 is not a shard; give i\/n with 1 <= i <= n/ },
        { name: "--shard 3/2", args: () => ["--state", dir, "--shard", "3/2"], message: /--shard 3\/2 is not a shard/ },
        { name: "--shard x/y", args: () => ["--state", dir, "--shard", "x/y"], message: /--shard x\/y is not a shard/ },
        { name: "--jobs 0", args: () => ["--state", dir, "--jobs", "0"], message: /--jobs 0 is not a number of jobs/ },
        { name: "--shard with --event-log", args: () => ["--event-log", path.join(FIXTURES, "eventlogs", "missing.jsonl"), "--shard", "1/2"], message: /--shard and --jobs do not apply to --event-log/ },
    ];
    for (const r of refusals) {
        it(`refuses ${r.name} with exit 2 and a message naming it`, async () => {
            const result = await runCli(["check", ...r.args(), "--format", "json", "--quiet"]);
            assert.equal(result.code, 2, result.stderr);
            assert.match(result.stderr, r.message);
            assert.equal(result.stdout, "");
        });
    }
});

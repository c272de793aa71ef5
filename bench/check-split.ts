// `blastwall check --project . --stack all` on this repository: the command itself timed end to
// end (the built CLI in its own process, as CI runs it), then the same work one step at a time
// with the built modules, to show where the time goes. The command overlaps steps (two stacks at
// once, its one pack process starting while the first programs run, then serving the stacks in
// turn); the split runs them one after the other (the pack started once, before the first
// stack's analysis), so its parts add up to more than the command takes.

import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type * as Load from "../cli/config/load";
import type * as PackProcess from "../cli/analyzer/pack-process";
import type * as Runner from "../cli/program/runner";
import type * as ReportModel from "../cli/report/model";
import type * as Session from "../cli/analyzer/session";
import type * as StackFiles from "../cli/program/stack-files";
import type * as Synthesize from "../cli/program/synthesize";
import type * as Write from "../cli/report/write";
import { REPO } from "./packs";
import { spread, Spread } from "./stats";

const DIST = path.join(REPO, "cli", "dist", "cli");
const PACK_DIR = path.join(REPO, "policies");

export interface StackSplit {
    readonly stack: string;
    readonly resources: number;
    readonly programMs: number;
    readonly synthesizeMs: number;
    readonly packStartMs: number;
    readonly analyzeMs: number;
    readonly analyzeStackMs: number;
}

export interface CheckMeasurement {
    readonly endToEndMs: Spread;
    /** The same three programs run by the built runner under mocks, one after the other, with no pack: the floor. */
    readonly programsOnlyMs?: Spread;
    /** check / programs only, per repetition. */
    readonly paired?: Spread;
    readonly exitCodes: readonly (number | null)[];
    readonly stacks: readonly StackSplit[];
    readonly reportMs: number;
}

function load<T>(relative: string): T {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path.join(DIST, relative)) as T;
}

function timeCommand(args: readonly string[]): Promise<{ ms: number; code: number | null }> {
    const started = process.hrtime.bigint();
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [path.join(DIST, "main.js"), ...args], { cwd: REPO, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
        let stderr = "";
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        child.once("error", reject);
        child.once("close", (code) => {
            if (code === 2) return reject(new Error(`blastwall ${args.join(" ")} exited 2:\n${stderr}`));
            resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, code });
        });
    });
}

const since = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;

async function splitRun(): Promise<{ stacks: StackSplit[]; reportMs: number }> {
    const files = load<typeof StackFiles>("program/stack-files.js");
    const runner = load<typeof Runner>("program/runner.js");
    const synth = load<typeof Synthesize>("program/synthesize.js");
    const packs = load<typeof PackProcess>("analyzer/pack-process.js");
    const session = load<typeof Session>("analyzer/session.js");
    const config = load<typeof Load>("config/load.js");
    const model = load<typeof ReportModel>("report/model.js");
    const write = load<typeof Write>("report/write.js");

    const project = files.loadProject(REPO);
    const stacks: StackSplit[] = [];
    const reports: ReportModel.StackReport[] = [];
    let info: Session.SessionResult["info"] | undefined;
    let pack: PackProcess.RunningPack | undefined;
    for (const stack of files.listStacks(project)) {
        const stackConfig = files.loadStackConfig(project, stack);
        const base = { stack, project: project.name, organization: "organization", dryRun: true, config: stackConfig.config };
        let started = process.hrtime.bigint();
        const program = await runner.runProgram(
            { projectDir: project.dir, main: project.main, project: project.name, stack, organization: base.organization, dryRun: true, config: stackConfig.config, secretKeys: stackConfig.secretKeys },
            { onOutput: () => undefined },
        );
        const programMs = since(started);
        started = process.hrtime.bigint();
        const resources = synth.synthesize(program.resources, program.registeredOutputs, {
            project: project.name,
            stack,
            config: stackConfig.config,
            secretKeys: stackConfig.secretKeys,
            projectDir: project.dir,
            sourceRoot: REPO,
            ignoredDirs: [DIST],
        });
        const synthesizeMs = since(started);
        started = process.hrtime.bigint();
        // As the command does (check/project-packs.ts): one process, with no stack's environment, for every stack.
        pack ??= await packs.startPack(PACK_DIR, { stack: "", project: "", organization: "", dryRun: false, config: {} });
        const packStartMs = since(started);
        const result = await session.analyzeStack(
            { ...base, configSecretKeys: stackConfig.secretKeys, tags: stackConfig.tags, resources },
            { packDir: PACK_DIR, pack: Promise.resolve(pack), keepPack: true, skipRemediate: true, userConfig: (packInfo) => config.userConfigFor(packInfo, undefined, undefined) },
        );
        info ??= result.info;
        stacks.push({ stack, resources: resources.length, programMs, synthesizeMs, packStartMs, analyzeMs: result.timings.analyzeMs, analyzeStackMs: result.timings.analyzeStackMs });
        reports.push({
            stack,
            project: project.name,
            mode: "project",
            preview: true,
            resources: resources.length,
            findings: model.sortFindings(model.findingsFromDiagnostics({ stack, project: project.name }, result.diagnostics, resources, result.secretValues), resources.map((r) => r.urn)),
            levels: Object.fromEntries(result.info.policies.map((p) => [p.name, result.config[p.name]?.enforcementLevel ?? p.enforcementLevel])),
            origin: stackConfig.file,
            warnings: stackConfig.warnings,
        });
    }
    pack?.stop();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "blastwall-bench-"));
    try {
        const started = process.hrtime.bigint();
        const report: ReportModel.Report = {
            tool: { name: "blastwall", version: "bench" },
            pack: info ? { name: info.name, version: info.version } : undefined,
            failOn: "mandatory",
            stacks: reports,
            policies: info ? model.reportPolicies(info, reports[0]?.levels ?? {}) : [],
        };
        await write.writeReport(report, { format: "sarif", output: path.join(dir, "report.sarif") });
        return { stacks, reportMs: since(started) };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** The three programs under mocks and nothing else: no synthesis, no pack, no report. */
async function programsOnly(): Promise<number> {
    const files = load<typeof StackFiles>("program/stack-files.js");
    const runner = load<typeof Runner>("program/runner.js");
    const project = files.loadProject(REPO);
    const started = process.hrtime.bigint();
    for (const stack of files.listStacks(project)) {
        const stackConfig = files.loadStackConfig(project, stack);
        await runner.runProgram(
            { projectDir: project.dir, main: project.main, project: project.name, stack, organization: "organization", dryRun: true, config: stackConfig.config, secretKeys: stackConfig.secretKeys },
            { onOutput: () => undefined },
        );
    }
    return since(started);
}

export async function measureCheck(log: (line: string) => void, reps = 3): Promise<CheckMeasurement> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "blastwall-bench-"));
    const runs: { ms: number; code: number | null }[] = [];
    const floor: number[] = [];
    try {
        for (let i = 0; i < reps; i++) {
            runs.push(await timeCommand(["check", "--project", ".", "--stack", "all", "--format", "sarif", "--output", path.join(dir, "check.sarif"), "--quiet"]));
            floor.push(await programsOnly());
            log(`blastwall check --stack all, run ${i + 1}/${reps}: ${(runs[i].ms / 1000).toFixed(1)} s (exit ${runs[i].code}); the three programs alone ${(floor[i] / 1000).toFixed(1)} s`);
        }
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
    const split = await splitRun();
    return { endToEndMs: spread(runs.map((r) => r.ms)), programsOnlyMs: spread(floor), paired: spread(runs.map((r, i) => r.ms / floor[i])), exitCodes: runs.map((r) => r.code), ...split };
}

// Many exports in one run: 1,000 `pulumi stack export` documents of about 100 resources each
// (the bench's generated stack, a different seed and stack name each: mostly prod, some staging
// and test, whose names decide their environments) checked by one `blastwall check --state DIR`
// with the built CLI, timed end to end, with the machine's load before and after. Then a sample
// of them checked export by export (one CLI run, one pack process each): each sample stack's
// section of the big report must equal its own run's. The full comparison would take 1,000 CLI
// runs (over half an hour here), hence the sample.
//
//   node -r ts-node/register/transpile-only bench/many-exports.ts [--exports 1000] [--resources 100]
//                                                                  [--sample 12] [--jobs N]
// Writes bench/out/many-exports.json. Target (issue 16): 1,000 exports under 3 minutes on 2 cores.

import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { exportText } from "./exports";
import { OUT_DIR, REPO } from "./packs";
import { BENCH_NOW, syntheticStack } from "./stacks";

const BIN = path.join(REPO, "cli", "bin", "blastwall.js");

export interface ManyExportsResult {
    readonly exports: number;
    readonly resourcesPerExport: number;
    readonly jobs: string;
    readonly cores: number;
    readonly wallMs: number;
    /** CPU seconds of the CLI and its pack processes together (Linux), to read the wall time against the load. */
    readonly cpuSeconds?: number;
    readonly exitCode: number | null;
    readonly stacksInReport: number;
    readonly findings: number;
    readonly load: { readonly before: readonly number[]; readonly after: readonly number[] };
    readonly sample: { readonly size: number; readonly equal: number; readonly differing: readonly string[] };
    readonly targetMs: number;
    readonly met: boolean;
}

interface Section {
    readonly stack: string;
    readonly project: string;
    readonly findings: readonly unknown[];
}

function stackName(i: number): string {
    const environment = i % 10 === 3 ? "staging" : i % 10 === 7 ? "test" : "prod";
    return `svc-${String(i).padStart(4, "0")}-${environment}`;
}

/** Writes the exports into a new directory; returns it. */
export function writeExports(count: number, resources: number): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "blastwall-many-exports-"));
    for (let i = 0; i < count; i++) fs.writeFileSync(path.join(dir, `${stackName(i)}.json`), exportText(syntheticStack(resources, 20231020 + i), stackName(i), "bench"));
    return dir;
}

/**
 * CPU seconds of this process's reaped children (Linux /proc/self/stat cutime + cstime): the CLI
 * and the pack processes it reaped, once it has exited. Undefined where /proc is not.
 */
function childrenCpuSeconds(): number | undefined {
    try {
        const fields = fs.readFileSync("/proc/self/stat", "utf8").replace(/^.*\) /s, "").split(" ");
        // After the command name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14.
        return (Number(fields[13]) + Number(fields[14])) / 100;
    } catch {
        return undefined;
    }
}

function runCheck(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
    if (!fs.existsSync(path.join(REPO, "cli", "dist", "cli", "main.js"))) throw new Error("the CLI is not built: run npm run build first");
    const started = Date.now();
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, "check", ...args], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
        const out: Buffer[] = [];
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        child.once("error", reject);
        child.once("close", (code) => resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr, ms: Date.now() - started }));
    });
}

function sectionsOf(stdout: string): Section[] {
    return (JSON.parse(stdout) as { stacks: Section[] }).stacks;
}

export async function measureManyExports(options: { exports?: number; resources?: number; sample?: number; jobs?: string; log?: (line: string) => void } = {}): Promise<ManyExportsResult> {
    const log = options.log ?? ((line: string) => process.stderr.write(`many-exports: ${line}\n`));
    const count = options.exports ?? 1000;
    const resources = options.resources ?? 100;
    const sampleSize = Math.min(options.sample ?? 12, count);
    log(`writing ${count} exports of ${resources} resources`);
    const dir = writeExports(count, resources);
    try {
        const common = ["--at", BENCH_NOW, "--format", "json", "--quiet", ...(options.jobs ? ["--jobs", options.jobs] : [])];
        const before = os.loadavg();
        log(`blastwall check --state ${dir} (${count} exports)`);
        const cpuBefore = childrenCpuSeconds();
        const run = await runCheck(["--state", dir, ...common]);
        const cpuAfter = childrenCpuSeconds();
        const cpuSeconds = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
        const after = os.loadavg();
        if (run.code !== 0 && run.code !== 1) throw new Error(`blastwall check failed (exit ${run.code}):\n${run.stderr}`);
        const report = sectionsOf(run.stdout);
        log(`${count} exports in ${(run.ms / 1000).toFixed(1)} s (exit ${run.code}${cpuSeconds !== undefined ? `, ${cpuSeconds.toFixed(1)} CPU s` : ""}); load ${before.map((l) => l.toFixed(2)).join(" ")} before, ${after.map((l) => l.toFixed(2)).join(" ")} after`);

        // An even spread of the exports, each checked on its own.
        const picks = Array.from({ length: sampleSize }, (_, k) => Math.floor((k * count) / sampleSize));
        const differing: string[] = [];
        for (const i of picks) {
            const alone = await runCheck(["--state", path.join(dir, `${stackName(i)}.json`), ...common]);
            const own = sectionsOf(alone.stdout);
            const inReport = report.filter((s) => s.stack === stackName(i));
            if (JSON.stringify(own) !== JSON.stringify(inReport)) differing.push(stackName(i));
        }
        log(`sample of ${sampleSize} exports checked one by one: ${sampleSize - differing.length} equal${differing.length ? `, differing: ${differing.join(", ")}` : ""}`);
        const targetMs = 180_000;
        return {
            exports: count,
            resourcesPerExport: resources,
            jobs: options.jobs ?? `default (${os.availableParallelism()})`,
            cores: os.cpus().length,
            wallMs: run.ms,
            ...(cpuSeconds !== undefined ? { cpuSeconds } : {}),
            exitCode: run.code,
            stacksInReport: report.length,
            findings: report.reduce((n, s) => n + s.findings.length, 0),
            load: { before, after },
            sample: { size: sampleSize, equal: sampleSize - differing.length, differing },
            targetMs,
            met: run.ms < targetMs && differing.length === 0 && report.length === count,
        };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

async function main(): Promise<void> {
    const { values } = parseArgs({ options: { exports: { type: "string" }, resources: { type: "string" }, sample: { type: "string" }, jobs: { type: "string" } } });
    const result = await measureManyExports({
        exports: values.exports ? Number(values.exports) : undefined,
        resources: values.resources ? Number(values.resources) : undefined,
        sample: values.sample ? Number(values.sample) : undefined,
        jobs: values.jobs,
    });
    fs.mkdirSync(OUT_DIR, { recursive: true });
    fs.writeFileSync(path.join(OUT_DIR, "many-exports.json"), JSON.stringify(result, null, 2));
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    if (!result.met) process.exitCode = 1;
}

if (require.main === module) {
    main().catch((error) => {
        process.stderr.write(`many-exports: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exit(1);
    });
}

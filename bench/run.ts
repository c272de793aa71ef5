// `npm run bench`: our pack, the no-op floor and @pulumi/awsguard over synthetic stacks of
// 1,000, 10,000 and 50,000 resources, in one run and through one driver; then blastwall check
// --stack all end to end and its split. Writes bench/out/results.json and bench/RESULTS.md.
//
//   npm run bench -- [--sizes 1000,10000] [--reps 1000:7,10000:5,50000:2] [--start-reps 10]
//                    [--packs ours,floor,peer] [--no-profile] [--no-heap] [--no-check] [--many-exports]
//                    [--program-resources 5000 (0: skip)] [--program-reps 3]
//   bench/render.ts rewrites RESULTS.md from bench/out/results.json (after editing findings.md).

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { measureCheck } from "./check-split";
import { measureHeap } from "./heap-child";
import { measureManyExports } from "./many-exports";
import { measure, measureStart } from "./measure";
import { BenchPack, benchPacks, ensurePeer, OUT_DIR, PackId, writeNoopManifest } from "./packs";
import { profileRuns } from "./profiling";
import { measureProgramCapture } from "./program-capture";
import { BenchResults, readFindings, renderResults } from "./results";
import { BENCH_NOW, syntheticStack, typeMix } from "./stacks";

const DEFAULT_REPS: Readonly<Record<number, number>> = { 1000: 7, 10000: 5, 50000: 2 };

function log(line: string): void {
    process.stderr.write(`bench: ${line}\n`);
}

function options() {
    const { values } = parseArgs({
        options: {
            sizes: { type: "string", default: "1000,10000,50000" },
            reps: { type: "string", default: "" },
            "start-reps": { type: "string", default: "10" },
            packs: { type: "string", default: "ours,floor,peer" },
            "no-profile": { type: "boolean", default: false },
            "no-check": { type: "boolean", default: false },
            "no-heap": { type: "boolean", default: false },
            "many-exports": { type: "boolean", default: false },
            "program-resources": { type: "string", default: "5000" },
            "program-reps": { type: "string", default: "3" },
            output: { type: "string", default: path.join(__dirname, "RESULTS.md") },
        },
    });
    const sizes = values.sizes.split(",").map(Number);
    const reps: Record<number, number> = { ...DEFAULT_REPS };
    for (const pair of values.reps.split(",").filter(Boolean)) {
        const [size, count] = pair.split(":").map(Number);
        reps[size] = count;
    }
    return {
        sizes,
        reps: Object.fromEntries(sizes.map((s) => [s, reps[s] ?? 3])),
        startReps: Number(values["start-reps"]),
        packs: values.packs.split(",") as PackId[],
        profile: !values["no-profile"],
        check: !values["no-check"],
        heap: !values["no-heap"],
        manyExports: values["many-exports"],
        programResources: Number(values["program-resources"]),
        programReps: Number(values["program-reps"]),
        output: values.output,
    };
}

/** Rotates the order each repetition so that drift in the machine's load falls on every pack alike. */
function rotated<T>(items: readonly T[], by: number): T[] {
    const k = by % items.length;
    return [...items.slice(k), ...items.slice(0, k)];
}

function machine() {
    const cpus = os.cpus();
    return {
        cpu: cpus[0]?.model ?? "unknown",
        cores: cpus.length,
        memoryGiB: os.totalmem() / 2 ** 30,
        node: process.version,
        os: `${os.type()} ${os.release()}`,
    };
}

async function main(): Promise<void> {
    const opts = options();
    const started = new Date();
    const loadBefore = os.loadavg();
    const policyCounts = writeNoopManifest();
    log(`floor pack mirrors ${policyCounts.resource} resource and ${policyCounts.stack} stack policies`);
    const peerProblem = opts.packs.includes("peer") ? ensurePeer(log) : "not requested";
    if (peerProblem && opts.packs.includes("peer")) log(`the peer cannot run: ${peerProblem}`);
    const all = benchPacks(BENCH_NOW);
    const packs: BenchPack[] = opts.packs.filter((id) => id !== "peer" || !peerProblem).map((id) => all[id]);

    const results: BenchResults = {
        machine: machine(),
        startedAt: started.toISOString(),
        finishedAt: "",
        load: { before: loadBefore, after: [] },
        policies: policyCounts,
        peer: peerProblem ? { available: false, reason: peerProblem } : { available: true },
        packs: packs.map((p) => ({ id: p.id, label: p.label })),
        sizes: opts.sizes,
        reps: opts.reps,
        mix: typeMix(syntheticStack(1000)),
        starts: [],
        runs: [],
        profiles: [],
    };

    const probe = syntheticStack(10);
    log(`start-up: ${opts.startReps} spawns of each pack`);
    for (let rep = 0; rep < opts.startReps; rep++) {
        for (const pack of rotated(packs, rep)) results.starts.push({ pack: pack.id, ms: await measureStart(pack, probe) });
    }

    for (const size of opts.sizes) {
        const input = syntheticStack(size);
        for (let rep = 0; rep < opts.reps[size]; rep++) {
            for (const pack of rotated(packs, rep)) {
                const m = await measure(pack, input);
                results.runs.push({ size, pack: pack.id, rep, ...m });
                log(`${size} resources, ${pack.label}, run ${rep + 1}/${opts.reps[size]}: Analyze ${(m.analyzeMs / 1000).toFixed(1)} s, AnalyzeStack ${(m.analyzeStackMs / 1000).toFixed(1)} s, peak ${((m.peakRssBytes ?? 0) / 2 ** 20).toFixed(0)} MiB`);
            }
        }
    }

    if (opts.profile) {
        const size = opts.sizes.includes(10000) ? 10000 : opts.sizes[0];
        log(`profiling each pack over ${size} resources`);
        results.profiles = await profileRuns(packs, syntheticStack(size), size, path.join(OUT_DIR, "profiles"));
    }
    if (opts.heap) {
        const size = Math.max(...opts.sizes);
        log(`memory of one AnalyzeStack over ${size} resources, piece by piece`);
        results.heap = measureHeap(size);
    }
    if (opts.check) {
        log("blastwall check --stack all, end to end and split");
        results.check = await measureCheck(log).catch((error: unknown) => {
            log(`the check row failed: ${error instanceof Error ? error.message : String(error)}`);
            return undefined;
        });
    }

    if (opts.programResources > 0) {
        log(`a ${opts.programResources}-resource program: our runner against plain setMocks`);
        // A failure here must not lose the packs' figures measured above.
        results.program = await measureProgramCapture(opts.programResources, opts.programReps, log).catch((error: unknown) => {
            log(`the program row failed: ${error instanceof Error ? error.message : String(error)}`);
            return undefined;
        });
    }

    // Opt-in (minutes): writes bench/out/many-exports.json; see bench/many-exports.ts.
    if (opts.manyExports) fs.writeFileSync(path.join(OUT_DIR, "many-exports.json"), JSON.stringify(await measureManyExports({ log }), null, 2));

    results.load.after = os.loadavg();
    results.finishedAt = new Date().toISOString();
    fs.mkdirSync(OUT_DIR, { recursive: true });
    fs.writeFileSync(path.join(OUT_DIR, "results.json"), JSON.stringify(results, null, 2));
    fs.writeFileSync(opts.output, renderResults(results, readFindings()));
    log(`wrote ${path.relative(process.cwd(), opts.output)} and bench/out/results.json`);
}

main().catch((error) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
});

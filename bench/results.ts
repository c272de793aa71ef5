// What one `npm run bench` measured (bench/out/results.json) and how RESULTS.md shows it: every
// figure a median with its range, every ratio taken within the same run.

import * as fs from "node:fs";
import * as path from "node:path";
import type { CheckMeasurement } from "./check-split";
import type { HeapBreakdown } from "./heap";
import type { Measurement } from "./measure";
import type { PackId } from "./packs";
import type { ProfileRecord } from "./profiling";
import type { ProgramMeasurement } from "./program-capture";
import { formatSpread, median, spread, Spread } from "./stats";
import { CELL_SIZE } from "./stacks";

export interface RunRecord extends Measurement {
    readonly size: number;
    readonly pack: PackId;
    readonly rep: number;
}

export interface BenchResults {
    machine: { cpu: string; cores: number; memoryGiB: number; node: string; os: string };
    startedAt: string;
    finishedAt: string;
    load: { before: number[]; after: number[] };
    policies: { resource: number; stack: number };
    peer: { available: boolean; reason?: string };
    packs: Array<{ id: PackId; label: string }>;
    sizes: number[];
    reps: Record<number, number>;
    mix: Array<[string, number]>;
    starts: Array<{ pack: PackId; ms: number }>;
    runs: RunRecord[];
    profiles: ProfileRecord[];
    check?: CheckMeasurement;
    heap?: HeapBreakdown;
    program?: ProgramMeasurement;
}

const MIB = 2 ** 20;
const total = (r: RunRecord) => r.analyzeMs + r.analyzeStackMs;

function runsOf(results: BenchResults, size: number, pack: PackId): RunRecord[] {
    return results.runs.filter((r) => r.size === size && r.pack === pack);
}

/** Ratio of medians, and the spread of the ratios paired by repetition (same minute, same load). */
function ratio(results: BenchResults, size: number, a: PackId, b: PackId, value: (r: RunRecord) => number | undefined): { ofMedians: number; paired: Spread } | undefined {
    const ra = runsOf(results, size, a);
    const rb = runsOf(results, size, b);
    if (ra.length === 0 || rb.length === 0) return undefined;
    const values = (rs: RunRecord[]) => rs.map(value).filter((v): v is number => v !== undefined);
    const pairs = ra.flatMap((x) => {
        const y = rb.find((r) => r.rep === x.rep);
        const vx = value(x);
        const vy = y ? value(y) : undefined;
        return vx !== undefined && vy !== undefined && vy > 0 ? [vx / vy] : [];
    });
    return { ofMedians: median(values(ra)) / median(values(rb)), paired: spread(pairs) };
}

function startRatio(results: BenchResults, a: PackId, b: PackId): number {
    const of = (id: PackId) => median(results.starts.filter((s) => s.pack === id).map((s) => s.ms));
    return of(a) / of(b);
}

const fixed = (v: number | undefined, digits = 2) => (v === undefined || !Number.isFinite(v) ? "n/a" : v.toFixed(digits));
const label = (results: BenchResults, id: PackId) => results.packs.find((p) => p.id === id)?.label ?? id;
const has = (results: BenchResults, id: PackId) => results.packs.some((p) => p.id === id);
const met = (ok: boolean | undefined) => (ok === undefined ? "not measured" : ok ? "met" : "**missed**");

function targets(results: BenchResults): string[] {
    const lines = ["| target | measured | |", "| --- | --- | --- |"];
    const start = has(results, "floor") ? startRatio(results, "ours", "floor") : undefined;
    lines.push(`| start within 1.3x of the floor | ${fixed(start)}x (medians of spawn to port) | ${met(start === undefined ? undefined : start <= 1.3)} |`);
    const tenK = results.sizes.includes(10000) && has(results, "floor") ? ratio(results, 10000, "ours", "floor", total) : undefined;
    const tenKCpu = results.sizes.includes(10000) && has(results, "floor") ? ratio(results, 10000, "ours", "floor", (r) => r.sessionCpuMs) : undefined;
    lines.push(
        `| 10,000 resources within 1.5x of the floor | ${fixed(tenK?.ofMedians)}x wall (Analyze + AnalyzeStack; paired runs ${tenK ? formatSpread(tenK.paired) : "n/a"}), ${fixed(tenKCpu?.ofMedians)}x pack CPU | ${met(tenK === undefined ? undefined : tenK.ofMedians <= 1.5)} |`,
    );
    const fifty = runsOf(results, 50000, "ours").map((r) => r.peakRssBytes ?? Number.NaN);
    const peak = fifty.length > 0 ? Math.max(...fifty) : undefined;
    const peakText = peak === undefined ? "n/a" : `${(peak / 2 ** 30).toFixed(2)} GiB peak (VmHWM, worst run)`;
    lines.push(`| 50,000 resources complete under 1.5 GB resident | ${peakText} | ${met(peak === undefined ? undefined : peak < 1.5 * 2 ** 30)} |`);
    lines.push(`| 50,000 resources under 1.0 GiB resident | ${peakText} | ${met(peak === undefined ? undefined : peak < 2 ** 30)} |`);
    // The one pass (policies/lib/sdk/one-pass.ts): AnalyzeStack and the whole session against the floor.
    for (const size of [10000, 50000].filter((s) => results.sizes.includes(s) && has(results, "floor"))) {
        const stack = ratio(results, size, "ours", "floor", (r) => r.analyzeStackMs);
        const both = ratio(results, size, "ours", "floor", total);
        const n = size.toLocaleString("en-US");
        lines.push(`| AnalyzeStack at most 0.3x the floor (${n}) | ${fixed(stack?.ofMedians)}x (paired ${stack ? formatSpread(stack.paired) : "n/a"}) | ${met(stack === undefined ? undefined : stack.ofMedians <= 0.3)} |`);
        lines.push(`| Analyze + AnalyzeStack at most 0.8x the floor (${n}) | ${fixed(both?.ofMedians)}x (paired ${both ? formatSpread(both.paired) : "n/a"}) | ${met(both === undefined ? undefined : both.ofMedians <= 0.8)} |`);
    }
    for (const size of results.sizes) {
        const peer = has(results, "peer") ? ratio(results, size, "ours", "peer", total) : undefined;
        const measured = peer ? `paired median ${fixed(peer.paired.median)}x the peer's time (${formatSpread(peer.paired)}; ratio of medians ${fixed(peer.ofMedians)})` : results.peer.available ? "n/a" : `peer not run: ${results.peer.reason}`;
        lines.push(`| at most 0.75x the peer per resource (${size.toLocaleString("en-US")}) | ${measured} | ${met(peer === undefined ? undefined : peer.paired.median <= 0.75)} |`);
    }
    return [...lines, ...endToEndTargets(results)];
}

/** The rows measured outside the packs' sessions: the offline gate end to end, and a large program under mocks. */
function endToEndTargets(results: BenchResults): string[] {
    const lines: string[] = [];
    const check = results.check;
    if (check?.programsOnlyMs && check.paired) {
        const ratio = check.endToEndMs.median / check.programsOnlyMs.median;
        lines.push(
            `| \`blastwall check --stack all\` within 1.2x of the three programs under mocks with no pack | ${fixed(ratio)}x (${(check.endToEndMs.median / 1000).toFixed(1)} s against ${(check.programsOnlyMs.median / 1000).toFixed(1)} s; paired ${formatSpread(check.paired)}) | ${met(ratio <= 1.2)} |`,
        );
    } else lines.push("| `blastwall check --stack all` within 1.2x of the three programs under mocks with no pack | n/a | not measured |");
    const program = results.program;
    if (program) {
        const ratio = program.runnerMs.median / program.floorMs.median;
        lines.push(
            `| a ${program.resources.toLocaleString("en-US")}-resource program under our runner within 2x of plain \`setMocks\` | ${fixed(ratio)}x (${(program.runnerMs.median / 1000).toFixed(1)} s against ${(program.floorMs.median / 1000).toFixed(1)} s; paired ${formatSpread(program.paired)}; ${program.registered} registered) | ${met(ratio <= 2)} |`,
        );
    } else lines.push("| a 5,000-resource program under our runner within 2x of plain `setMocks` | n/a | not measured |");
    return lines;
}

function startTable(results: BenchResults): string[] {
    const lines = ["| pack | spawn to port, ms | / floor |", "| --- | --- | --- |"];
    for (const { id } of results.packs) {
        const s = spread(results.starts.filter((x) => x.pack === id).map((x) => x.ms));
        lines.push(`| ${label(results, id)} | ${formatSpread(s, 1, 0)} | ${has(results, "floor") ? fixed(startRatio(results, id, "floor")) : "n/a"} |`);
    }
    return lines;
}

function sizeTable(results: BenchResults, size: number): string[] {
    const lines = [
        `### ${size.toLocaleString("en-US")} resources (${results.reps[size]} runs of each pack)`,
        "",
        "| pack | Analyze, s | AnalyzeStack, s | of which the driver writes the request, s | total, s | per resource, ms | pack CPU, s | peak RSS, MiB | findings (mandatory/advisory) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ];
    for (const { id } of results.packs) {
        const runs = runsOf(results, size, id);
        if (runs.length === 0) continue;
        const find = runs[0];
        lines.push(
            `| ${label(results, id)} | ${formatSpread(spread(runs.map((r) => r.analyzeMs)), 1000)} | ${formatSpread(spread(runs.map((r) => r.analyzeStackMs)), 1000)} | ${formatSpread(spread(runs.map((r) => r.analyzeStackEncodeMs ?? Number.NaN)), 1000)} | ${formatSpread(spread(runs.map(total)), 1000)} | ${fixed(median(runs.map(total)) / size, 3)} | ${formatSpread(spread(runs.map((r) => r.sessionCpuMs ?? Number.NaN)), 1000)} | ${formatSpread(spread(runs.map((r) => r.peakRssBytes ?? Number.NaN)), MIB, 0)} | ${find.mandatory}/${find.advisory} |`,
        );
    }
    lines.push("");
    const rows: string[] = [];
    for (const other of ["floor", "peer"] as const) {
        if (!has(results, other)) continue;
        const cells = [
            ratio(results, size, "ours", other, (r) => r.analyzeMs),
            ratio(results, size, "ours", other, (r) => r.analyzeStackMs),
            ratio(results, size, "ours", other, total),
            ratio(results, size, "ours", other, (r) => r.sessionCpuMs),
            ratio(results, size, "ours", other, (r) => r.peakRssBytes),
        ];
        rows.push(`| ours / ${other} | ${cells.map((c) => (c ? `${fixed(c.ofMedians)} (paired ${formatSpread(c.paired)})` : "n/a")).join(" | ")} |`);
    }
    if (rows.length > 0) lines.push("| ratio | Analyze | AnalyzeStack | total | pack CPU | peak RSS |", "| --- | --- | --- | --- | --- | --- |", ...rows);
    // What the pack and the transport take once the driver has its request written (the engine, in Go, writes it in a fraction of the time).
    const net = (r: RunRecord) => (r.analyzeStackEncodeMs === undefined ? undefined : r.analyzeStackMs - r.analyzeStackEncodeMs);
    const nets = (["floor", "peer"] as const).filter((o) => has(results, o)).flatMap((o) => {
        const c = ratio(results, size, "ours", o, net);
        return c && Number.isFinite(c.ofMedians) ? [`ours / ${o} ${fixed(c.ofMedians)} (paired ${formatSpread(c.paired)})`] : [];
    });
    if (nets.length > 0) lines.push("", `AnalyzeStack less the driver's writing of the request (the rest: transport, the pack's reading and judging, the answer): ${nets.join("; ")}.`);
    return lines;
}

function profileSection(results: BenchResults): string[] {
    if (results.profiles.length === 0) return ["Not profiled in this run (`--no-profile`)."];
    const lines = [
        `One extra session of each pack over ${results.profiles[0].size.toLocaleString("en-US")} resources under the V8 sampler (not counted above); self time by owner, as a share of the pack's busy time. Profiles: \`bench/out/profiles/\` (open in Chrome DevTools or speedscope).`,
        "",
        `| owner | ${results.profiles.map((p) => label(results, p.pack)).join(" | ")} |`,
        `| --- | ${results.profiles.map(() => "---").join(" | ")} |`,
    ];
    const owners = [...new Set(results.profiles.flatMap((p) => p.byOwner.map(([o]) => o)))].filter((o) => o !== "idle");
    for (const owner of owners) {
        const cells = results.profiles.map((p) => {
            const ms = p.byOwner.find(([o]) => o === owner)?.[1] ?? 0;
            return `${(ms / 1000).toFixed(2)} s (${((100 * ms) / p.busyMs).toFixed(0)}%)`;
        });
        lines.push(`| ${owner} | ${cells.join(" | ")} |`);
    }
    lines.push(`| **busy** | ${results.profiles.map((p) => `${(p.busyMs / 1000).toFixed(2)} s`).join(" | ")} |`);
    const ours = results.profiles.find((p) => p.pack === "ours");
    if (ours) {
        lines.push("", "Our pack's heaviest functions (self time):", "", "| ms | owner | function | where |", "| --- | --- | --- | --- |");
        for (const f of ours.top) lines.push(`| ${f.ms.toFixed(0)} | ${f.owner} | \`${f.name}\` | ${f.where} |`);
    }
    return lines;
}

function heapSection(results: BenchResults): string[] {
    const heap = results.heap;
    if (!heap) return ["Not measured in this run (`--no-heap`)."];
    const mib = (v: number) => `${v.toFixed(0)} MiB`;
    return [
        `Live memory of one AnalyzeStack over ${heap.size.toLocaleString("en-US")} resources, measured in-process after a full GC (bench/heap.ts), piece by piece:`,
        "",
        "| what | live | whose | lives |",
        "| --- | --- | --- | --- |",
        `| the request on the wire | ${mib(heap.wireBytes / MIB)} | gRPC | the whole call |`,
        `| the request as protobuf objects (what the SDK's handler receives) | ${mib(heap.requestMiB)} | protobuf / gRPC | the whole call |`,
        `| every resource's props and provider props, deserialized once and shared by the stack policies (lib/sdk/wire.ts) | ${mib(heap.sharedBagsMiB)} | ours | the whole call |`,
        `| the StackView built once per AnalyzeStack (lib/model.ts) | ${mib(heap.stackViewMiB)} | ours | the whole call |`,
        `| what the SDK builds for one stack policy (resource objects, proxies, options, providers) | ${mib(heap.perStackPolicyMiB)} | policy SDK | one policy; built again for each of the ${results.policies.stack} |`,
        "",
        "Peak resident memory is this live set plus garbage not yet collected: the SDK's per-policy objects (and, in the floor, a deserialization of every resource per stack policy) pile up between collections.",
    ];
}

function checkSection(results: BenchResults): string[] {
    const check = results.check;
    if (!check) return ["Not measured in this run (`--no-check`)."];
    const lines = [
        `\`blastwall check --project . --stack all --format sarif\` (the built CLI, this repository's three stacks): **${formatSpread(check.endToEndMs, 1000, 1)} s** end to end (exit codes ${check.exitCodes.join(", ")}).${check.programsOnlyMs ? ` The same three programs under mocks with no pack (the built runner, one after the other, right after each check run): ${formatSpread(check.programsOnlyMs, 1000, 1)} s.` : ""}`,
        "",
        "The same work one step at a time (the command runs two stacks at once and starts each pack while its program runs, so these add up to more):",
        "",
        "| stack | resources | program under mocks, s | synthesize, s | pack start, s | Analyze, s | AnalyzeStack, s |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ];
    const s = (ms: number) => (ms / 1000).toFixed(2);
    for (const st of check.stacks) lines.push(`| ${st.stack} | ${st.resources} | ${s(st.programMs)} | ${s(st.synthesizeMs)} | ${s(st.packStartMs)} | ${s(st.analyzeMs)} | ${s(st.analyzeStackMs)} |`);
    lines.push("", `Reporting (SARIF for all stacks): ${s(check.reportMs)} s.`);
    return lines;
}

/** The hand-written findings (bench/findings.md) that close RESULTS.md. */
export function readFindings(): string {
    return fs.readFileSync(path.join(__dirname, "findings.md"), "utf8");
}

export function renderResults(results: BenchResults, findings: string): string {
    const m = results.machine;
    const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(" / ");
    return [
        "# Benchmark results",
        "",
        `Written by \`npm run bench\` (bench/run.ts) from ${results.startedAt} to ${results.finishedAt}; do not edit by hand: the findings at the end come from bench/findings.md. How to run it and read it: [docs/benchmark.md](../docs/benchmark.md).`,
        "",
        "## Machine",
        "",
        `- ${m.cpu}, ${m.cores} cores, ${m.memoryGiB.toFixed(1)} GiB, ${m.os}, Node ${m.node}`,
        `- load average (1 / 5 / 15 min) ${load(results.load.before)} before, ${load(results.load.after)} after: the machine is shared with other work, so every figure is a median with its range (min–max) and every ratio is taken within this run; "paired" ratios divide runs made one after the other in the same repetition.`,
        "",
        "## What ran",
        "",
        `- **${label(results, "ours")}**: the built pack (policies/bin), ${results.policies.resource} resource and ${results.policies.stack} stack policies.`,
        `- **no-op floor** (bench/noop): a real \`@pulumi/policy\` pack with the same ${results.policies.resource + results.policies.stack} policies (names, kinds, levels, config schemas, declared resource types) written from the built pack at the start of the run, each doing nothing: what the SDK and gRPC cost.`,
        results.peer.available
            ? "- **peer**: `@pulumi/awsguard` 0.3.1 (bench/peer, installed with `npm ci --legacy-peer-deps`), every policy mandatory except the three that call AWS APIs (no cloud here)."
            : `- **peer**: \`@pulumi/awsguard\` could not run: ${results.peer.reason}`,
        "- Each pack is started the way the Node language host starts it and driven by blastwall check's own analyzer client (cli/analyzer), in the engine's order: GetAnalyzerInfo, ConfigureStack, Configure, then Remediate and Analyze for every resource (16 in flight) and AnalyzeStack once. Times are wall clock at the driver; *pack CPU* is the pack process's own user + system time for the session (from /proc), which the shared machine disturbs less; *peak RSS* is its VmHWM.",
        `- Stacks: deterministic (bench/stacks.ts), a root, three providers and repeated ${CELL_SIZE}-resource segments; \`now\` fixed at 2026-01-01. Mix per 1,000: ${results.mix.map(([t, n]) => `${t} ${n}`).join(", ")}.`,
        "",
        "## Targets",
        "",
        ...targets(results),
        "",
        "## Start-up (spawn to port)",
        "",
        ...startTable(results),
        "",
        "## Analyze and AnalyzeStack",
        "",
        ...results.sizes.flatMap((size) => [...sizeTable(results, size), ""]),
        "## Profile",
        "",
        ...profileSection(results),
        "",
        "## Memory",
        "",
        ...heapSection(results),
        "",
        "## blastwall check --stack all",
        "",
        ...checkSection(results),
        "",
        findings.trim(),
        "",
    ].join("\n");
}

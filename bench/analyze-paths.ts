// Analyze on the two paths of our pack, in one run: the one pass (policies/lib/sdk/one-pass-analyze.ts)
// against the SDK's own handler (BLASTWALL_ONE_PASS=off), on the bench stack, each resource sent as
// Remediate then Analyze with the bytes the driver writes, 16 requests in flight as the driver does.
// Alternates the packs and reports each path's wall time and the pack's CPU time.
//   node -r ts-node/register/transpile-only bench/analyze-paths.ts [--size 10000] [--reps 3]
import { AnalyzeRequestWriter, preserialized } from "../cli/analyzer/analyze-bytes";
import { SecretCollector } from "../cli/analyzer/encode";
import { protoModules } from "../cli/analyzer/grpc";
import { configureRequest } from "../cli/analyzer/messages";
import { start, stop, unary, Driven } from "../test/hardening/two-packs";
import { syntheticStack } from "./stacks";

function option(name: string, fallback: number): number {
    const at = process.argv.indexOf(name);
    return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

function cpuSeconds(pid: number): number {
    // utime + stime of /proc/<pid>/stat, in clock ticks (100 per second here).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const stat = (require("node:fs") as typeof import("node:fs")).readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function main(): Promise<void> {
    const size = option("--size", 10_000);
    const reps = option("--reps", 3);
    const m = protoModules();
    const stack = syntheticStack(size);
    const byUrn = new Map(stack.resources.map((r) => [r.urn, r] as const));
    const writer = new AnalyzeRequestWriter(m, new SecretCollector());
    const requests = stack.resources.map((r) => preserialized(m.pb.AnalyzeRequest, writer.bytes(r, r.inputs, r.provider ? byUrn.get(r.provider) : undefined)));
    const packs: Record<string, Driven> = { "one pass": await start(m, "on"), "SDK path": await start(m, "off") };
    try {
        for (const driven of Object.values(packs)) await unary(driven, "configure", configureRequest(m, {}));
        const results: Record<string, Array<[number, number]>> = { "one pass": [], "SDK path": [] };
        for (let rep = 0; rep < reps; rep++) {
            for (const [label, driven] of Object.entries(packs)) {
                const cpu = cpuSeconds(driven.pack.process.pid as number);
                const t0 = process.hrtime.bigint();
                let next = 0;
                const worker = async () => {
                    while (next < requests.length) {
                        const request = requests[next++];
                        await unary(driven, "remediate", request);
                        await unary(driven, "analyze", request);
                    }
                };
                await Promise.all(Array.from({ length: 16 }, worker));
                const wall = Number(process.hrtime.bigint() - t0) / 1e9;
                results[label].push([wall, cpuSeconds(driven.pack.process.pid as number) - cpu]);
                console.log(`${label}, run ${rep + 1}: ${wall.toFixed(2)} s wall, ${results[label].at(-1)?.[1].toFixed(2)} s pack CPU`);
            }
        }
        const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
        const [on, off] = [results["one pass"], results["SDK path"]];
        console.log(`${size} resources (Remediate + Analyze): one pass / SDK path = ${(median(on.map((x) => x[0])) / median(off.map((x) => x[0]))).toFixed(2)}x wall, ${(median(on.map((x) => x[1])) / median(off.map((x) => x[1]))).toFixed(2)}x pack CPU`);
    } finally {
        stop(...Object.values(packs));
    }
}

main().catch((error) => {
    console.error(error);
    process.exit(3);
});

// Reads a V8 CPU profile (.cpuprofile, as node --cpu-prof writes) and says where a pack's time
// went: self time by owner (our pack, the policy SDK, protobuf, gRPC, node, GC) and the heaviest
// functions. `node -r ts-node/register/transpile-only bench/profile.ts FILE...` prints it.

import * as fs from "node:fs";
import * as path from "node:path";

interface ProfileNode {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface CpuProfile {
    readonly nodes: readonly ProfileNode[];
    readonly samples: readonly number[];
    readonly timeDeltas: readonly number[];
}

export type Owner = "ours" | "policy SDK" | "pulumi SDK" | "protobuf" | "gRPC" | "other packages" | "node" | "GC" | "idle" | "program";

export function ownerOf(url: string, functionName: string): Owner {
    if (functionName === "(garbage collector)") return "GC";
    if (functionName === "(idle)") return "idle";
    if (functionName === "(program)" || functionName === "(root)") return "program";
    if (url.includes("/node_modules/@pulumi/policy/")) return "policy SDK";
    if (url.includes("/node_modules/@pulumi/pulumi/")) return "pulumi SDK";
    if (url.includes("/node_modules/google-protobuf/")) return "protobuf";
    if (url.includes("/node_modules/@grpc/")) return "gRPC";
    if (url.includes("/node_modules/")) return "other packages";
    if (url.includes("/policies/bin/")) return "ours";
    return "node";
}

export interface ProfileSummary {
    readonly totalMs: number;
    readonly byOwner: ReadonlyArray<readonly [Owner, number]>;
    readonly top: ReadonlyArray<{ readonly name: string; readonly where: string; readonly owner: Owner; readonly ms: number }>;
}

export function summarize(profile: CpuProfile, topCount = 25): ProfileSummary {
    const byId = new Map(profile.nodes.map((n) => [n.id, n] as const));
    const self = new Map<number, number>();
    let totalUs = 0;
    profile.samples.forEach((id, i) => {
        const delta = profile.timeDeltas[i] ?? 0;
        self.set(id, (self.get(id) ?? 0) + delta);
        totalUs += delta;
    });
    const owners = new Map<Owner, number>();
    const functions = new Map<string, { name: string; where: string; owner: Owner; us: number }>();
    for (const [id, us] of self) {
        const frame = byId.get(id)?.callFrame;
        if (!frame) continue;
        const owner = ownerOf(frame.url, frame.functionName);
        owners.set(owner, (owners.get(owner) ?? 0) + us);
        const where = frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : "";
        const key = `${frame.functionName}@${where}`;
        const entry = functions.get(key) ?? { name: frame.functionName || "(anonymous)", where, owner, us: 0 };
        entry.us += us;
        functions.set(key, entry);
    }
    return {
        totalMs: totalUs / 1000,
        byOwner: [...owners.entries()].sort((a, b) => b[1] - a[1]).map(([o, us]) => [o, us / 1000] as const),
        top: [...functions.values()]
            .sort((a, b) => b.us - a.us)
            .slice(0, topCount)
            .map((f) => ({ name: f.name, where: f.where, owner: f.owner, ms: f.us / 1000 })),
    };
}

function shortUrl(url: string): string {
    const modules = url.lastIndexOf("/node_modules/");
    if (modules >= 0) return url.slice(modules + "/node_modules/".length);
    const bin = url.indexOf("/policies/bin/");
    if (bin >= 0) return url.slice(bin + 1);
    return url.replace(/^file:\/\//, "");
}

export function renderSummary(file: string, summary: ProfileSummary): string {
    const busy = summary.byOwner.filter(([o]) => o !== "idle").reduce((sum, [, ms]) => sum + ms, 0);
    const lines = [`${path.basename(file)}: ${(summary.totalMs / 1000).toFixed(1)} s sampled, ${(busy / 1000).toFixed(1)} s busy`];
    for (const [owner, ms] of summary.byOwner) lines.push(`  ${owner.padEnd(15)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${owner === "idle" ? "" : `${((100 * ms) / busy).toFixed(1)}%`}`);
    lines.push("  heaviest functions (self time):");
    for (const f of summary.top) lines.push(`  ${f.ms.toFixed(0).padStart(7)} ms  ${f.owner.padEnd(14)} ${f.name} ${f.where}`);
    return lines.join("\n");
}

if (require.main === module) {
    for (const file of process.argv.slice(2)) {
        const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
        console.log(renderSummary(file, summarize(profile)));
    }
}

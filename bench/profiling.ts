// One profiled session of each pack (not counted in the timings: the sampler slows the pack).
// NODE_OPTIONS refuses --cpu-prof, so the pack is preloaded with cpu-profile.js, which runs the
// same V8 sampler through the inspector and writes the profile when the bench stops it with SIGINT.

import * as fs from "node:fs";
import * as path from "node:path";
import { StackInput } from "../cli/analyzer/model";
import { measure } from "./measure";
import { BenchPack, PackId } from "./packs";
import { Owner, summarize } from "./profile";

export interface ProfileRecord {
    readonly pack: PackId;
    readonly size: number;
    readonly file: string;
    readonly busyMs: number;
    readonly byOwner: ReadonlyArray<readonly [Owner, number]>;
    readonly top: ReadonlyArray<{ readonly name: string; readonly where: string; readonly owner: Owner; readonly ms: number }>;
}

export async function profileRuns(packs: readonly BenchPack[], input: StackInput, size: number, dir: string): Promise<ProfileRecord[]> {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const saved = { options: process.env.NODE_OPTIONS, dir: process.env.BLASTWALL_BENCH_PROFILE_DIR, label: process.env.BLASTWALL_BENCH_PROFILE_LABEL };
    const records: ProfileRecord[] = [];
    try {
        process.env.NODE_OPTIONS = `${saved.options ?? ""} --require ${path.join(__dirname, "cpu-profile.js")}`.trim();
        process.env.BLASTWALL_BENCH_PROFILE_DIR = dir;
        for (const pack of packs) {
            process.env.BLASTWALL_BENCH_PROFILE_LABEL = pack.id;
            await measure(pack, input, { graceful: true });
            const file = fs.readdirSync(dir).find((f) => f.startsWith(`${pack.id}-`) && f.endsWith(".cpuprofile"));
            if (!file) continue;
            const summary = summarize(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")), 400);
            records.push({
                pack: pack.id,
                size,
                file: path.join("bench", "out", "profiles", file),
                busyMs: summary.byOwner.filter(([owner]) => owner !== "idle").reduce((sum, [, ms]) => sum + ms, 0),
                byOwner: summary.byOwner,
                // The heaviest functions overall, and ours however light, so RESULTS.md can say what is ours.
                top: [...summary.top.slice(0, 12), ...summary.top.filter((f) => f.owner === "ours").slice(0, 12)].filter((f, i, all) => all.indexOf(f) === i),
            });
        }
    } finally {
        restore("NODE_OPTIONS", saved.options);
        restore("BLASTWALL_BENCH_PROFILE_DIR", saved.dir);
        restore("BLASTWALL_BENCH_PROFILE_LABEL", saved.label);
    }
    return records;
}

function restore(key: string, value: string | undefined): void {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
}

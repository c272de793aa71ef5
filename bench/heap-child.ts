// Runs bench/heap.ts in its own process: it needs node --expose-gc, and a clean heap to measure.

import { spawnSync } from "node:child_process";
import * as path from "node:path";
import type { HeapBreakdown } from "./heap";

export function measureHeap(size: number): HeapBreakdown | undefined {
    const result = spawnSync(process.execPath, ["--expose-gc", "--max-old-space-size=8192", "-r", require.resolve("ts-node/register/transpile-only"), path.join(__dirname, "heap.ts"), String(size)], {
        encoding: "utf8",
        timeout: 15 * 60_000,
        maxBuffer: 1024 * 1024,
    });
    if (result.status !== 0) return undefined;
    return JSON.parse(result.stdout) as HeapBreakdown;
}

// Rewrites bench/RESULTS.md from the last run's bench/out/results.json and bench/findings.md,
// so that the findings can be written after a run without running it again.
//   node -r ts-node/register/transpile-only bench/render.ts [--heap]   (--heap: measure memory now and add it)

import * as fs from "node:fs";
import * as path from "node:path";
import { measureHeap } from "./heap-child";
import { OUT_DIR } from "./packs";
import { BenchResults, readFindings, renderResults } from "./results";

const file = path.join(OUT_DIR, "results.json");
const results = JSON.parse(fs.readFileSync(file, "utf8")) as BenchResults;
if (process.argv.includes("--heap")) {
    results.heap = measureHeap(Math.max(...results.sizes));
    fs.writeFileSync(file, JSON.stringify(results, null, 2));
}
fs.writeFileSync(path.join(__dirname, "RESULTS.md"), renderResults(results, readFindings()));

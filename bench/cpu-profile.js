// Preloaded into a pack by `npm run bench -- --profile` (NODE_OPTIONS=--require, which refuses
// --cpu-prof itself): profiles the whole process with the inspector, the same sampler node
// --cpu-prof uses, and on SIGINT writes BLASTWALL_BENCH_PROFILE_DIR/<label>-<pid>.cpuprofile and
// exits. A killed process writes nothing, so the bench stops profiled packs with SIGINT.
"use strict";
/* global require, process */
/* eslint-disable @typescript-eslint/no-require-imports -- a preload script */
const fs = require("fs");
const path = require("path");
const inspector = require("inspector");

const dir = process.env.BLASTWALL_BENCH_PROFILE_DIR;
const label = process.env.BLASTWALL_BENCH_PROFILE_LABEL || "pack";
if (dir) {
    const session = new inspector.Session();
    session.connect();
    session.post("Profiler.enable", () => session.post("Profiler.start"));
    process.once("SIGINT", () => {
        session.post("Profiler.stop", (error, result) => {
            if (!error) {
                fs.mkdirSync(dir, { recursive: true });
                fs.writeFileSync(path.join(dir, `${label}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
            }
            process.exit(0);
        });
    });
}

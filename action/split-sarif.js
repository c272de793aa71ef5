#!/usr/bin/env node
// Splits blastwall's SARIF into one file per stack, each with a stable automationDetails.id
// ("blastwall/<stack>/"), for upload-sarif: one run per category, and a category per stack.
// A failed run (no stacks, executionSuccessful false) is kept whole as "blastwall/run/".
/* global require, process */
/* eslint-disable @typescript-eslint/no-require-imports */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const [input, dir] = process.argv.slice(2);
const log = JSON.parse(fs.readFileSync(input, "utf8"));
const run = log.runs[0];
const stackOf = (result) => (result.properties && result.properties.stack) || "";
const stacks = new Set((run.results || []).map(stackOf));
for (const s of (run.properties && run.properties.stacks) || []) stacks.add(s);
const fileName = (stack) => `${stack.replace(/[^A-Za-z0-9._-]/g, "_")}.sarif`;
if (stacks.size === 0 || (run.invocations || []).some((i) => i.executionSuccessful === false)) {
    const whole = { ...log, runs: [{ ...run, automationDetails: { id: "blastwall/run/" } }] };
    fs.writeFileSync(path.join(dir, "run.sarif"), JSON.stringify(whole, null, 2));
} else {
    for (const stack of stacks) {
        const results = (run.results || []).filter((r) => stackOf(r) === stack);
        const one = { ...log, runs: [{ ...run, automationDetails: { id: `blastwall/${stack}/` }, results }] };
        fs.writeFileSync(path.join(dir, fileName(stack)), JSON.stringify(one, null, 2));
    }
}

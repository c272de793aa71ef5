#!/usr/bin/env node
// The `blastwall` command as npm installs it. Loading the CLI can fail before any of its own error
// handling exists (a dependency missing from an install, an incompatible Node): Node would then
// exit 1, which CI reads as "policy violations". Here every such failure exits 3 with a message.
/* global process, require */
"use strict";

const EXIT_INTERNAL = 3;

function fail(what, error) {
    const detail = error instanceof Error ? error.message : String(error);
    process.stderr.write(`blastwall: internal error: ${what}: ${detail}\n`);
    process.exit(EXIT_INTERNAL);
}

process.on("uncaughtException", (error) => fail("uncaught exception", error));
process.on("unhandledRejection", (error) => fail("unhandled rejection", error));

let cli;
try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    cli = require("../dist/cli/main.js");
} catch (error) {
    fail("the blastwall command could not load (reinstall blastwall with its dependencies; it needs @pulumi/pulumi 3.221 or later in the project)", error);
}
cli.runAndExit(process.argv.slice(2));

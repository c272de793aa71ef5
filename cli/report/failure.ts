// The report of a run that failed (exit 2 or 3), in the format the user asked for, so that a CI
// step that uploads SARIF or posts Markdown has a file saying what failed instead of nothing, and
// no consumer can read an empty file as a clean run.

import type { Log } from "sarif";
import { JSON_REPORT_VERSION } from "./json";
import { SARIF_SCHEMA } from "./sarif";
import type { Format } from "./write";

export interface Failure {
    readonly message: string;
    readonly exitCode: number;
    readonly toolVersion: string;
}

function escapeXml(text: string): string {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function escapeMarkdown(text: string): string {
    return text.replace(/[\\`*_<>|[\]]/g, (c) => `\\${c}`);
}

export function renderFailure(format: Format, failure: Failure): string {
    const what = failure.exitCode === 2 ? "bad usage or unreadable input" : "internal error";
    switch (format) {
        case "text":
            return `blastwall: the check did not run (${what}, exit ${failure.exitCode}): ${failure.message}\nResult: ERROR\n`;
        case "json":
            return (
                JSON.stringify(
                    {
                        version: JSON_REPORT_VERSION,
                        tool: { name: "blastwall", version: failure.toolVersion },
                        error: { message: failure.message, exitCode: failure.exitCode, kind: failure.exitCode === 2 ? "input" : "internal" },
                        stacks: [],
                        summary: { mandatory: 0, advisory: 0, failing: true },
                    },
                    null,
                    2,
                ) + "\n"
            );
        case "sarif": {
            const log: Log = {
                $schema: SARIF_SCHEMA,
                version: "2.1.0",
                runs: [
                    {
                        tool: { driver: { name: "blastwall", version: failure.toolVersion, semanticVersion: failure.toolVersion, rules: [] } },
                        invocations: [
                            {
                                executionSuccessful: false,
                                exitCode: failure.exitCode,
                                toolExecutionNotifications: [{ level: "error", message: { text: `The check did not run (${what}): ${failure.message}` } }],
                            },
                        ],
                        results: [],
                    },
                ],
            };
            return JSON.stringify(log, null, 2) + "\n";
        }
        case "junit":
            return (
                `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="blastwall" tests="1" failures="0" errors="1">\n` +
                `  <testsuite name="blastwall" tests="1" failures="0" errors="1">\n` +
                `    <testcase classname="blastwall" name="check"><error type="${failure.exitCode === 2 ? "input" : "internal"}" message="${escapeXml(failure.message.split("\n")[0])}">${escapeXml(failure.message)}</error></testcase>\n` +
                `  </testsuite>\n</testsuites>\n`
            );
        case "markdown":
            return `## blastwall: the check did not run\n\n**Error** (${what}, exit ${failure.exitCode}): ${escapeMarkdown(failure.message)}\n`;
    }
}

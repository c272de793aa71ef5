// `blastwall check`: pick the mode from the flags, evaluate, write the report, decide the exit code.

import * as fs from "node:fs";
import * as path from "node:path";
import { checkSharedValues, parseCommandLine, SHARED_OPTIONS } from "../command-line";
import { describe, EXIT_OK, EXIT_USAGE, EXIT_VIOLATIONS, isCommandError, UsageError } from "../errors";
import { DEMO_PLAN_NOTE, findSettingsFile } from "../config/discover";
import { readConfigFile } from "../config/load";
import { defaultPackDir, relativeInside, repositoryRoot } from "../paths";
import { FailOn, Report, reportPolicies, summarize } from "../report/model";
import { renderFailure } from "../report/failure";
import { allPolicies } from "../../policies/policies";
import { selectPolicies } from "./selection";
import type { FallbackLocation } from "../report/sarif";
import { parseReportTargets, ReportTarget, writeReport } from "../report/write";
import { toolVersion } from "../version";
import { evaluationTimeOf } from "./evaluation-time";
import { applyPackTimeout } from "./limits";
import { checkEventLog } from "./eventlog-mode";
import { progressReporter } from "./progress";
import { CheckResult, checkProject } from "./project-mode";
import { parseStackTags } from "./stack-tags";
import { checkState } from "./state-mode";
import { checkStates } from "./multi-state";
import { parseJobs } from "./jobs";
import { parseShard } from "./shard";
import { resolveStateSources } from "../state/sources";

export const CHECK_USAGE = `Usage: blastwall check [options]

Evaluates Pulumi stacks with the blastwall policy pack, offline, as \`pulumi preview\` would.

Modes (one of):
  --project DIR        a Pulumi TypeScript project run under mocks (default: the current directory)
    --stack NAME|all   which stack's config to use (default: all, every Pulumi.<stack>.yaml)
  --state FILE|DIR|GLOB|-  \`pulumi stack export\` documents (deployment version 3): a file, a
                       directory (its *.json files), a quoted glob ('exports/**/*.json'), repeatable,
                       into one report with a section per stack; - reads one export from stdin
  --event-log FILE     the policy events of a real \`pulumi preview --event-log FILE\`

Options:
  --config FILE        settings document or per-policy config (the --policy-pack-config file)
  --at DATE            evaluation time for every policy (RFC 3339 date or date-time), to forecast
  --stack-tag KEY=VALUE  a tag the stack has in its backend (pulumi stack tag ls), repeatable
  --engine-exact       with --state: evaluate as \`pulumi policy analyze\` would (no checkpoint times,
                       no ConfigureStack, read resources analyzed)
  --format FORMAT[=FILE]  text (default), json, sarif, junit, markdown; repeat it for several
                       reports from one evaluation, each other than one with its own file:
                       --format text --format sarif=blastwall.sarif --format markdown=summary.md
  --output FILE        write the report that has no file of its own there instead of stdout
  --fail-on LEVEL      mandatory (default), advisory or none: exit 1 on violations at or above it
  --only POLICY,...    run only these policies (repeatable); the others are reported disabled
  --skip POLICY,...    do not run these policies (repeatable)
  --policy-pack DIR    another policy pack to run (default: the pack shipped with blastwall)
  --require-complete   fail a stack that offline could not see whole (multi-language components,
                       such as awsx and eks 2+, whose children only their provider creates)
  --jobs N             how many stacks are evaluated at once (default: exports, the number of CPU
                       cores; a project's stacks, 2)
  --shard I/N          check only the I-th of N shares of the run's stacks (--stack all, several
                       --state exports), for a CI matrix of N jobs that together check each stack once
  --pack-timeout SECS  how long one call to the pack may take (default 300; env BLASTWALL_PACK_TIMEOUT)
  --quiet              no progress or notes on stderr
  -h, --help           this help
  -v, --version        blastwall's version

Settings: --config, else blastwall.yaml in the project, else blastwall.yaml in the current
directory, else the pack's sample plan (a note on stderr says so; \`blastwall init\` writes one).
When the run fails (exit 2 or 3), every report that has a file still gets one saying what failed.

Exit codes: 0 no violation at or above --fail-on, 1 violations, 2 bad usage, unreadable input (an
export that is missing, unreadable or invalid, a --state that matches nothing, two exports of the
same stack, a bad --shard or --jobs) or a stack not fully judged (an event log of a failed or
incomplete preview), 3 internal error;
129, 130, 143 when stopped by SIGHUP, SIGINT, SIGTERM. No failure ever exits 1.
`;

const FAIL_ON: readonly FailOn[] = ["mandatory", "advisory", "none"];

export async function runCheck(argv: readonly string[]): Promise<number> {
    const parsed = parseCommandLine("check", argv, {
        ...SHARED_OPTIONS,
        state: { type: "string", multiple: true },
        jobs: { type: "string" },
        shard: { type: "string" },
        "event-log": { type: "string" },
        format: { type: "string", multiple: true },
        "fail-on": { type: "string" },
        "pack-timeout": { type: "string" },
        "stack-tag": { type: "string", multiple: true },
        "engine-exact": { type: "boolean" },
        "require-complete": { type: "boolean" },
        only: { type: "string", multiple: true },
        skip: { type: "string", multiple: true },
    });
    const values = parsed.values;
    if (values.help) {
        process.stdout.write(CHECK_USAGE);
        return EXIT_OK;
    }
    const targets = parseReportTargets(values.format ?? [], values.output);
    try {
        return await evaluate(values, targets);
    } catch (error) {
        writeFailureReports(targets, error);
        throw error;
    }
}

interface CheckValues {
    readonly project?: string;
    readonly stack?: string;
    readonly state?: readonly string[];
    readonly jobs?: string;
    readonly shard?: string;
    readonly "event-log"?: string;
    readonly config?: string;
    readonly at?: string;
    readonly "fail-on"?: string;
    readonly "policy-pack"?: string;
    readonly quiet?: boolean;
    readonly only?: readonly string[];
    readonly skip?: readonly string[];
    readonly "stack-tag"?: readonly string[];
    readonly "engine-exact"?: boolean;
    readonly "require-complete"?: boolean;
    readonly "pack-timeout"?: string;
}

/** A report in each requested format that says the run failed (exit 2 or 3), where files were asked for. */
function writeFailureReports(targets: readonly ReportTarget[], error: unknown): void {
    const failure = { message: describe(error), exitCode: isCommandError(error) ? EXIT_USAGE : 3, toolVersion: toolVersion() };
    for (const target of targets) {
        if (target.output === undefined) continue;
        try {
            fs.mkdirSync(path.dirname(path.resolve(target.output)), { recursive: true });
            fs.writeFileSync(target.output, renderFailure(target.format, failure));
        } catch {
            // The error being reported matters more than this report; stderr carries it.
        }
    }
}

async function evaluate(values: CheckValues, targets: readonly ReportTarget[]): Promise<number> {
    const failOn = (values["fail-on"] ?? "mandatory") as FailOn;
    if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on ${values["fail-on"]} is not a level; use mandatory, advisory or none.`);
    checkSharedValues(values);
    const at = values.at;
    const modes = [values.state !== undefined && "--state", values["event-log"] !== undefined && "--event-log"].filter(Boolean);
    const projectFlags = [values.project !== undefined && "--project", values.stack !== undefined && "--stack"].filter(Boolean);
    if (modes.length > 1 || (modes.length === 1 && projectFlags.length > 0)) {
        throw new UsageError(`${[...modes, ...projectFlags].join(" and ")} cannot be combined: check one project, one set of exports or one event log at a time.`);
    }
    if (values["event-log"] !== undefined && (values.config !== undefined || at !== undefined)) {
        throw new UsageError("--config and --at do not apply to --event-log: the preview that wrote the log already ran the pack with its config.");
    }

    const stackTags = parseStackTags(values["stack-tag"]);
    if (values["event-log"] !== undefined && values["stack-tag"] !== undefined) throw new UsageError("--stack-tag does not apply to --event-log: the preview that wrote the log already had the stack's tags.");
    if (values["engine-exact"] && values.state === undefined) throw new UsageError("--engine-exact applies to --state only: it evaluates an export as pulumi policy analyze does.");
    if (values["engine-exact"] && values["stack-tag"] !== undefined) throw new UsageError("--stack-tag cannot be combined with --engine-exact: pulumi policy analyze sends a pack no stack tags.");
    applyPackTimeout(values["pack-timeout"]);
    if (values["event-log"] !== undefined && (values.shard ?? values.jobs) !== undefined) throw new UsageError("--shard and --jobs do not apply to --event-log: a log is one preview's, already evaluated.");
    const shard = parseShard(values.shard);
    const jobs = parseJobs(values.jobs);
    const stateSources = values.state !== undefined ? resolveStateSources(values.state) : undefined;
    if (stateSources?.[0] === "-" && shard !== undefined) throw new UsageError("--shard does not apply to --state - : stdin holds one export; give the exports as files to split them over shards.");
    const progress = progressReporter({ quiet: values.quiet === true });
    const packDir = path.resolve(values["policy-pack"] ?? defaultPackDir());
    const configFile = values.config ?? (values["event-log"] === undefined ? findSettingsFile([values.project ?? ".", "."]) : undefined);
    const known = values["policy-pack"] === undefined ? allPolicies.map((p) => p.name) : undefined;
    if ((values.only ?? values.skip) !== undefined && known === undefined) throw new UsageError("--only and --skip select policies of blastwall's own pack; with --policy-pack, set levels in --config instead.");
    const config = selectPolicies(configFile !== undefined ? readConfigFile(configFile) : undefined, values.only, values.skip, known ?? []);
    if (values.config === undefined && configFile !== undefined && values.quiet !== true) process.stderr.write(`blastwall: using settings ${path.relative(process.cwd(), configFile)}\n`);
    if (configFile === undefined && values["event-log"] === undefined && values.quiet !== true) process.stderr.write(DEMO_PLAN_NOTE);

    let result: CheckResult;
    let fallbackLocation: FallbackLocation = () => undefined;
    if (values["event-log"] !== undefined) {
        result = checkEventLog(values["event-log"]);
        const file = values["event-log"];
        fallbackLocation = () => fromRepositoryRoot(file);
    } else if (stateSources !== undefined && (stateSources.length > 1 || shard !== undefined)) {
        result = await checkStates({ files: stateSources, jobs, shard, packDir, config, at, progress, stackTags, engineExact: values["engine-exact"] === true });
        // Each stack's own export (two projects may each have a stack of the same name).
        fallbackLocation = (stack) => (stack.origin !== undefined ? fromRepositoryRoot(stack.origin) : undefined);
    } else if (stateSources !== undefined) {
        const file = stateSources[0];
        result = await checkState({ file, packDir, config, at, progress, stackTags, engineExact: values["engine-exact"] === true });
        // stdin has no file: the project the export came from (Pulumi.yaml here) stands for it.
        const standIn = file === "-" ? (fs.existsSync("Pulumi.yaml") ? "Pulumi.yaml" : undefined) : file;
        if (standIn !== undefined) fallbackLocation = () => fromRepositoryRoot(standIn);
    } else {
        result = await checkProject({ projectDir: values.project ?? ".", stack: values.stack ?? "all", packDir, config, at, progress, stackTags, requireComplete: values["require-complete"] === true, shard, ...(values.jobs !== undefined ? { concurrency: jobs } : {}) });
        fallbackLocation = (stack) => stack.origin;
    }

    const firstLevels = result.stacks[0]?.levels ?? {};
    const time = values["event-log"] === undefined ? evaluationTimeOf(config, at) : undefined;
    if (time?.warning) result = { ...result, stacks: result.stacks.map((s) => ({ ...s, warnings: [...s.warnings, time.warning as string] })) };
    const report: Report = {
        tool: { name: "blastwall", version: toolVersion() },
        pack: result.info ? { name: result.info.name, version: result.info.version } : result.pack,
        evaluatedAt: time?.at,
        evaluatedAtSource: time?.source,
        failOn,
        stacks: result.stacks,
        policies: result.info ? reportPolicies(result.info, firstLevels) : (result.policies ?? []),
    };
    for (const target of targets) await writeReport(report, { ...target, fallbackLocation });
    const summary = summarize(report);
    // A stack that was not fully judged has no verdict: never 0, and never 1 ("fix these").
    if (summary.incomplete) return EXIT_USAGE;
    return summary.failing ? EXIT_VIOLATIONS : EXIT_OK;
}

/** A file as code scanning resolves it: relative to the repository root (else the current directory). */
function fromRepositoryRoot(file: string): string {
    const absolute = path.resolve(file);
    const root = repositoryRoot(path.dirname(absolute)) ?? process.cwd();
    return relativeInside(root, absolute) ?? path.relative(process.cwd(), absolute).split(path.sep).join("/");
}

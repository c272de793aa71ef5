// `blastwall inventory`: every credential across exported stacks or a project's stacks, one row
// each (owner, issue date and its evidence, age, rotation, the date it must be rotated by,
// incidents, the pack's verdicts), and with --incident the rotation plan: the exposed credentials
// by owner, oldest first.
//
// Each export goes through the real pack (as `check --state` does), each stack of a project is run
// under mocks and goes through the real pack (`check --project`'s own code), for the verdicts; the
// rows come from the same StackView the pack builds (the same request bytes, read by the pack's own
// code) and the pack's own facts, so the inventory and the gate agree.

import * as fs from "node:fs";
import * as path from "node:path";
import { Incident, incidentsSetting, maxAgeDaysSetting, MaxAgeDays } from "../../policies/credentials/settings";
import { installWireHook } from "../../policies/lib/sdk/wire";
import { stackViewOfRequest } from "../../policies/lib/sdk/stack-request";
import { readAnalyzeStackRequest } from "../../policies/lib/sdk/stack-wire";
import { environmentsSetting, nowSetting, stackEnvironmentsSetting, tagKeysSetting, TagKeys } from "../../policies/lib/settings/common";
import { evaluationTime } from "../../policies/lib/settings/clock";
import { settingsReader } from "../../policies/lib/settings/read";
import { resolveStackEnvironment } from "../../policies/lib/stack-environment";
import type { EnvironmentPlan } from "../../policies/lib/plan";
import { allowProviderDefaultOwnerSetting, OwnerRegistry, ownersSetting } from "../../policies/ownership/settings";
import { SecretCollector } from "../analyzer/encode";
import { protoModules } from "../analyzer/grpc";
import { AnalyzerInfo, EngineResource, StackInput } from "../analyzer/model";
import { analyzeStackRequest } from "../analyzer/stack-bytes";
import { progressReporter } from "../check/progress";
import { checkProject } from "../check/project-mode";
import { checkState } from "../check/state-mode";
import { findSettingsFile } from "../config/discover";
import { ConfigFile, readConfigFile, userConfigFor } from "../config/load";
import { reconcile } from "../config/reconcile";
import { checkSharedValues, parseCommandLine, SHARED_OPTIONS } from "../command-line";
import { EXIT_OK, InputError, UsageError } from "../errors";
import { defaultPackDir } from "../paths";
import { readExport } from "../state/export";
import { InventoryRow, inventoryRows } from "./rows";
import { InventoryFormat, renderInventory, renderPlan } from "./render";

export const INVENTORY_USAGE = `Usage: blastwall inventory --state FILE [--state FILE ...] [options]
       blastwall inventory --project DIR [--stack NAME|all] [options]

Every credential of the exported stacks, or of a Pulumi TypeScript project's stacks run under
mocks as \`blastwall check --project\` runs them: stack, environment, kind, type, owner (and where
it came from), issue date (and its evidence), age, rotation, the date it must be rotated by, the
incidents whose scope holds it, and the pack's verdicts on it. A project has no checkpoint times:
a credential the program would create is issued at the evaluation time (--at, else now), one read
from an output the program sets keeps that date.

Options:
  --state FILE         a \`pulumi stack export\` document (repeat for several stacks)
  --project DIR        a Pulumi TypeScript project (instead of --state)
  --stack NAME|all     the project's stack, or all of its stacks (default all)
  --config FILE        settings document or per-policy config (incidents, owners, limits);
                       default: blastwall.yaml in the project, else in the current directory
  --at DATE            evaluate as of this date (default: now)
  --incident ID        the rotation plan for this incident: its exposed credentials by owner,
                       oldest first; ID names an incident of the settings, or VENDOR@DATE
                       (okta@2023-10-20) describes one on the command line
  --format F           csv, json or markdown (default markdown)
  --output FILE        write there instead of stdout
  --policy-pack DIR    the pack (default: the one installed with blastwall)
  --quiet              no progress on stderr
  -h, --help           this help
  -v, --version        blastwall's version

Exit codes: 0 listed, 2 bad usage or unreadable input (a program that fails under mocks
included), 3 internal error. Violations do not change the exit code: use blastwall check to gate.
`;

const FORMATS: readonly InventoryFormat[] = ["csv", "json", "markdown"];

/** An incident named on the command line: `vendor@date`. */
function commandLineIncident(text: string): Incident | undefined {
    const match = /^([a-z0-9-]+)@(\d{4}-\d{2}-\d{2}(?:T[0-9:.]+Z)?)$/i.exec(text);
    return match ? { id: text, date: match[2], scope: { vendors: [match[1].toLowerCase()] } } : undefined;
}

interface StackSettings {
    readonly now?: string;
    readonly maxAgeDays: MaxAgeDays;
    readonly incidents: readonly Incident[];
    readonly tagKeys: TagKeys;
    readonly owners: OwnerRegistry;
    readonly allowProviderDefaultOwner: boolean;
    readonly environments: EnvironmentPlan;
    readonly stackEnvironments: Readonly<Record<string, string>>;
}

const SETTINGS = [nowSetting, maxAgeDaysSetting, incidentsSetting, tagKeysSetting, ownersSetting, allowProviderDefaultOwnerSetting, environmentsSetting, stackEnvironmentsSetting];
const readSettings = settingsReader<StackSettings>(SETTINGS, {});

/** The settings as the pack's policies received them (each reads its own block; we merge theirs). */
function settingsFrom(config: ReturnType<typeof reconcile>["config"]): StackSettings {
    const merged: Record<string, unknown> = {};
    for (const policy of ["credential-rotated-after-incident", "credential-has-owner", "stack-environment-known"]) {
        for (const [key, value] of Object.entries(config[policy]?.properties ?? {})) if (SETTINGS.some((s) => s.key === key)) merged[key] = value;
    }
    const { values, problems } = readSettings(merged);
    if (problems.length > 0) throw new InputError(`the settings cannot be used: ${problems.join("; ")}`);
    return values;
}

export async function runInventory(argv: readonly string[]): Promise<number> {
    const { values } = parseCommandLine("inventory", argv, {
        ...SHARED_OPTIONS,
        state: { type: "string", multiple: true },
        incident: { type: "string" },
        format: { type: "string", default: "markdown" },
    });
    if (values.help) {
        process.stdout.write(INVENTORY_USAGE);
        return EXIT_OK;
    }
    const files = values.state ?? [];
    if (files.length > 0 && values.project !== undefined) throw new UsageError("--state and --project cannot be combined: list the exports, or the project's stacks.");
    if (files.length === 0 && values.project === undefined) throw new UsageError("inventory needs --state FILE (a `pulumi stack export` document) or --project DIR.");
    if (values.stack !== undefined && values.project === undefined) throw new UsageError("--stack applies to --project only: an export names its own stack.");
    checkSharedValues(values);
    const format = values.format as InventoryFormat;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, not "${values.format}".`);
    const progress = progressReporter({ quiet: values.quiet === true });
    const packDir = path.resolve(values["policy-pack"] ?? defaultPackDir());
    // As check: a blastwall.yaml in the project (or here) is read without --config.
    const configFile = values.config ?? findSettingsFile([values.project ?? ".", "."]);
    if (values.config === undefined && configFile !== undefined && values.quiet !== true) process.stderr.write(`blastwall: using settings ${path.relative(process.cwd(), configFile)}\n`);
    const config = configFile !== undefined ? readConfigFile(configFile) : undefined;
    installWireHook();

    const rows: InventoryRow[] = [];
    let incidentKnown = false;
    const extraIncident = values.incident !== undefined ? commandLineIncident(values.incident) : undefined;
    const add = (stack: StackOfRun) => {
        const result = stackRows(stack, { config, at: values.at, extraIncident });
        rows.push(...result.rows);
        incidentKnown ||= result.incidents.some((i) => i.id === values.incident);
        progress.step(`${stack.stack}: ${rows.length} credentials so far`);
    };
    if (values.project !== undefined) {
        const inputs = new Map<string, StackInput>();
        const result = await checkProject({ projectDir: values.project, stack: values.stack ?? "all", packDir, config, at: values.at, progress, onStackInput: (input) => inputs.set(input.stack, input) });
        for (const report of result.stacks) {
            const input = inputs.get(report.stack);
            if (!result.info || !input) throw new InputError(`the policy pack gave no answer for stack ${report.stack} of ${values.project}.`);
            add({ stack: input.stack, project: input.project, resources: input.resources, tags: input.tags, info: result.info, findings: report.findings });
        }
    }
    for (const file of files) {
        const result = await checkState({ file, packDir, config, at: values.at, progress });
        const stack = result.stacks[0];
        if (!result.info || !stack) throw new InputError(`the policy pack gave no answer for ${file}.`);
        const exported = readExport(fs.readFileSync(file, "utf8"), file);
        add({ stack: exported.stack, project: exported.project, resources: exported.resources, tags: { "pulumi:project": exported.project }, info: result.info, findings: stack.findings });
    }
    if (values.incident !== undefined && !incidentKnown) {
        throw new UsageError(`--incident ${values.incident} names no incident of the settings; give its id, or VENDOR@DATE (okta@2023-10-20).`);
    }
    const text = values.incident !== undefined ? renderPlan(rows, values.incident, format) : renderInventory(rows, format);
    if (values.output) fs.writeFileSync(values.output, text);
    else process.stdout.write(text);
    return EXIT_OK;
}

/** One evaluated stack: what the pack was sent and what it found. */
interface StackOfRun {
    readonly stack: string;
    readonly project: string;
    readonly resources: readonly EngineResource[];
    readonly tags: Readonly<Record<string, string>>;
    readonly info: AnalyzerInfo;
    readonly findings: ReadonlyArray<{ urn: string; policy: string; level: string }>;
}

/** The rows of one stack, with the settings the pack's policies received for it. */
function stackRows(run: StackOfRun, options: { config?: ConfigFile; at?: string; extraIncident?: Incident }): { rows: InventoryRow[]; incidents: readonly Incident[] } {
    const reconciled = reconcile(run.info.policies, run.info.initialConfig, userConfigFor(run.info, options.config, options.at));
    const settings = settingsFrom(reconciled.config);
    const extra = options.extraIncident;
    const incidents = extra && !settings.incidents.some((i) => i.id === extra.id) ? [...settings.incidents, extra] : settings.incidents;
    const tags = new Map(Object.entries(run.tags));
    const view = viewOf(run.resources, tags);
    const now = evaluationTime(settings.now);
    const environment = resolveStackEnvironment(view.stack || run.stack, run.project, tags, settings.environments, settings.stackEnvironments);
    const rows = inventoryRows(
        view,
        {
            now,
            maxAgeDays: settings.maxAgeDays,
            incidents,
            owners: { tagKeys: settings.tagKeys, owners: settings.owners, allowProviderDefaultOwner: settings.allowProviderDefaultOwner },
            environment: environment.known ? environment.environment : `unknown (${environment.reason})`,
        },
        run.findings.map((f) => ({ urn: f.urn, policy: f.policy, level: f.level })),
    );
    return { rows, incidents };
}

/** The StackView the pack builds for AnalyzeStack: the same request bytes, read by the pack's code. */
function viewOf(resources: readonly EngineResource[], tags: ReadonlyMap<string, string>) {
    const byUrn = new Map(resources.map((r) => [r.urn, r] as const));
    const request = analyzeStackRequest(protoModules(), resources, (r) => (r.provider ? byUrn.get(r.provider) : undefined), new SecretCollector());
    return stackViewOfRequest(readAnalyzeStackRequest(request.serializeBinary()), tags);
}

// `blastwall inventory`: every credential across exported stacks, one row each (owner, issue date
// and its evidence, age, rotation, the date it must be rotated by, incidents, the pack's verdicts),
// and with --incident the rotation plan: the exposed credentials by owner, oldest first.
//
// Each export goes through the real pack (as `check --state` does) for the verdicts; the rows come
// from the same StackView the pack builds (the same request bytes, read by the pack's own code)
// and the pack's own facts, so the inventory and the gate agree.

import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
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
import { EngineResource } from "../analyzer/model";
import { analyzeStackRequest } from "../analyzer/stack-bytes";
import { progressReporter } from "../check/progress";
import { checkState } from "../check/state-mode";
import { readConfigFile, userConfigFor } from "../config/load";
import { reconcile } from "../config/reconcile";
import { EXIT_OK, InputError, UsageError } from "../errors";
import { defaultPackDir } from "../paths";
import { readExport } from "../state/export";
import { InventoryRow, inventoryRows } from "./rows";
import { InventoryFormat, renderInventory, renderPlan } from "./render";

export const INVENTORY_USAGE = `Usage: blastwall inventory --state FILE [--state FILE ...] [options]

Every credential of the exported stacks: stack, environment, kind, type, owner (and where it
came from), issue date (and its evidence), age, rotation, the date it must be rotated by, the
incidents whose scope holds it, and the pack's verdicts on it.

Options:
  --state FILE         a \`pulumi stack export\` document (repeat for several stacks)
  --config FILE        settings document or per-policy config (incidents, owners, limits)
  --at DATE            evaluate as of this date (default: now)
  --incident ID        the rotation plan for this incident: its exposed credentials by owner,
                       oldest first; ID names an incident of the settings, or VENDOR@DATE
                       (okta@2023-10-20) describes one on the command line
  --format F           csv, json or markdown (default markdown)
  --output FILE        write there instead of stdout
  --policy-pack DIR    the pack (default: the one installed with blastwall)
  --quiet              no progress on stderr
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
    const { values } = parseArgs({
        args: [...argv],
        options: {
            state: { type: "string", multiple: true },
            config: { type: "string" },
            at: { type: "string" },
            incident: { type: "string" },
            format: { type: "string", default: "markdown" },
            output: { type: "string" },
            "policy-pack": { type: "string" },
            quiet: { type: "boolean", default: false },
            help: { type: "boolean", default: false },
        },
        strict: true,
    });
    if (values.help) {
        process.stdout.write(INVENTORY_USAGE);
        return EXIT_OK;
    }
    const files = values.state ?? [];
    if (files.length === 0) throw new UsageError("inventory needs at least one --state FILE (a `pulumi stack export` document).");
    const format = values.format as InventoryFormat;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, not "${values.format}".`);
    const progress = progressReporter({ quiet: values.quiet === true });
    const packDir = path.resolve(values["policy-pack"] ?? defaultPackDir());
    const config = values.config !== undefined ? readConfigFile(values.config) : undefined;
    installWireHook();

    const rows: InventoryRow[] = [];
    let incidentKnown = false;
    const extraIncident = values.incident !== undefined ? commandLineIncident(values.incident) : undefined;
    for (const file of files) {
        const result = await checkState({ file, packDir, config, at: values.at, progress });
        const stack = result.stacks[0];
        if (!result.info || !stack) throw new InputError(`the policy pack gave no answer for ${file}.`);
        const info = result.info;
        const exported = readExport(fs.readFileSync(file, "utf8"), file);
        const reconciled = reconcile(info.policies, info.initialConfig, userConfigFor(info, config, values.at));
        const settings = settingsFrom(reconciled.config);
        const incidents = extraIncident && !settings.incidents.some((i) => i.id === extraIncident.id) ? [...settings.incidents, extraIncident] : settings.incidents;
        incidentKnown ||= incidents.some((i) => i.id === values.incident);
        const tags = new Map([["pulumi:project", exported.project]]);
        const view = viewOf(exported.resources, tags);
        const now = evaluationTime(settings.now);
        const environment = resolveStackEnvironment(view.stack || exported.stack, exported.project, tags, settings.environments, settings.stackEnvironments);
        rows.push(
            ...inventoryRows(
                view,
                {
                    now,
                    maxAgeDays: settings.maxAgeDays,
                    incidents,
                    owners: { tagKeys: settings.tagKeys, owners: settings.owners, allowProviderDefaultOwner: settings.allowProviderDefaultOwner },
                    environment: environment.known ? environment.environment : `unknown (${environment.reason})`,
                },
                stack.findings.map((f) => ({ urn: f.urn, policy: f.policy, level: f.level })),
            ),
        );
        progress.step(`${exported.stack}: ${rows.length} credentials so far`);
    }
    if (values.incident !== undefined && !incidentKnown) {
        throw new UsageError(`--incident ${values.incident} names no incident of the settings; give its id, or VENDOR@DATE (okta@2023-10-20).`);
    }
    const text = values.incident !== undefined ? renderPlan(rows, values.incident, format) : renderInventory(rows, format);
    if (values.output) fs.writeFileSync(values.output, text);
    else process.stdout.write(text);
    return EXIT_OK;
}

/** The StackView the pack builds for AnalyzeStack: the same request bytes, read by the pack's code. */
function viewOf(resources: readonly EngineResource[], tags: ReadonlyMap<string, string>) {
    const byUrn = new Map(resources.map((r) => [r.urn, r] as const));
    const request = analyzeStackRequest(protoModules(), resources, (r) => (r.provider ? byUrn.get(r.provider) : undefined), new SecretCollector());
    return stackViewOfRequest(readAnalyzeStackRequest(request.serializeBinary()), tags);
}

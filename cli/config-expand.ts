// `blastwall config expand SETTINGS_FILE`: the per-policy JSON for `pulumi preview
// --policy-pack-config` and Pulumi Cloud policy groups, from one settings document. Each policy
// gets exactly the settings its configSchema declares, and its level; the result is validated
// against the schemas the way the engine validates it.

import * as fs from "node:fs";
import type { Policy } from "@pulumi/policy";
import { allPolicies } from "../policies/policies";
import { EnforcementLevel, PolicyInfo } from "./analyzer/model";
import { readConfigFile } from "./config/load";
import { parseUserPolicyConfig, reconcile } from "./config/reconcile";
import { detectForm, expandSettings } from "./config/settings-document";
import { parseCommandLine, SHARED_OPTIONS } from "./command-line";
import { EXIT_OK, InputError, UsageError } from "./errors";

export const EXPAND_USAGE = `Usage: blastwall config expand SETTINGS_FILE [--output FILE]

Writes the per-policy config (JSON) for \`pulumi preview --policy-pack-config FILE\` and for Pulumi
Cloud policy groups from one settings document (YAML or JSON): shared settings at the top level,
levels and per-policy overrides under \`policies:\`. Unknown settings and policy names are refused.

Options:
  --output FILE    write the JSON there instead of stdout
  -h, --help       this help
  -v, --version    blastwall's version

Exit codes: 0 written, 2 bad usage or an invalid settings document, 3 internal error.
`;

/** The pack's policies as GetAnalyzerInfo describes them, read from the pack's source. */
export function packPolicies(policies: readonly Policy[] = allPolicies): PolicyInfo[] {
    return policies.map((p) => ({
        name: p.name,
        description: p.description,
        enforcementLevel: (p.enforcementLevel ?? "advisory") as EnforcementLevel,
        kind: "validateResource" in p ? "resource" : "stack",
        configSchema: {
            properties: (p.configSchema?.properties ?? {}) as Record<string, Record<string, unknown>>,
            required: p.configSchema?.required ?? [],
        },
        tags: p.tags ?? [],
    }));
}

/** A per-policy file given to expand is refused as what it is, not as unknown settings. */
function alreadyExpanded(document: Readonly<Record<string, unknown>>, file: string, policies: readonly PolicyInfo[]): void {
    const keys = Object.keys(document);
    if (keys.length === 0) return;
    const detected = detectForm(document, new Set(policies.map((p) => p.name)));
    if ("form" in detected && detected.form === "per-policy") {
        const shown = keys.slice(0, 3).join(", ") + (keys.length > 3 ? ", ..." : "");
        throw new InputError(
            `${file} is already per-policy config (its top-level keys are policy names: ${shown}), so there is nothing to expand; pass it as it is to \`pulumi preview --policy-pack-config ${file}\` or \`blastwall check --config ${file}\`. config expand reads a settings document (settings at the top level, levels under \`policies:\`).`,
        );
    }
}

export function expandDocument(document: Readonly<Record<string, unknown>>, file: string, policies: readonly PolicyInfo[]): Record<string, Record<string, unknown>> {
    const schemas = policies.map((p) => ({ name: p.name, properties: p.configSchema?.properties ?? {} }));
    alreadyExpanded(document, file, policies);
    const expanded = expandSettings(document, schemas);
    const problems = [...expanded.problems];
    if (problems.length === 0) {
        const parsed = parseUserPolicyConfig(expanded.config);
        problems.push(...parsed.problems, ...reconcile(policies, {}, parsed.config).problems);
    }
    if (problems.length > 0) throw new InputError(`settings document ${file} is invalid:\n    ${problems.join("\n    ")}`);
    return expanded.config;
}

export async function runConfigExpand(argv: readonly string[]): Promise<number> {
    const parsed = parseCommandLine("config expand", argv, { output: SHARED_OPTIONS.output, help: SHARED_OPTIONS.help }, true);
    if (parsed.values.help) {
        process.stdout.write(EXPAND_USAGE);
        return EXIT_OK;
    }
    if (parsed.positionals.length !== 1) throw new UsageError(`config expand takes one settings file (got ${parsed.positionals.length}); see blastwall config expand --help.`);
    const file = parsed.positionals[0];
    const { document } = readConfigFile(file);
    const text = JSON.stringify(expandDocument(document, file, packPolicies()), null, 2) + "\n";
    if (parsed.values.output) {
        try {
            fs.writeFileSync(parsed.values.output, text);
        } catch (error) {
            throw new InputError(`cannot write ${parsed.values.output}: ${(error as Error).message}`);
        }
    } else {
        process.stdout.write(text);
    }
    return EXIT_OK;
}

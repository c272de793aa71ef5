// Reads a config file (YAML or JSON; JSON is YAML) and turns it, with the pack's policies, into
// the per-policy config the engine reconciles.

import * as fs from "node:fs";
import { parse } from "yaml";
import { InputError } from "../errors";
import { checkFileSize, checkSettingsSize } from "../input/limits";
import { decodeText } from "../input/text";
import { AnalyzerInfo } from "../analyzer/model";
import { parseUserPolicyConfig, UserPolicyConfig } from "./reconcile";
import { detectForm, expandSettings, PolicySchema, withEvaluationTime } from "./settings-document";

export interface ConfigFile {
    readonly file: string;
    readonly document: Readonly<Record<string, unknown>>;
}

export function readConfigFile(file: string): ConfigFile {
    let text: string;
    try {
        if (file !== "-") checkFileSize(file, `config file ${file}`);
        text = decodeText(file === "-" ? fs.readFileSync(0) : fs.readFileSync(file), `config file ${file}`);
    } catch (error) {
        if (error instanceof InputError) throw error;
        throw new InputError(`cannot read config file ${file}: ${(error as Error).message}`);
    }
    let document: unknown;
    try {
        document = text.trim() === "" ? {} : parse(text);
    } catch (error) {
        throw new InputError(`config file ${file} is neither JSON nor YAML: ${(error as Error).message.split("\n")[0]}`);
    }
    if (document === null || document === undefined) document = {};
    if (typeof document !== "object" || Array.isArray(document)) {
        throw new InputError(`config file ${file} must be a mapping (a settings document or per-policy config), not ${Array.isArray(document) ? "a list" : typeof document}.`);
    }
    checkSettingsSize(document as Record<string, unknown>, file);
    return { file, document: document as Record<string, unknown> };
}

export function policySchemas(info: Pick<AnalyzerInfo, "policies">): PolicySchema[] {
    return info.policies.map((p) => ({ name: p.name, properties: p.configSchema?.properties ?? {} }));
}

function fail(file: string, problems: readonly string[]): never {
    throw new InputError(`config file ${file} is invalid:\n    ${problems.join("\n    ")}`);
}

/** The per-policy config a check sends, from an optional config file and `--at`. */
export function userConfigFor(info: AnalyzerInfo, config: ConfigFile | undefined, at: string | undefined): UserPolicyConfig {
    const schemas = policySchemas(info);
    let perPolicy: Record<string, unknown> = {};
    if (config) {
        const detected = detectForm(config.document, new Set(schemas.map((s) => s.name)));
        if ("problem" in detected) fail(config.file, [detected.problem]);
        if (detected.form === "settings") {
            const expanded = expandSettings(config.document, schemas);
            if (expanded.problems.length > 0) fail(config.file, expanded.problems);
            perPolicy = expanded.config;
        } else {
            perPolicy = { ...config.document };
        }
    }
    const parsed = parseUserPolicyConfig(withEvaluationTime(perPolicy, schemas, at));
    if (parsed.problems.length > 0) fail(config?.file ?? "--at", parsed.problems);
    return parsed.config;
}

// A Pulumi project on disk: Pulumi.yaml (name, runtime, main, stackConfigDir, project config) and
// its stacks' Pulumi.<stack>.yaml files, read the way the Pulumi CLI reads them. Stack config
// becomes the "<namespace>:<key>" -> string map the language host hands a program (objects as
// JSON, keys without a namespace in the project's). Secure values cannot be decrypted offline:
// the program receives PLACEHOLDER_SECRET for them, marked secret.

import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { InputError } from "../errors";
import { isRecord } from "../../policies/lib/props";

export const PLACEHOLDER_SECRET = "[secret]";

export interface Project {
    readonly dir: string;
    readonly file: string;
    readonly name: string;
    readonly runtime: string;
    readonly description?: string;
    /** Absolute path of the program entry (Pulumi.yaml `main`, default the project directory). */
    readonly main: string;
    readonly stackConfigDir: string;
    /** Project-level config defaults, already namespaced. */
    readonly configDefaults: Readonly<Record<string, unknown>>;
}

export interface StackConfig {
    readonly stack: string;
    readonly file: string;
    readonly config: Readonly<Record<string, string>>;
    readonly secretKeys: readonly string[];
    /** Stack tags: the ones the CLI derives from Pulumi.yaml, then the `pulumi:tags` config. */
    readonly tags: Readonly<Record<string, string>>;
    /** What could not be read offline (Pulumi ESC environments, encrypted values). */
    readonly warnings: readonly string[];
}

function readYaml(file: string, what: string): unknown {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new InputError(`cannot read ${what} ${file}: ${(error as Error).message}`);
    }
    try {
        return parse(text);
    } catch (error) {
        throw new InputError(`${what} ${file} is not valid YAML: ${(error as Error).message.split("\n")[0]}`);
    }
}

function namespaced(key: string, project: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

export function loadProject(dir: string): Project {
    const absolute = path.resolve(dir);
    if (!fs.existsSync(absolute) || !fs.statSync(absolute).isDirectory()) {
        throw new InputError(`project directory ${absolute} does not exist; pass --project with the directory that holds Pulumi.yaml.`);
    }
    const file = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(absolute, f)).find((f) => fs.existsSync(f));
    if (!file) throw new InputError(`no Pulumi project in ${absolute}: it has no Pulumi.yaml; pass --project with the directory that holds one.`);
    const document = readYaml(file, "project file");
    if (!isRecord(document) || typeof document.name !== "string" || document.name === "") {
        throw new InputError(`project file ${file} has no name; a Pulumi.yaml needs \`name: <project>\`.`);
    }
    const runtime = typeof document.runtime === "string" ? document.runtime : isRecord(document.runtime) ? String(document.runtime.name ?? "") : "";
    if (runtime !== "nodejs") {
        throw new InputError(`project ${document.name} (${file}) has runtime "${runtime}"; blastwall check runs Node.js (TypeScript or JavaScript) programs only.`);
    }
    const configDefaults: Record<string, unknown> = {};
    if (isRecord(document.config)) {
        for (const [key, value] of Object.entries(document.config)) {
            // Project config is either a plain value or a declaration {type, default, secret}.
            if (isRecord(value) && ("type" in value || "default" in value || "description" in value || "secret" in value)) {
                if ("default" in value) configDefaults[namespaced(key, document.name)] = value.default;
            } else if (isRecord(value) && "value" in value) {
                configDefaults[namespaced(key, document.name)] = value.value;
            } else {
                configDefaults[namespaced(key, document.name)] = value;
            }
        }
    }
    return {
        dir: absolute,
        file,
        name: document.name,
        runtime,
        description: typeof document.description === "string" ? document.description : undefined,
        main: path.resolve(absolute, typeof document.main === "string" ? document.main : "."),
        stackConfigDir: path.resolve(absolute, typeof document.stackConfigDir === "string" ? document.stackConfigDir : "."),
        configDefaults,
    };
}

const STACK_FILE = /^Pulumi\.(.+)\.ya?ml$/;

/** Every stack with a config file, sorted by name. */
export function listStacks(project: Project): string[] {
    if (!fs.existsSync(project.stackConfigDir)) {
        throw new InputError(`project ${project.name} has no stack config directory ${project.stackConfigDir} (stackConfigDir in ${project.file}).`);
    }
    const stacks = fs
        .readdirSync(project.stackConfigDir)
        .map((f) => STACK_FILE.exec(f)?.[1])
        .filter((s): s is string => s !== undefined);
    if (stacks.length === 0) {
        throw new InputError(`project ${project.name} has no stacks: no Pulumi.<stack>.yaml in ${project.stackConfigDir}.`);
    }
    return [...new Set(stacks)].sort();
}

function configString(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

function hasSecure(value: unknown): boolean {
    if (isRecord(value)) return "secure" in value || Object.values(value).some(hasSecure);
    if (Array.isArray(value)) return value.some(hasSecure);
    return false;
}

function withoutSecure(value: unknown): unknown {
    if (isRecord(value)) {
        if (typeof value.secure === "string" && Object.keys(value).length === 1) return PLACEHOLDER_SECRET;
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutSecure(v)]));
    }
    if (Array.isArray(value)) return value.map(withoutSecure);
    return value;
}

export function loadStackConfig(project: Project, stack: string): StackConfig {
    const stackFile = ["yaml", "yml"].map((ext) => path.join(project.stackConfigDir, `Pulumi.${stack}.${ext}`)).find((f) => fs.existsSync(f));
    // As the Pulumi CLI does, a stack with no config file runs on the project's config defaults.
    const file = stackFile ?? project.file;
    const document = stackFile ? (readYaml(stackFile, "stack config") ?? {}) : {};
    if (!isRecord(document)) throw new InputError(`stack config ${file} must be a YAML mapping.`);
    const rawConfig = document.config ?? {};
    if (!isRecord(rawConfig)) throw new InputError(`stack config ${file}: \`config\` must be a mapping of keys to values.`);

    const merged: Record<string, unknown> = { ...project.configDefaults };
    for (const [key, value] of Object.entries(rawConfig)) merged[namespaced(key, project.name)] = value;

    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, value] of Object.entries(merged)) {
        if (hasSecure(value)) secretKeys.push(key);
        config[key] = configString(withoutSecure(value));
    }

    const tags: Record<string, string> = { "pulumi:project": project.name, "pulumi:runtime": project.runtime };
    if (project.description) tags["pulumi:description"] = project.description;
    const configTags = merged["pulumi:tags"];
    if (configTags !== undefined) {
        if (!isRecord(configTags) || !Object.values(configTags).every((v) => typeof v === "string")) {
            throw new InputError(`stack config ${file}: pulumi:tags must be a mapping of tag names to strings.`);
        }
        Object.assign(tags, configTags);
    }
    const warnings: string[] = [];
    if (!stackFile) {
        warnings.push(`stack ${stack} has no ${path.join(path.relative(project.dir, project.stackConfigDir), `Pulumi.${stack}.yaml`).replace(/\\/g, "/")}; it ran on the project's config defaults in ${path.basename(project.file)}`);
    }
    if (document.environment !== undefined) {
        warnings.push(`${path.basename(file)} imports Pulumi ESC environments, which cannot be opened offline; the program ran without their values`);
    }
    if (secretKeys.length > 0) {
        warnings.push(`secure config (${secretKeys.join(", ")}) cannot be decrypted offline; the program received "${PLACEHOLDER_SECRET}", marked secret`);
    }
    return { stack, file, config, secretKeys: secretKeys.sort(), tags, warnings };
}

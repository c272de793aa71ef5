// One settings document for the whole pack, and the per-policy config Pulumi wants.
//
// A settings document (YAML or JSON) holds each shared setting once at the top level, and levels
// and per-policy overrides under `policies`:
//     environments: {...}
//     incidents: [...]
//     policies: { all: mandatory, credential-rotation-due-soon: advisory,
//                 credential-max-age: { enforcementLevel: mandatory, maxAgeDays: { default: 60 } } }
// Expanding it gives every policy exactly the settings its configSchema declares, plus its level:
// the file `pulumi preview --policy-pack-config` and a Pulumi Cloud policy group take.
//
// `blastwall check --config` takes either form and tells them apart by their top-level keys:
// a `policies` key, or keys that are not policy names, make a settings document; policy names
// (and `all`) alone make per-policy config. A file that mixes both is refused.

import { ENFORCEMENT_LEVELS } from "../analyzer/model";
import { isEnforcementLevel } from "./reconcile";
import { isRecord } from "../../policies/lib/props";

export interface PolicySchema {
    readonly name: string;
    readonly properties: Readonly<Record<string, unknown>>;
}

export type ConfigForm = "settings" | "per-policy";

export interface Expanded {
    readonly config: Record<string, Record<string, unknown>>;
    readonly problems: readonly string[];
}

function list(names: Iterable<string>): string {
    const sorted = [...names].sort();
    return sorted.length > 0 ? sorted.join(", ") : "none";
}

/** Which form a config document is in, or a problem naming the keys that make it ambiguous. */
export function detectForm(document: Readonly<Record<string, unknown>>, policyNames: ReadonlySet<string>): { form: ConfigForm } | { problem: string } {
    const keys = Object.keys(document);
    if (keys.includes("policies")) return { form: "settings" };
    const policyKeys = keys.filter((k) => k === "all" || policyNames.has(k));
    const otherKeys = keys.filter((k) => k !== "all" && !policyNames.has(k));
    if (otherKeys.length === 0) return { form: "per-policy" };
    if (policyKeys.length === 0) return { form: "settings" };
    return {
        problem: `it mixes policy names (${list(policyKeys)}) with other keys (${list(otherKeys)}); write either a settings document (settings at the top level, levels under \`policies:\`) or per-policy config (only policy names and \`all\` at the top level)`,
    };
}

/** Settings blastwall check reads itself and never sends to the pack (mockCalls: data source answers). */
export const CLI_ONLY_KEYS: ReadonlySet<string> = new Set(["mockCalls"]);

export function expandSettings(document: Readonly<Record<string, unknown>>, policies: readonly PolicySchema[]): Expanded {
    const problems: string[] = [];
    const declared = new Set(policies.flatMap((p) => Object.keys(p.properties)));
    const byName = new Map(policies.map((p) => [p.name, p] as const));

    for (const key of Object.keys(document)) {
        if (key !== "policies" && !CLI_ONLY_KEYS.has(key) && !declared.has(key)) {
            problems.push(`unknown setting "${key}": no policy of the pack declares it, and no policy has that name (settings: ${list(declared)}; policies: ${list(byName.keys())})`);
        }
    }

    const levels = document.policies ?? {};
    if (!isRecord(levels)) {
        problems.push(`policies must be a mapping of policy names (or \`all\`) to a level or {enforcementLevel, ...settings}`);
        return { config: {}, problems };
    }
    const overrides = new Map<string, Record<string, unknown>>();
    let allLevel: string | undefined;
    for (const [name, value] of Object.entries(levels)) {
        if (name !== "all" && !byName.has(name)) {
            problems.push(`policies.${name}: the pack has no policy named "${name}" (policies: ${list(byName.keys())})`);
            continue;
        }
        if (typeof value === "string") {
            if (!isEnforcementLevel(value)) problems.push(`policies.${name}: "${value}" is not an enforcement level (${ENFORCEMENT_LEVELS.join(", ")})`);
            else if (name === "all") allLevel = value;
            else overrides.set(name, { enforcementLevel: value });
            continue;
        }
        if (name === "all" || !isRecord(value)) {
            problems.push(`policies.${name}: must be an enforcement level${name === "all" ? "" : " or {enforcementLevel, ...settings}"}, not ${JSON.stringify(value)}`);
            continue;
        }
        const schema = byName.get(name) as PolicySchema;
        for (const [key, setting] of Object.entries(value)) {
            if (key === "enforcementLevel") {
                if (!isEnforcementLevel(setting)) problems.push(`policies.${name}.enforcementLevel: ${JSON.stringify(setting)} is not an enforcement level (${ENFORCEMENT_LEVELS.join(", ")})`);
            } else if (!Object.prototype.hasOwnProperty.call(schema.properties, key)) {
                problems.push(`policies.${name}.${key}: policy ${name} has no setting "${key}" (its settings: ${list(Object.keys(schema.properties))})`);
            }
        }
        overrides.set(name, value);
    }

    const config: Record<string, Record<string, unknown>> = {};
    for (const policy of policies) {
        const block: Record<string, unknown> = {};
        const override = overrides.get(policy.name) ?? {};
        const level = override.enforcementLevel ?? allLevel;
        if (level !== undefined) block.enforcementLevel = level;
        for (const key of Object.keys(policy.properties)) {
            if (Object.prototype.hasOwnProperty.call(override, key)) block[key] = override[key];
            else if (key !== "policies" && Object.prototype.hasOwnProperty.call(document, key)) block[key] = document[key];
        }
        if (Object.keys(block).length > 0) config[policy.name] = block;
    }
    return { config, problems };
}

/** Sets `now` for every policy that declares it (`--at`), over whatever the config said. */
export function withEvaluationTime(config: Readonly<Record<string, unknown>>, policies: readonly PolicySchema[], at: string | undefined): Record<string, unknown> {
    if (at === undefined) return { ...config };
    const result: Record<string, unknown> = { ...config };
    for (const policy of policies) {
        if (!Object.prototype.hasOwnProperty.call(policy.properties, "now")) continue;
        const current = result[policy.name];
        if (typeof current === "string") result[policy.name] = { enforcementLevel: current, now: at };
        else result[policy.name] = { ...(isRecord(current) ? current : {}), now: at };
    }
    return result;
}

// The policy pack config the engine sends with Configure, built the way pulumi/pulumi builds it
// (pkg/resource/analyzer/config.go, ReconcilePolicyPackConfig):
//   1. every policy, at the level GetAnalyzerInfo gives it, with its schema's defaults;
//   2. the pack's initial config (GetAnalyzerInfo), then
//   3. the user's config (`--policy-pack-config` JSON): `all` sets every policy's level first,
//      then each entry sets its policy's level and merges its properties over what is there
//      (one level deep: a given object replaces the whole value of that key);
//   4. each policy's properties validated against {type: object, properties, required}, with
//      `enforcementLevel` added to the properties as the engine adds it.
// A PolicyConfig without an enforcement level would read as advisory in the pack (proto default
// 0), so every entry sent carries one.

import Ajv, { ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { useEngineFormats } from "./engine-formats";
import { describeSchemaErrors } from "../../policies/lib/settings/read";
import { ENFORCEMENT_LEVELS, EnforcementLevel, PolicyConfigEntry, PolicyInfo } from "../analyzer/model";

/** One entry of a user's per-policy config, parsed. */
export interface GivenConfig {
    readonly enforcementLevel?: EnforcementLevel;
    readonly properties: Readonly<Record<string, unknown>>;
}

export type UserPolicyConfig = Readonly<Record<string, GivenConfig>>;

export interface Reconciled {
    /** Policy name (and `all`, and any other name the user gave) -> what Configure sends. */
    readonly config: Readonly<Record<string, PolicyConfigEntry>>;
    /** One line per problem: "<policy>: <key> <what is wrong>". Empty when the config is usable. */
    readonly problems: readonly string[];
}

export function isEnforcementLevel(value: unknown): value is EnforcementLevel {
    return typeof value === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(value);
}

/**
 * Parses a per-policy config document as the engine does: a string value is a level, an object
 * may hold `enforcementLevel` and properties. Returns problems naming the entry instead of throwing.
 */
export function parseUserPolicyConfig(document: Readonly<Record<string, unknown>>): { config: UserPolicyConfig; problems: string[] } {
    const config: Record<string, GivenConfig> = {};
    const problems: string[] = [];
    for (const [name, value] of Object.entries(document)) {
        if (typeof value === "string") {
            if (!isEnforcementLevel(value)) {
                problems.push(`${name}: "${value}" is not an enforcement level (${ENFORCEMENT_LEVELS.join(", ")})`);
                continue;
            }
            config[name] = { enforcementLevel: value, properties: {} };
        } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
            const { enforcementLevel, ...properties } = value as Record<string, unknown>;
            if (enforcementLevel !== undefined && !isEnforcementLevel(enforcementLevel)) {
                problems.push(`${name}.enforcementLevel: ${JSON.stringify(enforcementLevel)} is not an enforcement level (${ENFORCEMENT_LEVELS.join(", ")})`);
                continue;
            }
            if (enforcementLevel === undefined && Object.keys(properties).length === 0) continue;
            config[name] = { enforcementLevel, properties };
        } else {
            problems.push(`${name}: must be an enforcement level or an object, not ${JSON.stringify(value)}`);
        }
    }
    return { config, problems };
}

function withDefaults(policies: readonly PolicyInfo[]): Record<string, { enforcementLevel?: EnforcementLevel; properties?: Record<string, unknown> }> {
    const result: Record<string, { enforcementLevel?: EnforcementLevel; properties?: Record<string, unknown> }> = {};
    for (const policy of policies) {
        let properties: Record<string, unknown> | undefined;
        for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if (Object.prototype.hasOwnProperty.call(schema, "default")) {
                properties ??= {};
                properties[key] = schema.default;
            }
        }
        result[policy.name] = { enforcementLevel: policy.enforcementLevel, properties };
    }
    return result;
}

type Working = Record<string, { enforcementLevel?: EnforcementLevel; properties?: Record<string, unknown> }>;

function apply(result: Working, given: Readonly<Record<string, Partial<GivenConfig>>>): void {
    const all = given.all?.enforcementLevel;
    if (all !== undefined) {
        for (const name of Object.keys(result)) result[name] = { ...result[name], enforcementLevel: all };
    }
    for (const [name, entry] of Object.entries(given)) {
        const current = result[name] ?? {};
        let properties = current.properties;
        const givenProperties = entry.properties ?? {};
        if (Object.keys(givenProperties).length > 0) properties = { ...(properties ?? {}), ...givenProperties };
        result[name] = { enforcementLevel: entry.enforcementLevel ?? current.enforcementLevel, properties };
    }
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
useEngineFormats(ajv);
const validators = new Map<string, ValidateFunction>();

function validatorFor(policy: PolicyInfo): ValidateFunction {
    const schema = {
        type: "object",
        properties: {
            ...(policy.configSchema?.properties ?? {}),
            enforcementLevel: { type: "string", enum: [...ENFORCEMENT_LEVELS] },
        },
        required: policy.configSchema?.required.length ? [...policy.configSchema.required] : undefined,
    };
    const key = JSON.stringify(schema);
    let validate = validators.get(key);
    if (!validate) {
        validate = ajv.compile(schema);
        validators.set(key, validate);
    }
    return validate;
}

export function reconcile(policies: readonly PolicyInfo[], initialConfig: Readonly<Record<string, Partial<GivenConfig>>>, userConfig: UserPolicyConfig): Reconciled {
    const result: Working = withDefaults(policies);
    apply(result, initialConfig);
    apply(result, userConfig);

    const problems: string[] = [];
    for (const policy of policies) {
        const validate = validatorFor(policy);
        const properties = result[policy.name]?.properties ?? {};
        if (!validate(properties)) {
            for (const problem of describeSchemaErrors(validate.errors ?? [])) problems.push(`${policy.name}: ${problem}`);
        }
    }
    const config: Record<string, PolicyConfigEntry> = {};
    for (const [name, entry] of Object.entries(result)) {
        if (entry.enforcementLevel === undefined) {
            problems.push(`${name}: has properties but no enforcement level, and the pack has no policy of that name to take one from`);
            continue;
        }
        config[name] = { enforcementLevel: entry.enforcementLevel, properties: entry.properties ?? {} };
    }
    return { config, problems: [...new Set(problems)] };
}

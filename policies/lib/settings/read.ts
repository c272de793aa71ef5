// Turns the configuration one policy receives into typed settings: defaults applied (the engine
// applies schema defaults, but hand-built arguments and other drivers may not), validated
// against the same schema the policy publishes, then the semantic checks. Problems name the key.

import Ajv, { ErrorObject, ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { JsonSchema, SettingDefinition } from "./define";

export interface SettingsResult<T> {
    readonly values: T;
    /** Empty when the settings are usable; otherwise one message per problem, naming the key. */
    readonly problems: readonly string[];
}

let sharedAjv: Ajv | undefined;

function ajv(): Ajv {
    if (!sharedAjv) {
        sharedAjv = new Ajv({ allErrors: true, strict: false, useDefaults: false });
        addFormats(sharedAjv);
    }
    return sharedAjv;
}

/** The object schema of a policy's whole configuration: its settings plus its own options. */
export function configObjectSchema(settings: readonly SettingDefinition[], options: Readonly<Record<string, JsonSchema>>): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    for (const definition of settings) properties[definition.key] = definition.schema;
    for (const [key, schema] of Object.entries(options)) properties[key] = schema;
    return { type: "object", properties, additionalProperties: false };
}

/** "/environments/prod/cidrs/0" becomes "environments.prod.cidrs[0]". */
export function keyPath(instancePath: string): string {
    let result = "";
    for (const part of instancePath.split("/").slice(1)) {
        const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
        if (/^\d+$/.test(key)) result += `[${key}]`;
        else if (/^[A-Za-z_$][\w$-]*$/.test(key)) result += result === "" ? key : `.${key}`;
        else result += `[${JSON.stringify(key)}]`;
    }
    return result;
}

export function describeSchemaError(error: ErrorObject): string {
    const at = keyPath(error.instancePath);
    if (error.keyword === "additionalProperties") {
        const extra = String((error.params as { additionalProperty?: unknown }).additionalProperty);
        return at === "" ? `unknown setting "${extra}"` : `${at} has an unknown key "${extra}"`;
    }
    return `${at || "config"} ${error.message ?? "is invalid"}`;
}

/**
 * One message per problem. A value that fits none of an `anyOf` (a date that is neither a date
 * nor a date-time) makes ajv report every branch and then the anyOf; they become one sentence:
 * `now must match format "date" or must match format "date-time"`.
 */
export function describeSchemaErrors(errors: readonly ErrorObject[]): string[] {
    const alternatives = errors.filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf");
    const branchOf = (e: ErrorObject) => alternatives.find((alt) => alt !== e && e.instancePath === alt.instancePath && e.schemaPath.startsWith(`${alt.schemaPath}/`));
    const messages: string[] = [];
    for (const error of errors) {
        if (branchOf(error)) continue;
        if (alternatives.includes(error)) {
            const branches = [...new Set(errors.filter((e) => branchOf(e) === error).map((e) => e.message ?? "is invalid"))];
            const at = keyPath(error.instancePath) || "config";
            messages.push(branches.length > 0 ? `${at} ${branches.join(" or ")}` : `${at} is not in an accepted form`);
            continue;
        }
        messages.push(describeSchemaError(error));
    }
    return messages;
}

/** Builds the reader for one policy; the validator is compiled on first use. */
export function settingsReader<T>(settings: readonly SettingDefinition[], options: Readonly<Record<string, JsonSchema>>) {
    const schema = configObjectSchema(settings, options);
    let validate: ValidateFunction | undefined;
    let lastInput: Readonly<Record<string, unknown>> | undefined;
    let lastResult: SettingsResult<T> | undefined;

    return (raw: Readonly<Record<string, unknown>>): SettingsResult<T> => {
        // The SDK rebuilds the config object for every call but keeps its values; compare those
        // rather than re-validating the same configuration for every resource.
        if (lastResult && lastInput && shallowEqual(lastInput, raw)) return lastResult;
        const values: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(raw ?? {})) if (value !== undefined && value !== null) values[key] = value;
        for (const [key, property] of Object.entries(schema.properties ?? {})) {
            if (!(key in values) && property.default !== undefined) values[key] = property.default;
        }
        validate ??= ajv().compile(schema);
        const problems: string[] = [];
        if (!validate(values)) {
            problems.push(...describeSchemaErrors(validate.errors ?? []));
        } else {
            for (const definition of settings) {
                if (definition.check && values[definition.key] !== undefined) {
                    problems.push(...definition.check(values[definition.key], values));
                }
            }
        }
        lastInput = raw;
        lastResult = { values: values as T, problems: dedupe(problems) };
        return lastResult;
    };
}

function shallowEqual(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && a[key] === b[key]);
}

function dedupe(items: string[]): string[] {
    return [...new Set(items)];
}

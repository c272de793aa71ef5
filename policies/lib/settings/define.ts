// A setting is one named piece of configuration that several policies may read (the environment
// plan, the owner registry, waivers, the evaluation time). Pulumi configures each policy
// separately, so every policy that reads a setting carries it in its own configSchema; a setting
// is defined once here and the policy schemas, defaults, docs and `blastwall config expand` are
// all derived from that definition.

/** The JSON Schema subset Pulumi accepts in a policy's configSchema (draft-07 keywords). */
export interface JsonSchema {
    type?: "string" | "number" | "integer" | "boolean" | "object" | "array" | "null" | readonly string[];
    description?: string;
    default?: unknown;
    enum?: readonly unknown[];
    const?: unknown;
    format?: string;
    pattern?: string;
    minimum?: number;
    maximum?: number;
    exclusiveMinimum?: number;
    minLength?: number;
    maxLength?: number;
    minItems?: number;
    maxItems?: number;
    uniqueItems?: boolean;
    items?: JsonSchema;
    properties?: Readonly<Record<string, JsonSchema>>;
    required?: readonly string[];
    additionalProperties?: boolean | JsonSchema;
    propertyNames?: JsonSchema;
    minProperties?: number;
    oneOf?: readonly JsonSchema[];
    anyOf?: readonly JsonSchema[];
}

export interface SettingDefinition<K extends string = string, T = unknown> {
    readonly key: K;
    /** The schema of the value; its `default` is what a policy sees when nobody sets it. */
    readonly schema: JsonSchema;
    /**
     * Checks the schema cannot express (ranges that overlap, names that must exist elsewhere).
     * Returns one message per problem, each naming the key path, e.g. "environments.prod.cidrs".
     * `all` holds the other settings of the same policy, defaults applied.
     */
    check?(value: T, all: Readonly<Record<string, unknown>>): readonly string[];
}

/** Declares a setting; the type parameter is the shape its schema promises. */
export function setting<T>() {
    return <K extends string>(definition: SettingDefinition<K, T>): SettingDefinition<K, T> => definition;
}

export type SettingValue<D> = D extends SettingDefinition<string, infer T> ? T : never;

/** `{ key: value }` for a tuple of settings, typed from their definitions. */
export type SettingsOf<A extends readonly SettingDefinition[]> = {
    readonly [D in A[number] as D["key"]]: SettingValue<D>;
};

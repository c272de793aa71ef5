// What the engine-faithful analyzer client works on: a stack's resources as the engine holds them
// (inputs for Analyze, outputs for AnalyzeStack, the graph, the provider), and what it returns.
// Property bags are in wire form: JSON with Pulumi's signatures (secrets, resource references,
// assets) and the unknown sentinel, exactly as a program or a state file carries them.

export type PropertyBag = Readonly<Record<string, unknown>>;

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export type Severity = "low" | "medium" | "high" | "critical";

export interface CustomTimeouts {
    readonly create: number;
    readonly update: number;
    readonly delete: number;
}

export interface ResourceOptions {
    readonly protect: boolean;
    readonly ignoreChanges: readonly string[];
    /** Undefined when the program did not say (the engine's DeleteBeforeReplaceDefined = false). */
    readonly deleteBeforeReplace?: boolean;
    readonly additionalSecretOutputs: readonly string[];
    readonly aliases: readonly string[];
    readonly customTimeouts: CustomTimeouts;
}

export interface SourceLocation {
    /** Relative to the repository root, forward slashes. */
    readonly file: string;
    readonly line: number;
    readonly column?: number;
}

export interface EngineResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    /** Read with `get` (or external in a state): in AnalyzeStack, never sent to Analyze. */
    readonly external?: boolean;
    readonly id?: string;
    readonly inputs: PropertyBag;
    readonly outputs: PropertyBag;
    readonly parent?: string;
    readonly dependencies: readonly string[];
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
    /** URN of the provider resource (explicit or default). */
    readonly provider?: string;
    readonly options: ResourceOptions;
    readonly source?: SourceLocation;
    /** A multi-language component (`remote: true`): its provider builds its children at deploy time. */
    readonly remote?: boolean;
}

export interface StackInput {
    readonly stack: string;
    readonly project: string;
    readonly organization: string;
    readonly dryRun: boolean;
    /** Stack config as the engine passes it to the pack ("project:key" -> string). */
    readonly config: Readonly<Record<string, string>>;
    readonly configSecretKeys: readonly string[];
    readonly tags: Readonly<Record<string, string>>;
    /** In registration order; providers and the pulumi:pulumi:Stack root included. */
    readonly resources: readonly EngineResource[];
}

export interface PolicyConfigSchema {
    readonly properties: Readonly<Record<string, Record<string, unknown>>>;
    readonly required: readonly string[];
}

export interface PolicyInfo {
    readonly name: string;
    readonly displayName?: string;
    readonly description: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly kind: "resource" | "stack" | "unknown";
    readonly configSchema?: PolicyConfigSchema;
    readonly severity?: Severity;
    readonly remediationSteps?: string;
    readonly url?: string;
    readonly tags: readonly string[];
    readonly framework?: { readonly name?: string; readonly version?: string; readonly reference?: string; readonly specification?: string };
}

export interface PolicyConfigEntry {
    readonly enforcementLevel: EnforcementLevel;
    readonly properties: Readonly<Record<string, unknown>>;
}

export interface AnalyzerInfo {
    readonly name: string;
    readonly version: string;
    readonly displayName?: string;
    readonly supportsConfig: boolean;
    readonly policies: readonly PolicyInfo[];
    readonly initialConfig: Readonly<Record<string, Partial<PolicyConfigEntry>>>;
}

export interface Diagnostic {
    readonly policyName: string;
    readonly policyPackName: string;
    readonly policyPackVersion: string;
    readonly description: string;
    /** What the rule reported, without the description line the SDK puts first. */
    readonly message: string;
    /** Remediate is reported as mandatory, as the engine does. */
    readonly enforcementLevel: Exclude<EnforcementLevel, "remediate" | "disabled">;
    /** The resource the diagnostic is attributed to, as the engine attributes it. */
    readonly urn: string;
    readonly severity?: Severity;
    readonly phase: "analyze" | "analyzeStack" | "remediate";
}

// Runs one policy of the pack over its example, in-process, the way the SDK's server would: the
// props go through the SDK's own deserializer (with the pack's wire hook, so secrets are known as
// secrets and redacted), the config is the schema defaults plus the example's settings, and the
// policy's own validate function (define.ts: settings, rule, redaction, waivers) reports.

import type {
    EnforcementLevel,
    Policy,
    PolicyResource,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import type { ExampleResource, PolicyExample } from "../../policies/examples/example";
import { urnOfResource } from "../../policies/examples/example";
import { clearRawGraph, recordRawGraph } from "../../policies/lib/sdk/raw-graph";
import { installWireHook } from "../../policies/lib/sdk/wire";

export interface ExampleViolation {
    readonly policy: string;
    readonly level: EnforcementLevel;
    /** What the rule reported (the SDK prints the policy's description above it). */
    readonly message: string;
    readonly urn?: string;
}

export interface ExampleOutcome {
    readonly violations: readonly ExampleViolation[];
    /** Set when the policy said it does not apply to the example. */
    readonly notApplicable?: string;
}

type Deserialize = (struct: { toJavaScript(): unknown }, proxySecrets: boolean) => Record<string, unknown>;

function deserialize(props: Readonly<Record<string, unknown>>): Record<string, unknown> {
    installWireHook();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdk = require("@pulumi/policy/deserialize") as { deserializeProperties: Deserialize };
    // A Struct's toJavaScript of a JSON document is the document; copy so the example stays as written.
    const copy = JSON.parse(JSON.stringify(props)) as unknown;
    return sdk.deserializeProperties({ toJavaScript: () => copy }, false);
}

/** The config the engine sends: every schema default, then the example's settings the policy declares. */
function engineConfig(policy: Policy, settings: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const properties = (policy.configSchema?.properties ?? {}) as Record<string, { default?: unknown }>;
    const config: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(properties)) if (schema.default !== undefined) config[key] = schema.default;
    for (const [key, value] of Object.entries(settings)) if (key in properties) config[key] = value;
    return config;
}

class NotApplicable extends Error {}

function throwNotApplicable(reason?: string): never {
    throw new NotApplicable(reason ?? "not applicable");
}

const OPTIONS = { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] };

function collector(policy: Policy, sink: ExampleViolation[]) {
    const level = policy.enforcementLevel ?? "advisory";
    // The SDK also takes an object, which define.ts uses for a waived finding (advisory).
    return (message: unknown, urn?: string): void => {
        if (typeof message === "object" && message !== null) {
            const info = message as { message?: string; urn?: string; enforcementLevel?: EnforcementLevel };
            sink.push({ policy: policy.name, level: info.enforcementLevel ?? level, message: info.message ?? "", urn: info.urn });
        } else {
            sink.push({ policy: policy.name, level, message: String(message), urn });
        }
    };
}

/** Every resource of the example's stack: the listed ones and the providers they name. */
function stackResources(example: PolicyExample): ExampleResource[] {
    const all = [...example.resources];
    const seen = new Set(all.map((r) => urnOfResource(r, example.stack)));
    for (const r of example.resources) {
        if (r.provider && !seen.has(urnOfResource(r.provider, example.stack))) {
            all.push(r.provider);
            seen.add(urnOfResource(r.provider, example.stack));
        }
    }
    return all;
}

function providerOf(resource: ExampleResource, stack: string) {
    const p = resource.provider;
    return p ? { type: p.type, name: p.name, urn: urnOfResource(p, stack), props: deserialize(p.props) } : undefined;
}

async function runResource(policy: ResourceValidationPolicy, example: PolicyExample, config: Record<string, unknown>): Promise<ExampleOutcome> {
    const violations: ExampleViolation[] = [];
    const report = collector(policy, violations);
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    let notApplicable: string | undefined;
    for (const resource of example.resources) {
        for (const validate of validations) {
            if (!validate) continue;
            const args: ResourceValidationArgs = {
                type: resource.type,
                props: deserialize(resource.props),
                urn: urnOfResource(resource, example.stack),
                name: resource.name,
                opts: { ...OPTIONS, parent: resource.parent },
                provider: providerOf(resource, example.stack),
                stackTags: new Map(Object.entries(example.stackTags ?? {})),
                isType: () => false,
                asType: () => undefined,
                getConfig: <T extends object>() => ({ ...config }) as T,
                notApplicable: throwNotApplicable,
            };
            try {
                await validate(args, report as never);
            } catch (error) {
                if (!(error instanceof NotApplicable)) throw error;
                notApplicable ??= error.message;
            }
        }
    }
    return violations.length === 0 && notApplicable !== undefined ? { violations, notApplicable } : { violations };
}

async function runStack(policy: StackValidationPolicy, example: PolicyExample, config: Record<string, unknown>): Promise<ExampleOutcome> {
    const violations: ExampleViolation[] = [];
    const sources = stackResources(example);
    const built = sources.map((source) => {
        const resource: PolicyResource = {
            type: source.type,
            props: deserialize(source.props),
            urn: urnOfResource(source, example.stack),
            name: source.name,
            opts: { ...OPTIONS, parent: source.parent },
            dependencies: [],
            propertyDependencies: {},
            provider: providerOf(source, example.stack),
            isType: () => false,
            asType: () => undefined,
        };
        return { resource, source };
    });
    const byUrn = new Map(built.map((b) => [b.resource.urn, b.resource] as const));
    // The URN lists as the engine sends them, read resources (StackReferences) included.
    clearRawGraph();
    for (const { resource, source } of built) {
        recordRawGraph(resource.urn, { dependencies: source.dependencies ?? [], propertyDependencies: source.propertyDependencies ?? {} });
        if (source.parent) resource.parent = byUrn.get(source.parent);
        resource.dependencies = (source.dependencies ?? []).flatMap((urn) => byUrn.get(urn) ?? []);
        for (const [key, urns] of Object.entries(source.propertyDependencies ?? {})) resource.propertyDependencies[key] = urns.flatMap((urn) => byUrn.get(urn) ?? []);
    }
    const args: StackValidationArgs = {
        resources: built.map((b) => b.resource),
        stackTags: new Map(Object.entries(example.stackTags ?? {})),
        getConfig: <T extends object>() => ({ ...config }) as T,
        notApplicable: throwNotApplicable,
    };
    try {
        await policy.validateStack(args, collector(policy, violations) as never);
    } catch (error) {
        if (!(error instanceof NotApplicable)) throw error;
        return { violations, notApplicable: error.message };
    } finally {
        clearRawGraph();
    }
    return { violations };
}

/** What the policy reports on its example, exactly as the pack would report it. */
export async function runExample(policy: Policy, example: PolicyExample): Promise<ExampleOutcome> {
    const config = engineConfig(policy, example.settings);
    if ("validateStack" in policy) return runStack(policy as StackValidationPolicy, example, config);
    return runResource(policy as ResourceValidationPolicy, example, config);
}

// Runs one policy the way @pulumi/policy 1.21's server does, in-process: properties go through a
// real protobuf Struct and the SDK's own deserializer (with the pack's wire hook, so secrets are
// known as secrets and redacted), rules receive the SDK's unknownCheckingProxy, `notApplicable`
// throws and is caught, an UnknownValueError becomes the SDK's advisory "can't run ... during
// preview", and config gets the engine's schema defaults and is validated against the policy's
// schema. Any other throw is the caller's, as it would fail the gRPC call under the engine.
// `blastwall explain` runs each policy's example through it, and the rule tests every rule: one
// runner, so what explain prints and what the tests assert cannot drift apart.

import * as path from "node:path";
import Ajv, { ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import type {
    EnforcementLevel,
    Policy,
    PolicyResource,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { UnknownValueError, unknownCheckingProxy } from "@pulumi/policy";
import { clearRawGraph, recordRawGraph } from "../../policies/lib/sdk/raw-graph";
import { installWireHook } from "../../policies/lib/sdk/wire";

installWireHook();

// The Struct class must be the one @pulumi/pulumi's generated stubs use.
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [pulumiDir] })) as {
    Struct: { fromJavaScript(value: unknown): { toJavaScript(): unknown } };
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const deserialize = require("@pulumi/policy/deserialize") as {
    deserializeProperties(struct: unknown, proxySecrets: boolean): Record<string, unknown>;
};

/** A resource as the engine sends it: props in wire form (secrets in their envelope, unknowns as the sentinel). */
export interface EngineResource {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    readonly props?: Readonly<Record<string, unknown>>;
    readonly parent?: string;
    readonly dependencies?: readonly string[];
    readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
    readonly provider?: EngineResource;
}

export interface RunOptions {
    /** The user's config for this policy, as in --policy-pack-config: `{ enforcementLevel?, ...props }`. */
    readonly config?: Record<string, unknown>;
    readonly stackTags?: Readonly<Record<string, string>>;
}

export interface Violation {
    /** What the rule reported, without the description line the SDK prepends. */
    readonly message: string;
    readonly urn?: string;
    readonly level: EnforcementLevel;
}

export interface Outcome {
    readonly violations: readonly Violation[];
    /** Set when the policy declared itself not applicable. */
    readonly notApplicable?: string;
}

class NotApplicable extends Error {
    constructor(readonly reason?: string) {
        super(reason ?? "not applicable");
    }
}

function throwNotApplicable(reason?: string): never {
    throw new NotApplicable(reason);
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
// Compiling a schema costs milliseconds; property tests run a policy hundreds of times.
const validators = new WeakMap<Policy, ValidateFunction>();

/**
 * The config the engine would send for this policy: schema defaults, then the user's config,
 * validated against the policy's schema as the engine does (an invalid config throws here, as it
 * fails `pulumi preview` there).
 */
export function engineConfig(policy: Policy, userConfig: Record<string, unknown> = {}): { level: EnforcementLevel; props: Record<string, unknown> } {
    const props: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
        const withDefault = schema as { default?: unknown };
        if (withDefault.default !== undefined) props[key] = withDefault.default;
    }
    const { enforcementLevel, ...given } = userConfig;
    Object.assign(props, given);
    let validate = validators.get(policy);
    if (!validate) {
        validate = ajv.compile({ type: "object", properties: policy.configSchema?.properties ?? {}, required: policy.configSchema?.required });
        validators.set(policy, validate);
    }
    if (!validate(props)) {
        throw new Error(`config for ${policy.name} is invalid: ${ajv.errorsText(validate.errors)}`);
    }
    return { level: (enforcementLevel as EnforcementLevel | undefined) ?? policy.enforcementLevel ?? "advisory", props };
}

function wireToProps(props: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
    return deserialize.deserializeProperties(Struct.fromJavaScript(props ?? {}), false);
}

const OPTIONS = { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] };

function collector(level: EnforcementLevel, sink: Violation[]) {
    const effective = level === "remediate" ? "mandatory" : level;
    // The SDK accepts an object as well as a string (undocumented, used for waived findings).
    return (message: unknown, urn?: string) => {
        if (typeof message === "object" && message !== null) {
            const info = message as { message?: string; urn?: string; enforcementLevel?: EnforcementLevel };
            sink.push({ message: info.message ?? "", urn: info.urn, level: info.enforcementLevel ?? effective });
            return;
        }
        sink.push({ message: String(message ?? ""), urn, level: effective });
    };
}

function previewAdvisory(policy: Policy, error: UnknownValueError): Violation {
    return { message: `can't run policy '${policy.name}' during preview: ${error.message}`, level: "advisory" };
}

function providerOf(resource: EngineResource) {
    const p = resource.provider;
    return p ? { type: p.type, name: p.name, urn: p.urn, props: unknownCheckingProxy(wireToProps(p.props)) } : undefined;
}

export async function runResourcePolicy(policy: ResourceValidationPolicy, resource: EngineResource, options: RunOptions = {}): Promise<Outcome> {
    const { level, props: config } = engineConfig(policy, options.config);
    const violations: Violation[] = [];
    if (level === "disabled") return { violations };
    const report = collector(level, violations);
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    for (const validation of validations) {
        if (!validation) continue;
        const args: ResourceValidationArgs = {
            type: resource.type,
            props: unknownCheckingProxy(wireToProps(resource.props)),
            urn: resource.urn,
            name: resource.name,
            opts: { ...OPTIONS, parent: resource.parent },
            stackTags: new Map(Object.entries(options.stackTags ?? {})),
            isType: () => false,
            asType: () => undefined,
            getConfig: <T extends object>() => ({ ...config }) as T,
            notApplicable: throwNotApplicable,
        };
        const provider = providerOf(resource);
        if (provider) args.provider = provider;
        try {
            await validation(args, report as never);
        } catch (error) {
            if (error instanceof NotApplicable) return { violations, notApplicable: error.reason ?? "" };
            if (error instanceof UnknownValueError) {
                violations.push(previewAdvisory(policy, error));
                continue;
            }
            throw error;
        }
    }
    return { violations };
}

/** The stack's resources: the given ones and the providers only referenced (resources of the stack too). */
function withProviders(resources: readonly EngineResource[]): EngineResource[] {
    const all = [...resources];
    const present = new Set(all.map((r) => r.urn));
    for (const r of resources) {
        if (r.provider && !present.has(r.provider.urn)) {
            all.push(r.provider);
            present.add(r.provider.urn);
        }
    }
    return all;
}

export async function runStackPolicy(policy: StackValidationPolicy, resources: readonly EngineResource[], options: RunOptions = {}): Promise<Outcome> {
    const { level, props: config } = engineConfig(policy, options.config);
    const violations: Violation[] = [];
    if (level === "disabled") return { violations };
    const report = collector(level, violations);
    const built = withProviders(resources).map((source) => {
        const resource: PolicyResource = {
            type: source.type,
            props: unknownCheckingProxy(wireToProps(source.props)),
            urn: source.urn,
            name: source.name,
            opts: { ...OPTIONS, parent: source.parent },
            dependencies: [],
            propertyDependencies: {},
            isType: () => false,
            asType: () => undefined,
        };
        const provider = providerOf(source);
        if (provider) resource.provider = provider;
        return { resource, source };
    });
    const byUrn = new Map(built.map((b) => [b.resource.urn, b.resource] as const));
    // The URN lists as the engine sends them, before the SDK drops those of resources not in the
    // request (a StackReference): the pack records them (policies/lib/sdk/raw-graph.ts).
    clearRawGraph();
    for (const { resource, source } of built) recordRawGraph(resource.urn, { dependencies: source.dependencies ?? [], propertyDependencies: source.propertyDependencies ?? {} });
    for (const { resource, source } of built) {
        if (source.parent) resource.parent = byUrn.get(source.parent);
        resource.dependencies = (source.dependencies ?? []).flatMap((d) => byUrn.get(d) ?? []);
        for (const [key, deps] of Object.entries(source.propertyDependencies ?? {})) resource.propertyDependencies[key] = deps.flatMap((d) => byUrn.get(d) ?? []);
    }
    const args: StackValidationArgs = {
        resources: built.map((b) => b.resource),
        stackTags: new Map(Object.entries(options.stackTags ?? {})),
        getConfig: <T extends object>() => ({ ...config }) as T,
        notApplicable: throwNotApplicable,
    };
    try {
        await policy.validateStack(args, report as never);
    } catch (error) {
        if (error instanceof NotApplicable) return { violations, notApplicable: error.reason ?? "" };
        if (error instanceof UnknownValueError) return { violations: [...violations, previewAdvisory(policy, error)] };
        throw error;
    } finally {
        clearRawGraph();
    }
    return { violations };
}

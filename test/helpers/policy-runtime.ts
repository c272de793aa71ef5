// Runs one policy the way @pulumi/policy 1.21's server does, in-process: properties go through a
// real protobuf Struct and the SDK's own deserializer (with our wire hook), rules receive the
// SDK's unknownCheckingProxy, `notApplicable` throws and is caught, an UnknownValueError becomes
// the SDK's advisory "can't run ... during preview", config gets the engine's schema defaults and
// is validated against the policy's schema. Any other throw fails the test, as it would fail the
// gRPC call under the engine. End-to-end tests drive the real pack process instead.

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
import { UNKNOWN_WIRE_VALUE } from "../../policies/lib/props";
import { clearRawGraph, recordRawGraph } from "../../policies/lib/sdk/raw-graph";
import { installWireHook, wireSignatures } from "../../policies/lib/sdk/wire";

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

/** A value as the engine sends it when it is a secret. */
export function secret(value: unknown): Record<string, unknown> {
    return { [wireSignatures.key]: wireSignatures.secret, value };
}

/** A value not known during preview, as the engine sends it. */
export const unknown = UNKNOWN_WIRE_VALUE;

export const DEFAULT_STACK = "prod";
export const DEFAULT_PROJECT = "blastwall-network";

export interface WireResource {
    readonly type: string;
    readonly name: string;
    /** Defaults to a URN in DEFAULT_STACK / DEFAULT_PROJECT built from type and name. */
    readonly urn?: string;
    /** Wire form: secrets via secret(), unknowns via `unknown`. */
    readonly props?: Record<string, unknown>;
    readonly parent?: string;
    readonly dependencies?: readonly string[];
    readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
    readonly provider?: WireResource;
}

export interface RunOptions {
    /** The user's config for this policy, as in --policy-pack-config: `{ enforcementLevel?, ...props }`. */
    readonly config?: Record<string, unknown>;
    readonly stackTags?: Record<string, string>;
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

export function urnOf(type: string, name: string, stack = DEFAULT_STACK, project = DEFAULT_PROJECT): string {
    return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

export function urnFor(resource: WireResource): string {
    return resource.urn ?? urnOf(resource.type, resource.name);
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
 * validated against the policy's schema as the engine does (an invalid config fails the test
 * here, as it fails `pulumi preview` there).
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

function wireToProps(props: Record<string, unknown> | undefined): Record<string, unknown> {
    return deserialize.deserializeProperties(Struct.fromJavaScript(props ?? {}), false);
}

function collector(policy: Policy, level: EnforcementLevel, sink: Violation[]) {
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

export async function runResourcePolicy(policy: ResourceValidationPolicy, resource: WireResource, options: RunOptions = {}): Promise<Outcome> {
    const { level, props: config } = engineConfig(policy, options.config);
    const violations: Violation[] = [];
    if (level === "disabled") return { violations };
    const report = collector(policy, level, violations);
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    for (const validation of validations) {
        if (!validation) continue;
        const props = unknownCheckingProxy(wireToProps(resource.props));
        const args: ResourceValidationArgs = {
            type: resource.type,
            props,
            urn: urnFor(resource),
            name: resource.name,
            opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [], parent: resource.parent },
            stackTags: new Map(Object.entries(options.stackTags ?? {})),
            isType: () => false,
            asType: () => undefined,
            getConfig: <T extends object>() => ({ ...config }) as T,
            notApplicable: throwNotApplicable,
        };
        if (resource.provider) {
            const p = resource.provider;
            args.provider = { type: p.type, name: p.name, urn: urnFor(p), props: unknownCheckingProxy(wireToProps(p.props)) };
        }
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

export async function runStackPolicy(policy: StackValidationPolicy, resources: readonly WireResource[], options: RunOptions = {}): Promise<Outcome> {
    const { level, props: config } = engineConfig(policy, options.config);
    const violations: Violation[] = [];
    if (level === "disabled") return { violations };
    const report = collector(policy, level, violations);

    // Providers are resources of the stack too; add the ones only referenced.
    const all = [...resources];
    const present = new Set(all.map(urnFor));
    for (const r of resources) {
        if (r.provider && !present.has(urnFor(r.provider))) {
            all.push(r.provider);
            present.add(urnFor(r.provider));
        }
    }
    const built = all.map((r) => {
        const props = unknownCheckingProxy(wireToProps(r.props));
        const urn = urnFor(r);
        const resource: PolicyResource = {
            type: r.type,
            props,
            urn,
            name: r.name,
            opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [], parent: r.parent },
            dependencies: [],
            propertyDependencies: {},
            isType: () => false,
            asType: () => undefined,
        };
        if (r.provider) {
            const p = r.provider;
            resource.provider = { type: p.type, name: p.name, urn: urnFor(p), props: unknownCheckingProxy(wireToProps(p.props)) };
        }
        return { resource, source: r };
    });
    const byUrn = new Map(built.map((b) => [b.resource.urn, b.resource] as const));
    // The URN lists as the engine sends them, before the SDK drops those of resources not in the
    // request (a StackReference): the pack records them (policies/lib/sdk/raw-graph.ts).
    clearRawGraph();
    for (const { resource, source } of built) recordRawGraph(resource.urn, { dependencies: source.dependencies ?? [], propertyDependencies: source.propertyDependencies ?? {} });
    for (const { resource, source } of built) {
        if (source.parent) resource.parent = byUrn.get(source.parent);
        resource.dependencies = (source.dependencies ?? []).map((d) => byUrn.get(d)).filter((d): d is PolicyResource => d !== undefined);
        for (const [key, deps] of Object.entries(source.propertyDependencies ?? {})) {
            resource.propertyDependencies[key] = deps.map((d) => byUrn.get(d)).filter((d): d is PolicyResource => d !== undefined);
        }
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
    }
    return { violations };
}

/** The messages of an outcome, for assertions that read like the report a user sees. */
export function messages(outcome: Outcome): string[] {
    return outcome.violations.map((v) => v.message);
}

// The rule tests' view of the in-process runner `blastwall explain` also uses
// (cli/explain/sdk-runtime.ts: a real protobuf Struct, the SDK's deserializer and unknown-checking
// proxy, schema-validated config): resources default to a URN in DEFAULT_STACK / DEFAULT_PROJECT,
// and wire values are written with secret() and `unknown`. End-to-end tests drive the real pack
// process instead.

import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { UNKNOWN_WIRE_VALUE } from "../../policies/lib/props";
import { wireSignatures } from "../../policies/lib/sdk/wire";
import * as runtime from "../../cli/explain/sdk-runtime";

export { engineConfig } from "../../cli/explain/sdk-runtime";
export type { Outcome, RunOptions, Violation } from "../../cli/explain/sdk-runtime";

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

export function urnOf(type: string, name: string, stack = DEFAULT_STACK, project = DEFAULT_PROJECT): string {
    return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

export function urnFor(resource: WireResource): string {
    return resource.urn ?? urnOf(resource.type, resource.name);
}

function engineResource(resource: WireResource): runtime.EngineResource {
    const { provider, ...rest } = resource;
    return { ...rest, urn: urnFor(resource), ...(provider ? { provider: engineResource(provider) } : {}) };
}

export function runResourcePolicy(policy: ResourceValidationPolicy, resource: WireResource, options: runtime.RunOptions = {}): Promise<runtime.Outcome> {
    return runtime.runResourcePolicy(policy, engineResource(resource), options);
}

export function runStackPolicy(policy: StackValidationPolicy, resources: readonly WireResource[], options: runtime.RunOptions = {}): Promise<runtime.Outcome> {
    return runtime.runStackPolicy(policy, resources.map(engineResource), options);
}

/** The messages of an outcome, for assertions that read like the report a user sees. */
export function messages(outcome: runtime.Outcome): string[] {
    return outcome.violations.map((v) => v.message);
}

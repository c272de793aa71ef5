// What an example is: a minimal stack (or resource) that breaks one policy, as plain data in the
// engine's wire form (secrets in their envelope), with the settings it is judged under. The CLI's
// `blastwall explain` runs the policy's own rule over it, so the example message it prints is the
// message the pack gives today, never text typed in beside the rule.

import { wireSignatures } from "../lib/sdk/wire";

export interface ExampleResource {
    readonly type: string;
    readonly name: string;
    /** Outputs (stack policies) or inputs (resource policies), in wire form: secrets via secret(). */
    readonly props: Readonly<Record<string, unknown>>;
    /** The resource's stack; the example's stack when left out. */
    readonly stack?: string;
    readonly parent?: string;
    readonly dependencies?: readonly string[];
    readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
    /** The provider resource it is created with (also a resource of the stack). */
    readonly provider?: ExampleResource;
}

export interface PolicyExample {
    /** What the example holds, as a phrase after "Example:". */
    readonly summary: string;
    /** The stack the resources are in (its name decides the environment by default). */
    readonly stack: string;
    /** Resource policies judge each of them; stack policies judge them together. */
    readonly resources: readonly ExampleResource[];
    /** Settings as in blastwall.yaml (cut down to the policy's own); `now` fixes the evaluation time. */
    readonly settings: Readonly<Record<string, unknown>> & { readonly now: string };
    readonly stackTags?: Readonly<Record<string, string>>;
}

export const EXAMPLE_PROJECT = "example";

/** A value as the engine sends it when it is a Pulumi secret. */
export function secret(value: unknown): Record<string, unknown> {
    return { [wireSignatures.key]: wireSignatures.secret, value };
}

export function urnOf(type: string, name: string, stack: string): string {
    return `urn:pulumi:${stack}::${EXAMPLE_PROJECT}::${type}::${name}`;
}

export function urnOfResource(resource: ExampleResource, stack: string): string {
    return urnOf(resource.type, resource.name, resource.stack ?? stack);
}

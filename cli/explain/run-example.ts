// Runs one policy of the pack over its example, in-process, through the same runner as the rule
// tests (sdk-runtime.ts: the SDK's deserializer with the pack's wire hook, so secrets are known as
// secrets and redacted). The config is the schema defaults plus the example's settings the policy
// declares; the policy's own validate function (define.ts: settings, rule, redaction, waivers)
// reports.

import type { EnforcementLevel, Policy, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import type { ExampleResource, PolicyExample } from "../../policies/examples/example";
import { urnOfResource } from "../../policies/examples/example";
import { EngineResource, Outcome, runResourcePolicy, runStackPolicy } from "./sdk-runtime";

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

function engineResource(resource: ExampleResource, stack: string): EngineResource {
    const { provider, stack: _own, ...rest } = resource;
    return { ...rest, urn: urnOfResource(resource, stack), ...(provider ? { provider: engineResource(provider, stack) } : {}) };
}

/** The example's settings the policy declares (an example's settings are blastwall.yaml's, cut down). */
function declaredSettings(policy: Policy, settings: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const properties = policy.configSchema?.properties ?? {};
    return Object.fromEntries(Object.entries(settings).filter(([key]) => key in properties));
}

function named(policy: Policy, outcome: Outcome): ExampleOutcome {
    const violations = outcome.violations.map((v) => ({ policy: policy.name, ...v }));
    return outcome.notApplicable !== undefined && violations.length === 0 ? { violations, notApplicable: outcome.notApplicable } : { violations };
}

/** What the policy reports on its example, exactly as the pack would report it. */
export async function runExample(policy: Policy, example: PolicyExample): Promise<ExampleOutcome> {
    const options = { config: declaredSettings(policy, example.settings), stackTags: example.stackTags };
    const resources = example.resources.map((r) => engineResource(r, example.stack));
    if ("validateStack" in policy) return named(policy, await runStackPolicy(policy as StackValidationPolicy, resources, options));
    const violations: ExampleViolation[] = [];
    let notApplicable: string | undefined;
    for (const resource of resources) {
        const outcome = named(policy, await runResourcePolicy(policy as ResourceValidationPolicy, resource, options));
        violations.push(...outcome.violations);
        notApplicable ??= outcome.notApplicable;
    }
    return violations.length === 0 && notApplicable !== undefined ? { violations, notApplicable } : { violations };
}

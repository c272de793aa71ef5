import { defineStackPolicy, Finding } from "../lib/define";
import type { ResourceView } from "../lib/model";
import { getString, UNKNOWN } from "../lib/props";
import { environmentsSetting, stackEnvironmentsSetting, tagKeysSetting } from "../lib/settings/common";
import { shown, subject } from "./support/describe";
import { STACK_REFERENCE_TYPE } from "./support/evidence";
import { distinct, EnvironmentScope, inEnvironment } from "./support/scope";
import { unknownPropertyFindings } from "./support/unknown";

function findingsOf(scope: EnvironmentScope, reference: ResourceView): Finding[] {
    const { own } = scope;
    const fix = `reference only ${own} stacks, and give ${own} what it needs through its own configuration`;
    const name = getString(reference.props, "name");
    if (name === UNKNOWN) {
        return unknownPropertyFindings(scope, reference, "name", {
            promise: `it reads only ${own} stacks`,
            foreign: (sources) => `${subject(reference, own)} takes its stack name from ${sources}; ${fix}.`,
        });
    }
    if (name === undefined) return [];
    // A stack whose name names no environment (a shared DNS or tooling stack) is not another
    // environment's; only a reference that resolves to one is.
    const resolved = scope.stackNameEnvironment(name);
    if (!resolved.known || resolved.environment === own) return [];
    return [{ message: `${subject(reference, own)} reads stack ${shown(reference, ["name"], name)} (${resolved.environment}); ${fix}.`, urn: reference.urn }];
}

export const noCrossEnvironmentStackReference = defineStackPolicy({
    name: "no-cross-environment-stack-reference",
    description: "No stack may read another environment's stack through a StackReference: its outputs (VPC ids, ranges, ARNs) would wire the environments together.",
    severity: "high",
    remediationSteps:
        "Reference only stacks of the same environment (a prod stack reads acme/network/prod, not acme/network/staging). Shared values that are genuinely global belong in a stack whose name names no environment, or in configuration.",
    tags: ["environments"],
    settings: [environmentsSetting, stackEnvironmentsSetting, tagKeysSetting],
    onlyWith: STACK_REFERENCE_TYPE,
    checkStack: (stack, { settings }) =>
        inEnvironment(stack, settings, (scope) =>
            distinct(stack.resources.filter((r) => r.type === STACK_REFERENCE_TYPE).flatMap((reference) => findingsOf(scope, reference))),
        ),
});

// A preview never sends a StackReference itself (reads are not analyzed), only its URN in the
// dependencies of the resources built from its outputs; `pulumi policy analyze` sends the read
// resource too. Both are judged: a reference in the request on itself, a reference known only by
// its URN on each resource built from it, which is where a preview can show it.
import { defineStackPolicy, Finding } from "../lib/define";
import type { ResourceView, StackView } from "../lib/model";
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

/** Resources of the request built from a StackReference that is not itself in the request. */
function builtFromReferences(scope: EnvironmentScope, stack: StackView): Finding[] {
    const { own } = scope;
    const findings: Finding[] = [];
    for (const resource of stack.resources) {
        const urns = new Set([...resource.dependencies, ...Object.values(resource.propertyDependencies).flat()]);
        for (const urn of urns) {
            const reference = stack.byUrn.get(urn);
            if (!reference?.inferred || reference.type !== STACK_REFERENCE_TYPE) continue;
            const resolved = scope.stackNameEnvironment(reference.name);
            if (!resolved.known || resolved.environment === own) continue;
            findings.push({
                message: `${subject(resource, own)} is built from outputs of stack ${reference.name} (${resolved.environment}), read through a StackReference; reference only ${own} stacks, and give ${own} what it needs through its own configuration.`,
                urn: resource.urn,
            });
        }
    }
    return findings;
}

export const noCrossEnvironmentStackReference = defineStackPolicy({
    name: "no-cross-environment-stack-reference",
    description: "No stack may read another environment's stack through a StackReference: its outputs (VPC ids, ranges, ARNs) would wire the environments together.",
    severity: "high",
    remediationSteps:
        "Reference only stacks of the same environment (a prod stack reads acme/network/prod, not acme/network/staging). Shared values that are genuinely global belong in a stack whose name names no environment, or in configuration.",
    tags: ["environments"],
    settings: [environmentsSetting, stackEnvironmentsSetting, tagKeysSetting],
    // No `onlyWith`: the references a preview shows are URNs, not resources of the request.
    checkStack: (stack, { settings }) =>
        inEnvironment(stack, settings, (scope) =>
            distinct([...stack.resources.filter((r) => r.type === STACK_REFERENCE_TYPE).flatMap((reference) => findingsOf(scope, reference)), ...builtFromReferences(scope, stack)]),
        ),
});

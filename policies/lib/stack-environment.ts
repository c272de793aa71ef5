// Which environment a stack is. The order is the contract (DESIGN.md, Concern 2):
//   1. the stack tag `environment`;
//   2. the `stackEnvironments` setting: stack-name patterns, first match in file order, tried
//      against the stack name, "project/stack" and, for a fully qualified name, the whole name;
//   3. the stack name: its last "/" segment split on "-", "_" and "."; exactly one part names an
//      environment ("prod", "org/project/prod", "prod-eu", "payments-prod"); none or several
//      decides nothing. Only the last segment counts, so an org or project called "test-infra"
//      does not make "test-infra/network/prod" ambiguous.
// When nothing decides, env-aware policies do not guess: stack-environment-known blocks.
import type { EnvironmentPlan } from "./plan";
import { wildcardMatcher } from "./wildcard";

export type EnvironmentSource = "stack tag" | "stackEnvironments" | "stack name";

export type StackEnvironment =
    | { readonly known: true; readonly environment: string; readonly source: EnvironmentSource }
    | { readonly known: false; readonly reason: string };

export const ENVIRONMENT_STACK_TAG = "environment";

export function resolveStackEnvironment(
    stack: string,
    project: string,
    stackTags: ReadonlyMap<string, string>,
    environments: EnvironmentPlan,
    stackEnvironments: Readonly<Record<string, string>>,
): StackEnvironment {
    const names = Object.keys(environments);
    let tagged: string | undefined;
    for (const [key, value] of stackTags) if (key.toLowerCase() === ENVIRONMENT_STACK_TAG) tagged = value;
    if (tagged !== undefined) {
        const value = tagged.trim().toLowerCase();
        if (isEnvironment(environments, value)) return { known: true, environment: value, source: "stack tag" };
        return { known: false, reason: `its stack tag environment=${JSON.stringify(tagged)} is not one of ${names.join(", ")}` };
    }
    return resolveStackName(stack, environments, stackEnvironments, project);
}

/**
 * The environment of a stack known only by its name, as a StackReference names it ("prod",
 * "acme/network/prod"): the stackEnvironments patterns, then the name. `project` is the project
 * a bare stack name belongs to (the referencing stack's own).
 */
export function resolveStackName(
    name: string,
    environments: EnvironmentPlan,
    stackEnvironments: Readonly<Record<string, string>>,
    project?: string,
): StackEnvironment {
    const names = Object.keys(environments);
    const segments = name.split("/");
    const stack = segments[segments.length - 1];
    const stackProject = segments.length >= 3 ? segments[segments.length - 2] : segments.length === 1 ? project : undefined;
    const candidates = [stack, ...(stackProject !== undefined ? [`${stackProject}/${stack}`] : []), ...(segments.length > 1 ? [name] : [])];

    for (const [pattern, environment] of Object.entries(stackEnvironments)) {
        const matches = wildcardMatcher(pattern, { caseInsensitive: true });
        if (candidates.some(matches)) {
            if (isEnvironment(environments, environment)) return { known: true, environment, source: "stackEnvironments" };
            return { known: false, reason: `stackEnvironments maps "${pattern}" to "${environment}", which is not one of ${names.join(", ")}` };
        }
    }

    const parts = stack.toLowerCase().split(/[-_.]/);
    const matches = [...new Set(parts.filter((part) => isEnvironment(environments, part)))];
    if (matches.length === 1) return { known: true, environment: matches[0], source: "stack name" };
    if (matches.length > 1) return { known: false, reason: `its name names several environments (${matches.join(", ")})` };
    return { known: false, reason: "neither a stack tag, a stackEnvironments pattern nor its name names an environment" };
}

function isEnvironment(environments: EnvironmentPlan, value: string): boolean {
    return Object.prototype.hasOwnProperty.call(environments, value);
}

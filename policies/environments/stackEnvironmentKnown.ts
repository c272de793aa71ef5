import { defineStackPolicy } from "../lib/define";
import { environmentsSetting, stackEnvironmentsSetting } from "../lib/settings/common";
import { resolveStackEnvironment } from "../lib/stack-environment";

export const stackEnvironmentKnown = defineStackPolicy({
    name: "stack-environment-known",
    description: "Every stack must belong to exactly one known environment, so that the environment rules have something to check against.",
    severity: "high",
    remediationSteps:
        "Tag the stack (`pulumi stack tag set environment prod`), add a pattern for it to the `stackEnvironments` setting, or name the stack after its environment (prod, org/project/prod, prod-eu).",
    tags: ["environments"],
    settings: [environmentsSetting, stackEnvironmentsSetting],
    checkStack: (stack, { settings }) => {
        if (stack.resources.length === 0) return [];
        const resolved = resolveStackEnvironment(stack.stack, stack.project, stack.stackTags, settings.environments, settings.stackEnvironments);
        if (resolved.known) return [];
        const root = stack.resources.find((r) => r.type === "pulumi:pulumi:Stack");
        const names = Object.keys(settings.environments).join(", ");
        return [
            {
                message: `Stack '${stack.stack}' has no environment: ${resolved.reason}; tag it (pulumi stack tag set environment <${names}>) or add it to stackEnvironments.`,
                urn: root?.urn,
            },
        ];
    },
});

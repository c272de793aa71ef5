// What a preview cannot show a pack about the program's read resources, said per stack.

import { EngineResource } from "../analyzer/model";

/**
 * A StackReference reaches the pack only as its URN, whose name is the resource name: one named
 * apart from the stack it reads cannot be judged by any policy under a real preview.
 */
export function stackReferenceWarnings(resources: readonly EngineResource[]): string[] {
    const warnings: string[] = [];
    for (const resource of resources) {
        if (resource.type !== "pulumi:pulumi:StackReference") continue;
        const stack = resource.inputs.name;
        if (typeof stack !== "string" || stack === resource.name) continue;
        warnings.push(
            `StackReference '${resource.name}' reads stack ${stack}, but a preview shows the pack only its name '${resource.name}', so no policy can tell which environment it reads; name it after the stack (new StackReference("${stack}"))`,
        );
    }
    return warnings;
}

// `--stack-tag KEY=VALUE`: the tags a stack has in its backend (`pulumi stack tag set`), which no
// export and no project file holds, and where the report says the stack's environment came from.

import { PolicyConfigEntry } from "../analyzer/model";
import { UsageError } from "../errors";
import { EnvironmentPlan } from "../../policies/lib/plan";
import { ENVIRONMENT_STACK_TAG, resolveStackEnvironment } from "../../policies/lib/stack-environment";
import { StackReport } from "../report/model";

export function parseStackTags(values: readonly string[] | undefined): Record<string, string> {
    const tags: Record<string, string> = {};
    for (const value of values ?? []) {
        const at = value.indexOf("=");
        if (at <= 0) throw new UsageError(`--stack-tag ${value} is not KEY=VALUE; give the stack's tags as pulumi stack tag ls shows them, for example --stack-tag environment=prod.`);
        tags[value.slice(0, at)] = value.slice(at + 1);
    }
    return tags;
}

/**
 * The stack's environment as the pack decides it (stack tag, then stackEnvironments, then the
 * name), with the settings the pack was configured with, and where the tag came from.
 */
export function environmentOf(
    stack: { stack: string; project: string; tags: Readonly<Record<string, string>> },
    config: Readonly<Record<string, PolicyConfigEntry>>,
    tagOrigin: (key: string) => string,
): NonNullable<StackReport["environment"]> {
    const settings = (config["stack-environment-known"] ?? Object.values(config).find((c) => "environments" in c.properties))?.properties ?? {};
    const environments = (settings.environments ?? {}) as EnvironmentPlan;
    const patterns = (settings.stackEnvironments ?? {}) as Record<string, string>;
    const tags = new Map(Object.entries(stack.tags));
    const resolved = resolveStackEnvironment(stack.stack, stack.project, tags, environments, patterns);
    if (!resolved.known) return { source: `undetermined: ${resolved.reason}` };
    if (resolved.source === "stack tag") {
        const key = [...tags.keys()].find((k) => k.toLowerCase() === ENVIRONMENT_STACK_TAG) ?? ENVIRONMENT_STACK_TAG;
        return { name: resolved.environment, source: `the stack tag ${key}=${tags.get(key)} (${tagOrigin(key)})` };
    }
    if (resolved.source === "stackEnvironments") return { name: resolved.environment, source: "a stackEnvironments pattern" };
    return { name: resolved.environment, source: `the stack name ${stack.stack}` };
}

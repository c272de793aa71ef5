// Runs a credential policy the way the engine would after `blastwall config expand`: one settings
// document, cut down to the policy's own schema, with the tests' fixed evaluation time.

import type { Policy, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { NOW, Props, settingsFor } from "../../helpers/fixtures/credentials";
import { messages, Outcome, runResourcePolicy, runStackPolicy, WireResource } from "../../helpers/policy-runtime";

export async function run(policy: Policy, resources: readonly WireResource[], settings: Props = {}): Promise<Outcome> {
    const config = settingsFor(policy, { now: NOW, ...settings });
    if ("validateStack" in policy) return runStackPolicy(policy as StackValidationPolicy, resources, { config });
    const outcomes = await Promise.all(resources.map((r) => runResourcePolicy(policy as ResourceValidationPolicy, r, { config })));
    return { violations: outcomes.flatMap((o) => o.violations) };
}

export async function messagesOf(policy: Policy, resources: readonly WireResource[], settings: Props = {}): Promise<string[]> {
    return messages(await run(policy, resources, settings));
}

// The "Example" section of `blastwall explain`: the policy's own rule run over its built-in
// example (policies/examples/), so the message shown is the one the pack gives today.

import type { Policy } from "@pulumi/policy";
import { policyExamples } from "../../policies/examples";
import { formatDate } from "../../policies/lib/settings/clock";

/** Lines for the explain text, each message indented under a one-line account of the example. */
export async function exampleSection(policy: Policy): Promise<string[]> {
    const example = policyExamples[policy.name];
    if (!example) return [`Example: none in this version (policies/examples has no example for ${policy.name}).`];
    let outcome;
    try {
        // Loaded here, not at start-up: the SDK's runner (protobuf, schema compiler) serves explain alone.
        const { runExample } = await import("./run-example");
        outcome = await runExample(policy, example);
    } catch (error) {
        // Never a made-up message: say that it could not be produced.
        return [`Example: ${example.summary}; running the rule on it failed (${error instanceof Error ? error.name : typeof error}), so no message can be shown: report this blastwall bug.`];
    }
    const asOf = formatDate(new Date(example.settings.now));
    const head = `Example (this policy's rule run on ${example.summary}; evaluated as of ${asOf}):`;
    if (outcome.violations.length === 0) {
        const why = outcome.notApplicable !== undefined ? `it said it does not apply (${outcome.notApplicable})` : "it reported nothing";
        return [head, `  ${why}: the example no longer shows what the policy blocks; report this blastwall bug.`];
    }
    return [head, ...outcome.violations.map((v) => `  ${v.level}: ${v.message}`)];
}

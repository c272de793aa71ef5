// Every policy of the pack has an example that its own rule blocks: `blastwall explain` prints the
// message the rule gives on it, so the example can never drift from the rule unnoticed.
import { strict as assert } from "node:assert";
import type { Policy, StackValidationPolicy } from "@pulumi/policy";
import { exampleSection } from "../../cli/explain/example-text";
import { runExample } from "../../cli/explain/run-example";
import { policyExamples } from "../../policies/examples";
import { allPolicies } from "../../policies/policies";
import { wireSignatures } from "../../policies/lib/sdk/wire";

/** Values in an example that must never reach a message: secrets, and plaintext that looks like credential material. */
function sensitiveValues(value: unknown, inSecret = false, found: string[] = []): string[] {
    if (typeof value === "string") {
        const looksSecret = /AKIA[0-9A-Z]{16}|^[A-Za-z0-9/+=]{40}$|PRIVATE KEY/.test(value);
        if (inSecret || looksSecret) found.push(value);
    } else if (Array.isArray(value)) {
        for (const item of value) sensitiveValues(item, inSecret, found);
    } else if (value !== null && typeof value === "object") {
        const record = value as Record<string, unknown>;
        const isSecret = record[wireSignatures.key] === wireSignatures.secret;
        for (const [key, inner] of Object.entries(record)) if (key !== wireSignatures.key) sensitiveValues(inner, inSecret || isSecret, found);
    }
    return found;
}

describe("policy examples (blastwall explain)", () => {
    it("has an example for every policy of the pack and none for a policy it does not have", () => {
        assert.deepEqual(Object.keys(policyExamples).sort(), allPolicies.map((p) => p.name).sort());
    });

    for (const policy of allPolicies) {
        it(`${policy.name}: its own rule blocks its example, with no secret in the message`, async () => {
            const example = policyExamples[policy.name];
            const outcome = await runExample(policy, example);
            assert.equal(outcome.notApplicable, undefined);
            assert.ok(outcome.violations.length >= 1, `${policy.name} reported nothing on its example`);
            for (const v of outcome.violations) {
                assert.equal(v.policy, policy.name);
                assert.doesNotMatch(v.message, /configuration of .* is invalid|could not evaluate/, v.message);
            }
            const sensitive = sensitiveValues(example.resources);
            for (const v of outcome.violations) for (const value of sensitive) assert.ok(!v.message.includes(value), `${policy.name}'s example message shows ${value}`);
        });
    }

    it("the examples hold secrets and plaintext credentials, so the check above can fail", () => {
        const all = Object.values(policyExamples).flatMap((e) => sensitiveValues(e.resources));
        assert.ok(all.includes("AKIAIOSFODNN7EXAMPLE"));
        assert.ok(all.includes("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
    });

    it("shows a rule's example message word for word", async () => {
        const policy = allPolicies.find((p) => p.name === "credential-rotated-after-incident") as Policy;
        assert.deepEqual(await exampleSection(policy), [
            "Example (this policy's rule run on an Okta API token issued 2023-09-01, before the Okta support-system breach of 2023-10-20 named in incidents; evaluated as of 2026-12-01):",
            "  mandatory: Okta API token 'ci-token' in prod was issued 2023-09-01, before incident okta-2023-10 (2023-10-20) whose scope includes it; revoke it and issue a new token in the Okta Admin Console, then import the new one so that it is re-issued after 2023-10-20.",
        ]);
    });

    it("says so, instead of showing a message, when the rule no longer blocks its example", async () => {
        const policy = allPolicies.find((p) => p.name === "credential-max-age") as StackValidationPolicy;
        const silent: StackValidationPolicy = { ...policy, validateStack: () => undefined };
        const lines = await exampleSection(silent);
        assert.equal(lines.length, 2);
        assert.equal(lines[1], "  it reported nothing: the example no longer shows what the policy blocks; report this blastwall bug.");
    });
});

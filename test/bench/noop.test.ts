// The bench's no-op floor is only a floor if the SDK treats its policies as it treats ours: same
// kinds, levels and schemas, and the same type the SDK checks to skip a policy.
import { strict as assert } from "node:assert";
import { noopManifest } from "../../bench/packs";
import { allPolicies } from "../../policies/policies";

describe("the bench's no-op floor", () => {
    const manifest = noopManifest(allPolicies);

    it("mirrors every policy of the pack, by name and kind", () => {
        assert.deepEqual(
            manifest.policies.map((p) => [p.name, p.kind]),
            allPolicies.map((p) => [p.name, "validateStack" in p ? "stack" : "resource"]),
        );
    });

    it("carries the type a stack policy is skipped without, as the SDK reads it", () => {
        // The stack-reference policy judges URNs a preview sends, not a resource type: it has none.
        const reference = manifest.policies.find((p) => p.name === "no-cross-environment-stack-reference");
        assert.equal(reference?.kind, "stack");
        assert.equal(reference?.resourceType, undefined);
        assert.equal(manifest.policies.find((p) => p.name === "credential-max-age")?.resourceType, undefined);
    });
});

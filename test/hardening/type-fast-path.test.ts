// A stack policy that declares `onlyWith` is skipped by the SDK for a stack without that type
// (saving its copy of the whole stack); through the real pack it must still judge the type.
import { strict as assert } from "node:assert";
import { userConfigFor } from "../../cli/config/load";
import { noCrossEnvironmentStackReference } from "../../policies/environments/noCrossEnvironmentStackReference";
import { ResourceSpec, sharedPackForSuite, stackOf, urnOf } from "./pack";

describe("the SDK's type fast path for stack policies (real pack, analyzer protocol)", function () {
    this.timeout(120_000);
    const suite = sharedPackForSuite();
    const provider: ResourceSpec = { type: "pulumi:providers:aws", name: "prod", props: { allowedAccountIds: '["100000000030"]', region: "us-east-1" } };

    it("hands the stack-reference policy no type: a preview never sends a StackReference, only its URN, so no stack may skip it", () => {
        assert.equal((noCrossEnvironmentStackReference.validateStack as unknown as { __pulumiType?: string }).__pulumiType, undefined);
    });

    it("still blocks a prod StackReference to a staging stack when the request holds it (pulumi policy analyze)", async () => {
        const reference: ResourceSpec = { type: "pulumi:pulumi:StackReference", name: "network", props: { name: "acme/network/staging" } };
        const result = await suite.pack.session(stackOf([provider, reference]), userConfigFor(suite.info, undefined, "2024-06-01"));
        const findings = result.diagnostics.filter((d) => d.policyName === "no-cross-environment-stack-reference");
        assert.deepEqual(
            findings.map((d) => [d.urn, d.enforcementLevel]),
            [[urnOf(reference.type, reference.name), "mandatory"]],
        );
    });
});

// The shape of the shipped stacks (a pinned provider with default tags, a VPC, NACLs that deny
// every other environment, security groups, routes, an endpoint service, a role, a key, a secret
// and a same-environment stack reference) passes every environment policy in every environment;
// the two cases from the design block in it.

import { strict as assert } from "node:assert";
import { environmentPolicies } from "../../../policies/environments";
import { noCrossEnvironmentNetworkPath } from "../../../policies/environments/noCrossEnvironmentNetworkPath";
import { ACCOUNT, ENVIRONMENTS, peering, securityGroupRule, shippedStack } from "../../helpers/fixtures/environments";
import { messages, runStackPolicy } from "../../helpers/policy-runtime";

describe("the shipped stacks under the environment policies", () => {
    it("exports the policies in the documented order", () => {
        assert.deepEqual(
            environmentPolicies.map((p) => p.name),
            [
                "stack-environment-known",
                "resource-environment-matches-stack",
                "no-cross-environment-network-path",
                "no-cross-environment-trust",
                "provider-matches-environment",
                "no-cross-environment-stack-reference",
            ],
        );
    });

    for (const env of ENVIRONMENTS) {
        for (const policy of environmentPolicies) {
            it(`${env} passes ${policy.name}`, async () => {
                const outcome = await runStackPolicy(policy, shippedStack(env));
                assert.deepEqual(outcome, { violations: [] });
            });
        }
    }

    it("blocks a staging network peered into prod", async () => {
        const staging = shippedStack("staging");
        const provider = staging.find((r) => r.type === "pulumi:providers:aws");
        const stagingVpc = staging.find((r) => r.type === "aws:ec2/vpc:Vpc");
        assert.ok(provider && stagingVpc);
        const toProd = peering({ vpcId: "vpc-0staging", peerVpcId: "vpc-0prod", peerOwnerId: ACCOUNT.prod }, { stack: "staging", name: "to-prod", provider, dependsOn: { vpcId: [stagingVpc] } });
        const outcome = await runStackPolicy(noCrossEnvironmentNetworkPath, [...staging, toProd]);
        assert.deepEqual(messages(outcome), [
            "VPC peering connection 'to-prod' in staging peers with account 100000000030 (prod); peer only with staging VPCs (10.20.0.0/16, account 100000000020).",
        ]);
        assert.equal(outcome.violations[0].urn, toProd.urn);
    });

    it("blocks a prod security group admitting the test range", async () => {
        const prod = shippedStack("prod");
        const provider = prod.find((r) => r.type === "pulumi:providers:aws");
        const fromTest = securityGroupRule({ cidrBlocks: ["10.10.0.0/16"] }, { stack: "prod", name: "from-test", provider });
        const outcome = await runStackPolicy(noCrossEnvironmentNetworkPath, [...prod, fromTest]);
        assert.deepEqual(messages(outcome), ["Security group rule 'from-test' in prod admits 10.10.0.0/16 (test); admit only prod ranges (10.30.0.0/16)."]);
    });
});

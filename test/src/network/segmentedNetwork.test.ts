// SegmentedNetwork used on its own, without public subnets, and the segmentation checks the
// stack tests rely on: they must report a network that is no longer segmented.

import { strict as assert } from "node:assert";
import { shippedPlan } from "../../../policies/lib/plan";
import type { CapturedResource, StackCapture } from "../harness/capture";
import { segmentationViolations } from "../harness/segmentation";
import { PRIVATE_NETWORK_RUN, shippedStack, startAllRuns, stackRun } from "../harness/stackRuns";
import { CaptureView } from "../harness/view";

describe("SegmentedNetwork without public subnets", () => {
    let view: CaptureView;
    before(async () => {
        startAllRuns();
        view = new CaptureView(await stackRun(PRIVATE_NETWORK_RUN));
    });

    it("builds without an error and keeps every segmentation guarantee", () => {
        assert.equal(view.capture.error, undefined);
        assert.deepEqual(segmentationViolations(view.capture, shippedPlan, "test"), []);
    });

    it("has no internet gateway, NAT gateway, public subnet or route out of the VPC", () => {
        for (const type of ["aws:ec2/internetGateway:InternetGateway", "aws:ec2/natGateway:NatGateway", "aws:ec2/eip:Eip", "aws:ec2/route:Route"]) {
            assert.deepEqual(view.ofType(type), [], type);
        }
        const tiers = view.ofType("aws:ec2/subnet:Subnet").map((s) => (view.inputs(s).tags as Record<string, string>).Tier);
        assert.deepEqual(tiers, ["private", "private", "isolated", "isolated"]);
    });
});

describe("the segmentation checks", () => {
    let prod: StackCapture;
    before(async () => {
        prod = await shippedStack("prod");
    });

    const resource = (type: string, name: string, inputs: Record<string, unknown>): CapturedResource => ({
        urn: `urn:pulumi:prod::blastwall-network::${type}::${name}`,
        id: `${name}-id`,
        type,
        name,
        custom: true,
        parent: "",
        provider: "",
        dependencies: [],
        propertyDependencies: {},
        replaceWith: [],
        additionalSecretOutputs: [],
        inputs,
        outputs: {},
    });
    const withExtra = (...extra: CapturedResource[]): StackCapture => ({ ...prod, resources: [...prod.resources, ...extra] });
    const byName = (name: string) => prod.resources.find((r) => r.name === name)!;

    it("report a route from prod to staging's range, even through the internet gateway", () => {
        const gateway = new CaptureView(prod).one("aws:ec2/internetGateway:InternetGateway");
        const route = resource("aws:ec2/route:Route", "to-staging", { routeTableId: "rtb-1", destinationCidrBlock: "10.20.0.0/16", gatewayId: gateway.id });
        assert.deepEqual(segmentationViolations(withExtra(route), shippedPlan, "prod"), ["Route 'to-staging' sends 10.20.0.0/16 (staging's 10.20.0.0/16) out of the VPC."]);
    });

    it("report a peering connection and the route through it", () => {
        const peering = resource("aws:ec2/vpcPeeringConnection:VpcPeeringConnection", "to-test", { vpcId: "vpc-1", peerVpcId: "vpc-2", peerOwnerId: "100000000010" });
        const route = resource("aws:ec2/route:Route", "via-peering", { routeTableId: "rtb-1", destinationCidrBlock: "10.10.4.0/24", vpcPeeringConnectionId: peering.id });
        assert.deepEqual(segmentationViolations(withExtra(peering, route), shippedPlan, "prod"), [
            "aws:ec2/vpcPeeringConnection:VpcPeeringConnection 'to-test' connects the VPC to another network.",
            "Route 'via-peering' sends 10.10.4.0/24 (test's 10.10.0.0/16) out of the VPC.",
            "Route 'via-peering' targets vpcPeeringConnectionId to-test-id, which is not this VPC's internet gateway or NAT gateway.",
            "aws:ec2/vpcPeeringConnection:VpcPeeringConnection 'to-test' names test's account 100000000010 in peerOwnerId.",
        ]);
    });

    it("report a network ACL that lets staging's range in ahead of its deny", () => {
        const acl = byName("prod-private");
        const ingress = [{ ruleNo: 50, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "10.20.8.0/24" }, ...(acl.inputs.ingress as unknown[])];
        const changed = { ...prod, resources: prod.resources.map((r) => (r === acl ? { ...r, inputs: { ...r.inputs, ingress } } : r)) };
        assert.deepEqual(segmentationViolations(changed, shippedPlan, "prod"), [0, 1, 2].map((zone) => `Network ACL 'prod-private' of subnet 'prod-private-${zone}' does not deny ingress 10.20.0.0/16 (staging).`));
    });

    it("report an AWS provider that would accept another environment's account", () => {
        const provider = byName("aws-prod");
        const changed = { ...prod, resources: prod.resources.map((r) => (r === provider ? { ...r, inputs: { ...r.inputs, allowedAccountIds: '["100000000020"]' } } : r)) };
        assert.deepEqual(segmentationViolations(changed, shippedPlan, "prod"), [
            "pulumi:providers:aws 'aws-prod' names staging's account 100000000020 in allowedAccountIds.",
            'AWS provider \'aws-prod\' allows accounts ["100000000020"], not prod\'s ["100000000030"].',
        ]);
    });
});

// Each shipped stack, run under strict mocks with its own stack file: what segmentation means,
// resource by resource. Credentials are checked in credentials/stackCredentials.test.ts.

import { strict as assert } from "node:assert";
import { contains, parseCidr } from "../../policies/lib/cidr";
import { shippedPlan } from "../../policies/lib/plan";
import { MANAGED_BY } from "../../src/providers";
import type { StackCapture } from "./harness/capture";
import { RESOURCE_MOCKS } from "./harness/mocks";
import { stackConfig } from "./harness/stackConfig";
import { segmentationViolations } from "./harness/segmentation";
import { STACKS, shippedStack } from "./harness/stackRuns";
import { CaptureView } from "./harness/view";

const cidr = (text: unknown) => parseCidr(text) ?? assert.fail(`${String(text)} is not a range`);

for (const stack of STACKS) {
    describe(`stack ${stack} under mocks`, () => {
        const config = stackConfig(stack);
        const spec = shippedPlan[stack];
        const owner = config["blastwall:owner"];
        const zones = Number(config["blastwall:availabilityZones"]);
        let capture: StackCapture;
        let view: CaptureView;
        before(async () => {
            capture = await shippedStack(stack);
            view = new CaptureView(capture);
        });

        it("builds without an error", () => {
            assert.equal(capture.error, undefined);
            assert.ok(capture.resources.length > 50, `${capture.resources.length} resources`);
        });

        it("keeps every segmentation guarantee (routes, peering, network ACLs, accounts, providers)", () => {
            assert.deepEqual(segmentationViolations(capture, shippedPlan, stack), []);
        });

        it("binds the AWS provider to the environment's account and region, tagging Environment, Owner and ManagedBy", () => {
            const provider = view.inputs(view.one("pulumi:providers:aws"));
            assert.equal(provider.region, spec.region);
            assert.deepEqual(JSON.parse(String(provider.allowedAccountIds)), spec.awsAccountIds);
            assert.deepEqual(JSON.parse(String(provider.defaultTags)), { tags: { Environment: stack, Owner: owner, ManagedBy: MANAGED_BY } });
        });

        it("binds the Okta provider to the environment's org", () => {
            const provider = view.inputs(view.one("pulumi:providers:okta"));
            assert.deepEqual({ orgName: provider.orgName, baseUrl: provider.baseUrl }, spec.okta);
        });

        it("creates every resource through the environment's own providers, never a default one", () => {
            for (const r of capture.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"))) {
                const pkg = r.type.split(":")[0];
                assert.match(r.provider, new RegExp(`::pulumi:providers:${pkg}::${pkg}-${stack}::`), `${r.type} '${r.name}'`);
            }
            const invokes = capture.invokes.map((i) => `${i.token} via ${i.provider.split("::")[3]}`).sort();
            assert.deepEqual(invokes, [`aws:index/getAvailabilityZones:getAvailabilityZones via aws-${stack}`, `okta:index/getOrgMetadata:getOrgMetadata via okta-${stack}`]);
        });

        it("tags every taggable resource with the stack's environment and an owner", () => {
            const taggable = capture.resources.filter((r) => RESOURCE_MOCKS[r.type]?.taggable);
            const types = new Set(taggable.map((r) => r.type));
            for (const type of ["aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:iam/user:User", "aws:secretsmanager/secret:Secret"]) assert.ok(types.has(type), type);
            for (const r of taggable) {
                const tags = view.outputs(r).tagsAll as Record<string, string>;
                assert.equal(tags.Environment, stack, `${r.type} '${r.name}'`);
                assert.match(tags.Owner, /^[a-z-]+-team$/, `${r.type} '${r.name}'`);
            }
        });

        it("puts the VPC on the plan's range and every subnet inside it", () => {
            const vpc = view.inputs(view.one("aws:ec2/vpc:Vpc"));
            assert.equal(vpc.cidrBlock, spec.cidrs[0]);
            for (const subnet of view.ofType("aws:ec2/subnet:Subnet")) assert.ok(contains(cidr(vpc.cidrBlock), cidr(view.inputs(subnet).cidrBlock)));
        });

        it(`spreads public, private and isolated subnets over ${zones} zones`, () => {
            const subnets = view.ofType("aws:ec2/subnet:Subnet").map((s) => view.inputs(s));
            for (const tier of ["public", "private", "isolated"]) {
                const zonesOfTier = subnets.filter((s) => (s.tags as Record<string, string>).Tier === tier).map((s) => s.availabilityZone);
                assert.deepEqual(zonesOfTier, ["a", "b", "c"].slice(0, zones).map((l) => `${spec.region}${l}`), tier);
            }
            assert.ok(subnets.every((s) => s.mapPublicIpOnLaunch === false));
        });

        it("has an internet gateway for its public subnets and NAT gateways as its stack file says", () => {
            assert.equal(view.ofType("aws:ec2/internetGateway:InternetGateway").length, 1);
            const expected = { none: 0, single: 1, perAz: zones }[config["blastwall:nat"] as "none" | "single" | "perAz"];
            assert.equal(view.ofType("aws:ec2/natGateway:NatGateway").length, expected);
            const privateDefaults = view.ofType("aws:ec2/route:Route").filter((r) => r.name.includes("-private-"));
            assert.equal(privateDefaults.length, expected === 0 ? 0 : zones);
        });

        it("manages the default security group and network ACL with no rules at all", () => {
            for (const type of ["aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl"]) {
                const inputs = view.inputs(view.one(type));
                assert.deepEqual([inputs.ingress ?? [], inputs.egress ?? []], [[], []], type);
            }
        });

        it("logs all of the VPC's traffic for as long as its stack file says", () => {
            const flowLog = view.one("aws:ec2/flowLog:FlowLog");
            assert.equal(view.inputs(flowLog).trafficType, "ALL");
            assert.deepEqual(view.propertySources(flowLog, "vpcId").map((r) => r.type), ["aws:ec2/vpc:Vpc"]);
            const [group] = view.propertySources(flowLog, "logDestination");
            assert.equal(view.inputs(group).retentionInDays, Number(config["blastwall:flowLogRetentionDays"]));
            const role = view.propertySources(flowLog, "iamRoleArn")[0];
            const trust = JSON.parse(String(view.inputs(role).assumeRolePolicy)) as { Statement: { Principal: unknown; Condition: { StringEquals: Record<string, string> } }[] };
            assert.deepEqual(trust.Statement.map((s) => [s.Principal, s.Condition.StringEquals["aws:SourceAccount"]]), [[{ Service: "vpc-flow-logs.amazonaws.com" }, spec.awsAccountIds[0]]]);
        });

        it("exports no secret material", () => {
            const exported = JSON.stringify(capture.exports);
            assert.doesNotMatch(exported, /mock-secret-|AKIA/);
            assert.equal((capture.exports as { environmentName: string }).environmentName, stack);
        });
    });
}

describe("stack prod, beyond its stack file", () => {
    it("spans three zones with a NAT gateway in each", async () => {
        const view = new CaptureView(await shippedStack("prod"));
        const zones = new Set(view.ofType("aws:ec2/subnet:Subnet").map((s) => view.inputs(s).availabilityZone));
        assert.equal(zones.size, 3);
        assert.equal(view.ofType("aws:ec2/natGateway:NatGateway").length, 3);
    });
});

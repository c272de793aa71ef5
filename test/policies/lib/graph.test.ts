import { strict as assert } from "node:assert";
import { resolve, stackGraph, trace, Visit } from "../../../policies/lib/graph";
import { buildStackView, ResourceView } from "../../../policies/lib/model";
import { isUnknown, UNKNOWN_WIRE_VALUE } from "../../../policies/lib/props";
import { NO_SECRETS } from "../../../policies/lib/sdk/wire";
import { urnOf } from "../../helpers/policy-runtime";

const unknown = UNKNOWN_WIRE_VALUE;

function view(type: string, name: string, props: Record<string, unknown> = {}, propertyDependencies: Record<string, ResourceView[]> = {}): ResourceView {
    const deps = Object.fromEntries(Object.entries(propertyDependencies).map(([key, list]) => [key, list.map((r) => r.urn)]));
    return { urn: urnOf(type, name), type, name, props, secrets: NO_SECRETS, dependencies: [], propertyDependencies: deps };
}

const VPC = "aws:ec2/vpc:Vpc";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

/** A visitor that decides on a VPC's range and follows anything else through its vpcId. */
const vpcRange = (resource: ResourceView): Visit<string> => {
    const cidr = resource.props.cidrBlock;
    if (resource.type === VPC) return typeof cidr === "string" && !isUnknown(cidr) ? { decided: cidr } : undefined;
    return { follow: ["vpcId"] };
};

describe("graph", () => {
    const vpc = view(VPC, "main", { cidrBlock: "10.30.0.0/16", id: "vpc-123" });
    const group = view(SG, "web", { vpcId: unknown }, { vpcId: [vpc] });
    const rule = view(RULE, "web-in", { securityGroupId: unknown, referencedSecurityGroupId: "sg-other" }, { securityGroupId: [group] });

    describe("stackGraph", () => {
        const stack = buildStackView([vpc, group, rule], new Map());

        it("names the resources a property was computed from", () => {
            assert.deepEqual(stackGraph(stack).sources(rule, "securityGroupId"), [group]);
            assert.deepEqual(stackGraph(stack).sources(rule, "referencedSecurityGroupId"), []);
        });

        it("skips dependencies outside the stack and the resource itself", () => {
            const self = view(SG, "self", {}, {});
            const odd: ResourceView = { ...self, propertyDependencies: { vpcId: [self.urn, "urn:pulumi:prod::other::aws:ec2/vpc:Vpc::gone", vpc.urn, vpc.urn] } };
            const graph = stackGraph(buildStackView([vpc, odd], new Map()));
            assert.deepEqual(graph.sources(odd, "vpcId"), [vpc]);
        });

        it("finds resources by an output value, such as their id", () => {
            assert.deepEqual(stackGraph(stack).withOutput("id", "vpc-123"), [vpc]);
            assert.deepEqual(stackGraph(stack).withOutput("id", "vpc-999"), []);
        });

        it("finds the resources that took a property from a resource", () => {
            assert.deepEqual(stackGraph(stack).referrers(vpc.urn, "vpcId"), [group]);
            assert.deepEqual(stackGraph(stack).referrers(group.urn, "securityGroupId"), [rule]);
            assert.deepEqual(stackGraph(stack).referrers(vpc.urn, "securityGroupId"), []);
        });

        it("is built once per stack view", () => {
            assert.equal(stackGraph(stack), stackGraph(stack));
        });
    });

    describe("trace", () => {
        it("follows an unknown value through a chain of resources to the one that decides", () => {
            const stack = buildStackView([vpc, group, rule], new Map());
            const traced = trace(stack, rule, "securityGroupId", vpcRange);
            assert.equal(traced.undecided, false);
            assert.deepEqual(
                traced.decisions.map((d) => [d.value, d.resource.name, d.chain.map((r) => r.name)]),
                [["10.30.0.0/16", "main", ["web", "main"]]],
            );
        });

        it("is undecided when the property has no recorded source", () => {
            const stack = buildStackView([vpc, group, rule], new Map());
            assert.deepEqual(trace(stack, rule, "referencedSecurityGroupId", vpcRange), { decisions: [], undecided: true });
        });

        it("is undecided when a visitor meets a dead end, and keeps the decisions of other branches", () => {
            const ipam = view(VPC, "ipam", { cidrBlock: unknown });
            const both = view(SG, "both", {}, { vpcId: [vpc, ipam] });
            const traced = trace(buildStackView([vpc, ipam, both], new Map()), both, "vpcId", vpcRange);
            assert.equal(traced.undecided, true);
            assert.deepEqual(traced.decisions.map((d) => d.value), ["10.30.0.0/16"]);
        });

        it("stops at the depth limit and says so", () => {
            const far = view(SG, "far", {}, { vpcId: [group] });
            const farther = view(SG, "farther", {}, { vpcId: [far] });
            const traced = trace(buildStackView([vpc, group, far, farther], new Map()), farther, "vpcId", vpcRange, 2);
            assert.deepEqual(traced, { decisions: [], undecided: true });
        });

        it("terminates on a cycle", () => {
            const a = view(SG, "a", {});
            const b = view(SG, "b", {}, { vpcId: [a] });
            const cyclic: ResourceView = { ...a, propertyDependencies: { vpcId: [b.urn] } };
            const traced = trace(buildStackView([cyclic, b], new Map()), cyclic, "vpcId", vpcRange);
            assert.deepEqual(traced.decisions, []);
            assert.equal(traced.undecided, true);
        });
    });

    describe("resolve", () => {
        const stack = buildStackView([vpc, group, rule], new Map());

        it("returns a known value without tracing", () => {
            assert.deepEqual(resolve(stack, rule, ["referencedSecurityGroupId"], vpcRange), { known: true, value: "sg-other" });
        });

        it("traces an unknown value through the top-level property of its path", () => {
            const nested = view(SG, "nested", { ingress: [{ securityGroups: [unknown] }] }, { ingress: [group] });
            const resolved = resolve(buildStackView([vpc, group, nested], new Map()), nested, ["ingress", 0, "securityGroups", 0], vpcRange);
            assert.equal(resolved.known, false);
            assert.deepEqual(!resolved.known && resolved.traced.decisions.map((d) => d.value), ["10.30.0.0/16"]);
        });

        it("reads a value inside an unknown container as unknown", () => {
            const whole = view(SG, "whole", { ingress: unknown }, {});
            const resolved = resolve(buildStackView([whole], new Map()), whole, ["ingress", 0, "cidrBlocks"], vpcRange);
            assert.deepEqual(resolved, { known: false, traced: { decisions: [], undecided: true } });
        });
    });
});

import { strict as assert } from "node:assert";
import fc from "fast-check";
import { overlaps, parseCidr } from "../../../policies/lib/cidr";
import { EnvironmentPlan, shippedPlan } from "../../../policies/lib/plan";
import { NaclEntry, naclCapacityProblem, otherEnvironmentRanges, segmentationRules } from "../../../src/network/nacl";
import { SUBNET_TIERS } from "../../../src/network/subnets";
import { deniesWholly } from "../harness/segmentation";
import { validPlan } from "./arbitraries";

const rangeOf = (entry: NaclEntry) => parseCidr(entry.cidrBlock ?? entry.ipv6CidrBlock);

/** The first rule (lowest number) that touches `range`. */
function firstMatch(entries: readonly NaclEntry[], range: string): NaclEntry | undefined {
    const target = parseCidr(range);
    if (!target) return undefined;
    return [...entries].sort((a, b) => a.ruleNo - b.ruleNo).find((e) => {
        const r = rangeOf(e);
        return r !== undefined && overlaps(r, target);
    });
}

describe("network ACL segmentation rules", () => {
    it("denies test and staging ahead of the internet allow in prod's public tier, both ways", () => {
        const expected = [
            { ruleNo: 100, action: "deny", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "10.10.0.0/16" },
            { ruleNo: 110, action: "deny", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "10.20.0.0/16" },
            { ruleNo: 1000, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" },
        ];
        const rules = segmentationRules(shippedPlan, "prod", "public");
        assert.deepEqual(rules.ingress, expected);
        assert.deepEqual(rules.egress, expected);
    });

    it("lets the isolated tier reach its own environment only", () => {
        const rules = segmentationRules(shippedPlan, "staging", "isolated");
        assert.deepEqual(
            rules.egress.map((e) => `${e.ruleNo} ${e.action} ${e.cidrBlock}`),
            ["100 deny 10.10.0.0/16", "110 deny 10.30.0.0/16", "1000 allow 10.20.0.0/16"],
        );
    });

    it("denies another environment's IPv6 range as an IPv6 entry", () => {
        const plan: EnvironmentPlan = { ...shippedPlan, staging: { ...shippedPlan.staging, cidrs: ["10.20.0.0/16", "2600:1f18:20::/48"] } };
        const denies = segmentationRules(plan, "prod", "private").ingress.filter((e) => e.action === "deny");
        assert.deepEqual(denies[2], { ruleNo: 120, action: "deny", protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlock: "2600:1f18:20::/48" });
    });

    it("lists every other environment's ranges in plan order", () => {
        assert.deepEqual(otherEnvironmentRanges(shippedPlan, "staging"), [
            { environment: "test", cidr: "10.10.0.0/16" },
            { environment: "prod", cidr: "10.30.0.0/16" },
        ]);
    });

    it("refuses a plan whose ranges do not fit one network ACL, naming the fix", () => {
        const crowded: EnvironmentPlan = {
            ...shippedPlan,
            staging: { ...shippedPlan.staging, cidrs: Array.from({ length: 18 }, (_, i) => `10.${100 + i}.0.0/16`) },
        };
        const message =
            "The network ACLs of prod would need 21 entries per direction (19 to deny other environments' ranges, 1 to allow, and AWS's default deny), " +
            'more than AWS\'s default quota of 20; merge ranges in policies/plan/environments.json or raise the quota "Rules per network ACL".';
        assert.equal(naclCapacityProblem(crowded, "prod"), message);
        assert.throws(() => segmentationRules(crowded, "prod", "public"), { message });
        assert.equal(naclCapacityProblem(shippedPlan, "prod"), undefined);
    });

    describe("properties, for any valid plan", () => {
        const planEnvTier = validPlan.chain((plan) =>
            fc.record({ plan: fc.constant(plan), environment: fc.constantFrom(...Object.keys(plan)), tier: fc.constantFrom(...SUBNET_TIERS) }),
        );

        it("decides every other environment's whole range with an explicit deny, in both directions", () => {
            fc.assert(
                fc.property(planEnvTier, ({ plan, environment, tier }) => {
                    const rules = segmentationRules(plan, environment, tier);
                    for (const { cidr } of otherEnvironmentRanges(plan, environment)) {
                        assert.ok(deniesWholly(rules.ingress, cidr), `${environment} ${tier} ingress ${cidr}`);
                        assert.ok(deniesWholly(rules.egress, cidr), `${environment} ${tier} egress ${cidr}`);
                    }
                }),
            );
        });

        it("never denies the environment's own ranges, and numbers each rule once", () => {
            fc.assert(
                fc.property(planEnvTier, ({ plan, environment, tier }) => {
                    const rules = segmentationRules(plan, environment, tier);
                    for (const own of plan[environment].cidrs) assert.equal(firstMatch(rules.ingress, own)?.action, "allow");
                    const numbers = rules.ingress.map((e) => e.ruleNo);
                    assert.equal(new Set(numbers).size, numbers.length);
                }),
            );
        });

        it("lets isolated subnets reach nothing outside their own environment", () => {
            fc.assert(
                fc.property(validPlan, (plan) => {
                    for (const environment of Object.keys(plan)) {
                        const allows = segmentationRules(plan, environment, "isolated").egress.filter((e) => e.action === "allow");
                        assert.deepEqual(allows.map((e) => e.cidrBlock ?? e.ipv6CidrBlock), [...plan[environment].cidrs]);
                    }
                }),
            );
        });
    });
});

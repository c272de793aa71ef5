import { strict as assert } from "node:assert";
import fc from "fast-check";
import { contains, overlaps, parseCidr } from "../../../policies/lib/cidr";
import { shippedPlan } from "../../../policies/lib/plan";
import { MAX_ZONES, subnetCidr, subnetLayout, vpcRangeProblem } from "../../../src/network/subnets";
import { validPlan, vpcRange } from "./arbitraries";

const cidr = (text: string) => {
    const parsed = parseCidr(text);
    assert.ok(parsed, `${text} parses`);
    return parsed;
};

describe("subnet layout", () => {
    it("lays a /16 over three zones out as /21 subnets, one tier block each", () => {
        assert.deepEqual(
            subnetLayout("10.30.0.0/16", 3).map((s) => `${s.tier} ${s.zoneIndex} ${s.cidr}`),
            [
                "public 0 10.30.0.0/21",
                "public 1 10.30.8.0/21",
                "public 2 10.30.16.0/21",
                "private 0 10.30.64.0/21",
                "private 1 10.30.72.0/21",
                "private 2 10.30.80.0/21",
                "isolated 0 10.30.128.0/21",
                "isolated 1 10.30.136.0/21",
                "isolated 2 10.30.144.0/21",
            ],
        );
    });

    it("lays the smallest allowed range, a /23, out as /28 subnets", () => {
        assert.equal(subnetCidr("10.30.2.0/23", "isolated", 7), "10.30.3.112/28");
    });

    it("leaves out the tiers it is not asked for", () => {
        assert.deepEqual(
            subnetLayout("10.10.0.0/16", 2, ["private", "isolated"]).map((s) => s.cidr),
            ["10.10.64.0/21", "10.10.72.0/21", "10.10.128.0/21", "10.10.136.0/21"],
        );
    });

    const rangeProblems: [string, string, string | undefined][] = [
        ["accepts a /16 network", "10.30.0.0/16", undefined],
        ["accepts a /23 network", "10.30.2.0/23", undefined],
        ["refuses a range larger than AWS allows for a VPC", "10.0.0.0/8", "is larger than the /16 AWS allows for a VPC"],
        ["refuses a range too small for three tiers of eight /28 slots", "10.30.0.0/24", "is smaller than /23, which leaves no room for /28 subnets in three tiers of 8 zone slots"],
        ["refuses an address that is not the network's", "10.30.1.0/16", "is not a network address (the network is 10.30.0.0/16)"],
        ["refuses an IPv6 range", "2600:1f18::/56", "is an IPv6 range; the VPC needs an IPv4 range"],
        ["refuses text that is no range", "ten-thirty", "is not an IPv4 range"],
    ];
    for (const [behaviour, range, problem] of rangeProblems) {
        it(`${behaviour} (${range})`, () => assert.equal(vpcRangeProblem(range), problem));
    }

    it("refuses a zone index beyond the eight slots", () => {
        assert.throws(() => subnetCidr("10.30.0.0/16", "public", MAX_ZONES), { message: "Zone index 8 is outside 0..7." });
    });

    it("refuses to lay out a range a VPC cannot use, naming it", () => {
        assert.throws(() => subnetLayout("10.0.0.0/8", 2), { message: "The VPC range 10.0.0.0/8 is larger than the /16 AWS allows for a VPC." });
    });

    it("keeps every existing subnet when a zone is added", () => {
        const two = subnetLayout("10.20.0.0/16", 2).map((s) => s.cidr);
        const three = subnetLayout("10.20.0.0/16", 3).map((s) => s.cidr);
        assert.deepEqual(two.filter((c) => !three.includes(c)), []);
    });

    describe("properties", () => {
        const zones = fc.integer({ min: 1, max: MAX_ZONES });

        it("puts every subnet inside its VPC range", () => {
            fc.assert(
                fc.property(vpcRange, zones, (vpc, n) => {
                    for (const subnet of subnetLayout(vpc, n)) assert.ok(contains(cidr(vpc), cidr(subnet.cidr)), `${subnet.cidr} in ${vpc}`);
                }),
            );
        });

        it("never lets two subnets of a VPC overlap, and gives each tier one per zone", () => {
            fc.assert(
                fc.property(vpcRange, zones, (vpc, n) => {
                    const layout = subnetLayout(vpc, n);
                    assert.equal(layout.length, 3 * n);
                    layout.forEach((a, i) => layout.slice(i + 1).forEach((b) => assert.ok(!overlaps(cidr(a.cidr), cidr(b.cidr)), `${a.cidr} / ${b.cidr}`)));
                }),
            );
        });

        it("never lets a subnet of one environment overlap another environment, for any valid plan", () => {
            fc.assert(
                fc.property(validPlan, zones, (plan, n) => {
                    const names = Object.keys(plan);
                    for (const name of names) {
                        const others = names.filter((other) => other !== name).flatMap((other) => plan[other].cidrs);
                        for (const subnet of subnetLayout(plan[name].cidrs[0], n)) {
                            for (const range of others) assert.ok(!overlaps(cidr(subnet.cidr), cidr(range)), `${name} ${subnet.cidr} / ${range}`);
                        }
                    }
                }),
            );
        });

        it("holds for the shipped plan too", () => {
            for (const name of Object.keys(shippedPlan)) {
                const others = Object.entries(shippedPlan).filter(([other]) => other !== name).flatMap(([, spec]) => spec.cidrs);
                for (const subnet of subnetLayout(shippedPlan[name].cidrs[0], MAX_ZONES)) {
                    assert.ok(others.every((range) => !overlaps(cidr(subnet.cidr), cidr(range))));
                }
            }
        });
    });
});

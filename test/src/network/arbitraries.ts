// fast-check generators for environment plans: any plan the pack would accept (planProblems
// empty), with ranges a VPC can use, so that properties hold "for any valid plan".

import fc from "fast-check";
import type { EnvironmentPlan, EnvironmentSpec } from "../../../policies/lib/plan";
import { planProblems } from "../../../policies/lib/plan";
import { LARGEST_VPC_PREFIX, SMALLEST_VPC_PREFIX } from "../../../src/network/subnets";

/** An IPv4 network range from /16 to /23, written in canonical form. */
export const vpcRange: fc.Arbitrary<string> = fc
    .record({ address: fc.integer({ min: 0, max: 2 ** 32 - 1 }), prefix: fc.integer({ min: LARGEST_VPC_PREFIX, max: SMALLEST_VPC_PREFIX }) })
    .map(({ address, prefix }) => {
        const size = 2 ** (32 - prefix);
        const network = Math.floor(address / size) * size;
        const octets = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256);
        return `${octets.join(".")}/${prefix}`;
    });

const spec = (i: number, cidrs: string[]): EnvironmentSpec => ({
    cidrs,
    awsAccountIds: [String(100000000000 + i)],
    region: "us-east-1",
    okta: { orgName: `org-${i}`, baseUrl: "okta.com" },
});

/** A valid plan of two to five environments, each with one to three ranges. */
export const validPlan: fc.Arbitrary<EnvironmentPlan> = fc
    .array(fc.array(vpcRange, { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 5 })
    .map((ranges) => Object.fromEntries(ranges.map((cidrs, i) => [`env${i}`, spec(i, cidrs)])))
    .filter((plan) => planProblems(plan).length === 0);

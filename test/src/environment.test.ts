import { strict as assert } from "node:assert";
import { EnvironmentPlan, shippedPlan } from "../../policies/lib/plan";
import { resolveEnvironment } from "../../src/environment";
import { ConfigurationError } from "../../src/errors";

function problemsOf(build: () => unknown): readonly string[] {
    try {
        build();
    } catch (error) {
        assert.ok(error instanceof ConfigurationError, `a ConfigurationError, not ${String(error)}`);
        return error.problems;
    }
    assert.fail("expected a ConfigurationError");
}

const withProd = (prod: Partial<EnvironmentPlan[string]>): EnvironmentPlan => ({ ...shippedPlan, prod: { ...shippedPlan.prod, ...prod } });

describe("resolveEnvironment", () => {
    it("reads prod's region, accounts, Okta org and VPC range from the plan", () => {
        const prod = resolveEnvironment("prod", "prod");
        assert.deepEqual(
            { name: prod.name, region: prod.region, accounts: prod.awsAccountIds, account: prod.accountId, okta: prod.okta, vpc: prod.vpcCidr },
            {
                name: "prod",
                region: "us-east-1",
                accounts: ["100000000030"],
                account: "100000000030",
                okta: { orgName: "blastwall", baseUrl: "okta.com" },
                vpc: "10.30.0.0/16",
            },
        );
        assert.equal(prod.plan, shippedPlan);
    });

    it("accepts a stack whose name names no environment (its tag decides for the pack)", () => {
        assert.equal(resolveEnvironment("staging", "blue").name, "staging");
    });

    it("takes the first range a VPC can use when the plan lists a wider one first", () => {
        assert.equal(resolveEnvironment("prod", "prod", withProd({ cidrs: ["10.30.0.0/15", "10.32.0.0/16"] })).vpcCidr, "10.32.0.0/16");
    });

    const refused: [string, () => unknown, string[]][] = [
        [
            "an unset environment",
            () => resolveEnvironment(undefined, "prod"),
            ["blastwall:environment is not set; set it to the environment this stack deploys (pulumi config set blastwall:environment <test|staging|prod>)."],
        ],
        [
            "an environment missing from the plan",
            () => resolveEnvironment("qa", "qa"),
            [
                'blastwall:environment is "qa", which is not in the environment plan (test, staging, prod); set it to one of those, or add "qa" with its own ranges, account and Okta org to policies/plan/environments.json.',
            ],
        ],
        [
            "a stack named for another environment",
            () => resolveEnvironment("prod", "staging"),
            ['blastwall:environment is "prod" but stack \'staging\' is named for staging; set blastwall:environment to staging, or deploy prod from a stack named for it.'],
        ],
        [
            "a plan where prod's range overlaps another environment's",
            () => resolveEnvironment("prod", "prod", withProd({ cidrs: ["10.0.0.0/8"] })),
            [
                "The environment plan is invalid: environments.prod.cidrs: 10.0.0.0/8 overlaps test's 10.10.0.0/16; give each environment its own range (in policies/plan/environments.json).",
                "The environment plan is invalid: environments.prod.cidrs: 10.0.0.0/8 overlaps staging's 10.20.0.0/16; give each environment its own range (in policies/plan/environments.json).",
            ],
        ],
        [
            "a plan entry without region, Okta org or account",
            () => resolveEnvironment("prod", "prod", withProd({ region: undefined, okta: undefined, awsAccountIds: [] })),
            [
                "environments.prod.region is not set; add the environment's AWS region to policies/plan/environments.json.",
                "environments.prod.okta is not set; add the environment's Okta org ({orgName, baseUrl}) to policies/plan/environments.json.",
                "environments.prod.awsAccountIds is empty; add the environment's AWS account to policies/plan/environments.json.",
            ],
        ],
        [
            "a plan entry with no range a VPC can use",
            () => resolveEnvironment("prod", "prod", withProd({ cidrs: ["10.30.0.0/24", "2600:1f18:30::/56"] })),
            [
                "environments.prod.cidrs has no range a VPC can use (environments.prod.cidrs[0] 10.30.0.0/24 is smaller than /23, which leaves no room for /28 subnets in three tiers of 8 zone slots; " +
                    "environments.prod.cidrs[1] 2600:1f18:30::/56 is an IPv6 range; the VPC needs an IPv4 range); add an IPv4 range from /16 to /23 to policies/plan/environments.json.",
            ],
        ],
    ];
    for (const [behaviour, build, problems] of refused) {
        it(`refuses ${behaviour}, naming the option and the fix`, () => assert.deepEqual(problemsOf(build), problems));
    }
});

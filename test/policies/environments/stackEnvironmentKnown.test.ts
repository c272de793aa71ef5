import { strict as assert } from "node:assert";
import { stackEnvironmentKnown } from "../../../policies/environments/stackEnvironmentKnown";
import { messages, runStackPolicy, urnOf, WireResource } from "../../helpers/policy-runtime";

function stackOf(stack: string): WireResource[] {
    return [
        { type: "pulumi:pulumi:Stack", name: `blastwall-network-${stack}`, urn: urnOf("pulumi:pulumi:Stack", `blastwall-network-${stack}`, stack) },
        { type: "aws:ec2/vpc:Vpc", name: "vpc", urn: urnOf("aws:ec2/vpc:Vpc", "vpc", stack), props: { cidrBlock: "10.30.0.0/16" } },
    ];
}

describe("stack-environment-known", () => {
    const passing: [string, string, Record<string, string>?, Record<string, unknown>?][] = [
        ["a stack named after an environment", "prod"],
        ["a stack whose name has an environment as one part", "prod-eu"],
        ["a stack whose name ends in an environment", "payments-staging"],
        ["a stack tagged with an environment whatever its name", "blue", { environment: "test" }],
        ["a stack mapped by a stackEnvironments pattern", "payments-eu-1", {}, { stackEnvironments: { "payments-eu-*": "prod" } }],
    ];
    for (const [behaviour, stack, stackTags, config] of passing) {
        it(`passes ${behaviour} (${stack})`, async () => {
            const outcome = await runStackPolicy(stackEnvironmentKnown, stackOf(stack), { stackTags, config });
            assert.deepEqual(messages(outcome), []);
        });
    }

    it("blocks a stack that nothing maps to an environment, on the stack resource", async () => {
        const outcome = await runStackPolicy(stackEnvironmentKnown, stackOf("sandbox"));
        assert.equal(outcome.violations.length, 1);
        assert.equal(outcome.violations[0].level, "mandatory");
        assert.equal(outcome.violations[0].urn, urnOf("pulumi:pulumi:Stack", "blastwall-network-sandbox", "sandbox"));
        assert.equal(
            outcome.violations[0].message,
            "Stack 'sandbox' has no environment: neither a stack tag, a stackEnvironments pattern nor its name names an environment; tag it (pulumi stack tag set environment <test, staging, prod>) or add it to stackEnvironments.",
        );
    });

    it("blocks a stack whose name names two environments rather than guessing", async () => {
        const outcome = await runStackPolicy(stackEnvironmentKnown, stackOf("test-prod-copy"));
        assert.match(messages(outcome)[0], /its name names several environments \(test, prod\)/);
    });

    it("blocks a stack tag that names no known environment, even when the name would decide", async () => {
        const outcome = await runStackPolicy(stackEnvironmentKnown, stackOf("prod"), { stackTags: { environment: "production" } });
        assert.match(messages(outcome)[0], /its stack tag environment="production" is not one of test, staging, prod/);
    });

    it("reports an invalid configuration naming the key instead of evaluating", async () => {
        const outcome = await runStackPolicy(stackEnvironmentKnown, stackOf("prod"), {
            config: { environments: { prod: { cidrs: ["10.0.0.0/8"], awsAccountIds: ["100000000030"] }, staging: { cidrs: ["10.20.0.0/16"], awsAccountIds: ["100000000020"] } } },
        });
        assert.deepEqual(messages(outcome), [
            "The configuration of stack-environment-known is invalid: environments.staging.cidrs: 10.20.0.0/16 overlaps prod's 10.0.0.0/8; give each environment its own range; fix the policy pack config (see `blastwall config expand`).",
        ]);
    });

    it("passes an empty stack: there is nothing to deploy", async () => {
        assert.deepEqual(messages(await runStackPolicy(stackEnvironmentKnown, [])), []);
    });
});

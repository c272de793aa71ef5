// A bad config is refused at Configure, through the analyzer protocol on the real pack process,
// with INVALID_ARGUMENT and a message naming the policy and the key. The engine has validated only
// the JSON schemas by then (and ignores additionalProperties), so the pack must catch the rest.
import { strict as assert } from "node:assert";
import { PolicyConfigEntry } from "../../cli/analyzer/model";
import { reconcile } from "../../cli/config/reconcile";
import { sharedPackForSuite, stackOf } from "./pack";

const INVALID_ARGUMENT = 3;
const FIX = "fix the policy pack config (see `blastwall config expand`).";

const OVERLAPPING_PLAN = {
    prod: { cidrs: ["10.0.0.0/8"], awsAccountIds: ["100000000030"] },
    staging: { cidrs: ["10.20.0.0/16"], awsAccountIds: ["100000000020"] },
};

const REFUSED: ReadonlyArray<{ readonly name: string; readonly policy: string; readonly props: Record<string, unknown>; readonly message: string }> = [
    {
        name: "a value of the wrong type",
        policy: "credential-max-age",
        props: { maxAgeDays: "ninety" },
        message: `The configuration of credential-max-age is invalid: maxAgeDays must be object; ${FIX}`,
    },
    {
        name: "an unknown key, which the engine lets through",
        policy: "credential-max-age",
        props: { maxAgeDayz: { default: 60 } },
        message: `The configuration of credential-max-age is invalid: unknown setting "maxAgeDayz"; ${FIX}`,
    },
    {
        name: "an impossible evaluation date",
        policy: "stack-environment-known",
        props: { now: "2023-02-30" },
        message: `The configuration of stack-environment-known is invalid: now must match format "date" or must match format "date-time"; ${FIX}`,
    },
    {
        name: "an impossible incident date",
        policy: "credential-rotated-after-incident",
        props: { incidents: [{ id: "okta-2023-10", date: "2023-02-30", scope: { vendors: ["okta"] } }] },
        message: `The configuration of credential-rotated-after-incident is invalid: incidents[0].date must match format "date" or must match format "date-time"; ${FIX}`,
    },
    {
        name: "overlapping environment ranges, which no schema can express",
        policy: "no-cross-environment-network-path",
        props: { environments: OVERLAPPING_PLAN },
        message: `The configuration of no-cross-environment-network-path is invalid: environments.staging.cidrs: 10.20.0.0/16 overlaps prod's 10.0.0.0/8; give each environment its own range; ${FIX}`,
    },
    {
        name: "a stack pattern naming an environment that does not exist",
        policy: "stack-environment-known",
        props: { stackEnvironments: { "payments-*": "production" } },
        message: `The configuration of stack-environment-known is invalid: stackEnvironments["payments-*"] names environment "production", which is not in environments (prod, staging, test); ${FIX}`,
    },
];

describe("a bad config is refused at Configure (real pack, analyzer protocol)", function () {
    this.timeout(120_000);
    const suite = sharedPackForSuite();
    let base: Readonly<Record<string, PolicyConfigEntry>>;

    before(() => {
        base = reconcile(suite.info.policies, suite.info.initialConfig, {}).config;
    });

    const withProps = (policy: string, props: Record<string, unknown>, level?: PolicyConfigEntry["enforcementLevel"]) => ({
        ...base,
        [policy]: { enforcementLevel: level ?? base[policy].enforcementLevel, properties: { ...base[policy].properties, ...props } },
    });

    for (const c of REFUSED) {
        it(`refuses ${c.name}, naming the policy and the key`, async () => {
            const failure = await suite.pack.configure(withProps(c.policy, c.props));
            assert.deepEqual(failure, { code: INVALID_ARGUMENT, details: c.message });
        });
    }

    it("names every misconfigured policy, one sentence each", async () => {
        const config = { ...withProps("credential-max-age", { maxAgeDays: "ninety" }), "waiver-valid": { ...base["waiver-valid"], properties: { ...base["waiver-valid"].properties, maxWaiverDays: 0 } } };
        const failure = await suite.pack.configure(config);
        assert.equal(failure?.code, INVALID_ARGUMENT);
        assert.deepEqual(failure?.details.split("\n"), [
            `The configuration of credential-max-age is invalid: maxAgeDays must be object; ${FIX}`,
            `The configuration of waiver-valid is invalid: maxWaiverDays must be >= 1; ${FIX}`,
        ]);
    });

    it("accepts a disabled policy's config unread", async () => {
        assert.equal(await suite.pack.configure(withProps("credential-max-age", { maxAgeDays: "ninety" }, "disabled")), undefined);
    });

    it("accepts the config the engine builds from the schemas' defaults, and the pack then evaluates", async () => {
        assert.equal(await suite.pack.configure(base), undefined);
        const result = await suite.pack.session(stackOf([{ type: "aws:ec2/vpc:Vpc", name: "main", props: { cidrBlock: "10.30.0.0/16" } }]), {});
        assert.deepEqual(
            result.diagnostics.map((d) => d.policyName),
            [],
        );
        assert.ok(suite.pack.alive());
    });

    it("refuses through blastwall check's own session, which then stops with the pack's message", async () => {
        const session = suite.pack.session(stackOf([]), { "stack-environment-known": { properties: { environments: OVERLAPPING_PLAN } } });
        await assert.rejects(session, (error: Error) => {
            assert.equal(
                error.message.split("\n")[0],
                `the policy pack failed during Configure: The configuration of stack-environment-known is invalid: environments.staging.cidrs: 10.20.0.0/16 overlaps prod's 10.0.0.0/8; give each environment its own range; ${FIX}`,
            );
            return true;
        });
    });
});

import { strict as assert } from "node:assert";
import { noCrossEnvironmentStackReference } from "../../../policies/environments/noCrossEnvironmentStackReference";
import { securityGroup, stackReference } from "../../helpers/fixtures/environments";
import { messages, runStackPolicy, unknown, WireResource } from "../../helpers/policy-runtime";

const FIX = "reference only prod stacks, and give prod what it needs through its own configuration";

type Case = [behaviour: string, resources: () => WireResource[], expected: string[], config?: Record<string, unknown>];

const cases: Case[] = [
    ["blocks a prod stack reading staging's network stack", () => [stackReference({ name: "acme/network/staging" })], [`Stack reference 'network' in prod reads stack acme/network/staging (staging); ${FIX}.`]],
    ["blocks a bare stack name of another environment", () => [stackReference({ name: "test" }, { name: "sibling" })], [`Stack reference 'sibling' in prod reads stack test (test); ${FIX}.`]],
    [
        "blocks a stack that stackEnvironments maps to another environment",
        () => [stackReference({ name: "acme/payments/eu-1" }, { name: "payments" })],
        [`Stack reference 'payments' in prod reads stack acme/payments/eu-1 (staging); ${FIX}.`],
        { stackEnvironments: { "acme/payments/*": "staging" } },
    ],
    ["passes a reference to a prod stack", () => [stackReference({ name: "acme/network/prod" }), stackReference({ name: "acme/identity/prod-eu" }, { name: "identity" })], []],
    ["passes a shared stack whose name names no environment", () => [stackReference({ name: "acme/dns/global" }, { name: "dns" })], []],
    [
        "cannot verify a stack name unknown during preview",
        () => [stackReference({ name: unknown })],
        [
            "Stack reference 'network' in prod has name unknown during preview and no resource in this stack computes it; cannot verify during preview that it reads only prod stacks: set it from a literal, config or a resource of this stack, or check the exported state after the update.",
        ],
    ],
];

describe("no-cross-environment-stack-reference", () => {
    for (const [behaviour, resources, expected, config] of cases) {
        it(behaviour, async () => assert.deepEqual(messages(await runStackPolicy(noCrossEnvironmentStackReference, resources(), { config })), expected));
    }

    it("judges a staging stack reading prod's stack from staging's side", async () => {
        const outcome = await runStackPolicy(noCrossEnvironmentStackReference, [stackReference({ name: "acme/network/prod" }, { stack: "staging" })]);
        assert.deepEqual(messages(outcome), [
            "Stack reference 'network' in staging reads stack acme/network/prod (prod); reference only staging stacks, and give staging what it needs through its own configuration.",
        ]);
    });

    it("takes the stack's environment from its stack tag", async () => {
        const outcome = await runStackPolicy(noCrossEnvironmentStackReference, [stackReference({ name: "acme/network/staging" }, { stack: "blue" })], {
            stackTags: { environment: "staging" },
        });
        assert.deepEqual(messages(outcome), []);
    });

    describe("a reference known only by its URN, as a preview shows it (reads are never in AnalyzeStack)", () => {
        const built = (reference: string) => ({ ...securityGroup({ vpcId: "vpc-0a1b2c3d4e5f60720" }, { name: "app" }), dependencies: [reference], propertyDependencies: { vpcId: [reference] } });

        it("blocks a prod resource built from a staging stack's outputs, on that resource", async () => {
            const outcome = await runStackPolicy(noCrossEnvironmentStackReference, [built("urn:pulumi:prod::blastwall-network::pulumi:pulumi:StackReference::acme/network/staging")]);
            assert.deepEqual(messages(outcome), [
                `Security group 'app' in prod is built from outputs of stack acme/network/staging (staging), read through a StackReference; ${FIX}.`,
            ]);
            assert.equal(outcome.violations[0]?.urn, "urn:pulumi:prod::blastwall-network::aws:ec2/securityGroup:SecurityGroup::app");
        });

        it("passes one built from a prod stack's outputs", async () => {
            const outcome = await runStackPolicy(noCrossEnvironmentStackReference, [built("urn:pulumi:prod::blastwall-network::pulumi:pulumi:StackReference::acme/network/prod")]);
            assert.deepEqual(messages(outcome), []);
        });

        it("judges a reference named apart from its stack by the name the URN carries", async () => {
            // new StackReference("network", {name: "acme/network/staging"}): only "network" reaches the engine.
            const outcome = await runStackPolicy(noCrossEnvironmentStackReference, [built("urn:pulumi:prod::blastwall-network::pulumi:pulumi:StackReference::network")]);
            assert.deepEqual(messages(outcome), []);
        });
    });
});

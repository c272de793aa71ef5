import { strict as assert } from "node:assert";
import { shippedPlan } from "../../../policies/lib/plan";
import { resolveStackEnvironment, resolveStackName } from "../../../policies/lib/stack-environment";

describe("stack environment", () => {
    describe("of a referenced stack name", () => {
        const cases: [string, string, Record<string, string>, string | undefined][] = [
            ["a bare stack name", "prod", {}, "prod"],
            ["a fully qualified name", "acme/network/staging", {}, "staging"],
            ["a qualified name whose org and project contain environment words", "test-infra/test-tools/prod", {}, "prod"],
            ["a stack named with a region suffix", "acme/network/prod-eu", {}, "prod"],
            ["a stackEnvironments pattern on the whole name", "acme/payments/eu-1", { "acme/payments/*": "prod" }, "prod"],
            ["a stackEnvironments pattern on project/stack", "acme/payments/eu-1", { "payments/eu-*": "staging" }, "staging"],
            ["a shared stack whose name names no environment", "acme/dns/global", {}, undefined],
            ["a name that names two environments", "acme/network/staging-prod", {}, undefined],
        ];
        for (const [behaviour, name, patterns, expected] of cases) {
            it(`reads ${behaviour} (${name})`, () => {
                const resolved = resolveStackName(name, shippedPlan, patterns);
                assert.equal(resolved.known ? resolved.environment : undefined, expected);
            });
        }

        it("matches a bare name against patterns with the referencing stack's project", () => {
            const resolved = resolveStackName("eu-1", shippedPlan, { "payments/eu-*": "prod" }, "payments");
            assert.deepEqual(resolved, { known: true, environment: "prod", source: "stackEnvironments" });
        });
    });

    describe("of the stack itself", () => {
        it("prefers the stack tag over patterns and the name", () => {
            const resolved = resolveStackEnvironment("prod", "network", new Map([["Environment", "Staging"]]), shippedPlan, { prod: "test" });
            assert.deepEqual(resolved, { known: true, environment: "staging", source: "stack tag" });
        });

        it("prefers a stackEnvironments pattern over the name", () => {
            const resolved = resolveStackEnvironment("prod-copy", "network", new Map(), shippedPlan, { "prod-copy": "test" });
            assert.deepEqual(resolved, { known: true, environment: "test", source: "stackEnvironments" });
        });
    });
});

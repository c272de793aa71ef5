import { strict as assert } from "node:assert";
import { defineStackPolicy } from "../../../policies/lib/define";
import { stackEnvironmentKnown } from "../../../policies/environments/stackEnvironmentKnown";
import { runStackPolicy, urnOf, WireResource } from "../../helpers/policy-runtime";

const NOW = "2026-11-22T00:00:00Z";

// A policy that reports every access key, so waivers can be tested against several findings.
const everyKeyPolicy = defineStackPolicy({
    name: "test-every-access-key",
    description: "Test policy: reports every access key.",
    severity: "low",
    remediationSteps: "None: test only.",
    settings: [],
    checkStack: (stack) =>
        stack.resources.filter((r) => r.type === "aws:iam/accessKey:AccessKey").map((r) => ({ message: `Access key '${r.name}' is reported.`, urn: r.urn })),
});

const keys: WireResource[] = ["ci-deploy", "ci-build", "billing-export"].map((name) => ({ type: "aws:iam/accessKey:AccessKey", name, props: { user: name } }));

function waiver(overrides: Record<string, unknown> = {}) {
    return { policy: "test-every-access-key", resource: "ci-*", reason: "CI moves to OIDC in sprint 48.", approvedBy: "alice@example.com", expires: "2026-12-10", ...overrides };
}

describe("waivers, as every policy consults them", () => {
    it("reports a waived finding as advisory with the waiver's expiry, approver and reason", async () => {
        const outcome = await runStackPolicy(everyKeyPolicy, keys, { config: { enforcementLevel: "mandatory", now: NOW, waivers: [waiver()] } });
        const byName = new Map(outcome.violations.map((v) => [v.urn, v]));
        const waived = byName.get(urnOf("aws:iam/accessKey:AccessKey", "ci-deploy"));
        assert.equal(waived?.level, "advisory");
        assert.equal(
            waived?.message,
            "Test policy: reports every access key.\nAccess key 'ci-deploy' is reported. Waived until 2026-12-10 (waiver #1, approved by alice@example.com): CI moves to OIDC in sprint 48.",
        );
    });

    it("lets one pattern waive every resource it matches, and only those", async () => {
        const outcome = await runStackPolicy(everyKeyPolicy, keys, { config: { enforcementLevel: "mandatory", now: NOW, waivers: [waiver()] } });
        const levels = Object.fromEntries(outcome.violations.map((v) => [v.urn?.split("::").pop(), v.level]));
        assert.deepEqual(levels, { "ci-deploy": "advisory", "ci-build": "advisory", "billing-export": "mandatory" });
    });

    it("matches a pattern with '::' against the URN", async () => {
        const outcome = await runStackPolicy(everyKeyPolicy, keys, {
            config: { enforcementLevel: "mandatory", now: NOW, waivers: [waiver({ resource: "urn:pulumi:prod::*::aws:iam/accessKey:AccessKey::billing-*" })] },
        });
        const advisory = outcome.violations.filter((v) => v.level === "advisory").map((v) => v.urn);
        assert.deepEqual(advisory, [urnOf("aws:iam/accessKey:AccessKey", "billing-export")]);
    });

    const invalid: [string, Record<string, unknown>][] = [
        ["expired one day ago", { expires: "2026-11-21" }],
        ["longer than maxWaiverDays", { expires: "2027-02-01" }],
        ["without an approver", { approvedBy: undefined }],
        ["for another policy", { policy: "credential-max-age-typo" }],
        ["with an expiry that is not a date", { expires: "2026-02-30" }],
    ];
    for (const [behaviour, overrides] of invalid) {
        it(`waives nothing with a waiver ${behaviour}: the finding stays mandatory`, async () => {
            const outcome = await runStackPolicy(everyKeyPolicy, keys, { config: { enforcementLevel: "mandatory", now: NOW, waivers: [waiver(overrides)] } });
            assert.deepEqual(
                outcome.violations.map((v) => v.level),
                ["mandatory", "mandatory", "mandatory"],
            );
        });
    }

    it("waives a real policy's finding (stack-environment-known on the stack resource)", async () => {
        const resources: WireResource[] = [{ type: "pulumi:pulumi:Stack", name: "blastwall-network-sandbox", urn: urnOf("pulumi:pulumi:Stack", "blastwall-network-sandbox", "sandbox") }];
        const outcome = await runStackPolicy(stackEnvironmentKnown, resources, {
            config: {
                enforcementLevel: "mandatory",
                now: NOW,
                waivers: [{ policy: "stack-environment-known", resource: "blastwall-network-sandbox", reason: "Throwaway demo stack.", approvedBy: "bob", expires: "2026-11-30" }],
            },
        });
        assert.equal(outcome.violations.length, 1);
        assert.equal(outcome.violations[0].level, "advisory");
        assert.match(outcome.violations[0].message, /Waived until 2026-11-30 \(waiver #1, approved by bob\): Throwaway demo stack\.$/);
    });
});

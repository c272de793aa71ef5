import { strict as assert } from "node:assert";
import "../../../policies/policies";
import { waiverValid } from "../../../policies/ownership/waiverValid";
import { messages, runStackPolicy, urnOf, WireResource } from "../../helpers/policy-runtime";

const NOW = "2026-11-22T00:00:00Z";
const stack: WireResource[] = [{ type: "pulumi:pulumi:Stack", name: "blastwall-network-prod", urn: urnOf("pulumi:pulumi:Stack", "blastwall-network-prod") }];

const valid = { policy: "stack-environment-known", resource: "ci-*", reason: "Migration in progress.", approvedBy: "alice@example.com", expires: "2026-12-10" };

async function check(waivers: unknown[], extra: Record<string, unknown> = {}) {
    return runStackPolicy(waiverValid, stack, { config: { enforcementLevel: "mandatory", now: NOW, waivers, ...extra } });
}

describe("waiver-valid", () => {
    it("passes a complete waiver that expires within maxWaiverDays", async () => {
        assert.deepEqual(messages(await check([valid])), []);
    });

    it("passes when there are no waivers", async () => {
        assert.deepEqual(messages(await check([])), []);
    });

    const blocked: [string, unknown, string][] = [
        [
            "an expired waiver (one day past)",
            { ...valid, expires: "2026-11-21" },
            "Waiver #1 (stack-environment-known on 'ci-*') expired on 2026-11-21; fix or remove it: the finding it names keeps its own level until then.",
        ],
        [
            "a waiver longer than maxWaiverDays",
            { ...valid, expires: "2027-01-15" },
            "Waiver #1 (stack-environment-known on 'ci-*') runs until 2027-01-15, 54 days away, past the 30-day maximum (maxWaiverDays); fix or remove it: the finding it names keeps its own level until then.",
        ],
        [
            "an unapproved waiver",
            { ...valid, approvedBy: "" },
            "Waiver #1 (stack-environment-known on 'ci-*') has no approver (approvedBy); fix or remove it: the finding it names keeps its own level until then.",
        ],
        [
            "a waiver for a policy that is not in the pack",
            { ...valid, policy: "credential-max-ages" },
            "Waiver #1 (credential-max-ages on 'ci-*') names policy \"credential-max-ages\", which is not in this pack; fix or remove it: the finding it names keeps its own level until then.",
        ],
        [
            "a waiver of waiver-valid itself",
            { ...valid, policy: "waiver-valid" },
            "Waiver #1 (waiver-valid on 'ci-*') names waiver-valid, which no waiver may cover; fix or remove it: the finding it names keeps its own level until then.",
        ],
        [
            "a malformed waiver",
            "waive everything",
            "Waiver #1 is not an object with policy, resource, reason, approvedBy and expires; fix or remove it: the finding it names keeps its own level until then.",
        ],
        [
            "a waiver with several problems, naming each",
            { policy: "stack-environment-known", expires: "someday" },
            "Waiver #1 (stack-environment-known on no resource) names no resource, gives no reason, has no approver (approvedBy), has an expiry that is not a date (\"someday\"); fix or remove it: the finding it names keeps its own level until then.",
        ],
    ];
    for (const [behaviour, waiver, message] of blocked) {
        it(`blocks ${behaviour}`, async () => {
            const outcome = await check([waiver]);
            assert.deepEqual(messages(outcome), [message]);
            assert.equal(outcome.violations[0].level, "mandatory");
        });
    }

    it("numbers waivers as users count them and reports only the invalid ones", async () => {
        const outcome = await check([valid, { ...valid, expires: "2026-01-01" }]);
        assert.equal(outcome.violations.length, 1);
        assert.match(messages(outcome)[0], /^Waiver #2 /);
    });

    it("honours a larger maxWaiverDays", async () => {
        assert.deepEqual(messages(await check([{ ...valid, expires: "2027-01-15" }], { maxWaiverDays: 60 })), []);
    });
});

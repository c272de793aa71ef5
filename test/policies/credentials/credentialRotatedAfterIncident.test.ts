import { strict as assert } from "node:assert";
import { credentialRotatedAfterIncident } from "../../../policies/credentials/credentialRotatedAfterIncident";
import * as f from "../../helpers/fixtures/credentials";
import { urnFor, WireResource } from "../../helpers/policy-runtime";
import { messagesOf, run } from "./run";

const OKTA = { incidents: [f.OKTA_INCIDENT] };
const TOKEN_FIX = "revoke it and issue a new token in the Okta Admin Console, then import the new one";

describe("credential-rotated-after-incident", () => {
    const passing: [string, WireResource[], f.Props][] = [
        ["the shipped stack shape", f.shippedShape(), OKTA],
        ["the shipped stack shape in the preview that creates it", f.shippedShapeInPreview(), OKTA],
        ["an Okta token issued after the incident", [f.oktaApiToken({ created: "2023-10-21T09:00:00Z" })], OKTA],
        ["an AWS access key from before the incident, outside its Okta scope", [f.accessKey({ createDate: "2023-01-01T00:00:00Z" }, { dependencies: [] })], OKTA],
        ["an old key-based Okta app whose key pair a Rotating re-created after the incident", [f.rotating(), f.clientKey(), f.oktaServiceApp({ __blastwallCheckpoint: { created: "2022-01-01T00:00:00Z" } })], OKTA],
        ["an Okta app re-issued by a Rotating after the incident", [f.rotating(), f.oktaServiceApp({ tokenEndpointAuthMethod: "client_secret_post" }, { dependencies: [f.urnOfRotating()] })], OKTA],
        ["anything when no incident is configured", [f.oktaApiToken({ created: "2023-01-01T00:00:00Z" })], {}],
        [
            "an Okta token before an incident dated after the evaluation time, which has not happened yet",
            [f.oktaApiToken({ created: "2024-05-01T00:00:00Z" })],
            { incidents: [{ id: "future", date: "2024-07-01", scope: { vendors: ["okta"] } }] },
        ],
    ];
    for (const [behaviour, resources, settings] of passing) {
        it(`passes ${behaviour}`, async () => {
            assert.deepEqual(await messagesOf(credentialRotatedAfterIncident, resources, settings), []);
        });
    }

    const blocked: [string, WireResource[], f.Props, string][] = [
        [
            "an Okta API token issued before the Okta breach, saying how to clear it",
            [f.oktaApiToken({ created: "2023-09-12T08:00:00Z" })],
            OKTA,
            `Okta API token 'ci-token' in prod was issued 2023-09-12, before incident okta-2023-10 (2023-10-20) whose scope includes it; ${TOKEN_FIX} so that it is re-issued after 2023-10-20.`,
        ],
        [
            "an Okta integration whose issue date cannot be proven",
            [f.oktaIntegration({}, { dependencies: [] })],
            OKTA,
            "Okta API service integration 'siem-integration' in prod is in the scope of incident okta-2023-10 (2023-10-20) and its issue date cannot be proven (no state checkpoint, no time.Rotating that re-issues it); rotate its client secret (create a new one, deactivate and delete the old one) or replace the integration, and attach a time.Rotating with a period within 90 days that replaces the integration when it rotates (replaceWith or replacementTrigger) so that its next issue date is on record.",
        ],
        [
            "an AWS access key from before an incident scoped by kind",
            [f.accessKey({ createDate: "2023-01-05T00:00:00Z" })],
            { incidents: [{ id: "ci-leak", date: "2024-01-10T12:00:00Z", scope: { kinds: ["aws-access-key"] } }] },
            "Access key 'ci-deployer-key' in prod was issued 2023-01-05, before incident ci-leak (2024-01-10) whose scope includes it; rotate it (replace the key; a new aws.iam.AccessKey, then delete the old one) so that it is re-issued after 2024-01-10.",
        ],
        [
            "an old key-based Okta app with autoKeyRotation, which rotates only Okta's own signing keys",
            [f.oktaServiceApp({ autoKeyRotation: true, __blastwallCheckpoint: { created: "2022-01-01T00:00:00Z" } })],
            OKTA,
            "Okta service app 'deployer-app' in prod was issued 2022-01-01 (per the state checkpoint), before incident okta-2023-10 (2023-10-20) whose scope includes it; rotate its credential (generate a new client secret or key pair and deactivate the old one, or replace the app) so that it is re-issued after 2023-10-20.",
        ],
    ];
    for (const [behaviour, resources, settings, message] of blocked) {
        it(`blocks ${behaviour}`, async () => {
            const outcome = await run(credentialRotatedAfterIncident, resources, settings);
            assert.deepEqual(
                outcome.violations.map((v) => v.message),
                [message],
            );
            assert.equal(outcome.violations[0].level, "mandatory");
            assert.equal(outcome.violations[0].urn, urnFor(resources[0]));
        });
    }

    describe("waivers of the incident cutoff", () => {
        const token = [f.oktaApiToken({ created: "2023-09-12T08:00:00Z" })];
        const waiver = { policy: "credential-rotated-after-incident", resource: "ci-token", reason: "Vendor rotates it on 2024-06-10.", approvedBy: "ciso@example.com", expires: "2024-06-15" };

        it("ignores a waiver unless allowIncidentWaivers is true: a breached credential is rotated, not excused", async () => {
            const outcome = await run(credentialRotatedAfterIncident, token, { ...OKTA, waivers: [waiver] });
            assert.deepEqual(
                outcome.violations.map((v) => v.level),
                ["mandatory"],
            );
        });

        it("reports the finding as advisory with the waiver when allowIncidentWaivers is true", async () => {
            const outcome = await run(credentialRotatedAfterIncident, token, { ...OKTA, waivers: [waiver], allowIncidentWaivers: true });
            assert.equal(outcome.violations[0].level, "advisory");
            assert.match(outcome.violations[0].message, /Waived until 2024-06-15 \(waiver #1, approved by ciso@example\.com\): Vendor rotates it on 2024-06-10\.$/);
        });
    });

    it("reports a credential once for each incident whose scope includes it", async () => {
        const incidents = [f.OKTA_INCIDENT, { id: "okta-tokens", date: "2024-01-01", scope: { types: ["okta:index/apiToken:ApiToken"] } }];
        const found = await messagesOf(credentialRotatedAfterIncident, [f.oktaApiToken({ created: "2023-09-12T08:00:00Z" })], { incidents });
        assert.equal(found.length, 2);
        assert.match(found[1], /before incident okta-tokens \(2024-01-01\)/);
    });

    it("refuses an incident whose scope names unknown kinds, naming each one", async () => {
        const incidents = [{ id: "bad", date: "2023-10-20", scope: { kinds: ["okta-token", "okta-api-token"], vendors: ["gcp"] } }];
        const [message] = await messagesOf(credentialRotatedAfterIncident, [f.oktaApiToken()], { incidents });
        assert.match(message, /^The configuration of credential-rotated-after-incident is invalid: /);
        assert.match(message, /incidents\[0\]\.scope\.vendors\[0\] "gcp" is not a vendor; known: aws, okta/);
        assert.match(message, /incidents\[0\]\.scope\.kinds\[0\] "okta-token" is not a credential kind; known: aws-access-key, /);
        assert.doesNotMatch(message, /kinds\[1\]/);
    });

    it("refuses duplicate incident ids", async () => {
        const [message] = await messagesOf(credentialRotatedAfterIncident, [f.oktaApiToken()], { incidents: [f.OKTA_INCIDENT, f.OKTA_INCIDENT] });
        assert.match(message, /incidents\[1\]\.id "okta-2023-10" is used by an earlier incident; give each incident its own id/);
    });

    it("has a schema that makes the engine refuse an incident with an empty scope, which would silently cover every credential", async () => {
        await assert.rejects(run(credentialRotatedAfterIncident, [], { incidents: [{ id: "x", date: "2023-10-20", scope: {} }] }), /incidents\/0\/scope must NOT have fewer than 1 properties/);
    });
});

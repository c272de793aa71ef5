import { strict as assert } from "node:assert";
import { credentialMaxAge } from "../../../policies/credentials/credentialMaxAge";
import * as f from "../../helpers/fixtures/credentials";
import { secret, unknown, urnFor, WireResource } from "../../helpers/policy-runtime";
import { messagesOf, run } from "./run";

const KEY_ROTATE = "rotate it (replace the key; a new aws.iam.AccessKey, then delete the old one)";

describe("credential-max-age", () => {
    const passing: [string, WireResource[], f.Props?][] = [
        ["the shipped stack shape", f.shippedShape()],
        ["the shipped stack shape in the preview that creates it", f.shippedShapeInPreview()],
        ["an access key exactly 90 days old", [f.rotating(), f.accessKey({ createDate: "2024-03-03T00:00:00Z" })]],
        ["an old access key under a per-kind limit that allows it", [f.rotating(), f.accessKey({ createDate: "2024-02-15T00:00:00Z" })], { maxAgeDays: { default: 90, "aws-access-key": 120 } }],
        ["an old KMS key that KMS rotates itself", [f.kmsKey({ __blastwallCheckpoint: { created: "2019-01-01T00:00:00Z" } })]],
        ["an old secret that its SecretRotation rotates", [f.secretsManagerSecret({ __blastwallCheckpoint: { created: "2020-01-01T00:00:00Z" } }), f.secretRotation()]],
        ["a database whose master password RDS manages", [f.rdsInstance(), f.rdsCluster()]],
        ["an Okta web app, which is not a machine credential", [f.oktaServiceApp({ type: "web", tokenEndpointAuthMethod: "client_secret_basic" })]],
        ["a signing certificate re-issued by a recent Rotating", [f.rotating(), f.signingCertificate()]],
        ["a stack with no credentials", [f.rotating()]],
    ];
    for (const [behaviour, resources, settings] of passing) {
        it(`passes ${behaviour}`, async () => {
            assert.deepEqual(await messagesOf(credentialMaxAge, resources, settings), []);
        });
    }

    const blocked: [string, WireResource[], f.Props, string][] = [
        [
            "an access key one day past the limit, pointing at its Rotating",
            [f.rotating({ rfc3339: "2024-03-02T00:00:00Z", rotationRfc3339: "2024-05-31T00:00:00Z" }), f.accessKey({ createDate: "2024-03-02T00:00:00Z" })],
            {},
            `Access key 'ci-deployer-key' in prod was issued 2024-03-02, 91 days ago, past the 90-day limit; ${KEY_ROTATE}, or run \`pulumi up --refresh\` so that time.Rotating 'key-rotation' re-issues it.`,
        ],
        [
            "an access key from before the Okta breach with nothing to rotate it",
            [f.accessKey({ createDate: "2023-09-01T00:00:00Z" }, { dependencies: [] })],
            {},
            `Access key 'ci-deployer-key' in prod was issued 2023-09-01, 274 days ago, past the 90-day limit; ${KEY_ROTATE}.`,
        ],
        [
            "an access key past a stricter default limit",
            [f.rotating(), f.accessKey()],
            { maxAgeDays: { default: 30 } },
            `Access key 'ci-deployer-key' in prod was issued 2024-05-01, 31 days ago, past the 30-day limit; ${KEY_ROTATE}, or run \`pulumi up --refresh\` so that time.Rotating 'key-rotation' re-issues it.`,
        ],
        [
            "a KMS key without rotation, dated by the state checkpoint",
            [f.kmsKey({ enableKeyRotation: false, __blastwallCheckpoint: { created: "2022-01-01T00:00:00Z" } })],
            {},
            "KMS key 'data-key' in prod was issued 2022-01-01 (per the state checkpoint), 882 days ago, past the 365-day limit; rotate its key material (aws kms rotate-key-on-demand).",
        ],
        [
            "a signing certificate whose age nothing proves",
            [f.signingCertificate({}, { dependencies: [] })],
            {},
            "Signing certificate 'signer-cert' in prod has no provable issue date (no state checkpoint, no time.Rotating that re-issues it), so its age cannot be held to the 90-day limit; attach a time.Rotating with a period within 90 days that replaces the certificate when it rotates (replaceWith or replacementTrigger).",
        ],
        [
            "an old Okta API token",
            [f.oktaApiToken({ created: "2023-10-01T00:00:00Z" })],
            {},
            "Okta API token 'ci-token' in prod was issued 2023-10-01, 244 days ago, past the 90-day limit; revoke it and issue a new token in the Okta Admin Console, then import the new one.",
        ],
        [
            "an old access key without printing a creation date that arrived as a secret",
            [f.accessKey({ createDate: secret("2023-09-01") }, { dependencies: [] })],
            {},
            `Access key 'ci-deployer-key' in prod was issued on a date held as a secret, 274 days ago, past the 90-day limit; ${KEY_ROTATE}.`,
        ],
        [
            "a KMS key whose spec is unknown during preview, at the policy's own level",
            [f.kmsKey({ customerMasterKeySpec: unknown })],
            {},
            "Cannot verify during preview that KMS key 'data-key' in prod is within the 365-day age limit: its customerMasterKeySpec is not known until the update runs; run the check again once the value is known (after `pulumi up`), or declare it with a known value.",
        ],
        [
            "an old KMS key whose rotation setting is unknown during preview",
            [f.kmsKey({ enableKeyRotation: unknown, __blastwallCheckpoint: { created: "2022-01-01T00:00:00Z" } })],
            {},
            "Cannot verify during preview that KMS key 'data-key' in prod is within the 365-day age limit: enableKeyRotation is not known until the update runs; run the check again once the value is known (after `pulumi up`), or declare it with a known value.",
        ],
    ];
    for (const [behaviour, resources, settings, message] of blocked) {
        it(`blocks ${behaviour}`, async () => {
            const outcome = await run(credentialMaxAge, resources, settings);
            assert.deepEqual(
                outcome.violations.map((v) => v.message),
                [message],
            );
            assert.equal(outcome.violations[0].level, "mandatory");
            assert.equal(outcome.violations[0].urn, urnFor(resources[resources.length - 1]));
        });
    }

    it("judges at the configured time, so a forecast can see a key expire", async () => {
        const stack = [f.rotating(), f.accessKey()];
        assert.deepEqual(await messagesOf(credentialMaxAge, stack, { now: "2024-07-30" }), []);
        assert.equal((await messagesOf(credentialMaxAge, stack, { now: "2024-07-31" })).length, 1);
    });

    it("refuses a maxAgeDays that names no credential kind, naming the key", async () => {
        assert.deepEqual(await messagesOf(credentialMaxAge, [f.accessKey()], { maxAgeDays: { default: 90, "aws-acess-key": 30 } }), [
            "The configuration of credential-max-age is invalid: maxAgeDays.aws-acess-key is not a credential kind; use default or one of aws-access-key, aws-console-password, aws-service-credential, aws-signing-certificate, aws-secret, aws-kms-key, aws-database-password, okta-api-token, okta-service-app, okta-api-service-integration; fix the policy pack config (see `blastwall config expand`).",
        ]);
    });
});

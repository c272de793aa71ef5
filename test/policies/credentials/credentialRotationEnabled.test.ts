import { strict as assert } from "node:assert";
import { credentialRotationEnabled } from "../../../policies/credentials/credentialRotationEnabled";
import * as f from "../../helpers/fixtures/credentials";
import { unknown, urnFor, WireResource } from "../../helpers/policy-runtime";
import { messagesOf, run } from "./run";

const PREVIEW_TAIL = "run the check again once the value is known (after `pulumi up`), or declare it with a known value.";

describe("credential-rotation-enabled", () => {
    const passing: [string, WireResource[], f.Props?][] = [
        ["the shipped stack shape", f.shippedShape()],
        ["the shipped stack shape in the preview that creates it", f.shippedShapeInPreview()],
        ["a KMS key on AWS's default yearly rotation under the KMS limit", [f.kmsKey()]],
        ["a secret rotated on a monthly cron schedule", [f.secretsManagerSecret(), f.secretRotation({ rotationRules: { scheduleExpression: "cron(0 0 1 * ? *)" } })]],
        ["an RDS-managed master password", [f.rdsInstance(), f.rdsCluster()]],
        ["a static database password regenerated through a Rotating", [f.rotating(), f.randomPassword(), f.rdsInstance({ manageMasterUserPassword: false, password: "x-literal-for-test" }, { dependencies: [urnFor(f.randomPassword())] })]],
        ["console passwords under an account password policy", [f.passwordPolicy(), f.loginProfile()]],
        ["an Okta API service integration replaced by a Rotating", [f.rotating(), f.oktaIntegration()]],
        ["an Okta client-secret app replaced by a Rotating", [f.rotating(), f.oktaServiceApp({ tokenEndpointAuthMethod: "client_secret_basic" }, { dependencies: [f.urnOfRotating()] })]],
        ["an asymmetric KMS key, which cannot rotate automatically", [f.kmsKey({ customerMasterKeySpec: "ECC_NIST_P256", enableKeyRotation: false })]],
    ];
    for (const [behaviour, resources, settings] of passing) {
        it(`passes ${behaviour}`, async () => {
            assert.deepEqual(await messagesOf(credentialRotationEnabled, resources, settings), []);
        });
    }

    const blocked: [string, WireResource[], f.Props, string][] = [
        [
            "an access key that nothing re-issues",
            [f.accessKey({}, { dependencies: [] })],
            {},
            "Access key 'ci-deployer-key' in prod does not rotate automatically within the 90-day limit (no time.Rotating that re-issues it); attach a time.Rotating with a period within 90 days that replaces the key when it rotates (replaceWith or replacementTrigger).",
        ],
        [
            "an access key on a Rotating slower than the limit",
            [f.rotating({ rotationDays: undefined, rotationMonths: 6, rotationRfc3339: "2024-11-01T00:00:00Z" }), f.accessKey()],
            {},
            "Access key 'ci-deployer-key' in prod rotates every 184 days (time.Rotating 'key-rotation'), slower than the 90-day limit; attach a time.Rotating with a period within 90 days that replaces the key when it rotates (replaceWith or replacementTrigger).",
        ],
        [
            "a secret with no SecretRotation",
            [f.secretsManagerSecret()],
            {},
            "Secrets Manager secret 'db-credentials' in prod does not rotate automatically within the 90-day limit (no aws.secretsmanager.SecretRotation); add an aws.secretsmanager.SecretRotation for it with rotationRules.automaticallyAfterDays <= 90.",
        ],
        [
            "a secret whose quarterly cron can exceed 90 days",
            [f.secretsManagerSecret(), f.secretRotation({ rotationRules: { scheduleExpression: "cron(0 0 1 */3 ? *)" } })],
            {},
            "Secrets Manager secret 'db-credentials' in prod rotates every 92 days (its SecretRotation schedule, at the longest gap between two of its runs), slower than the 90-day limit; add an aws.secretsmanager.SecretRotation for it with rotationRules.automaticallyAfterDays <= 90.",
        ],
        [
            "a secret whose SecretRotation is disabled",
            [f.secretsManagerSecret(), f.secretRotation({ rotationEnabled: false })],
            {},
            "Secrets Manager secret 'db-credentials' in prod does not rotate automatically within the 90-day limit (its SecretRotation has rotationEnabled false); add an aws.secretsmanager.SecretRotation for it with rotationRules.automaticallyAfterDays <= 90.",
        ],
        [
            "a KMS key without rotation",
            [f.kmsKey({ enableKeyRotation: false })],
            {},
            "KMS key 'data-key' in prod does not rotate automatically within the 365-day limit (enableKeyRotation is not true); set enableKeyRotation: true with rotationPeriodInDays <= 365.",
        ],
        [
            "a KMS key on yearly rotation once the limit is 90 days for every kind",
            [f.kmsKey()],
            { maxAgeDays: { default: 90 } },
            "KMS key 'data-key' in prod rotates every 365 days (KMS automatic key rotation), slower than the 90-day limit; set enableKeyRotation: true with rotationPeriodInDays <= 90.",
        ],
        [
            "a static database password nothing rotates",
            [f.rdsInstance({ manageMasterUserPassword: false, password: "literal-password" })],
            {},
            "Master password of database 'orders-db' in prod does not rotate automatically within the 90-day limit (manageMasterUserPassword is not true, no time.Rotating that re-issues it); set manageMasterUserPassword: true (RDS rotates it), or generate password from a RandomPassword kept by a time.Rotating with a period within 90 days.",
        ],
        [
            "an Okta API token, which cannot rotate",
            [f.oktaApiToken()],
            {},
            "Okta API token 'ci-token' in prod does not rotate automatically within the 90-day limit (Okta API tokens cannot rotate automatically); replace it with an Okta OAuth service app using private_key_jwt, its key pair re-created by a time.Rotating.",
        ],
        [
            "an Okta service app on private_key_jwt whose key pair nothing re-creates (autoKeyRotation rotates only Okta's signing keys)",
            [f.oktaServiceApp({ autoKeyRotation: true })],
            {},
            "Okta service app 'deployer-app' in prod does not rotate automatically within the 90-day limit (no time.Rotating that re-issues it); attach a time.Rotating with a period within 90 days that re-creates the app's key pair (a tls.PrivateKey whose public key is in jwks) or replaces its secret when it rotates (replaceWith or replacementTrigger).",
        ],
        [
            "an Okta service app whose refresh tokens never rotate",
            [f.rotating(), f.clientKey(), f.oktaServiceApp({ grantTypes: ["client_credentials", "refresh_token"], refreshTokenRotation: "STATIC" })],
            {},
            'Okta service app \'deployer-app\' in prod issues refresh tokens that never rotate (refreshTokenRotation is not ROTATE), which the 90-day rotation limit does not allow; set refreshTokenRotation: "ROTATE".',
        ],
        [
            "a new Rotating whose period is unknown during preview, at the policy's own level",
            [f.newRotating({ rotationDays: unknown }), f.newAccessKey()],
            {},
            `Cannot verify during preview that Access key 'ci-deployer-key' in prod rotates automatically within the 90-day limit: the rotationDays of time.Rotating 'key-rotation' is not known until the update runs; ${PREVIEW_TAIL}`,
        ],
    ];
    for (const [behaviour, resources, settings, message] of blocked) {
        it(`blocks ${behaviour}`, async () => {
            const outcome = await run(credentialRotationEnabled, resources, settings);
            assert.deepEqual(
                outcome.violations.map((v) => v.message),
                [message],
            );
            assert.equal(outcome.violations[0].level, "mandatory");
        });
    }

    it("reports each credential on its own URN", async () => {
        const outcome = await run(credentialRotationEnabled, [f.accessKey({}, { dependencies: [] }), f.secretsManagerSecret()]);
        assert.deepEqual(
            outcome.violations.map((v) => v.urn),
            [urnFor(f.accessKey()), urnFor(f.secretsManagerSecret())],
        );
    });
});

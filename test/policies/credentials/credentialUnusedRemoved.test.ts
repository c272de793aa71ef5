import { strict as assert } from "node:assert";
import { credentialUnusedRemoved } from "../../../policies/credentials/credentialUnusedRemoved";
import * as f from "../../helpers/fixtures/credentials";
import { unknown, urnFor, WireResource } from "../../helpers/policy-runtime";
import { messagesOf, run } from "./run";

describe("credential-unused-removed", () => {
    const passing: [string, WireResource[]][] = [
        ["the shipped stack shape", f.shippedShape()],
        ["the shipped stack shape in the preview that creates it", f.shippedShapeInPreview()],
        ["active credentials of every kind that has a status", [f.accessKey(), f.serviceCredential(), f.signingCertificate(), f.kmsKey(), f.oktaServiceApp()]],
        ["an inactive Okta web app, which is not a machine credential", [f.oktaServiceApp({ type: "browser", status: "INACTIVE" })]],
        ["a disabled asymmetric KMS key, which the catalog does not cover", [f.kmsKey({ customerMasterKeySpec: "RSA_4096", isEnabled: false })]],
    ];
    for (const [behaviour, resources] of passing) {
        it(`passes ${behaviour}`, async () => {
            assert.deepEqual(await messagesOf(credentialUnusedRemoved, resources), []);
        });
    }

    const blocked: [string, WireResource, string][] = [
        [
            "an inactive access key, the credential believed unused",
            f.accessKey({ status: "Inactive" }),
            "Access key 'ci-deployer-key' in prod is inactive but still exists, and only credentials in use may be kept; delete it (remove the aws.iam.AccessKey) instead of keeping it inactive.",
        ],
        [
            "an expired service-specific credential",
            f.serviceCredential({ status: "Expired" }),
            "Service-specific credential 'git-credential' in prod is expired but still exists, and only credentials in use may be kept; delete the aws.iam.ServiceSpecificCredential instead of keeping it.",
        ],
        [
            "a disabled KMS key",
            f.kmsKey({ isEnabled: false }),
            "KMS key 'data-key' in prod is disabled but still exists, and only credentials in use may be kept; schedule its deletion (remove the aws.kms.Key) once nothing is encrypted under it.",
        ],
        [
            "an inactive Okta service app",
            f.oktaServiceApp({ status: "INACTIVE" }),
            "Okta service app 'deployer-app' in prod is inactive but still exists, and only credentials in use may be kept; delete the app (remove the okta.app.OAuth) instead of keeping it inactive.",
        ],
        [
            "an access key whose status is unknown during preview, at the policy's own level",
            f.accessKey({ status: unknown }),
            "Cannot verify during preview that Access key 'ci-deployer-key' in prod is in use rather than kept disabled: its status is not known until the update runs; run the check again once the value is known (after `pulumi up`), or declare it with a known value.",
        ],
    ];
    for (const [behaviour, resource, message] of blocked) {
        it(`blocks ${behaviour}`, async () => {
            const outcome = await run(credentialUnusedRemoved, [resource]);
            assert.deepEqual(
                outcome.violations.map((v) => v.message),
                [message],
            );
            assert.equal(outcome.violations[0].urn, urnFor(resource));
            assert.equal(outcome.violations[0].level, "mandatory");
        });
    }
});

import { strict as assert } from "node:assert";
import { credentialRotationDueSoon } from "../../../policies/credentials/credentialRotationDueSoon";
import * as f from "../../helpers/fixtures/credentials";
import { urnFor, WireResource } from "../../helpers/policy-runtime";
import { messagesOf, run } from "./run";

const KEY_ROTATE = "rotate it (replace the key; a new aws.iam.AccessKey, then delete the old one)";

describe("credential-rotation-due-soon", () => {
    const passing: [string, WireResource[], f.Props?][] = [
        ["the shipped stack shape", f.shippedShape(), { incidents: [f.OKTA_INCIDENT] }],
        ["the shipped stack shape in the preview that creates it", f.shippedShapeInPreview(), { incidents: [f.OKTA_INCIDENT] }],
        ["an access key that stays within its limit through the window", [f.accessKey({ createDate: "2024-04-01T00:00:00Z" })]],
        ["an access key already past its limit (credential-max-age blocks it)", [f.accessKey({ createDate: "2023-01-01T00:00:00Z" })]],
        ["a KMS key that rotates itself", [f.kmsKey({ __blastwallCheckpoint: { created: "2023-06-10T00:00:00Z" } })]],
        ["anything when the window is zero days", [f.accessKey({ createDate: "2024-03-10T00:00:00Z" })], { warnDays: 0 }],
    ];
    for (const [behaviour, resources, settings] of passing) {
        it(`passes ${behaviour}`, async () => {
            assert.deepEqual(await messagesOf(credentialRotationDueSoon, resources, settings), []);
        });
    }

    it("warns, as advisory, about an access key that passes its limit within warnDays", async () => {
        const key = f.accessKey({ createDate: "2024-03-10T00:00:00Z" }, { dependencies: [] });
        const outcome = await run(credentialRotationDueSoon, [key]);
        assert.deepEqual(
            outcome.violations.map((v) => [v.message, v.level, v.urn]),
            [
                [
                    `Access key 'ci-deployer-key' in prod was issued 2024-03-10, 83 days ago, and passes the 90-day limit on 2024-06-09, within the 14-day warning window; ${KEY_ROTATE} before then.`,
                    "advisory",
                    urnFor(key),
                ],
            ],
        );
    });

    it("uses the configured window", async () => {
        const key = f.accessKey({ createDate: "2024-03-25T00:00:00Z" });
        assert.deepEqual(await messagesOf(credentialRotationDueSoon, [key]), []);
        assert.equal((await messagesOf(credentialRotationDueSoon, [key], { warnDays: 30 })).length, 1);
    });

    it("warns about an incident that takes effect within the window for a credential issued before it", async () => {
        const incidents = [{ id: "vendor-cutover", date: "2024-06-10", scope: { kinds: ["okta-api-token"] } }];
        assert.deepEqual(await messagesOf(credentialRotationDueSoon, [f.oktaApiToken()], { incidents }), [
            "Okta API token 'ci-token' in prod was issued 2024-05-01, before incident vendor-cutover (2024-06-10) whose scope includes it, and the incident takes effect within the 14-day warning window; revoke it and issue a new token in the Okta Admin Console, then import the new one so that it is re-issued after 2024-06-10.",
        ]);
    });
});

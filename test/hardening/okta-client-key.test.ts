// An Okta service app on private_key_jwt is judged by the age of its own key pair, through the
// real CLI and pack. Okta's autoKeyRotation rotates the keys Okta signs tokens with, never the
// client's key pair, so it is no rotation evidence: the evidence is the key being re-created (a
// tls.PrivateKey replaced by a time.Rotating, its public key and key id in the app's jwks).

import { strict as assert } from "node:assert";
import { json, JsonReport, runCli } from "../cli/e2e/cli";
import { ExportedResource, stateFile } from "./state-export";

const JWKS = (kid: string) => [{ kid, kty: "RSA", e: "AQAB", n: "xGOr-H7A-PWG3v0example" }];

function app(name: string, dependsOn: ExportedResource[] = []): ExportedResource {
    return {
        type: "okta:app/oAuth:OAuth",
        name,
        outputs: { type: "service", tokenEndpointAuthMethod: "private_key_jwt", autoKeyRotation: true, omitSecret: true, clientId: `0oa${name}`, status: "ACTIVE", grantTypes: ["client_credentials"], jwks: JWKS(`${name}-1`) },
        created: "2024-01-02T00:00:00Z",
        dependsOn,
    };
}

const rotation: ExportedResource = {
    type: "time:index/rotating:Rotating",
    name: "rotated-key",
    outputs: { id: "2024-05-01T00:00:00Z", rfc3339: "2024-05-01T00:00:00Z", rotationDays: 30, rotationRfc3339: "2024-05-31T00:00:00Z" },
    created: "2024-05-01T00:00:00Z",
};
const key: ExportedResource = {
    type: "tls:index/privateKey:PrivateKey",
    name: "rotated-key",
    outputs: { algorithm: "RSA", rsaBits: 2048, publicKeyPem: "-----BEGIN PUBLIC KEY-----" },
    created: "2024-05-01T00:00:00Z",
    dependsOn: [rotation],
};

describe("hardening: an Okta private_key_jwt app is judged by its own key's age (blastwall check --state)", function () {
    this.timeout(180_000);
    let report: JsonReport;

    before(async () => {
        const result = await runCli(["check", "--state", stateFile([app("okta-rotates-its-own"), rotation, key, app("rekeyed", [key])]), "--at", "2024-05-20", "--format", "json"]);
        assert.ok(result.code === 0 || result.code === 1, `exit ${result.code}: ${result.stderr}`);
        report = json(result);
    });

    const messagesOf = (policy: string, name: string) => report.stacks.flatMap((s) => s.findings.filter((f) => f.policy === policy && f.resourceName === name).map((f) => f.message));

    it("blocks an app whose only rotation is autoKeyRotation: it does not rotate the client's key", () => {
        assert.deepEqual(messagesOf("credential-rotation-enabled", "okta-rotates-its-own"), [
            "Okta service app 'okta-rotates-its-own' in prod does not rotate automatically within the 90-day limit (no time.Rotating that re-issues it); attach a time.Rotating with a period within 90 days that re-creates the app's key pair (a tls.PrivateKey whose public key is in jwks) or replaces its secret when it rotates (replaceWith or replacementTrigger).",
        ]);
    });

    it("judges that app's key by its age: issued when the app was, 139 days before", () => {
        const [message] = messagesOf("credential-max-age", "okta-rotates-its-own");
        assert.ok(message?.startsWith("Okta service app 'okta-rotates-its-own' in prod was issued 2024-01-02 (per the state checkpoint), 139 days ago, past the 90-day limit;"), message);
    });

    it("passes an app whose key pair a time.Rotating re-creates, dated by that Rotating", () => {
        assert.deepEqual(messagesOf("credential-rotation-enabled", "rekeyed"), []);
        assert.deepEqual(messagesOf("credential-max-age", "rekeyed"), []);
    });
});

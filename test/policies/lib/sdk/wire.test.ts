import { strict as assert } from "node:assert";
import * as path from "node:path";
import { isSecretPath, secretsOf, wireSignatures } from "../../../../policies/lib/sdk/wire";
import { redact } from "../../../../policies/lib/redact";
import { secret } from "../../../helpers/policy-runtime";

// The SDK's own deserializer, wrapped by the hook (policy-runtime installs it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deserializeProperties } = require("@pulumi/policy/deserialize") as {
    deserializeProperties(struct: unknown, proxySecrets: boolean): Record<string, unknown>;
};
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [pulumiDir] })) as {
    Struct: { fromJavaScript(value: unknown): object };
};

function deserialize(wire: Record<string, unknown>): Record<string, unknown> {
    return deserializeProperties(Struct.fromJavaScript(wire), false);
}

describe("wire hook over @pulumi/policy deserialization", () => {
    it("hands rules plaintext but records which paths and values were secrets", () => {
        const props = deserialize({ user: "ci", secret: secret("wJalrXUtnFEMI/K7MDENG"), tags: { Owner: "team-a", Token: secret("tok-123456") } });
        assert.equal(props.secret, "wJalrXUtnFEMI/K7MDENG");
        const index = secretsOf(props);
        assert.ok(isSecretPath(index, ["secret"]));
        assert.ok(isSecretPath(index, ["tags", "Token"]));
        assert.ok(!isSecretPath(index, ["tags", "Owner"]));
        assert.ok(!isSecretPath(index, ["user"]));
        assert.deepEqual([...index.values].sort(), ["tok-123456", "wJalrXUtnFEMI/K7MDENG"]);
    });

    it("treats everything inside a secret object as secret", () => {
        const props = deserialize({ environment: secret({ variables: { DB_PASSWORD: "hunter22" } }) });
        assert.ok(isSecretPath(secretsOf(props), ["environment", "variables", "DB_PASSWORD"]));
        assert.ok(secretsOf(props).values.has("hunter22"));
    });

    it("turns a resource reference into its id, or its URN when it has none, as the engine does", () => {
        const ref = (urn: string, id?: string) => ({ [wireSignatures.key]: wireSignatures.resourceReference, urn, ...(id === undefined ? {} : { id }) });
        const props = deserialize({ vpcId: ref("urn:pulumi:prod::p::aws:ec2/vpc:Vpc::vpc", "vpc-123"), parent: ref("urn:pulumi:prod::p::my:Component::c") });
        assert.equal(props.vpcId, "vpc-123");
        assert.equal(props.parent, "urn:pulumi:prod::p::my:Component::c");
    });

    it("does not throw on a signature the SDK does not know, or an asset with nothing in it", () => {
        const props = deserialize({
            odd: { [wireSignatures.key]: "not-a-signature", a: 1 },
            asset: { [wireSignatures.key]: wireSignatures.asset },
        });
        assert.deepEqual(props.odd, { a: 1 });
        assert.deepEqual(props.asset, {});
    });

    it("returns the same object for the same Struct, so stack policies share one deserialization", () => {
        const struct = Struct.fromJavaScript({ a: secret("shared-secret") });
        const first = deserializeProperties(struct, false);
        assert.equal(deserializeProperties(struct, false), first);
        assert.ok(secretsOf(first).values.has("shared-secret"));
    });
});

describe("redact", () => {
    it("replaces every secret value in a message, longest first", () => {
        assert.equal(redact("key AKIAABCDEF and AKIAABCDEFGH leaked", new Set(["AKIAABCDEF", "AKIAABCDEFGH"])), "key [secret] and [secret] leaked");
    });
    it("leaves a message without secrets alone", () => {
        assert.equal(redact("Access key 'ci' is 120 days old", new Set(["hunter22"])), "Access key 'ci' is 120 days old");
    });
});

// The wire hook reuses its working sets from one bag to the next (bench: 200,000 fewer
// allocations per AnalyzeStack of 50,000 resources); each bag must still keep exactly its own
// secrets, whatever came before it.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { isSecretPath, NO_SECRETS, secretsOf } from "../../policies/lib/sdk/wire";
import { secret } from "../helpers/policy-runtime";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deserializeProperties } = require("@pulumi/policy/deserialize") as {
    deserializeProperties(struct: unknown, proxySecrets: boolean): Record<string, unknown>;
};
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [pulumiDir] })) as {
    Struct: { fromJavaScript(value: unknown): object };
};

const deserialize = (wire: Record<string, unknown>) => deserializeProperties(Struct.fromJavaScript(wire), false);

describe("secret indexes of bags deserialized one after another", () => {
    it("gives a bag without secrets no secrets after a bag with some", () => {
        const first = deserialize({ password: secret("first-password") });
        const second = deserialize({ name: "plain" });
        assert.equal(secretsOf(second), NO_SECRETS);
        assert.deepEqual([...secretsOf(first).values], ["first-password"]);
    });

    it("keeps each bag's own secrets apart", () => {
        const first = deserialize({ a: secret("alpha-secret") });
        const second = deserialize({ b: secret("bravo-secret") });
        assert.deepEqual([...secretsOf(first).paths, ...secretsOf(first).values], ["/a", "alpha-secret"]);
        assert.deepEqual([...secretsOf(second).paths, ...secretsOf(second).values], ["/b", "bravo-secret"]);
        assert.ok(!isSecretPath(secretsOf(second), ["a"]));
    });
});

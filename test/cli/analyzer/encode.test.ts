import { strict as assert } from "node:assert";
import { encodeProperties, OPAQUE_SECRET, SecretCollector } from "../../../cli/analyzer/encode";
import { CHECKPOINT_PROPERTY } from "../../../policies/lib/model";
import { UNKNOWN_WIRE_VALUE } from "../../../policies/lib/props";
import { wireSignatures } from "../../../policies/lib/sdk/wire";

const SIG = wireSignatures.key;
const secret = (value: unknown) => ({ [SIG]: wireSignatures.secret, value });
const ref = (urn: string, id?: string) => ({ [SIG]: wireSignatures.resourceReference, urn, ...(id !== undefined ? { id } : {}) });

describe("encoding properties the way the engine sends them to an analyzer", () => {
    it("drops internal keys at the top level only, as MarshalProperties does, and keeps blastwall's checkpoint", () => {
        const secrets = new SecretCollector();
        const encoded = encodeProperties({ __meta: "{}", tags: { __defaults: [], Owner: "a" }, [CHECKPOINT_PROPERTY]: { created: "2023-01-01T00:00:00Z" } }, secrets);
        assert.deepEqual(encoded, { tags: { __defaults: [], Owner: "a" }, [CHECKPOINT_PROPERTY]: { created: "2023-01-01T00:00:00Z" } });
    });

    it("keeps secrets as envelopes and collects their plaintext for redaction", () => {
        const secrets = new SecretCollector();
        const encoded = encodeProperties({ password: secret("hunter22"), nested: secret({ token: "abcd-1234", port: 5432 }) }, secrets);
        assert.deepEqual(encoded, { password: secret("hunter22"), nested: secret({ token: "abcd-1234", port: 5432 }) });
        assert.deepEqual([...secrets.values].sort(), ["5432", "abcd-1234", "hunter22"]);
    });

    it("decodes a state's plaintext secret and sends a ciphertext one as an opaque placeholder", () => {
        const secrets = new SecretCollector();
        const encoded = encodeProperties(
            { a: { [SIG]: wireSignatures.secret, plaintext: JSON.stringify({ key: "s3cr3t" }) }, b: { [SIG]: wireSignatures.secret, ciphertext: "v1:AAAA" } },
            secrets,
        );
        assert.deepEqual(encoded, { a: secret({ key: "s3cr3t" }), b: secret(OPAQUE_SECRET) });
        assert.deepEqual([...secrets.values], ["s3cr3t"]);
    });

    const references: { name: string; value: unknown; expected: unknown }[] = [
        { name: "a custom resource as its id", value: ref("urn:a", "vpc-1"), expected: "vpc-1" },
        { name: "a custom resource whose id is not known yet as unknown", value: ref("urn:a", ""), expected: UNKNOWN_WIRE_VALUE },
        { name: "a component as its URN", value: ref("urn:pulumi:s::p::c:d:E::x"), expected: "urn:pulumi:s::p::c:d:E::x" },
    ];
    for (const c of references) {
        it(`sends a resource reference to ${c.name}`, () => {
            assert.deepEqual(encodeProperties({ r: c.value }, new SecretCollector()), { r: c.expected });
        });
    }

    it("turns an output value into its element, secret when it was, unknown when it has none", () => {
        const output = (extra: Record<string, unknown>) => ({ [SIG]: wireSignatures.output, ...extra });
        const encoded = encodeProperties({ known: output({ value: 1 }), hidden: output({ value: "x", secret: true }), pending: output({}) }, new SecretCollector());
        assert.deepEqual(encoded, { known: 1, hidden: secret("x"), pending: UNKNOWN_WIRE_VALUE });
    });

    it("passes unknowns, assets and nulls through, and drops undefined", () => {
        const asset = { [SIG]: "c44067f5952c0a294b673a41bacd8c17", text: "hello" };
        assert.deepEqual(encodeProperties({ u: UNKNOWN_WIRE_VALUE, asset, n: null, gone: undefined, list: [undefined, 1] }, new SecretCollector()), {
            u: UNKNOWN_WIRE_VALUE,
            asset,
            n: null,
            list: [null, 1],
        });
    });
});

// redactExactly (policies/lib/redact.ts) first asks whether any finding holds a secret value at all;
// a "no" sends the findings out unredacted, so the indexed search must find every secret the plain
// search (message.includes(value) for every value) finds: generated messages and secret sets with
// short, one-character, overlapping, repeated and non-ASCII values, embedded anywhere.
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { redactExactly, secretFinder } from "../../../policies/lib/redact";

const SEED = Number(process.env.BLASTWALL_FC_SEED ?? 20231020);
const alphabet = fc.constantFrom("a", "b", "A", "é", "K", "\u212a", "😀", " ", "-", "0", "1", "\n");
const text = fc.array(alphabet, { maxLength: 40 }).map((chars) => chars.join(""));
const secrets = fc.array(fc.oneof(text, fc.constantFrom("", "a", "😀", "ab", "K")), { maxLength: 40 });

const plain = (values: ReadonlySet<string>, message: string) => [...values].some((v) => v !== "" && message.includes(v));

describe("redact: finding which messages hold a secret value (secretFinder)", () => {
    it(`answers as the plain search does, for small and large secret sets (seed ${SEED})`, () => {
        let found = 0;
        fc.assert(
            fc.property(secrets, fc.array(text, { minLength: 1, maxLength: 5 }), fc.nat(), fc.nat(), (values, parts, pick, at) => {
                const set = new Set(values);
                // Half the time, embed one of the secrets in the message.
                const embedded = values.length > 0 && pick % 2 === 0 ? values[pick % values.length] : "";
                const joined = parts.join("");
                const message = joined.slice(0, at % (joined.length + 1)) + embedded + joined.slice(at % (joined.length + 1));
                const expected = plain(set, message);
                if (expected) found++;
                assert.equal(secretFinder(set)(message), expected, JSON.stringify({ values, message }));
            }),
            { seed: SEED, numRuns: 2000 },
        );
        assert.ok(found > 200, `only ${found} messages held a secret`);
    });

    it("redacts a secret named in one finding among many, with a thousand secrets in the stack", () => {
        const values = new Set(Array.from({ length: 1000 }, (_, i) => `s3cr3t-${i.toString(36)}-value`));
        const findings = Array.from({ length: 50 }, (_, i) => ({ message: `Finding ${i} names nothing secret.` }));
        findings[37] = { message: "Access key 'ci' has token s3cr3t-rr-value in its tags; remove it." };
        const redacted = redactExactly(findings, values, () => undefined);
        assert.equal(redacted[37].message, "Access key 'ci' has token [secret] in its tags; remove it.");
        assert.equal(redacted[36].message, "Finding 36 names nothing secret.");
    });
});

// Credential material deep inside a long value is found: long text is scanned a slice at a time,
// every slice, rather than only its first megabyte (which a padded key id would slip past).
import { strict as assert } from "node:assert";
import { noPlaintextCredentials } from "../../policies/credentials/noPlaintextCredentials";
import { messages, runResourcePolicy } from "../helpers/policy-runtime";

const KEY_ID = "AKIAIOSFODNN7EXAMPLE";
const FOUND = "aws.ec2.Instance 'big' in prod has an AWS access key id in userData that is not a Pulumi secret, so it is written to the state in plaintext (credential material must be a Pulumi secret); remove it, or pass it as a Pulumi secret, and better read it at runtime from Secrets Manager or SSM.";

function padded(before: number, line: string, after: number): string {
    return `${"echo booting\n".repeat(Math.ceil(before / 13)).slice(0, before)}${line}\n${"echo booting\n".repeat(Math.ceil(after / 13)).slice(0, after)}`;
}

const CASES: ReadonlyArray<{ readonly name: string; readonly userData: string; readonly expected: readonly string[] }> = [
    { name: "finds a key id past the first megabyte", userData: padded(2_500_000, `export AWS_ACCESS_KEY_ID=${KEY_ID}`, 100), expected: [FOUND] },
    { name: "finds a key id across the boundary of two slices", userData: padded(999_990, `K=${KEY_ID}`, 1_500_000), expected: [FOUND] },
    { name: "finds nothing in long text with no material", userData: padded(3_000_000, "export REGION=us-east-1", 100), expected: [] },
];

describe("no-plaintext-credentials over long values", () => {
    for (const c of CASES) {
        it(c.name, async () => {
            const outcome = await runResourcePolicy(noPlaintextCredentials, { type: "aws:ec2/instance:Instance", name: "big", props: { ami: "ami-1", userData: c.userData } });
            assert.deepEqual(messages(outcome), c.expected);
        });
    }
});

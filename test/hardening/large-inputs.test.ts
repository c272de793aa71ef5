// Large inputs through the analyzer protocol on the real pack process: a 50 MB property, 10,000
// waivers and 1,000 incidents. Bounded by the test's timeout (the pack must answer, not be fast:
// speed is measured by `npm run bench`), with the verdicts asserted so that a pack that skips the
// work cannot pass.
import { strict as assert } from "node:assert";
import { userConfigFor } from "../../cli/config/load";
import { ResourceSpec, sharedPackForSuite, stackOf, urnOf } from "./pack";

const NOW = "2024-06-01";
const MB = 1024 * 1024;

function staleKey(i: number): ResourceSpec {
    return {
        type: "aws:iam/accessKey:AccessKey",
        name: `key-${i}`,
        props: { user: `svc-${i}`, status: "Active", createDate: "2023-01-01T00:00:00Z", tags: { Owner: "platform-team" } },
    };
}

describe("large inputs (real pack, analyzer protocol)", function () {
    this.timeout(180_000);
    const suite = sharedPackForSuite();

    it("reads a 50 MB property and still finds the access key id inside it", async () => {
        const filler = "echo booting\n".repeat(Math.ceil((50 * MB) / 13));
        const userData = `${filler.slice(0, 25 * MB)}export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n${filler.slice(0, 25 * MB)}`;
        const instance: ResourceSpec = { type: "aws:ec2/instance:Instance", name: "big", props: { ami: "ami-1", instanceType: "t3.micro", userData } };
        const result = await suite.pack.session(stackOf([instance]), userConfigFor(suite.info, undefined, NOW));
        const findings = result.diagnostics.filter((d) => d.urn === urnOf(instance.type, instance.name)).map((d) => `${d.policyName}: ${d.message}`);
        assert.deepEqual(findings, [
            "no-plaintext-credentials: aws.ec2.Instance 'big' in prod has an AWS access key id in userData that is not a Pulumi secret, so it is written to the state in plaintext (credential material must be a Pulumi secret); remove it, or pass it as a Pulumi secret, and better read it at runtime from Secrets Manager or SSM.",
        ]);
        assert.ok(suite.pack.alive(), suite.pack.stderr());
    });

    it("applies the one matching waiver of 10,000 and weighs 1,000 incidents", async () => {
        const expires = "2024-06-20";
        const waivers = Array.from({ length: 10_000 }, (_, i) => ({
            policy: "credential-max-age",
            resource: i === 4_321 ? "key-7" : `elsewhere-${i}`,
            reason: `ticket SEC-${i}`,
            approvedBy: "security-team",
            expires,
        }));
        const incidents = Array.from({ length: 1_000 }, (_, i) => ({
            id: `incident-${i}`,
            date: `20${10 + (i % 10)}-0${1 + (i % 9)}-1${i % 10}`,
            scope: { types: ["okta:index/apiToken:ApiToken"] },
        }));
        const keys = Array.from({ length: 20 }, (_, i) => staleKey(i));
        const config = userConfigFor(suite.info, { file: "large.yaml", document: { now: NOW, waivers, incidents } }, undefined);
        const result = await suite.pack.session(stackOf(keys), config);

        const maxAge = result.diagnostics.filter((d) => d.policyName === "credential-max-age");
        assert.equal(maxAge.length, 20);
        const waived = maxAge.filter((d) => d.enforcementLevel === "advisory");
        assert.deepEqual(
            waived.map((d) => d.urn),
            [urnOf("aws:iam/accessKey:AccessKey", "key-7")],
        );
        assert.match(waived[0].message, /ticket SEC-4321/);
        assert.ok(suite.pack.alive(), suite.pack.stderr());
    });
});

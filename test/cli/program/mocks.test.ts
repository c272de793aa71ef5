import { strict as assert } from "node:assert";
import { mockResource, MockRequest } from "../../../cli/program/mocks";
import { providerFacts } from "../../../cli/program/provider-facts";
import { UNKNOWN_WIRE_VALUE } from "../../../policies/lib/props";
import { wireSignatures } from "../../../policies/lib/sdk/wire";

const prod = providerFacts({ region: "eu-west-1", allowedAccountIds: '["100000000030"]', defaultTags: '{"tags":{"Environment":"prod"}}' });

function request(overrides: Partial<MockRequest> & Pick<MockRequest, "type" | "name">): MockRequest {
    return { inputs: {}, exists: false, dryRun: true, provider: prod, ...overrides };
}

describe("mock outputs: what a first pulumi preview of a new stack shows", () => {
    it("reads an AWS provider's account, region and default tags from its JSON-string inputs", () => {
        assert.deepEqual(prod, { region: "eu-west-1", accountId: "100000000030", defaultTags: { Environment: "prod" } });
        assert.equal(providerFacts({ assumeRole: '{"roleArn":"arn:aws:iam::100000000020:role/deploy"}' }).accountId, "100000000020");
    });

    it("leaves a new access key's id, creation time and secret unknown, and knows its planned status", () => {
        const { id, state } = mockResource(request({ type: "aws:iam/accessKey:AccessKey", name: "ci", inputs: { user: "ci" } }));
        assert.equal(id, "");
        assert.deepEqual(state, { user: "ci", status: "Active", secret: UNKNOWN_WIRE_VALUE, sesSmtpPasswordV4: UNKNOWN_WIRE_VALUE, createDate: UNKNOWN_WIRE_VALUE, id: UNKNOWN_WIRE_VALUE });
    });

    it("gives an imported resource its id and realistic cloud values, and never invents a creation time", () => {
        const { id, state } = mockResource(request({ type: "aws:iam/accessKey:AccessKey", name: "ci", exists: true, importId: "AKIAEXISTING00000000", inputs: { user: "ci" } }));
        assert.equal(id, "AKIAEXISTING00000000");
        assert.equal(state.createDate, UNKNOWN_WIRE_VALUE);
        assert.deepEqual(Object.keys(state.secret as object).sort(), [wireSignatures.key, "value"].sort());
        assert.match((state.secret as { value: string }).value, /^[A-Za-z0-9]{40}$/);
    });

    it("keeps a creation time the program states for an existing resource", () => {
        const { state } = mockResource(request({ type: "okta:index/apiToken:ApiToken", name: "sync", exists: true, importId: "00T1", inputs: { idProperty: "00T1", created: "2023-09-12T08:30:00Z" } }));
        assert.equal(state.created, "2023-09-12T08:30:00Z");
        assert.equal(state.id, "00T1");
    });

    it("merges provider default tags under the resource's tags into tagsAll", () => {
        const { state } = mockResource(request({ type: "aws:iam/user:User", name: "ci", inputs: { name: "ci", tags: { Owner: "platform", Environment: "staging" } } }));
        assert.deepEqual(state.tagsAll, { Environment: "staging", Owner: "platform" });
        assert.deepEqual(mockResource(request({ type: "aws:iam/user:User", name: "ci", inputs: { name: "ci" } })).state.tagsAll, { Environment: "prod" });
    });

    it("autonames what the provider autonames, the same way every run", () => {
        const first = mockResource(request({ type: "aws:ec2/securityGroup:SecurityGroup", name: "web" })).state.name;
        assert.match(String(first), /^web-[0-9a-f]{7}$/);
        assert.equal(mockResource(request({ type: "aws:ec2/securityGroup:SecurityGroup", name: "web" })).state.name, first);
    });

    it("builds ARNs in the provider's account and region outside preview", () => {
        const { id, state } = mockResource(request({ type: "aws:ec2/vpc:Vpc", name: "main", dryRun: false, inputs: { cidrBlock: "10.30.0.0/16" } }));
        assert.match(id, /^vpc-[0-9a-f]{17}$/);
        assert.equal(state.arn, `arn:aws:ec2:eu-west-1:100000000030:vpc/${id}`);
        assert.equal(state.ownerId, "100000000030");
    });

    it("computes a rotation instant from a stated base time at planning", () => {
        const { state } = mockResource(request({ type: "time:index/rotating:Rotating", name: "r", inputs: { rfc3339: "2024-01-31T00:00:00Z", rotationDays: 90 } }));
        assert.equal(state.rotationRfc3339, "2024-04-30T00:00:00Z");
        assert.equal(mockResource(request({ type: "time:index/rotating:Rotating", name: "r", inputs: { rotationDays: 90 } })).state.rfc3339, UNKNOWN_WIRE_VALUE);
    });
});

import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { readExport, sourceFromState } from "../../../cli/state/export";
import { CHECKPOINT_PROPERTY } from "../../../policies/lib/model";

const STATES = path.join(__dirname, "..", "..", "fixtures", "states");

function load(name: string) {
    return readExport(fs.readFileSync(path.join(STATES, name), "utf8"), name);
}

describe("reading a pulumi stack export (deployment version 3)", () => {
    it("takes the stack and project from the URNs and leaves out resources pending deletion", () => {
        const exported = load("prod-old-keys.json");
        assert.equal(exported.stack, "prod");
        assert.equal(exported.project, "deploy-keys");
        assert.equal(exported.resources.length, 7);
        assert.ok(!exported.resources.some((r) => r.name === "ci-deployer-old"));
    });

    it("passes the checkpoint's created and modified stamps as the reserved output property", () => {
        const key = load("prod-old-keys.json").resources.find((r) => r.type === "aws:iam/accessKey:AccessKey");
        assert.deepEqual(key?.outputs[CHECKPOINT_PROPERTY], { created: "2023-05-02T14:03:11Z", modified: "2023-05-02T14:03:11Z" });
        assert.equal(key?.outputs.createDate, "2023-05-02T14:03:11Z");
    });

    it("splits provider references and keeps the graph", () => {
        const key = load("prod-old-keys.json").resources.find((r) => r.type === "aws:iam/accessKey:AccessKey");
        assert.equal(key?.provider, "urn:pulumi:prod::deploy-keys::pulumi:providers:aws::default_7_48_0");
        assert.equal(key?.parent, "urn:pulumi:prod::deploy-keys::pulumi:pulumi:Stack::deploy-keys-prod");
        assert.deepEqual(key?.propertyDependencies, { user: ["urn:pulumi:prod::deploy-keys::aws:iam/user:User::ci-deployer"] });
        assert.deepEqual(key?.options.additionalSecretOutputs, ["secret", "sesSmtpPasswordV4"]);
        assert.deepEqual(key?.source, { file: "index.ts", line: 18, column: 1 });
    });

    it("reads deployments of version 1 and 2 as the Pulumi CLI does, and an empty one as nothing to analyze", () => {
        for (const version of [1, 2]) {
            const exported = load(`prod-app-version-${version}.json`);
            assert.equal(exported.version, version);
            assert.equal(exported.resources.length, 5);
        }
        assert.deepEqual(readExport('{"version": 3, "deployment": {}}', "empty.json").resources, []);
    });

    it("names a resource by everything after the URN's third '::', and leaves checkpoint times out when asked", () => {
        const exported = readExport(fs.readFileSync(path.join(STATES, "prod-app-staging-network.json"), "utf8"), "app", { checkpoint: false });
        assert.ok(exported.resources.some((r) => r.name === "app::https-in" && r.type === "aws:ec2/securityGroupRule:SecurityGroupRule"));
        assert.ok(exported.resources.every((r) => r.outputs.__blastwallCheckpoint === undefined));
        assert.ok(exported.resources.some((r) => r.external === true && r.type === "pulumi:pulumi:StackReference"));
    });

    const broken: { name: string; text: string; message: string }[] = [
        { name: "text that is not JSON", text: "{", message: "state.json is not a pulumi stack export: it is not JSON" },
        { name: "JSON without a deployment", text: "{}", message: "state.json is not a pulumi stack export: it has no `deployment` object" },
        { name: "a deployment version newer than the CLI reads", text: '{"version": 4, "deployment": {}}', message: "state.json is a deployment of version 4; blastwall reads versions 1 to 3" },
        { name: "a resource without a URN", text: '{"version": 3, "deployment": {"resources": [{"type": "a:b:C"}]}}', message: "state.json: deployment.resources[0] has no valid urn" },
        {
            name: "resources of two stacks",
            text: JSON.stringify({
                version: 3,
                deployment: { resources: [{ urn: "urn:pulumi:a::p::t:m:T::x", type: "t:m:T" }, { urn: "urn:pulumi:b::p::t:m:T::y", type: "t:m:T" }] },
            }),
            message: "state.json: deployment.resources[1] (urn:pulumi:b::p::t:m:T::y) belongs to p/b, not p/a",
        },
    ];
    for (const c of broken) {
        it(`refuses ${c.name}, saying what is wrong`, () => {
            assert.throws(() => readExport(c.text, "state.json"), (error: Error) => error.name === "InputError" && error.message.startsWith(c.message));
        });
    }

    it("reads source positions of the form project:///file#line,column", () => {
        assert.deepEqual(sourceFromState("project:///src/net/vpc.ts#12,5"), { file: "src/net/vpc.ts", line: 12, column: 5 });
        assert.equal(sourceFromState("file:///elsewhere.ts#1,1"), undefined);
    });
});

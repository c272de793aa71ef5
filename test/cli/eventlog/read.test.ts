import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { plainText, readEventLog } from "../../../cli/eventlog/read";

const LOGS = path.join(__dirname, "..", "..", "fixtures", "eventlogs");
const none = () => undefined;

describe("reading the policy events of a pulumi preview --event-log", () => {
    const log = readEventLog(fs.readFileSync(path.join(LOGS, "prod-preview.jsonl"), "utf8"), "prod-preview.jsonl", none);

    it("turns each policy event into a finding on its resource, without colour codes or the description line", () => {
        assert.deepEqual(
            log.findings.map((f) => [f.policy, f.level, f.resourceType, f.resourceName, f.pack]),
            [
                ["credential-max-age", "mandatory", "aws:iam/accessKey:AccessKey", "ci-deployer", "blastwall"],
                ["credential-rotated-after-incident", "mandatory", "okta:index/apiToken:ApiToken", "atlassian-sync", "blastwall"],
                ["token-described", "advisory", "okta:index/apiToken:ApiToken", "atlassian-sync", "acme-hygiene"],
            ],
        );
        assert.equal(
            log.findings[0].message,
            "Access key 'ci-deployer' in prod was issued 2023-05-02, 201 days ago, past the 90-day limit; rotate it (replace the key; a new aws.iam.AccessKey, then delete the old one).",
        );
    });

    it("takes the stack from the URNs and the policies that ran from the summaries", () => {
        assert.equal(log.stack, "prod");
        assert.equal(log.project, "blastwall-network");
        assert.equal(log.preview, true);
        assert.equal(log.resources, 3);
        assert.deepEqual([...log.policiesRan.keys()].sort(), [
            "credential-max-age",
            "credential-rotated-after-incident",
            "no-cross-environment-network-path",
            "no-plaintext-credentials",
            "stack-environment-known",
            "token-described",
        ]);
    });

    const broken: { name: string; text: string; message: string }[] = [
        { name: "an empty file", text: "\n", message: "log.jsonl holds no engine events" },
        { name: "a line that is not JSON", text: '{"sequence":1,"cancelEvent":{}}\nnot json\n', message: "log.jsonl line 2 is not JSON" },
        { name: "JSON that is no engine event", text: '{"hello":1}\n', message: "log.jsonl line 1 is not a Pulumi engine event" },
    ];
    for (const c of broken) {
        it(`refuses ${c.name}, naming the line`, () => {
            assert.throws(() => readEventLog(c.text, "log.jsonl", none), (error: Error) => error.name === "InputError" && error.message.startsWith(c.message));
        });
    }

    it("strips Pulumi colour directives and ANSI escapes", () => {
        assert.equal(plainText("<{%fg 12%}>note<{%reset%}> \u001b[31mred\u001b[0m"), "note red");
    });
});

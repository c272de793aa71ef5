// Data sources under mocks: getPolicyDocument rendered as the AWS provider renders it, calls
// blastwall has no entry for answered with their declared result shape (never their own
// arguments), and a user's own answers matched by token and arguments.
import { strict as assert } from "node:assert";
import { answerCall } from "../../../cli/program/data-sources";
import { policyDocument } from "../../../cli/program/policy-document";
import { REPO } from "../e2e/cli";

const facts = { region: "us-east-1", accountId: "100000000030", defaultTags: {} };

describe("data sources under mocks", () => {
    describe("aws.iam.getPolicyDocument, rendered as the provider renders it", () => {
        it("writes one value as a string, sorts longer lists in reverse, keys principals and conditions, and indents by two", () => {
            const result = policyDocument({
                statements: [
                    {
                        sid: "Read",
                        actions: ["s3:GetObject", "s3:ListBucket", "s3:GetObject"],
                        resources: ["arn:aws:s3:::reports/&{aws:username}/*"],
                        principals: [
                            { type: "Service", identifiers: ["lambda.amazonaws.com"] },
                            { type: "AWS", identifiers: ["arn:aws:iam::100000000030:root", "arn:aws:iam::100000000030:role/a"] },
                        ],
                        conditions: [
                            { test: "StringEquals", variable: "aws:SourceAccount", values: ["100000000030"] },
                            { test: "ArnLike", variable: "aws:SourceArn", values: ["arn:b", "arn:a"] },
                        ],
                    },
                    { effect: "Deny", notActions: ["iam:*"], resources: ["*"] },
                ],
            });
            assert.equal(
                result.json,
                [
                    "{",
                    '  "Version": "2012-10-17",',
                    '  "Statement": [',
                    "    {",
                    '      "Sid": "Read",',
                    '      "Effect": "Allow",',
                    '      "Action": [',
                    '        "s3:ListBucket",',
                    '        "s3:GetObject"',
                    "      ],",
                    '      "Resource": "arn:aws:s3:::reports/${aws:username}/*",',
                    '      "Principal": {',
                    '        "AWS": [',
                    '          "arn:aws:iam::100000000030:root",',
                    '          "arn:aws:iam::100000000030:role/a"',
                    "        ],",
                    '        "Service": "lambda.amazonaws.com"',
                    "      },",
                    '      "Condition": {',
                    '        "ArnLike": {',
                    '          "aws:SourceArn": [',
                    '            "arn:b",',
                    '            "arn:a"',
                    "          ]",
                    "        },",
                    '        "StringEquals": {',
                    '          "aws:SourceAccount": "100000000030"',
                    "        }",
                    "      }",
                    "    },",
                    "    {",
                    '      "Effect": "Deny",',
                    '      "NotAction": "iam:*",',
                    '      "Resource": "*"',
                    "    }",
                    "  ]",
                    "}",
                ].join("\n"),
            );
            assert.equal(result.minifiedJson, JSON.stringify(JSON.parse(result.json as string)));
            assert.match(String(result.id), /^\d+$/);
        });

        it("writes a lone * principal of type * as \"*\", and merges source and override documents by Sid", () => {
            const result = policyDocument({
                sourcePolicyDocuments: [JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "A", Effect: "Allow", Action: "s3:*", Resource: "*" }] })],
                statements: [{ sid: "B", actions: ["sqs:SendMessage"], resources: ["*"], principals: [{ type: "*", identifiers: ["*"] }] }],
                overridePolicyDocuments: [JSON.stringify({ Statement: [{ Sid: "A", Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" }] })],
            });
            assert.deepEqual(JSON.parse(result.minifiedJson as string), {
                Version: "2012-10-17",
                Statement: [
                    { Sid: "A", Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" },
                    { Sid: "B", Effect: "Allow", Action: "sqs:SendMessage", Resource: "*", Principal: "*" },
                ],
            });
        });

        it("escapes <, > and & as Go's encoder does", () => {
            const result = policyDocument({ statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::a&b"] }] });
            assert.ok(String(result.minifiedJson).includes('"Resource":"arn:aws:s3:::a\\u0026b"'), String(result.minifiedJson));
        });
    });

    it("answers a call it has no entry for with the result's declared fields, empty, echoing only arguments of the same name", () => {
        const answer = answerCall("aws:route53/getZone:getZone", { name: "orders.example.com", privateZone: true }, facts, undefined, REPO, []);
        assert.equal(answer.kind, "unanswered");
        assert.equal(answer.result.name, "orders.example.com");
        assert.equal(answer.result.privateZone, true);
        assert.equal(answer.result.zoneId, "");
        assert.deepEqual(answer.result.nameServers, []);
        assert.ok(Object.keys(answer.result).includes("arn"), "every declared field is there");
    });

    it("answers ssm.getParameter with a secret placeholder and names the field offline cannot know", () => {
        const answer = answerCall("aws:ssm/getParameter:getParameter", { name: "/orders/settings" }, facts, undefined, REPO, []);
        assert.equal(answer.kind, "placeholder");
        assert.deepEqual(answer.placeholders, ["value"]);
        assert.equal(answer.result.arn, "arn:aws:ssm:us-east-1:100000000030:parameter/orders/settings");
    });

    it("prefers the user's answer when its arguments match, laid over blastwall's", () => {
        const answers = [{ token: "aws:ssm/getParameter:getParameter", args: { name: "/orders/settings" }, result: { value: "{}" } }];
        const matched = answerCall("aws:ssm/getParameter:getParameter", { name: "/orders/settings", withDecryption: true }, facts, undefined, REPO, answers);
        assert.equal(matched.kind, "user");
        assert.equal(matched.result.value, "{}");
        assert.equal(matched.result.type, "SecureString");
        const other = answerCall("aws:ssm/getParameter:getParameter", { name: "/other" }, facts, undefined, REPO, answers);
        assert.equal(other.kind, "placeholder");
    });
});

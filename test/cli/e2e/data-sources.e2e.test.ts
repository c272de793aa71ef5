// A program that reads its settings from SSM, looks up a zone and builds a trust policy with
// getPolicyDocument: it fails offline on the placeholder, and the error names the data sources it
// had called; answered in the settings document, it runs, and the unanswered call is a warning.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { runProgram } from "../../../cli/program/runner";
import { loadProject, loadStackConfig } from "../../../cli/program/stack-files";
import { json, PROJECTS, runCli } from "./cli";

const PROJECT = path.join(PROJECTS, "data-sources");
// Not named blastwall.yaml: that would be found without --config, and the first case runs without it.
const SETTINGS = path.join(PROJECT, "mock-answers.yaml");

describe("blastwall check --project with data sources", function () {
    this.timeout(240_000);

    it("names the data sources answered without real values when the program fails on one (exit 2)", async () => {
        const result = await runCli(["check", "--project", PROJECT, "--stack", "prod", "--quiet"]);
        assert.equal(result.code, 2, result.stderr);
        assert.match(result.stderr, /failed under mocks: SyntaxError: .*"\[secret\]" is not valid JSON/);
        assert.ok(
            result.stderr.includes(
                "Before it failed, it called data sources that blastwall answered without real values: aws:route53/getZone:getZone (not answered: empty values), aws:ssm/getParameter:getParameter (placeholder value); answer them under mockCalls in the settings document (--config).",
            ),
            result.stderr,
        );
    });

    it("runs with the user's answer from the settings document and warns about the call nobody answered", async () => {
        const result = await runCli(["check", "--project", PROJECT, "--stack", "prod", "--config", SETTINGS, "--format", "json", "--quiet"]);
        assert.ok(result.code === 0 || result.code === 1, result.stderr);
        const [stack] = json(result).stacks as unknown as Array<{ warnings: string[] }>;
        assert.deepEqual(stack.warnings, [
            "the program called aws:route53/getZone:getZone, which blastwall cannot answer offline; it received its result's declared fields with empty values (answer it under mockCalls in the settings document)",
        ]);
    });

    it("hands the role the trust policy getPolicyDocument renders from the program's arguments", async () => {
        const project = loadProject(PROJECT);
        const stack = loadStackConfig(project, "prod");
        const result = await runProgram(
            {
                projectDir: project.dir,
                main: project.main,
                project: project.name,
                stack: "prod",
                organization: "o",
                dryRun: true,
                config: stack.config,
                secretKeys: stack.secretKeys,
                callAnswers: [{ token: "aws:ssm/getParameter:getParameter", result: { value: '{"replicas": 1, "bucketName": "b"}' } }],
            },
            { onOutput: () => undefined },
        );
        const role = result.resources.find((r) => r.type === "aws:iam/role:Role");
        assert.equal(
            role?.inputs.assumeRolePolicy,
            JSON.stringify(
                {
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "AssumeFromAccount",
                            Effect: "Allow",
                            Action: ["sts:TagSession", "sts:AssumeRole"],
                            Principal: { AWS: "arn:aws:iam::100000000030:root" },
                            Condition: { StringEquals: { "aws:PrincipalTag/team": "reporting" } },
                        },
                    ],
                },
                null,
                2,
            ),
        );
    });
});

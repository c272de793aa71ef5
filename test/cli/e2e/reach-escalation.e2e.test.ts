// credential-no-escalation end to end: a project run under mocks, the real pack process over
// gRPC, the real CLI. The key may replace the code of a Lambda function whose role is an
// administrator; the fixed stack gives the function only basic execution rights.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { json, PROJECTS, runCli } from "./cli";

const PROJECT = path.join(PROJECTS, "reach-lambda");
const ESCALATION =
    "Access key 'ci-deployer' in test has a privilege-escalation path: user 'ci' can replace the code of Lambda function 'nightly' (lambda:UpdateFunctionCode), then run as its role 'nightly-role', which is administrator-equivalent; remove lambda:UpdateFunctionCode from the policies of IAM user 'ci' or limit it to functions whose role is no more powerful than it, or, for a break-glass credential, name its owner or kind in the breakGlass setting.";

describe("credential escalation through an existing Lambda function (end to end, real pack process and CLI)", function () {
    this.timeout(240_000);

    it("blocks a key that may redeploy a function running as an administrator, and reports the path in the JSON report", async () => {
        const result = await runCli(["check", "--project", PROJECT, "--stack", "test", "--format", "json", "--quiet"]);
        assert.equal(result.code, 1, result.stderr);
        const report = json(result);
        const findings = report.stacks[0].findings.map((f) => [f.policy, f.level, f.resourceName, f.message]);
        assert.deepEqual(findings, [["credential-no-escalation", "mandatory", "ci-deployer", ESCALATION]]);
    });

    it("passes the fixed stack, whose function runs with basic execution rights", async () => {
        const result = await runCli(["check", "--project", PROJECT, "--stack", "test-fixed", "--format", "json", "--quiet"]);
        assert.equal(result.code, 0, result.stderr);
        assert.deepEqual(json(result).stacks[0].findings, []);
    });
});

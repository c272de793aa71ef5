// ES module programs (`"type": "module"`, top-level await, `.js` imports of TypeScript modules)
// run with the project's own ESM TypeScript loader, as Pulumi's language host runs them, and
// their resources are judged and located like any other. Through the real CLI and pack.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { json, PROJECTS, runCli } from "./cli";

const PROJECT = path.join(PROJECTS, "esm-program");

describe("blastwall check --project on an ES module program", function () {
    this.timeout(240_000);

    it("runs it, awaits its top-level data source, follows its .js import, and blocks the VPC on staging's range at its line", async () => {
        const result = await runCli(["check", "--project", PROJECT, "--stack", "test", "--format", "json", "--quiet"]);
        assert.equal(result.code, 1, result.stderr);
        const [stack] = json(result).stacks;
        assert.equal(stack.resources, 4, "the stack, its default aws provider, the VPC and its subnet");
        const vpc = stack.findings.find((f) => f.resourceName === "app" && f.policy === "no-cross-environment-network-path");
        assert.equal(vpc?.message, "VPC 'app' in test uses 10.20.0.0/16 (staging); use only test ranges (10.10.0.0/16).");
        assert.deepEqual(vpc?.source, { file: "test/fixtures/projects/esm-program/network.ts", line: 4, column: 17 });
        const subnet = stack.findings.find((f) => f.resourceName === "app-a");
        assert.equal(subnet?.source?.line, 5);
    });
});

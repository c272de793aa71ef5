// Secrets under mocks as a real preview has them: a value the program or the SDK made secret stays
// secret while unknown, and additionalSecretOutputs (the SDK's schema secrets and the program's
// own) make outputs secret as the engine does after Create. Through the real program runner and CLI.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { wireSignatures } from "../../../policies/lib/sdk/wire";
import { UNKNOWN_WIRE_VALUE } from "../../../policies/lib/props";
import { runProgram } from "../../../cli/program/runner";
import { loadProject, loadStackConfig } from "../../../cli/program/stack-files";
import { json, PROJECTS, runCli } from "./cli";

const PROJECT = path.join(PROJECTS, "rds-random-password");
const secretUnknown = { [wireSignatures.key]: wireSignatures.secret, value: UNKNOWN_WIRE_VALUE };

describe("secrets under mocks (rds password from random.RandomPassword)", function () {
    this.timeout(240_000);

    it("marks additionalSecretOutputs secret in the outputs AnalyzeStack sees, unknowns included", async () => {
        const project = loadProject(PROJECT);
        const stack = loadStackConfig(project, "prod");
        const result = await runProgram(
            { projectDir: project.dir, main: project.main, project: project.name, stack: "prod", organization: "o", dryRun: true, config: stack.config, secretKeys: stack.secretKeys },
            { onOutput: () => undefined },
        );
        const byName = new Map(result.resources.map((r) => [r.name, r] as const));
        const password = byName.get("orders-db-password");
        assert.deepEqual(password?.outputs.result, secretUnknown, "RandomPassword.result: the SDK lists it in additionalSecretOutputs");
        assert.deepEqual(password?.outputs.bcryptHash, secretUnknown);
        const db = byName.get("orders-db");
        assert.deepEqual(db?.inputs.password, secretUnknown, "the AWS SDK wraps password in pulumi.secret; unknown, it stays secret");
        assert.deepEqual(db?.outputs.password, secretUnknown);
        assert.deepEqual(db?.outputs.endpoint, secretUnknown, "the program's own additionalSecretOutputs");
        assert.equal(db?.outputs.passwordWo, undefined, "a write-only input listed as secret is not invented as an output");
        const url = byName.get("orders-db-url");
        assert.deepEqual(url?.inputs.secretString, secretUnknown, "pulumi.secret(unknown) stays secret");
    });

    it("finds no plaintext credential in a RandomPassword result, a pulumi.secret value or a secure config value", async () => {
        const result = await runCli(["check", "--project", PROJECT, "--stack", "prod", "--format", "json", "--quiet"]);
        assert.ok(result.code === 0 || result.code === 1, result.stderr);
        const findings = json(result).stacks[0].findings.filter((f) => f.policy === "no-plaintext-credentials");
        assert.deepEqual(findings, []);
    });
});

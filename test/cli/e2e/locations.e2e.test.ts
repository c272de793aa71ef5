// Where a finding points, and which stacks can run: a project outside any git repository, checked
// from another directory, reports lines relative to the project; a resource made in a `.map` or
// `.forEach` callback is placed on its `new` line; a stack with no Pulumi.<stack>.yaml runs on
// the project's config defaults. Through the real CLI and pack.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { json, PROJECTS, REPO, runCli } from "./cli";

function copyOutsideRepository(name: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "blastwall-nogit-"));
    const project = path.join(dir, name);
    fs.cpSync(path.join(PROJECTS, name), project, { recursive: true });
    // The project's dependencies, as `npm install` would have left them.
    fs.symlinkSync(path.join(REPO, "node_modules"), path.join(project, "node_modules"), "dir");
    return project;
}

describe("blastwall check --project: locations and stacks without a stack file", function () {
    this.timeout(240_000);
    const cleanup: string[] = [];
    after(() => cleanup.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

    it("runs a stack with no Pulumi.<stack>.yaml on the config defaults, from another directory, with callback resources on their new lines", async () => {
        const project = copyOutsideRepository("team-users");
        const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "blastwall-cwd-"));
        cleanup.push(path.dirname(project), elsewhere);
        const result = await runCli(["check", "--project", project, "--stack", "staging", "--format", "json", "--quiet"], { cwd: elsewhere });
        assert.equal(result.code, 1, result.stderr);
        const [stack] = json(result).stacks;
        assert.equal(stack.origin, "Pulumi.yaml");
        assert.deepEqual((stack as unknown as { warnings: string[] }).warnings, ["stack staging has no Pulumi.staging.yaml; it ran on the project's config defaults in Pulumi.yaml"]);
        const located = [...new Set(stack.findings.map((f) => `${f.resourceType} ${f.resourceName} ${f.source?.file}:${f.source?.line}`))];
        assert.deepEqual(
            located.filter((l) => l.startsWith("aws:iam/accessKey")),
            ["aws:iam/accessKey:AccessKey orders-key index.ts:22", "aws:iam/accessKey:AccessKey billing-key index.ts:22"],
        );
        const users = located.filter((l) => l.startsWith("aws:iam/user"));
        assert.ok(users.every((l) => l.endsWith(" index.ts:16")), users.join("\n"));
    });
});

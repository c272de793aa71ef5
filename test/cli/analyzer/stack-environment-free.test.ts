// Why one pack process may serve many stacks (check/multi-state.ts): neither the shipped pack nor
// the @pulumi/policy SDK reads the stack environment a pack is started with (PULUMI_NODEJS_STACK,
// _PROJECT, _ORGANIZATION, _DRY_RUN, PULUMI_CONFIG, and the runtime calls that read them:
// pulumi.getStack(), getProject(), getOrganization(), isDryRun(), new pulumi.Config()). A rule
// knows its stack from the URNs and the ConfigureStack tags each conversation carries. This scan
// fails the day one of them starts reading it, so that the sharing is revisited; the end-to-end
// proof is test/cli/e2e/many-states.e2e.test.ts.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { allPolicies } from "../../../policies/policies";

const REPO = path.resolve(__dirname, "..", "..", "..");
const STACK_ENVIRONMENT = /process\.env|PULUMI_(NODEJS_|CONFIG|STACK|PROJECT|ORGANIZATION|DRY_RUN)|getStack\(|getProject\(|getOrganization\(|isDryRun\(|\bConfig\(|allConfig\(|getConfig\(\s*["'`]/;
// The only environment variable the pack reads: a switch for its own AnalyzeStack path, not a stack's.
const ALLOWED = ["policies/lib/sdk/one-pass.ts: process.env.BLASTWALL_ONE_PASS"];

function files(dir: string, ext: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return ["node_modules", "bin", "dist"].includes(entry.name) ? [] : files(full, ext);
        return entry.name.endsWith(ext) && !entry.name.endsWith(".d.ts") ? [full] : [];
    });
}

function reads(file: string): string[] {
    return fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line) && STACK_ENVIRONMENT.test(line))
        .map((line) => `${path.relative(REPO, file).split(path.sep).join("/")}: ${(STACK_ENVIRONMENT.exec(line)?.[0] ?? "").trim()}`);
}

describe("a pack process's stack environment", () => {
    it("is read nowhere in the shipped pack but for its own one-pass switch", () => {
        const found = files(path.join(REPO, "policies"), ".ts").flatMap((file) =>
            reads(file).map((hit) => (hit.endsWith("process.env") && fs.readFileSync(file, "utf8").includes("process.env.BLASTWALL_ONE_PASS") ? `${hit}.BLASTWALL_ONE_PASS` : hit)),
        );
        assert.deepEqual(found, ALLOWED);
    });

    it("is read nowhere in @pulumi/policy (its config and tags come from Configure and ConfigureStack)", () => {
        const sdk = path.dirname(require.resolve("@pulumi/policy/package.json"));
        const found = files(sdk, ".js").flatMap(reads);
        assert.deepEqual(found, []);
    });

    it("has no remediation in the shipped pack, so a shared pack is sent no Remediate (every answer would be empty)", () => {
        assert.deepEqual(allPolicies.filter((p) => "remediateResource" in p).map((p) => p.name), []);
    });

    it("would be found by the scan (the pattern matches what a pack could write)", () => {
        for (const line of ["const s = pulumi.getStack();", "process.env.PULUMI_NODEJS_STACK", "new pulumi.Config()", "pulumi.runtime.isDryRun()"]) assert.ok(STACK_ENVIRONMENT.test(line), line);
    });
});

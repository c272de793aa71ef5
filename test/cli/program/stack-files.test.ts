import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { listStacks, loadProject, loadStackConfig, PLACEHOLDER_SECRET } from "../../../cli/program/stack-files";

function project(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "blastwall-project-"));
    for (const [name, content] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), content);
    }
    return dir;
}

const PULUMI_YAML = [
    "name: payments",
    "description: Payments",
    "runtime: { name: nodejs, options: { typescript: true } }",
    "main: src/",
    "stackConfigDir: stacks",
    "config:",
    "  region: { type: string, default: eu-west-1 }",
    "  aws:region: us-east-1",
].join("\n");

describe("reading a Pulumi project and its stack config like the Pulumi CLI", () => {
    it("reads main, stackConfigDir and project config defaults", () => {
        const dir = project({ "Pulumi.yaml": PULUMI_YAML, "stacks/Pulumi.prod.yaml": "config: {}\n", "stacks/Pulumi.eu-prod.yaml": "config: {}\n" });
        const loaded = loadProject(dir);
        assert.equal(loaded.main, path.join(dir, "src"));
        assert.deepEqual(loaded.configDefaults, { "payments:region": "eu-west-1", "aws:region": "us-east-1" });
        assert.deepEqual(listStacks(loaded), ["eu-prod", "prod"]);
    });

    it("namespaces bare keys with the project, passes objects as JSON and hides secure values", () => {
        const dir = project({
            "Pulumi.yaml": PULUMI_YAML,
            "stacks/Pulumi.prod.yaml": [
                "config:",
                "  aws:region: eu-central-1",
                "  peer: { vpcId: vpc-1, cidr: 10.30.0.0/16 }",
                "  replicas: 3",
                "  payments:apiToken: { secure: v1:AAAA }",
                "  pulumi:tags: { environment: prod, team: payments }",
            ].join("\n"),
        });
        const stack = loadStackConfig(loadProject(dir), "prod");
        assert.deepEqual(stack.config, {
            "payments:region": "eu-west-1",
            "aws:region": "eu-central-1",
            "payments:peer": '{"vpcId":"vpc-1","cidr":"10.30.0.0/16"}',
            "payments:replicas": "3",
            "payments:apiToken": PLACEHOLDER_SECRET,
            "pulumi:tags": '{"environment":"prod","team":"payments"}',
        });
        assert.deepEqual(stack.secretKeys, ["payments:apiToken"]);
        assert.deepEqual(stack.tags, { "pulumi:project": "payments", "pulumi:runtime": "nodejs", "pulumi:description": "Payments", environment: "prod", team: "payments" });
        assert.deepEqual(stack.warnings, ['secure config (payments:apiToken) cannot be decrypted offline; the program received "[secret]", marked secret']);
    });

    it("runs a stack with no config file on the project's config defaults, as the Pulumi CLI does, and says so", () => {
        const dir = project({ "Pulumi.yaml": "name: x\nruntime: nodejs\nstackConfigDir: stacks\nconfig:\n  accountId: { type: string, default: '100000000020' }\n", "stacks/Pulumi.dev.yaml": "" });
        const stack = loadStackConfig(loadProject(dir), "staging");
        assert.deepEqual(stack.config, { "x:accountId": "100000000020" });
        assert.equal(stack.file, path.join(dir, "Pulumi.yaml"));
        assert.deepEqual(stack.warnings, ["stack staging has no stacks/Pulumi.staging.yaml; it ran on the project's config defaults in Pulumi.yaml"]);
    });

    const broken: { name: string; files: Record<string, string>; stack?: string; message: RegExp }[] = [
        { name: "a directory without Pulumi.yaml", files: { "index.ts": "" }, message: /^no Pulumi project in .*: it has no Pulumi\.yaml/ },
        { name: "a project that is not Node.js", files: { "Pulumi.yaml": "name: x\nruntime: python\n" }, message: /has runtime "python"; blastwall check runs Node\.js/ },
        { name: "pulumi:tags that are not strings", files: { "Pulumi.yaml": "name: x\nruntime: nodejs\n", "Pulumi.dev.yaml": "config:\n  pulumi:tags: { a: [1] }\n" }, stack: "dev", message: /pulumi:tags must be a mapping of tag names to strings/ },
    ];
    for (const c of broken) {
        it(`refuses ${c.name}, saying why`, () => {
            const dir = project(c.files);
            assert.throws(() => loadStackConfig(loadProject(dir), c.stack ?? "dev"), (error: Error) => error.name === "InputError" && c.message.test(error.message));
        });
    }
});

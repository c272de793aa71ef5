// What an adopting team does: pack the pack and the CLI, install both tarballs into their own
// Pulumi TypeScript project (outside this repository, with its own, older @pulumi/pulumi), run
// `npx blastwall check` there, and let the language host start the installed pack. The project's
// SDK must be the one it had before: blastwall never installs another over it.
//
// Slow by nature (real `npm install`s from the registry or npm's cache): one file, one generous timeout.

import { strict as assert } from "node:assert";
import { spawn, spawnSync, SpawnSyncReturns } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "..", "..");
/** Older than the workspace's 3.270.0, and new enough to run policy packs through its language host (3.221+). */
const PROJECT_SDK = "3.230.0";
const PROJECT_AWS = require(path.join(REPO, "node_modules", "@pulumi", "aws", "package.json")).version as string; // eslint-disable-line @typescript-eslint/no-require-imports

// A parent `npm test` leaves npm_config_* variables (workspace, prefix, ...) that must not steer
// the installs of a project that has nothing to do with this workspace.
function cleanEnv(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
    return { ...env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false", NO_COLOR: "1", FORCE_COLOR: "0" };
}

function run(command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
    const result = spawnSync(command, [...args], { cwd, env: cleanEnv(), encoding: "utf8", timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
    if (result.error) throw result.error;
    return result;
}

function ok(command: string, args: readonly string[], cwd: string): string {
    const result = run(command, args, cwd);
    assert.equal(result.status, 0, `${command} ${args.join(" ")} in ${cwd} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
    return result.stdout;
}

function packOne(dir: string, destination: string): string {
    const out = ok("npm", ["pack", "--json", "--pack-destination", destination], dir);
    const [{ filename }] = JSON.parse(out.slice(out.indexOf("["))) as Array<{ filename: string }>;
    return path.join(destination, filename);
}

function copySources(from: string, to: string): void {
    fs.cpSync(from, to, { recursive: true, filter: (source) => !/[\\/](node_modules|bin)$/.test(source) || source === from });
}

const program = (ingress: string) => `import * as aws from "@pulumi/aws";

const vpc = new aws.ec2.Vpc("main", { cidrBlock: "10.30.0.0/16", tags: { Environment: "prod", Owner: "platform-team" } });
new aws.ec2.SecurityGroup("web", {
    vpcId: vpc.id,
    description: "HTTPS",
    ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["${ingress}"] }],
    tags: { Environment: "prod", Owner: "platform-team" },
});
export const vpcId = vpc.id;
`;

function sdkVersion(project: string): string {
    return (JSON.parse(fs.readFileSync(path.join(project, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")) as { version: string }).version;
}

/** Starts a pack as the Node language host does and resolves with its first stdout line. */
function firstLine(script: string, packDir: string): Promise<string> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [script, "127.0.0.1:0", packDir], {
            cwd: packDir,
            env: { ...cleanEnv(), PULUMI_NODEJS_STACK: "prod", PULUMI_NODEJS_PROJECT: "scratch", PULUMI_NODEJS_DRY_RUN: "true" },
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        const timer = setTimeout(() => finish(new Error(`no port within 60 s:\n${stderr}`)), 60_000);
        const finish = (error?: Error, line?: string) => {
            clearTimeout(timer);
            child.kill("SIGKILL");
            if (error) reject(error);
            else resolve(line ?? "");
        };
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
            stdout += chunk;
            if (stdout.includes("\n")) finish(undefined, stdout.slice(0, stdout.indexOf("\n")));
        });
        child.once("exit", (code) => finish(new Error(`the pack exited (${code}) before printing its port:\n${stderr}`)));
    });
}

describe("blastwall installed from its tarballs into another Pulumi project", function () {
    this.timeout(20 * 60_000);
    let work: string;
    let project: string;
    let cliTarball: string;
    let packTarball: string;

    before(() => {
        work = fs.mkdtempSync(path.join(os.tmpdir(), "blastwall-install-"));
        const tarballs = path.join(work, "tarballs");
        fs.mkdirSync(tarballs);
        // The pack builds outside the workspace: its own install (typescript among its devDependencies), its own prepack.
        const packSource = path.join(work, "pack-source");
        copySources(path.join(REPO, "policies"), packSource);
        ok("npm", ["install", "--no-package-lock"], packSource);
        packTarball = packOne(packSource, tarballs);
        cliTarball = packOne(path.join(REPO, "cli"), tarballs);

        project = path.join(work, "project");
        fs.mkdirSync(project);
        fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: scratch\nruntime: nodejs\ndescription: an adopting team's own program\n");
        fs.writeFileSync(path.join(project, "Pulumi.prod.yaml"), 'config:\n  aws:region: us-east-1\n  aws:allowedAccountIds:\n    - "100000000030"\n');
        fs.writeFileSync(
            path.join(project, "package.json"),
            JSON.stringify({ name: "scratch", main: "index.ts", dependencies: { "@pulumi/pulumi": PROJECT_SDK, "@pulumi/aws": PROJECT_AWS }, devDependencies: { "@types/node": "20.19.43", typescript: "5.9.3" } }, null, 2),
        );
        fs.writeFileSync(
            path.join(project, "tsconfig.json"),
            JSON.stringify({ compilerOptions: { strict: true, outDir: "bin", target: "es2020", module: "commonjs", moduleResolution: "node", sourceMap: true }, files: ["index.ts"] }, null, 2),
        );
        fs.writeFileSync(path.join(project, "index.ts"), program("10.30.0.0/16"));
        ok("npm", ["install"], project);
        assert.equal(sdkVersion(project), PROJECT_SDK);
        ok("npm", ["install", "--save-dev", cliTarball, packTarball], project);
    });

    after(() => {
        if (work) fs.rmSync(work, { recursive: true, force: true });
    });

    it("leaves the project's own @pulumi/pulumi as it was, in node_modules and in package.json", () => {
        assert.equal(sdkVersion(project), PROJECT_SDK);
        const manifest = JSON.parse(fs.readFileSync(path.join(project, "package.json"), "utf8")) as { dependencies: Record<string, string> };
        assert.equal(manifest.dependencies["@pulumi/pulumi"], PROJECT_SDK);
        // The CLI and the pack use the project's SDK: no second copy under them.
        assert.ok(!fs.existsSync(path.join(project, "node_modules", "blastwall", "node_modules", "@pulumi", "pulumi")));
        assert.ok(!fs.existsSync(path.join(project, "node_modules", "blastwall-policies", "node_modules", "@pulumi", "pulumi")));
    });

    it("installs only what runs: the compiled CLI and pack, no TypeScript sources, no ts-node of its own", () => {
        const cli = path.join(project, "node_modules", "blastwall");
        assert.ok(fs.existsSync(path.join(cli, "dist", "cli", "main.js")));
        assert.ok(fs.existsSync(path.join(project, "node_modules", "blastwall-policies", "bin", "index.js")));
        assert.ok(fs.existsSync(path.join(project, "node_modules", "blastwall-policies", "PulumiPolicy.yaml")));
        const manifest = JSON.parse(fs.readFileSync(path.join(cli, "package.json"), "utf8")) as { dependencies: Record<string, string> };
        assert.deepEqual(Object.keys(manifest.dependencies).filter((name) => /ts-node|typescript/.test(name)), []);
    });

    it("answers npx blastwall --version and -v", () => {
        assert.equal(ok("npx", ["--no-install", "blastwall", "--version"], project).trim(), "0.1.0");
        assert.equal(ok("npx", ["--no-install", "blastwall", "check", "-v"], project).trim(), "0.1.0");
    });

    it("passes a clean program (exit 0) and blocks a path into another environment (exit 1)", () => {
        const clean = run("npx", ["--no-install", "blastwall", "check", "--stack", "prod", "--quiet"], project);
        assert.equal(clean.status, 0, `${clean.stdout}\n${clean.stderr}`);
        assert.match(clean.stdout, /Stack prod \(project scratch, \d+ resources, preview under mocks/);
        assert.match(clean.stdout, /Result: PASS/);

        fs.writeFileSync(path.join(project, "index.ts"), program("10.20.0.0/16"));
        try {
            const bad = run("npx", ["--no-install", "blastwall", "check", "--stack", "prod", "--quiet"], project);
            assert.equal(bad.status, 1, `${bad.stdout}\n${bad.stderr}`);
            assert.match(bad.stdout, /no-cross-environment-network-path/);
            assert.match(bad.stdout, /10\.20\.0\.0\/16/);
            assert.match(bad.stdout, /Result: FAIL/);
        } finally {
            fs.writeFileSync(path.join(project, "index.ts"), program("10.30.0.0/16"));
        }
    });

    it("blastwall init writes the project's settings, which check then reads without --config", () => {
        ok("npx", ["--no-install", "blastwall", "init"], project);
        const text = fs.readFileSync(path.join(project, "blastwall.yaml"), "utf8");
        assert.match(text, /^ {2}prod:\n {4}# from stack prod\n/m);
        assert.match(text, /^ {4}awsAccountIds: \["100000000030"\]$/m);
        const result = run("npx", ["--no-install", "blastwall", "check", "--stack", "prod"], project);
        assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
        assert.match(result.stderr, /^blastwall: using settings blastwall\.yaml$/m);
    });

    it("starts the installed pack as the language host does, with the project's SDK: the first stdout line is the port", async () => {
        const packDir = path.join(project, "node_modules", "blastwall-policies");
        const script = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
        assert.equal(script, path.join(project, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack", "index.js"));
        const line = await firstLine(script, packDir);
        assert.match(line, /^\d+$/, `the first stdout line was ${JSON.stringify(line)}`);
        assert.equal(sdkVersion(project), PROJECT_SDK);
    });

    it("exits 3 with a message, never 1, when an install lost one of its dependencies", () => {
        fs.rmSync(path.join(project, "node_modules", "ajv-formats"), { recursive: true, force: true });
        const result = run("npx", ["--no-install", "blastwall", "--version"], project);
        assert.equal(result.status, 3, `${result.stdout}\n${result.stderr}`);
        assert.match(result.stderr, /blastwall: internal error: the blastwall command could not load .*Cannot find module 'ajv-formats'/);
    });
});

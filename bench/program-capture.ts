// Large programs under mocks: the same generated program of N resources run by blastwall's
// program runner (capture, mock catalog, data sources, progress) and under plain
// `pulumi.runtime.setMocks` with nothing recorded (the floor). Run alone with
//   node -r ts-node/register/transpile-only bench/program-capture.ts [resources] [repetitions]
// It prints one row: medians of wall time and the ratio within this run.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { runProgram } from "../cli/program/runner";

const REPO = path.resolve(__dirname, "..");

function program(resources: number): string {
    const perUser = 3;
    return [
        'import * as pulumi from "@pulumi/pulumi";',
        'import * as aws from "@pulumi/aws";',
        `for (let i = 0; i < ${Math.ceil(resources / perUser)}; i++) {`,
        '    const user = new aws.iam.User(`user-${i}`, { tags: { Owner: "platform-team" } });',
        '    new aws.iam.AccessKey(`key-${i}`, { user: user.name });',
        '    new aws.iam.UserPolicyAttachment(`attach-${i}`, { user: user.name, policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });',
        "}",
        "",
    ].join("\n");
}

const FLOOR = `
const path = require("node:path");
const pulumi = require("@pulumi/pulumi");
const settings = require("@pulumi/pulumi/runtime/settings");
require("ts-node").register({ transpileOnly: true, compilerOptions: { module: "commonjs" } });
(async () => {
    await pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name + "-id", state: a.inputs }), call: (a) => a.inputs }, "bench", "test", true);
    await require("@pulumi/pulumi/runtime/stack").runInPulumiStack(async () => require(process.argv[2]));
    await settings.waitForRPCs();
})().then(() => process.exit(0), (e) => { console.error(e); process.exit(3); });
`;

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
    const resources = Number(process.argv[2] ?? 5000);
    const repetitions = Number(process.argv[3] ?? 3);
    const dir = fs.mkdtempSync(path.join(REPO, "bench", ".program-"));
    try {
        fs.writeFileSync(path.join(dir, "index.ts"), program(resources));
        fs.writeFileSync(path.join(dir, "floor.js"), FLOOR);
        const floor: number[] = [];
        const runner: number[] = [];
        let registered = 0;
        for (let i = 0; i < repetitions; i++) {
            let started = Date.now();
            const plain = spawnSync(process.execPath, [path.join(dir, "floor.js"), path.join(dir, "index.ts")], { cwd: dir, encoding: "utf8" });
            if (plain.status !== 0) throw new Error(`floor failed: ${plain.stderr}`);
            floor.push(Date.now() - started);
            started = Date.now();
            const result = await runProgram(
                { projectDir: dir, main: path.join(dir, "index.ts"), project: "bench", stack: "test", organization: "o", dryRun: true, config: {}, secretKeys: [] },
                { onOutput: () => undefined },
            );
            runner.push(Date.now() - started);
            registered = result.resources.length;
        }
        const ratio = median(runner) / median(floor);
        process.stdout.write(
            `| ${resources.toLocaleString("en-US")} resources (${registered} registered) | runner ${(median(runner) / 1000).toFixed(1)} s (${runner.map((t) => (t / 1000).toFixed(1)).join(", ")}) | plain setMocks ${(median(floor) / 1000).toFixed(1)} s (${floor.map((t) => (t / 1000).toFixed(1)).join(", ")}) | ${ratio.toFixed(2)}x | ${ratio <= 2 ? "met" : "**missed**"} |\n`,
        );
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(3);
});

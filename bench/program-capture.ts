// Large programs under mocks: the same generated program of N resources run by blastwall's
// program runner (capture, mock catalog, data sources, progress) and under plain
// `pulumi.runtime.setMocks` with nothing recorded (the floor), one after the other in each
// repetition so that every ratio is paired. `npm run bench` runs it at 5,000 resources (the
// built runner, as the CLI runs it); alone:
//   node -r ts-node/register/transpile-only bench/program-capture.ts [resources] [repetitions]
// prints one row: medians of wall time and the ratio within this run.

import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type * as Runner from "../cli/program/runner";
import { spread, Spread } from "./stats";

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

export interface ProgramMeasurement {
    readonly resources: number;
    readonly registered: number;
    readonly runnerMs: Spread;
    readonly floorMs: Spread;
    /** runner / floor, per repetition. */
    readonly paired: Spread;
}

/** The built runner when there is one (as `blastwall check` runs it), else the source. */
function runner(): typeof Runner {
    const built = path.join(REPO, "cli", "dist", "cli", "program", "runner.js");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(fs.existsSync(built) ? built : "../cli/program/runner") as typeof Runner;
}

function timeFloor(dir: string): Promise<number> {
    const started = process.hrtime.bigint();
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [path.join(dir, "floor.js"), path.join(dir, "index.ts")], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
        let stderr = "";
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        child.once("error", reject);
        child.once("close", (code) => (code === 0 ? resolve(Number(process.hrtime.bigint() - started) / 1e6) : reject(new Error(`the plain setMocks floor failed (${code}): ${stderr.slice(-2000)}`))));
    });
}

export async function measureProgramCapture(resources: number, repetitions: number, log: (line: string) => void = () => undefined): Promise<ProgramMeasurement> {
    const dir = fs.mkdtempSync(path.join(REPO, "bench", ".program-"));
    const { runProgram } = runner();
    try {
        fs.writeFileSync(path.join(dir, "index.ts"), program(resources));
        fs.writeFileSync(path.join(dir, "floor.js"), FLOOR);
        const floor: number[] = [];
        const ours: number[] = [];
        let registered = 0;
        for (let i = 0; i < repetitions; i++) {
            floor.push(await timeFloor(dir));
            const started = process.hrtime.bigint();
            const result = await runProgram(
                { projectDir: dir, main: path.join(dir, "index.ts"), project: "bench", stack: "test", organization: "o", dryRun: true, config: {}, secretKeys: [] },
                { onOutput: () => undefined },
            );
            ours.push(Number(process.hrtime.bigint() - started) / 1e6);
            registered = result.resources.length;
            log(`program of ${resources} resources, run ${i + 1}/${repetitions}: runner ${(ours[i] / 1000).toFixed(1)} s, plain setMocks ${(floor[i] / 1000).toFixed(1)} s`);
        }
        return { resources, registered, runnerMs: spread(ours), floorMs: spread(floor), paired: spread(ours.map((t, i) => t / floor[i])) };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

async function main(): Promise<void> {
    const resources = Number(process.argv[2] ?? 5000);
    const repetitions = Number(process.argv[3] ?? 3);
    const m = await measureProgramCapture(resources, repetitions, (line) => process.stderr.write(`${line}\n`));
    const ratio = m.runnerMs.median / m.floorMs.median;
    process.stdout.write(
        `| ${resources.toLocaleString("en-US")} resources (${m.registered} registered) | runner ${(m.runnerMs.median / 1000).toFixed(1)} s | plain setMocks ${(m.floorMs.median / 1000).toFixed(1)} s | ${ratio.toFixed(2)}x (paired ${m.paired.median.toFixed(2)}) | ${ratio <= 2 ? "met" : "**missed**"} |\n`,
    );
}

if (require.main === module) {
    main().catch((error) => {
        process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
        process.exit(3);
    });
}

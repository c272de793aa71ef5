// Runs the network program as a stack under mocks, in a child process.
//
// Why a process per stack: the Pulumi runtime keeps its state (monitor, config, stack name,
// pending registrations) in one global store, and a program registers its resources as a side
// effect of being imported. Running three stacks in the mocha process would mean resetting that
// store and the module cache between them, and would leave it changed for every other test file
// in the suite. A child process starts clean, and loading @pulumi/aws there costs about a second;
// the stacks run in parallel, so the three take about as long as one.

import { fork } from "node:child_process";
import * as path from "node:path";
import type { StackCapture, StackRunRequest } from "./capture";
import { REPO_ROOT } from "./stackConfig";

const RUNNER = path.join(__dirname, "runStack.ts");

export function runStackUnderMocks(request: StackRunRequest, timeoutMs = 180_000): Promise<StackCapture> {
    return new Promise((resolve, reject) => {
        const child = fork(RUNNER, [JSON.stringify(request)], {
            cwd: REPO_ROOT,
            execArgv: ["-r", "ts-node/register/transpile-only"],
            stdio: ["ignore", "ignore", "pipe", "ipc"],
        });
        let stderr = "";
        child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        const timer = setTimeout(() => child.kill(), timeoutMs);
        let result: StackCapture | undefined;
        child.on("message", (message) => (result = message as StackCapture));
        child.on("exit", (code) => {
            clearTimeout(timer);
            if (result) resolve(Object.freeze(result));
            else reject(new Error(`The program for stack ${request.stackName ?? request.stackFile} exited with ${code} and sent nothing:\n${stderr}`));
        });
    });
}

// Runs a program under mocks in a child process (child.ts) and returns what it registered.
// Bounded: the child is killed after the timeout, and on our own exit.

import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Readable } from "node:stream";
import { InputError } from "../errors";
import { track } from "../process/children";
import type { ProgramRequest, ProgramResult } from "./records";

export const PROGRAM_TIMEOUT_MS = 180_000;

function childEntry(): { script: string; execArgv: string[] } {
    const compiled = path.join(__dirname, "child.js");
    if (__filename.endsWith(".js") && fs.existsSync(compiled)) return { script: compiled, execArgv: [] };
    // Running from source (tests, ts-node): the child is TypeScript too.
    return { script: path.join(__dirname, "child.ts"), execArgv: ["-r", require.resolve("ts-node/register/transpile-only")] };
}

export interface RunOptions {
    readonly timeoutMs?: number;
    /** Where the program's own console output goes (stderr of the command by default). */
    readonly onOutput?: (text: string) => void;
}

export async function runProgram(request: ProgramRequest, options: RunOptions = {}): Promise<ProgramResult> {
    // The request goes down the child's stdin (its lifeline, see process/children.ts) and what the
    // program registered (secrets in plaintext among it) comes back over a pipe: nothing is
    // written to disk, so no exit of ours, however abrupt, can leave a secret behind.
    const { script, execArgv } = childEntry();
    const timeoutMs = options.timeoutMs ?? PROGRAM_TIMEOUT_MS;
    const output = options.onOutput ?? ((text: string) => process.stderr.write(text));
    const { code, signal, stderr, timedOut, resultText } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; timedOut: boolean; resultText: string }>(
        (resolve, reject) => {
            const child = spawn(process.execPath, [...execArgv, script], {
                cwd: request.projectDir,
                env: { ...process.env, PULUMI_NODEJS_STACK: request.stack, PULUMI_NODEJS_PROJECT: request.project },
                stdio: ["pipe", "pipe", "pipe", "pipe"],
            });
            track(child);
            child.stdin?.write(JSON.stringify(request) + "\n");
            const result = collect(child.stdio[3] as Readable | null);
            let stderr = "";
            let timedOut = false;
            const kill = () => child.kill("SIGKILL");
            process.once("exit", kill);
            const timer = setTimeout(() => {
                timedOut = true;
                kill();
            }, timeoutMs);
            child.stdout?.setEncoding("utf8");
            child.stderr?.setEncoding("utf8");
            child.stdout?.on("data", (chunk: string) => output(chunk));
            child.stderr?.on("data", (chunk: string) => {
                stderr += chunk;
                if (stderr.length > 64_000) stderr = stderr.slice(-64_000);
                output(chunk);
            });
            child.once("error", (error) => {
                clearTimeout(timer);
                process.off("exit", kill);
                reject(error);
            });
            child.once("close", (exitCode, exitSignal) => {
                clearTimeout(timer);
                process.off("exit", kill);
                resolve({ code: exitCode, signal: exitSignal, stderr, timedOut, resultText: result() });
            });
        },
    );
    const label = `the program of stack ${request.stack} (${request.main})`;
    if (timedOut) throw new InputError(`${label} did not finish within ${Math.round(timeoutMs / 1000)} s under mocks; it may wait on something the mocks never resolve.`);
    if (resultText === "" || code !== 0) {
        const tail = stderr.trim().split("\n").slice(-15).join("\n    ");
        throw new InputError(`${label} stopped (${signal ?? `exit code ${code}`}) before reporting its resources${tail ? `:\n    ${tail}` : "."}`);
    }
    const result = JSON.parse(resultText) as ProgramResult;
    if (!result.ok) {
        throw new InputError(`${label} failed under mocks: ${(result.error ?? "unknown error").trim().split("\n").slice(0, 12).join("\n    ")}`);
    }
    return result;
}

/** Everything a child writes to one of its pipes, as text once it closed. */
function collect(stream: Readable | null): () => string {
    const chunks: Buffer[] = [];
    stream?.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream?.on("error", () => undefined);
    return () => Buffer.concat(chunks).toString("utf8");
}

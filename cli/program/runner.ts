// Runs a program under mocks in a child process (child.ts) and returns what it registered.
// Bounded: the child is killed after the timeout, and on our own exit.

import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { InputError } from "../errors";
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
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "blastwall-program-"));
    const requestFile = path.join(dir, "request.json");
    const resultFile = path.join(dir, "result.json");
    fs.writeFileSync(requestFile, JSON.stringify(request));
    const { script, execArgv } = childEntry();
    const timeoutMs = options.timeoutMs ?? PROGRAM_TIMEOUT_MS;
    const output = options.onOutput ?? ((text: string) => process.stderr.write(text));
    try {
        const { code, signal, stderr, timedOut } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; timedOut: boolean }>(
            (resolve, reject) => {
                const child = spawn(process.execPath, [...execArgv, script, requestFile, resultFile], {
                    cwd: request.projectDir,
                    env: { ...process.env, PULUMI_NODEJS_STACK: request.stack, PULUMI_NODEJS_PROJECT: request.project },
                    stdio: ["ignore", "pipe", "pipe"],
                });
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
                    resolve({ code: exitCode, signal: exitSignal, stderr, timedOut });
                });
            },
        );
        const label = `the program of stack ${request.stack} (${request.main})`;
        if (timedOut) throw new InputError(`${label} did not finish within ${Math.round(timeoutMs / 1000)} s under mocks; it may wait on something the mocks never resolve.`);
        if (!fs.existsSync(resultFile)) {
            const tail = stderr.trim().split("\n").slice(-15).join("\n    ");
            throw new InputError(`${label} stopped (${signal ?? `exit code ${code}`}) before reporting its resources${tail ? `:\n    ${tail}` : "."}`);
        }
        const result = JSON.parse(fs.readFileSync(resultFile, "utf8")) as ProgramResult;
        if (!result.ok) {
            throw new InputError(`${label} failed under mocks: ${(result.error ?? "unknown error").trim().split("\n").slice(0, 12).join("\n    ")}${callsBeforeFailure(result)}`);
        }
        return result;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** A program that fails on a stand-in answer should say which data sources it had called. */
function callsBeforeFailure(result: ProgramResult): string {
    const calls = [...result.unmockedCalls.map((t) => `${t} (not answered: empty values)`), ...(result.placeholderCalls ?? []).map((c) => `${c.replace(/ \((.*)\)$/, " (placeholder $1)")}`)];
    if (calls.length === 0) return "";
    return `\n    Before it failed, it called data sources that blastwall answered without real values: ${calls.join(", ")}; answer them under mockCalls in the settings document (--config).`;
}

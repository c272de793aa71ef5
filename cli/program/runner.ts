// Runs a program under mocks in a child process (child.ts) and returns what it registered.
// Bounded by progress, not by the clock: the child reports each registration it sees, and is
// killed only when it makes none for the idle limit (a stuck program), however long a large,
// slow program takes as a whole; and always on our own exit.

import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Readable } from "node:stream";
import { InputError } from "../errors";
import { track } from "../process/children";
import { esmLoader, isEsmProgram } from "./module-kind";
import type { ProgramRequest, ProgramResult } from "./records";

/** How long a program may go without registering a resource or finishing (seconds, env override). */
export const PROGRAM_IDLE_ENV = "BLASTWALL_PROGRAM_IDLE_SECONDS";
export const PROGRAM_IDLE_MS = 120_000;
/** How long the child may take to start before its first report. */
const STARTUP_MS = 60_000;

function idleLimitMs(): number {
    const seconds = Number(process.env[PROGRAM_IDLE_ENV]);
    return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : PROGRAM_IDLE_MS;
}

function childEntry(): { script: string; execArgv: string[] } {
    const compiled = path.join(__dirname, "child.js");
    if (__filename.endsWith(".js") && fs.existsSync(compiled)) return { script: compiled, execArgv: [] };
    // Running from source (tests, ts-node): the child is TypeScript too.
    return { script: path.join(__dirname, "child.ts"), execArgv: ["-r", require.resolve("ts-node/register/transpile-only")] };
}

export interface RunOptions {
    /** Kill the program after this long without progress (default: PROGRAM_IDLE_ENV, else 120 s). */
    readonly idleTimeoutMs?: number;
    /** Told the number of registrations so far, at most every few seconds on long runs. */
    readonly onProgress?: (registered: number) => void;
    /** Where the program's own console output goes (stderr of the command by default). */
    readonly onOutput?: (text: string) => void;
}

export async function runProgram(request: ProgramRequest, options: RunOptions = {}): Promise<ProgramResult> {
    // The request goes down the child's stdin (its lifeline, see process/children.ts) and what the
    // program registered (secrets in plaintext among it) comes back over a pipe (fd 3): nothing is
    // written to disk, so no exit of ours, however abrupt, can leave a secret behind. Progress
    // comes over the IPC channel (fd 4).
    const entry = childEntry();
    const esmProgram = isEsmProgram(request.main, request.projectDir);
    const esm = esmProgram ? esmLoader(request.projectDir) : undefined;
    // An ES module program gets the project's ESM TypeScript loader; the child itself stays CommonJS.
    const script = entry.script;
    const execArgv = esm ? [...esm.execArgv, ...entry.execArgv] : entry.execArgv;
    const idleMs = options.idleTimeoutMs ?? idleLimitMs();
    let registered = 0;
    const output = options.onOutput ?? ((text: string) => process.stderr.write(text));
    const { code, signal, stderr, timedOut, resultText } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; timedOut: boolean; resultText: string }>(
        (resolve, reject) => {
            const child = spawn(process.execPath, [...execArgv, script], {
                cwd: request.projectDir,
                env: { ...process.env, ...(esm?.env ?? {}), PULUMI_NODEJS_STACK: request.stack, PULUMI_NODEJS_PROJECT: request.project },
                stdio: ["pipe", "pipe", "pipe", "pipe", "ipc"],
            });
            track(child);
            child.stdin?.write(JSON.stringify({ ...request, esm: esmProgram }) + "\n");
            const result = collect(child.stdio[3] as Readable | null);
            let stderr = "";
            let timedOut = false;
            const kill = () => child.kill("SIGKILL");
            process.once("exit", kill);
            let lastProgress = Date.now();
            let lastReport = Date.now();
            let progress = -1;
            child.on("message", (message: unknown) => {
                const { registered: count, progress: steps } = (message ?? {}) as { registered?: unknown; progress?: unknown };
                if (typeof count !== "number" || typeof steps !== "number" || steps <= progress) return;
                progress = steps;
                registered = count;
                lastProgress = Date.now();
                if (options.onProgress && lastProgress - lastReport >= 5_000) {
                    lastReport = lastProgress;
                    options.onProgress(registered);
                }
            });
            const timer = setInterval(() => {
                // Until its first report the child is still starting (Node, the TypeScript hook).
                if (Date.now() - lastProgress < (progress < 0 ? Math.max(idleMs, STARTUP_MS) : idleMs)) return;
                timedOut = true;
                kill();
            }, Math.min(1_000, idleMs / 4));
            child.stdout?.setEncoding("utf8");
            child.stderr?.setEncoding("utf8");
            child.stdout?.on("data", (chunk: string) => output(chunk));
            child.stderr?.on("data", (chunk: string) => {
                stderr += chunk;
                if (stderr.length > 64_000) stderr = stderr.slice(-64_000);
                output(chunk);
            });
            child.once("error", (error) => {
                clearInterval(timer);
                process.off("exit", kill);
                reject(error);
            });
            child.once("close", (exitCode, exitSignal) => {
                clearInterval(timer);
                process.off("exit", kill);
                resolve({ code: exitCode, signal: exitSignal, stderr, timedOut, resultText: result() });
            });
        },
    );
    const label = `the program of stack ${request.stack} (${request.main})`;
    if (timedOut) {
        throw new InputError(
            `${label} made no progress under mocks for ${Math.round(idleMs / 1000)} s (no resource registered, no module loaded; ${registered} registered so far) and was stopped; ` +
                `it may wait on something the mocks never resolve (a data source, a promise, a timer). A large program that is only slow keeps registering and is never stopped; ` +
                `to allow longer pauses, set ${PROGRAM_IDLE_ENV}.`,
        );
    }
    if (resultText === "" || code !== 0) {
        const tail = stderr.trim().split("\n").slice(-15).join("\n    ");
        throw new InputError(`${label} stopped (${signal ?? `exit code ${code}`}) before reporting its resources${tail ? `:\n    ${tail}` : "."}`);
    }
    const result = JSON.parse(resultText) as ProgramResult;
    if (!result.ok) {
        throw new InputError(`${label} failed under mocks: ${(result.error ?? "unknown error").trim().split("\n").slice(0, 12).join("\n    ")}${callsBeforeFailure(result)}`);
    }
    return result;
}

/** A program that fails on a stand-in answer should say which data sources it had called. */
function callsBeforeFailure(result: ProgramResult): string {
    const calls = [...result.unmockedCalls.map((t) => `${t} (not answered: empty values)`), ...(result.placeholderCalls ?? []).map((c) => `${c.replace(/ \((.*)\)$/, " (placeholder $1)")}`)];
    if (calls.length === 0) return "";
    return `\n    Before it failed, it called data sources that blastwall answered without real values: ${calls.join(", ")}; answer them under mockCalls in the settings document (--config).`;
}

/** Everything a child writes to one of its pipes, as text once it closed. */
function collect(stream: Readable | null): () => string {
    const chunks: Buffer[] = [];
    stream?.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream?.on("error", () => undefined);
    return () => Buffer.concat(chunks).toString("utf8");
}

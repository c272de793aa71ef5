// Starts `blastwall check` as CI does (its own process, a PID a cancel can signal), and watches
// the processes it starts through /proc, so tests can kill it mid-run and see what is left.

import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO } from "../cli/e2e/cli";

export interface Started {
    readonly child: ChildProcess;
    stderr(): string;
    stdout(): string;
    /** Resolves with the exit code and signal once the command ended. */
    readonly ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The command from source, with extra environment (a TMPDIR of the test's own, a pack mode). */
export function startCli(args: readonly string[], env: Record<string, string> = {}): Started {
    const child = spawn(process.execPath, ["-r", require.resolve("ts-node/register/transpile-only"), path.join(REPO, "cli", "main.ts"), ...args], {
        cwd: REPO,
        env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...env },
        stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("close", (code, signal) => resolve({ code, signal })));
    return { child, ended, stderr: () => stderr, stdout: () => stdout };
}

function parentOf(pid: number): number | undefined {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ")".
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    } catch {
        return undefined;
    }
}

function commandLine(pid: number): string {
    try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
    } catch {
        return "";
    }
}

/** Every living descendant of `root`, with its command line. */
export function descendants(root: number): Array<{ pid: number; command: string }> {
    const all = fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name)).map(Number);
    const children = new Map<number, number[]>();
    for (const pid of all) {
        const parent = parentOf(pid);
        if (parent === undefined) continue;
        const list = children.get(parent) ?? [];
        list.push(pid);
        children.set(parent, list);
    }
    const result: Array<{ pid: number; command: string }> = [];
    const queue = [...(children.get(root) ?? [])];
    while (queue.length > 0) {
        const pid = queue.shift() as number;
        result.push({ pid, command: commandLine(pid) });
        queue.push(...(children.get(pid) ?? []));
    }
    return result;
}

export function alive(pid: number): boolean {
    try {
        const state = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        return state.slice(state.lastIndexOf(")") + 2)[0] !== "Z";
    } catch {
        return false;
    }
}

export async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs: number, started?: Started): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = probe();
        if (value !== undefined) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${started ? `\n${started.stderr()}` : ""}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
}

/** The pack process and the program child of a running check, once both are up. */
export async function packAndProgram(started: Started): Promise<{ pack: number; program: number }> {
    return waitFor(
        "the pack process and the program child",
        () => {
            const found = descendants(started.child.pid as number);
            const pack = found.find((p) => p.command.includes("run-policy-pack"));
            const program = found.find((p) => p.command.includes(path.join("program", "child")));
            return pack && program ? { pack: pack.pid, program: program.pid } : undefined;
        },
        90_000,
        started,
    );
}

export function freshTmpDir(): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), "blastwall-tmpdir-"));
}

/** Every file under `dir` whose bytes contain `needle`. */
export function filesHolding(dir: string, needle: string): string[] {
    const found: string[] = [];
    const walk = (current: string) => {
        for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
            const full = path.join(current, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.isFile() && fs.readFileSync(full).includes(needle)) found.push(full);
        }
    };
    walk(dir);
    return found;
}

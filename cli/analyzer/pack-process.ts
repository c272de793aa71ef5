// Starts a policy pack the way the Node language host does since Pulumi CLI 3.221:
// `node <@pulumi/pulumi/cmd/run-policy-pack> <engine address> <pack dir>` with cwd = the pack,
// the PULUMI_NODEJS_* variables and PULUMI_CONFIG, then reads the port from its first stdout line.

import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { InputError } from "../errors";
import { LIFELINE_IMPORT, track } from "../process/children";

export interface PackEnvironment {
    readonly stack: string;
    readonly project: string;
    readonly organization: string;
    readonly dryRun: boolean;
    readonly config: Readonly<Record<string, string>>;
}

export interface RunningPack {
    readonly port: number;
    readonly process: ChildProcess;
    /**
     * What the pack wrote to stderr (for error messages): everything kept, or only what came after
     * `since` (a `stderrMark()`), so that a process serving stack after stack never shows one
     * stack's output, which may hold its secrets, in another's error.
     */
    stderr(since?: number): string;
    /** How much the pack has written to stderr so far: a mark for `stderr(since)`. */
    stderrMark(): number;
    stop(): void;
}

const START_TIMEOUT_MS = 60_000;
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function killAllOnExit(): void {
    if (exitHookInstalled) return;
    exitHookInstalled = true;
    process.once("exit", () => {
        for (const child of live) child.kill("SIGKILL");
    });
}

function runPolicyPackScript(packDir: string): string {
    try {
        return require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
    } catch {
        throw new InputError(
            `the policy pack in ${packDir} cannot start: @pulumi/pulumi is not installed for it (run npm install in ${packDir} or in the repository).`,
        );
    }
}

export function checkPackDirectory(packDir: string): void {
    if (!fs.existsSync(path.join(packDir, "PulumiPolicy.yaml"))) {
        throw new InputError(`${packDir} is not a policy pack: it has no PulumiPolicy.yaml.`);
    }
}

/** The environment the language host gives a pack (pulumi/pulumi constructEnv). */
export function packEnvironment(env: PackEnvironment): Record<string, string> {
    const result: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) result[key] = value;
    const set = (key: string, value: string) => {
        if (value !== "") result[key] = value;
    };
    if (Object.keys(env.config).length > 0) set("PULUMI_CONFIG", JSON.stringify(env.config));
    set("PULUMI_NODEJS_ORGANIZATION", env.organization);
    set("PULUMI_NODEJS_PROJECT", env.project);
    set("PULUMI_NODEJS_STACK", env.stack);
    set("PULUMI_NODEJS_DRY_RUN", String(env.dryRun));
    set("PULUMI_ORGANIZATION", env.organization);
    set("PULUMI_PROJECT", env.project);
    set("PULUMI_STACK", env.stack);
    set("PULUMI_DRY_RUN", String(env.dryRun));
    return result;
}

export function startPack(packDir: string, env: PackEnvironment, engineAddress = "127.0.0.1:0"): Promise<RunningPack> {
    checkPackDirectory(packDir);
    const script = runPolicyPackScript(packDir);
    killAllOnExit();
    // The lifeline (stdin, process/children.ts) ends the pack whenever we end, however we end.
    const child = spawn(process.execPath, ["--import", LIFELINE_IMPORT, script, engineAddress, packDir], {
        cwd: packDir,
        env: packEnvironment(env),
        stdio: ["pipe", "pipe", "pipe"],
    });
    track(child);
    live.add(child);
    let stderr = "";
    let stderrWritten = 0;
    let stdout = "";
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
        stderr += chunk;
        stderrWritten += chunk.length;
        if (stderr.length > 64_000) stderr = stderr.slice(-64_000);
    });
    const stop = () => {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
        live.delete(child);
    };
    child.once("exit", () => live.delete(child));

    return new Promise<RunningPack>((resolve, reject) => {
        const fail = (why: string) => {
            clearTimeout(timer);
            stop();
            const detail = stderr.trim() ? `\n${indent(firstLines(stderr, 6))}` : "";
            reject(new InputError(`the policy pack in ${packDir} did not start: ${why}${detail}`));
        };
        const timer = setTimeout(() => fail(`no port on stdout after ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
        child.once("error", (error) => fail(error.message));
        child.once("exit", (code, signal) => fail(`it exited (${signal ?? `code ${code}`}) before printing its port`));
        child.stdout?.setEncoding("utf8");
        const onData = (chunk: string) => {
            stdout += chunk;
            const newline = stdout.indexOf("\n");
            if (newline < 0) return;
            child.stdout?.off("data", onData);
            child.removeAllListeners("exit");
            child.once("exit", () => live.delete(child));
            clearTimeout(timer);
            const first = stdout.slice(0, newline).trim();
            const port = Number(first);
            if (!/^\d+$/.test(first) || port <= 0 || port > 65535) {
                stop();
                reject(new InputError(`the policy pack in ${packDir} wrote an invalid port as its first stdout line: ${JSON.stringify(first.slice(0, 200))} (a pack must print nothing before its port).`));
                return;
            }
            // Keep draining stdout so the pack never blocks on a full pipe.
            child.stdout?.resume();
            const stderrSince = (since = 0) => stderr.slice(Math.max(0, stderr.length - Math.max(0, stderrWritten - since)));
            resolve({ port, process: child, stderr: stderrSince, stderrMark: () => stderrWritten, stop });
        };
        child.stdout?.on("data", onData);
    });
}

function firstLines(text: string, count: number): string {
    // eslint-disable-next-line no-control-regex
    return text.replace(/\u001b\[[0-9;]*m/g, "").trim().split("\n").slice(0, count).join("\n");
}

function indent(text: string): string {
    return text
        .split("\n")
        .map((line) => `    ${line}`)
        .join("\n");
}

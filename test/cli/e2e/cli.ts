// Runs the blastwall command as a user does, in its own process, bounded in time; nothing is left
// running when a test ends or fails.

import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const REPO = path.resolve(__dirname, "..", "..", "..");
export const FIXTURES = path.join(REPO, "test", "fixtures");
export const PROJECTS = path.join(FIXTURES, "projects");
const SOURCE_MAIN = path.join(REPO, "cli", "main.ts");
const BUILT_MAIN = path.join(REPO, "cli", "dist", "cli", "main.js");
/** The installed command: a wrapper that loads the built CLI and turns a load failure into exit 3. */
export const BIN = path.join(REPO, "cli", "bin", "blastwall.js");

function newestSource(dir: string): number {
    let newest = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.name === "dist" || entry.name === "node_modules") continue;
        const full = path.join(dir, entry.name);
        newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
    }
    return newest;
}

/**
 * The built command when it is up to date with the sources (as after `npm test`, which builds
 * first): what users run, and a second faster per run. Otherwise the sources through ts-node.
 */
function command(): string[] {
    const built = fs.existsSync(BUILT_MAIN) ? fs.statSync(BUILT_MAIN).mtimeMs : 0;
    const sources = Math.max(newestSource(path.join(REPO, "cli")), newestSource(path.join(REPO, "policies", "lib")), newestSource(path.join(REPO, "policies", "examples")));
    return built >= sources ? [BIN] : ["-r", require.resolve("ts-node/register/transpile-only"), SOURCE_MAIN];
}

const COMMAND = command();

export interface CliResult {
    readonly code: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

export function runCli(args: readonly string[], options: { stdin?: string; timeoutMs?: number; cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [...COMMAND, ...args], {
            cwd: options.cwd ?? REPO,
            // From source, ts-node must read the repository's tsconfig wherever the test runs it from.
            env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...options.env, ...(COMMAND[0] === BUILT_MAIN ? {} : { TS_NODE_PROJECT: path.join(REPO, "tsconfig.json") }) },
            stdio: ["pipe", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        const timer = setTimeout(() => {
            child.kill("SIGKILL");
            reject(new Error(`blastwall ${args.join(" ")} did not finish within ${options.timeoutMs ?? 120_000} ms\n${stderr}`));
        }, options.timeoutMs ?? 120_000);
        child.once("error", (error) => {
            clearTimeout(timer);
            reject(error);
        });
        child.once("close", (code) => {
            clearTimeout(timer);
            resolve({ code, stdout, stderr });
        });
        child.stdin.end(options.stdin ?? "");
    });
}

export function tempFile(name: string, content?: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "blastwall-test-"));
    const file = path.join(dir, name);
    if (content !== undefined) fs.writeFileSync(file, content);
    return file;
}

export interface JsonReport {
    readonly failOn: string;
    readonly stacks: Array<{
        stack: string;
        project: string;
        resources: number;
        /** The file the stack was read from ("stdin" for --state -). */
        origin: string;
        levels: Record<string, string>;
        findings: Array<{ policy: string; level: string; resourceName: string; resourceType: string; urn: string; message: string; source?: { file: string; line: number } }>;
    }>;
    readonly summary: { mandatory: number; advisory: number; failing: boolean };
}

export function json(result: CliResult): JsonReport {
    try {
        return JSON.parse(result.stdout) as JsonReport;
    } catch {
        throw new Error(`not a JSON report (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
    }
}

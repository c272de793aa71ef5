// Every process blastwall starts (pack processes, program runs) dies with it, whatever ends it.
//
// - Each child holds a lifeline: its stdin is a pipe from us that we never write to or close. When
//   we end in any way (exit, SIGINT/SIGTERM, SIGKILL, a V8 crash, out of memory) the kernel closes
//   our end, the child reads end-of-file and kills itself at once. SIGKILL cannot be trapped, so
//   this is the only mechanism that covers it. Packs run code we do not own (the SDK's
//   run-policy-pack), so their lifeline is preloaded with `--import` (LIFELINE_IMPORT); the program
//   child installs its own (program/child.ts calls holdLifeline()).
// - On SIGINT, SIGTERM and SIGHUP (a CI cancel sends one to our PID) we kill every child at once
//   and exit 128 + the signal number, never 1 (which means violations).
// - `stopAll()` kills every child still running: a failed stack ends the run promptly.

import type { ChildProcess } from "node:child_process";

const live = new Set<ChildProcess>();
let hooked = false;

const SIGNALS: ReadonlyArray<[NodeJS.Signals, number]> = [
    ["SIGINT", 2],
    ["SIGTERM", 15],
    ["SIGHUP", 1],
];

function kill(child: ChildProcess): void {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

/** Kills every child still running. */
export function stopAll(): void {
    for (const child of live) kill(child);
    live.clear();
}

function installHooks(): void {
    if (hooked) return;
    hooked = true;
    process.once("exit", stopAll);
    for (const [signal, number] of SIGNALS) {
        process.once(signal, () => {
            const count = [...live].filter((c) => c.exitCode === null && c.signalCode === null).length;
            stopAll();
            process.stderr.write(`blastwall: stopped by ${signal}${count > 0 ? `; ended ${count} pack and program process${count === 1 ? "" : "es"}` : ""}; no report was written.\n`);
            process.exit(128 + number);
        });
    }
}

/** Tracks a child started with `stdio[0] === "pipe"` (its lifeline): killed with us, whatever ends us. */
export function track(child: ChildProcess): ChildProcess {
    installHooks();
    live.add(child);
    child.once("exit", () => live.delete(child));
    // The lifeline is never written: an error on it only means the child is gone.
    child.stdin?.on("error", () => undefined);
    return child;
}

/** How many tracked children are still running (for tests and messages). */
export function running(): number {
    return [...live].filter((c) => c.exitCode === null && c.signalCode === null).length;
}

/**
 * The lifeline code, run in the child: end-of-file on stdin means the parent is gone. The pipe is
 * unref'd, so it never keeps alive a child that would otherwise end (a pack that fails to load
 * must exit and say why, not wait for our start-up deadline).
 */
const LIFELINE_SOURCE = `process.stdin.on("end", () => process.kill(process.pid, "SIGKILL")); process.stdin.on("error", () => process.kill(process.pid, "SIGKILL")); process.stdin.resume(); if (typeof process.stdin.unref === "function") process.stdin.unref();`;

/** `--import` argument that installs the lifeline before a script we do not own starts. */
export const LIFELINE_IMPORT = `data:text/javascript,${encodeURIComponent(LIFELINE_SOURCE)}`;

/** In a child we own: die when the parent does. */
export function holdLifeline(): void {
    const die = () => process.kill(process.pid, "SIGKILL");
    process.stdin.on("end", die);
    process.stdin.on("error", die);
    // Not unref'd, unlike a pack's: the request still comes down this pipe, and main() exits itself.
    process.stdin.resume();
}

// One pack over one stack, through blastwall check's own analyzer client (cli/analyzer): the pack
// started the way the language host starts it, timed from spawn to port, then one session in the
// engine's order (Analyze for each resource, AnalyzeStack once). The pack's peak resident memory
// is read from /proc/<pid>/status (VmHWM) just before the session stops it.

import * as fs from "node:fs";
import { StackInput } from "../cli/analyzer/model";
import { RunningPack, startPack } from "../cli/analyzer/pack-process";
import { analyzeStack, packEnvironmentOf } from "../cli/analyzer/session";
import { BenchPack } from "./packs";

export interface Measurement {
    readonly startMs: number;
    readonly analyzeMs: number;
    readonly analyzeStackMs: number;
    /** Of analyzeStackMs, the driver writing the request (every pack pays it alike). */
    readonly analyzeStackEncodeMs?: number;
    /** Peak resident set of the pack process, bytes; undefined where /proc is not there. */
    readonly peakRssBytes?: number;
    /** CPU time (user + system) the pack process spent from its port to the end of the session. */
    readonly sessionCpuMs?: number;
    readonly mandatory: number;
    readonly advisory: number;
}

const CLOCK_TICKS_PER_SECOND = 100;

/** User + system CPU time of a process so far, from /proc/<pid>/stat (utime, stime). */
export function cpuTimeMs(pid: number | undefined): number | undefined {
    if (pid === undefined) return undefined;
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        // The command name (field 2) may hold spaces; count fields after its closing parenthesis.
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
    } catch {
        return undefined;
    }
}

export function peakRss(pid: number | undefined): number | undefined {
    if (pid === undefined) return undefined;
    try {
        const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
        const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
        return match ? Number(match[1]) * 1024 : undefined;
    } catch {
        return undefined;
    }
}

/** Stops the pack so that `node --cpu-prof` writes its profile (a SIGKILL would lose it). */
function stopGracefully(pack: RunningPack): Promise<void> {
    return new Promise((resolve) => {
        const child = pack.process;
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => {
            pack.stop();
            resolve();
        }, 30_000);
        child.once("exit", () => {
            clearTimeout(timer);
            pack.stop();
            resolve();
        });
        child.kill("SIGINT");
    });
}

export interface MeasureOptions {
    /** Stop the pack with SIGINT and wait, so a --cpu-prof profile is written. */
    readonly graceful?: boolean;
}

export async function measure(pack: BenchPack, input: StackInput, options: MeasureOptions = {}): Promise<Measurement> {
    const started = process.hrtime.bigint();
    const running = await startPack(pack.dir, packEnvironmentOf(input));
    const startMs = Number(process.hrtime.bigint() - started) / 1e6;
    const cpuAtPort = cpuTimeMs(running.process.pid);
    let cpuAtEnd: number | undefined;
    let peak: number | undefined;
    let stopped: Promise<void> = Promise.resolve();
    const measured: RunningPack = {
        port: running.port,
        process: running.process,
        stderr: running.stderr,
        stderrMark: running.stderrMark,
        stop() {
            peak = peakRss(running.process.pid);
            cpuAtEnd = cpuTimeMs(running.process.pid);
            stopped = options.graceful ? stopGracefully(running) : Promise.resolve(running.stop());
        },
    };
    const result = await analyzeStack(input, { packDir: pack.dir, pack: Promise.resolve(measured), userConfig: pack.userConfig, configSource: pack.label });
    await stopped;
    return {
        startMs,
        analyzeMs: result.timings.analyzeMs,
        analyzeStackMs: result.timings.analyzeStackMs,
        analyzeStackEncodeMs: result.timings.analyzeStackEncodeMs,
        peakRssBytes: peak,
        sessionCpuMs: cpuAtEnd !== undefined && cpuAtPort !== undefined ? cpuAtEnd - cpuAtPort : undefined,
        mandatory: result.diagnostics.filter((d) => d.enforcementLevel === "mandatory").length,
        advisory: result.diagnostics.filter((d) => d.enforcementLevel === "advisory").length,
    };
}

/** Spawn to port only. */
export async function measureStart(pack: BenchPack, input: StackInput): Promise<number> {
    const started = process.hrtime.bigint();
    const running = await startPack(pack.dir, packEnvironmentOf(input));
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    running.stop();
    return ms;
}

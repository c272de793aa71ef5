// Pack processes that serve one stack after another, instead of one process per stack (about a
// second of start-up each). Each stack still gets the engine's whole conversation (ConfigureStack,
// GetAnalyzerInfo, Configure, Remediate/Analyze, AnalyzeStack), which replaces everything the SDK
// keeps between calls (its config and stack tags). Only a pack whose verdicts are proven not to
// depend on the process's stack environment may be shared (docs/cli.md, "Several exports in one
// run"; test/cli/e2e/many-states.e2e.test.ts): the caller decides, this pool only reuses.
//
// A pool may be bounded (`maxSize`): a conversation then waits for a process of the pool to be
// free, or to finish starting, rather than start another (check/project-mode.ts: analysis is short
// beside a start-up). `prestart()` starts a process before any conversation needs it, so that its
// start-up overlaps other work (a project's first program).

import { PackEnvironment, RunningPack, startPack } from "./pack-process";

function alive(pack: RunningPack): boolean {
    return pack.process.exitCode === null && pack.process.signalCode === null;
}

export interface PackPoolOptions {
    /** At most this many processes at once, started or starting (default: no bound). */
    readonly maxSize?: number;
}

export class PackPool {
    private readonly idle: RunningPack[] = [];
    private readonly running = new Set<RunningPack>();
    /** Processes started or starting that have not been retired: what maxSize bounds. */
    private size = 0;
    private readonly waiting: Array<() => void> = [];
    /** A prestarted process that failed to start: the conversation that waited for it gets the error. */
    private startFailure: { error: unknown } | undefined;
    private stopped = false;
    /** Processes that have served a conversation (a later one sees only its own stderr). */
    private readonly served = new WeakSet<RunningPack>();
    private readonly maxSize: number;
    private startCount = 0;

    constructor(
        private readonly packDir: string,
        /** The environment every process of the pool starts with, whichever stacks it serves. */
        private readonly env: PackEnvironment,
        options: PackPoolOptions = {},
    ) {
        this.maxSize = Math.max(1, options.maxSize ?? Number.POSITIVE_INFINITY);
    }

    /** How many processes this pool has started (for progress and tests). */
    get started(): number {
        return this.startCount;
    }

    /** Starts a process now, to be idle when the first conversation comes (nothing if the pool is full). */
    prestart(): void {
        if (this.stopped || this.size >= this.maxSize) return;
        this.size++;
        this.start().then(
            (pack) => {
                this.idle.push(pack);
                this.wake();
            },
            (error: unknown) => {
                this.size--;
                this.startFailure ??= { error };
                this.wake();
            },
        );
    }

    /** Runs `work` with a pack of the pool (a new one when none is idle); a pack that failed is not reused. */
    async serve<T>(work: (pack: Promise<RunningPack>) => Promise<T>): Promise<T> {
        const pack = await this.acquire();
        // A process's first conversation sees its start-up output; a later one's, only its own.
        const mark = this.served.has(pack) ? pack.stderrMark() : 0;
        this.served.add(pack);
        const view: RunningPack = { ...pack, stderr: (since = mark) => pack.stderr(Math.max(since, mark)) };
        try {
            const result = await work(Promise.resolve(view));
            if (alive(pack) && !this.stopped) {
                this.idle.push(pack);
                this.wake();
            } else this.retire(pack);
            return result;
        } catch (error) {
            // Whatever state a failed conversation left the pack in, no other stack sees it.
            this.retire(pack);
            throw error;
        }
    }

    /** Ends every process of the pool, idle or busy (at the end of the run, or at its first failure). */
    stopAll(): void {
        this.stopped = true;
        for (const pack of this.running) pack.stop();
        this.running.clear();
        this.idle.length = 0;
        this.wake();
    }

    private async acquire(): Promise<RunningPack> {
        for (;;) {
            if (this.stopped) throw new Error("the pack pool was stopped");
            const pack = this.idle.pop();
            if (pack && alive(pack)) return pack;
            if (pack) {
                this.retire(pack);
                continue;
            }
            if (this.startFailure) throw this.startFailure.error;
            if (this.size < this.maxSize) {
                this.size++;
                try {
                    return await this.start();
                } catch (error) {
                    this.size--;
                    this.wake();
                    throw error;
                }
            }
            await new Promise<void>((resolve) => this.waiting.push(resolve));
        }
    }

    private async start(): Promise<RunningPack> {
        this.startCount++;
        const pack = await startPack(this.packDir, this.env);
        if (this.stopped) {
            // Stopped while it started (a failure elsewhere): it never joins the pool.
            pack.stop();
            throw new Error("the pack pool was stopped");
        }
        this.running.add(pack);
        return pack;
    }

    private wake(): void {
        for (const resume of this.waiting.splice(0)) resume();
    }

    private retire(pack: RunningPack): void {
        pack.stop();
        if (this.running.delete(pack)) this.size--;
        this.wake();
    }
}

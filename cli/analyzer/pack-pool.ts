// Pack processes that serve one stack after another, instead of one process per stack (about a
// second of start-up each). Each stack still gets the engine's whole conversation (ConfigureStack,
// GetAnalyzerInfo, Configure, Remediate/Analyze, AnalyzeStack), which replaces everything the SDK
// keeps between calls (its config and stack tags). Only a pack whose verdicts are proven not to
// depend on the process's stack environment may be shared (docs/cli.md, "Several exports in one
// run"; test/cli/e2e/many-states.e2e.test.ts): the caller decides, this pool only reuses.

import { PackEnvironment, RunningPack, startPack } from "./pack-process";

function alive(pack: RunningPack): boolean {
    return pack.process.exitCode === null && pack.process.signalCode === null;
}

export class PackPool {
    private readonly idle: RunningPack[] = [];
    private readonly running = new Set<RunningPack>();
    private stopped = false;

    constructor(
        private readonly packDir: string,
        /** The environment every process of the pool starts with, whichever stacks it serves. */
        private readonly env: PackEnvironment,
    ) {}

    /** Runs `work` with a pack of the pool (a new one when none is idle); a pack that failed is not reused. */
    async serve<T>(work: (pack: Promise<RunningPack>) => Promise<T>): Promise<T> {
        if (this.stopped) throw new Error("the pack pool was stopped");
        let pack = this.idle.pop();
        while (pack && !alive(pack)) {
            this.running.delete(pack);
            pack = this.idle.pop();
        }
        // A new process's first conversation sees its start-up output; a reused one's, only its own.
        const mark = pack ? pack.stderrMark() : 0;
        pack ??= await startPack(this.packDir, this.env);
        this.running.add(pack);
        const served: RunningPack = { ...pack, stderr: (since = mark) => pack.stderr(Math.max(since, mark)) };
        try {
            const result = await work(Promise.resolve(served));
            if (alive(pack) && !this.stopped) this.idle.push(pack);
            else this.retire(pack);
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
    }

    private retire(pack: RunningPack): void {
        pack.stop();
        this.running.delete(pack);
    }
}

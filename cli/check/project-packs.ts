// Which pack process serves each stack of `check --project`. With the shipped pack and more than
// one stack, one pool of processes serves the stacks in turn (analyzer/pack-pool.ts), its first
// process started at once so that its start-up overlaps the first programs: the shipped pack's
// verdicts do not depend on the stack environment a process starts with (check/multi-state.ts,
// docs/cli.md "Several exports in one run"), and a project's stacks differ only in what their
// conversations carry. Another pack (--policy-pack), or a single stack, gets a process of its own
// per stack, started with that stack's environment while its program runs, as the engine starts
// one per preview.

import { PackPool } from "../analyzer/pack-pool";
import { PackEnvironment, RunningPack, startPack } from "../analyzer/pack-process";
import { SessionOptions } from "../analyzer/session";
import { isShippedPack } from "../report/redaction";

/**
 * How many processes serve a project's stacks. One: a stack's analysis (about half a second for
 * the shipped stacks) is short beside a process's start-up (one to five seconds on a loaded
 * 2-core machine), which competes with the programs for the CPU; measured in bench/findings.md.
 */
export const PROJECT_POOL_SIZE = 1;

/** A shared process starts with no stack's environment: no stack, project, organization or config. */
const NO_STACK_ENVIRONMENT: PackEnvironment = { stack: "", project: "", organization: "", dryRun: false, config: {} };

export type PackSession = Pick<SessionOptions, "pack" | "keepPack" | "skipRemediate">;

export interface StackPack {
    /** Runs the stack's conversation with its pack. */
    analyze<T>(work: (session: PackSession) => Promise<T>): Promise<T>;
    /** The stack's program failed: its pack, if it has one of its own, ends now. */
    abandon(): void;
}

export interface ProjectPacks {
    /** Called as a stack's program starts. */
    forStack(env: PackEnvironment): StackPack;
    /** Ends every pack process still running (the run's end or its first failure). */
    stopAll(): void;
    /** For progress: how the stacks are served. */
    readonly description: string;
}

export function projectPacks(packDir: string, stackCount: number): ProjectPacks {
    if (isShippedPack(packDir) && stackCount > 1) return pooled(packDir);
    return {
        forStack(env) {
            const pack = startPack(packDir, env);
            pack.catch(() => undefined);
            return {
                analyze: (work) => work({ pack }),
                abandon: () => void pack.then((p) => p.stop(), () => undefined),
            };
        },
        stopAll: () => undefined,
        description: "a pack process per stack",
    };
}

function pooled(packDir: string): ProjectPacks {
    const pool = new PackPool(packDir, NO_STACK_ENVIRONMENT, { maxSize: PROJECT_POOL_SIZE });
    pool.prestart();
    // The shipped pack has no remediation (no policy defines remediateResource): every Remediate
    // would come back empty, so none is sent (test/cli/analyzer/stack-environment-free.test.ts).
    const serve = <T>(work: (session: PackSession) => Promise<T>) => pool.serve((pack: Promise<RunningPack>) => work({ pack, keepPack: true, skipRemediate: true }));
    return {
        forStack: () => ({ analyze: serve, abandon: () => undefined }),
        stopAll: () => pool.stopAll(),
        description: `${PROJECT_POOL_SIZE} pack process${PROJECT_POOL_SIZE === 1 ? "" : "es"} serving them in turn`,
    };
}

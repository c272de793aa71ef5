// `check --state A --state B`, `--state DIR`, `--state 'GLOB'`: many exports in one run and one
// report, a section per stack. Every export is read and checked first (so a bad one, or two
// exports of the same stack, fails the run before minutes of work, naming the files); then the
// run's share (--shard) is evaluated with at most --jobs exports in flight.
//
// The shipped pack's verdicts depend only on what each stack's own conversation carries (the
// URNs, which name the stack and project; ConfigureStack's tags; Configure's config), never on
// the process's PULUMI_NODEJS_* or PULUMI_CONFIG, so its processes serve export after export and
// are started with no stack environment at all. Another pack (--policy-pack) may read them
// (pulumi.getStack()): each of its exports gets a process of its own, started for that stack.

import { PackPool } from "../analyzer/pack-pool";
import { RunningPack } from "../analyzer/pack-process";
import { mapLimited } from "../concurrency";
import { InputError, UsageError } from "../errors";
import { stopAll } from "../process/children";
import { isShippedPack } from "../report/redaction";
import type { ExportedStack } from "../state/export";
import { byCodeUnit } from "../state/sources";
import { Progress } from "./progress";
import { CheckResult } from "./project-mode";
import { describeShard, selectShard, Shard } from "./shard";
import { checkState, readStateFile, StateCheckOptions } from "./state-mode";

export interface MultiStateOptions extends Omit<StateCheckOptions, "file" | "session"> {
    readonly files: readonly string[];
    /** How many exports are evaluated at once (each with its own pack process). */
    readonly jobs: number;
    readonly shard?: Shard;
    /** How many resources of parsed exports are kept for their turn (default KEPT_RESOURCES). */
    readonly keptResources?: number;
}

interface Identity {
    readonly file: string;
    /** "project/stack"; the file for an export with no resources (it names no stack). */
    readonly identity: string;
    readonly named: boolean;
}

/** An export as just read: a reading always has the export. */
interface Reading extends Identity {
    readonly exported: ExportedStack;
}

/** An export waiting for its turn. */
interface Identified extends Identity {
    /** The export as first read, kept so it is not read and parsed again; absent when let go (past the memory bound, another shard's, or taken). */
    exported?: ExportedStack;
}

/**
 * How many resources of parsed exports are kept from identify to their evaluation (about 2 KiB of
 * heap each: 40 MiB). Every export is read first, to refuse a bad one or a duplicate stack before
 * minutes of work; keeping what was read saves reading it again, but keeping every export of a
 * large organisation would hold them all in memory at once, so past this the rest are read again
 * when their turn comes.
 */
const KEPT_RESOURCES = 20_000;

/** A shared pack starts with no stack's environment: no stack, project, organization or config. */
const NO_STACK_ENVIRONMENT = { stack: "", project: "", organization: "", dryRun: false, config: {} };

function identify(file: string, engineExact: boolean): Reading {
    const exported = readStateFile(file, engineExact);
    if (exported.resources.length === 0) return { file, identity: `(no resources) ${file}`, named: false, exported };
    return { file, identity: `${exported.project}/${exported.stack}`, named: true, exported };
}

/**
 * An export not kept from identify, read at its turn. The duplicate refusal and the shard were
 * decided on the first reading: a file rewritten since to hold another stack is refused, not
 * checked as if it were the stack it was.
 */
function readAgain(item: Identified, engineExact: boolean): ExportedStack {
    const again = identify(item.file, engineExact);
    if (again.identity !== item.identity) {
        const held = (read: Identity) => (read.named ? `stack ${read.identity}` : "no resources");
        throw new InputError(`${item.file} changed while blastwall was checking it: it held ${held(item)} when the exports were first read, and now holds ${held(again)}; check it again once nothing is writing to it.`);
    }
    return again.exported;
}

function refuseDuplicates(items: readonly Identified[]): void {
    const firstFile = new Map<string, string>();
    for (const item of items) {
        if (!item.named) continue;
        const other = firstFile.get(item.identity);
        if (other !== undefined) {
            throw new InputError(`${other} and ${item.file} are both exports of stack ${item.identity}; check one export per stack (remove the older one, or check them in separate runs).`);
        }
        firstFile.set(item.identity, item.file);
    }
}

/** The error with the export it came from named, when it does not name it already. */
function naming(error: unknown, file: string): unknown {
    const message = error instanceof Error ? error.message : String(error);
    if (message.includes(file)) return error;
    if (error instanceof UsageError) return new UsageError(`${file}: ${message}`);
    if (error instanceof InputError) return new InputError(`${file}: ${message}`);
    const named = new Error(`${file}: ${message}`);
    if (error instanceof Error && error.stack) named.stack = `${named.message}\n${error.stack.split("\n").slice(1).join("\n")}`;
    return named;
}

export async function checkStates(options: MultiStateOptions): Promise<CheckResult> {
    let kept = 0;
    const identified = options.files.map((file) => {
        const item: Identified = identify(file, options.engineExact === true);
        kept += item.exported?.resources.length ?? 0;
        if (kept > (options.keptResources ?? KEPT_RESOURCES)) item.exported = undefined;
        return item;
    });
    refuseDuplicates(identified);
    const sorted = [...identified].sort((a, b) => byCodeUnit(a.identity, b.identity));
    const selected = selectShard(sorted, (item) => item.identity, options.shard);
    // Another shard's exports are not checked here: their parsed resources need not stay alive.
    const chosen = new Set(selected);
    for (const item of identified) if (!chosen.has(item)) item.exported = undefined;
    const jobs = Math.max(1, Math.min(options.jobs, selected.length));
    const shared = isShippedPack(options.packDir);
    const scope = options.shard ? `${describeShard(options.shard, selected.length, sorted.length)}; ` : "";
    if (options.shard && selected.length === 0) options.progress.warn(`${scope}nothing for this shard to check (more shards than stacks)`);
    options.progress.step(`${scope}checking ${selected.length} export(s), ${jobs} at a time, with ${shared ? `${jobs} pack process(es) serving them in turn` : "a pack process per export"}`);

    // Per-export steps would be thousands of lines: the run reports its count instead.
    const quiet: Progress = { step: () => undefined, warn: (message) => options.progress.warn(message) };
    const every = Math.max(1, Math.ceil(selected.length / 20));
    const pool = shared ? new PackPool(options.packDir, NO_STACK_ENVIRONMENT) : undefined;
    let done = 0;
    try {
        const results = await mapLimited(
            selected,
            jobs,
            async (item) => {
                let result: CheckResult;
                try {
                    const exported = item.exported ?? readAgain(item, options.engineExact === true);
                    item.exported = undefined;
                    const run = (session?: { pack: Promise<RunningPack>; keepPack: true; skipRemediate: true }) => checkState({ ...options, file: item.file, exported, progress: quiet, session });
                    // The shipped pack has no remediation (no policy defines remediateResource), so every
                    // Remediate would come back empty: half the calls, skipped.
                    result = pool ? await pool.serve((pack) => run({ pack, keepPack: true, skipRemediate: true })) : await run();
                } catch (error) {
                    throw naming(error, item.file);
                }
                // Each stack's reach now, while its export is at hand: computed at report time instead,
                // it would keep every export's resources alive until the end (1,000 exports: gigabytes).
                for (const stack of result.stacks) void stack.reach;
                done++;
                if (done % every === 0 || done === selected.length) options.progress.step(`${done}/${selected.length} exports evaluated`);
                return result;
            },
            () => {
                // One export failing ends the others' packs now, not at their timeouts.
                pool?.stopAll();
                stopAll();
            },
        );
        return { stacks: results.flatMap((r) => r.stacks), info: results.find((r) => r.info)?.info, policies: [] };
    } finally {
        pool?.stopAll();
    }
}

// `--shard i/n`: one of n CI jobs checks its share of a run's stacks. The stacks are sorted by a
// stable identity ("project/stack", and the file for an export that names no stack) and dealt out
// in turn, so the n shards together check every stack exactly once, whatever machine runs them.

import { UsageError } from "../errors";
import { byCodeUnit } from "../state/sources";

export interface Shard {
    /** 1-based. */
    readonly index: number;
    readonly count: number;
}

export function parseShard(value: string | undefined): Shard | undefined {
    if (value === undefined) return undefined;
    const match = /^(\d{1,6})\/(\d{1,6})$/.exec(value.trim());
    const index = match ? Number(match[1]) : NaN;
    const count = match ? Number(match[2]) : NaN;
    if (!match || count < 1 || index < 1 || index > count) {
        throw new UsageError(`--shard ${value} is not a shard; give i/n with 1 <= i <= n (--shard 1/4 ... --shard 4/4 split the stacks over four jobs).`);
    }
    return { index, count };
}

/** The items of this shard, in identity order; every item, in the order given, when there is no shard. */
export function selectShard<T>(items: readonly T[], identity: (item: T) => string, shard: Shard | undefined): T[] {
    if (!shard) return [...items];
    const sorted = [...items].sort((a, b) => byCodeUnit(identity(a), identity(b)));
    return sorted.filter((_, position) => position % shard.count === shard.index - 1);
}

export function describeShard(shard: Shard, selected: number, total: number): string {
    return `shard ${shard.index}/${shard.count}: ${selected} of the run's ${total} stack(s)`;
}

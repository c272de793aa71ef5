// --shard i/n: the shards of a run check each of its stacks exactly once, in balanced shares,
// whatever order the stacks were found in; anything but i/n with 1 <= i <= n is refused.
import { strict as assert } from "node:assert";
import { parseShard, selectShard } from "../../../cli/check/shard";

const stacks = (count: number) => Array.from({ length: count }, (_, i) => `project-${i % 3}/stack-${String(i).padStart(2, "0")}`);
const identity = (s: string) => s;

describe("--shard", () => {
    for (const count of [0, 1, 2, 5, 12]) {
        for (const n of [1, 2, 3, 5]) {
            it(`splits ${count} stacks over ${n} shards: each exactly once, shares within one of each other`, () => {
                const all = stacks(count);
                const shards = Array.from({ length: n }, (_, i) => selectShard(all, identity, { index: i + 1, count: n }));
                assert.deepEqual(shards.flat().sort(), [...all].sort());
                const sizes = shards.map((s) => s.length);
                assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, String(sizes));
            });
        }
    }

    it("gives every machine the same shard, whatever order it found the stacks in", () => {
        const all = stacks(12);
        const shard = { index: 2, count: 3 };
        assert.deepEqual(selectShard([...all].reverse(), identity, shard), selectShard(all, identity, shard));
    });

    it("keeps the order given when there is no shard", () => {
        assert.deepEqual(selectShard(["b", "a"], identity, undefined), ["b", "a"]);
    });

    it("reads i/n and refuses what is not a shard", () => {
        assert.deepEqual(parseShard("2/3"), { index: 2, count: 3 });
        assert.equal(parseShard(undefined), undefined);
        for (const bad of ["0/2", "3/2", "x/y", "1/0", "1", "-1/2", "1/2/3", ""]) assert.throws(() => parseShard(bad), /is not a shard; give i\/n with 1 <= i <= n/, bad);
    });
});

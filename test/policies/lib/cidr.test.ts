import { strict as assert } from "node:assert";
import fc from "fast-check";
import { contains, intersection, isAnyAddress, networkOf, overlaps, parseCidr, Cidr } from "../../../policies/lib/cidr";

function cidr(text: string): Cidr {
    const parsed = parseCidr(text);
    assert.ok(parsed, `${text} should parse`);
    return parsed;
}

// Ranges generated as numbers: a random address and prefix, written as text the way users do.
const V4_BITS = 32n;
const V6_BITS = 128n;

function v4Text(value: bigint, prefix: number): string {
    const bytes = [24n, 16n, 8n, 0n].map((shift) => Number((value >> shift) & 0xffn));
    return `${bytes.join(".")}/${prefix}`;
}

function v6Text(value: bigint, prefix: number): string {
    const groups: string[] = [];
    for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(((value >> shift) & 0xffffn).toString(16));
    return `${groups.join(":")}/${prefix}`;
}

interface Generated {
    readonly value: bigint;
    readonly prefix: number;
    readonly bits: bigint;
    readonly text: string;
}

const v4 = fc.record({ value: fc.bigInt({ min: 0n, max: (1n << V4_BITS) - 1n }), prefix: fc.integer({ min: 0, max: 32 }) }).map(
    ({ value, prefix }): Generated => ({ value, prefix, bits: V4_BITS, text: v4Text(value, prefix) }),
);
const v6 = fc.record({ value: fc.bigInt({ min: 0n, max: (1n << V6_BITS) - 1n }), prefix: fc.integer({ min: 0, max: 128 }) }).map(
    ({ value, prefix }): Generated => ({ value, prefix, bits: V6_BITS, text: v6Text(value, prefix) }),
);
const anyRange = fc.oneof(v4, v6);

/** A range inside `outer`: its network bits kept, a longer prefix, random bits after them. */
function subnetOf(outer: Generated) {
    return fc.record({ extra: fc.integer({ min: 0, max: Number(outer.bits) - outer.prefix }), low: fc.bigInt({ min: 0n, max: (1n << outer.bits) - 1n }) }).map(({ extra, low }) => {
        const hostBits = outer.bits - BigInt(outer.prefix);
        const hostMask = (1n << hostBits) - 1n;
        const value = (outer.value & ~hostMask & ((1n << outer.bits) - 1n)) | (low & hostMask);
        const prefix = outer.prefix + extra;
        return { value, prefix, bits: outer.bits, text: outer.bits === V4_BITS ? v4Text(value, prefix) : v6Text(value, prefix) };
    });
}

const runs = { seed: 20231020, numRuns: 300 };

describe("cidr", () => {
    describe("parsing", () => {
        const valid: [string, string, 4 | 6, number][] = [
            ["an IPv4 range", "10.20.0.0/16", 4, 16],
            ["an IPv4 range with spaces around it", " 10.20.4.0/24 ", 4, 24],
            ["a bare IPv4 address as a /32", "10.20.4.7", 4, 32],
            ["an IPv6 range", "2600:1f18::/56", 6, 56],
            ["a bare IPv6 address as a /128", "fd00::1", 6, 128],
            ["the IPv4 any-address range", "0.0.0.0/0", 4, 0],
        ];
        for (const [behaviour, text, family, prefix] of valid) {
            it(`parses ${behaviour}`, () => {
                const parsed = cidr(text);
                assert.equal(parsed.family, family);
                assert.equal(parsed.prefix, prefix);
                assert.equal(parsed.text, text.trim());
            });
        }
        const invalid: [string, unknown][] = [
            ["a prefix longer than the family allows", "10.0.0.0/33"],
            ["a three-part address", "10.0.0/8"],
            ["a word", "staging"],
            ["an empty string", ""],
            ["a number", 42],
            ["an object", { cidr: "10.0.0.0/8" }],
            ["a security group id", "sg-0abc"],
        ];
        for (const [behaviour, value] of invalid) {
            it(`reads ${behaviour} as no range`, () => assert.equal(parseCidr(value), undefined));
        }
    });

    describe("overlap against the plan's ranges", () => {
        const cases: [string, string, string, boolean][] = [
            ["a subnet of staging lies inside staging's range", "10.20.4.0/24", "10.20.0.0/16", true],
            ["10.0.0.0/8 covers prod's range", "10.0.0.0/8", "10.30.0.0/16", true],
            ["10.0.0.0/8 covers test's range", "10.0.0.0/8", "10.10.0.0/16", true],
            ["prod and staging are disjoint", "10.30.0.0/16", "10.20.0.0/16", false],
            ["a neighbour that shares a string prefix does not overlap", "10.2.0.0/16", "10.20.0.0/16", false],
            ["a single address inside a range overlaps it", "10.20.9.9", "10.20.0.0/16", true],
            ["IPv4 never overlaps IPv6", "0.0.0.0/0", "::/0", false],
            ["IPv6 ranges nest by prefix", "fd00:20:1::/64", "fd00:20::/32", true],
        ];
        for (const [behaviour, a, b, expected] of cases) {
            it(behaviour, () => {
                assert.equal(overlaps(cidr(a), cidr(b)), expected);
                assert.equal(overlaps(cidr(b), cidr(a)), expected);
            });
        }

        it("intersects nested ranges to the more specific one and disjoint ones to nothing", () => {
            assert.equal(intersection(cidr("10.0.0.0/8"), cidr("10.20.0.0/16"))?.text, "10.20.0.0/16");
            assert.equal(intersection(cidr("10.20.0.0/16"), cidr("10.0.0.0/8"))?.text, "10.20.0.0/16");
            assert.equal(intersection(cidr("10.20.0.0/16"), cidr("10.30.0.0/16")), undefined);
        });

        it("knows the any-address ranges", () => {
            assert.equal(isAnyAddress(cidr("0.0.0.0/0")), true);
            assert.equal(isAnyAddress(cidr("::/0")), true);
            assert.equal(isAnyAddress(cidr("0.0.0.0/1")), false);
        });

        it("writes a range in canonical network form", () => {
            assert.equal(networkOf(cidr("10.20.4.7/16")), "10.20.0.0/16");
        });
    });

    describe("properties", () => {
        it("overlap is symmetric", () => {
            fc.assert(fc.property(anyRange, anyRange, (a, b) => overlaps(cidr(a.text), cidr(b.text)) === overlaps(cidr(b.text), cidr(a.text))), runs);
        });

        it("a subnet of a range is inside it and overlaps it", () => {
            const pair = anyRange.chain((outer) => subnetOf(outer).map((inner) => [outer, inner] as const));
            fc.assert(
                fc.property(pair, ([outer, inner]) => {
                    const [o, i] = [cidr(outer.text), cidr(inner.text)];
                    return contains(o, i) && overlaps(o, i) && overlaps(i, o);
                }),
                runs,
            );
        });

        it("prefix ranges either nest or are disjoint, and the intersection lies in both", () => {
            fc.assert(
                fc.property(anyRange, anyRange, (a, b) => {
                    const [x, y] = [cidr(a.text), cidr(b.text)];
                    const shared = intersection(x, y);
                    if (!overlaps(x, y)) return shared === undefined;
                    return (contains(x, y) || contains(y, x)) && shared !== undefined && contains(x, shared) && contains(y, shared);
                }),
                runs,
            );
        });

        it("containment is transitive", () => {
            const chain = anyRange.chain((a) => subnetOf(a).chain((b) => subnetOf(b).map((c) => [a, b, c] as const)));
            fc.assert(fc.property(chain, ([a, , c]) => contains(cidr(a.text), cidr(c.text))), runs);
        });

        it("the two halves of a range never overlap each other", () => {
            const splittable = anyRange.filter((r) => BigInt(r.prefix) < r.bits);
            fc.assert(
                fc.property(splittable, (r) => {
                    const hostBits = r.bits - BigInt(r.prefix);
                    const network = r.value & ~((1n << hostBits) - 1n) & ((1n << r.bits) - 1n);
                    const upper = network | (1n << (hostBits - 1n));
                    const write = r.bits === V4_BITS ? v4Text : v6Text;
                    return !overlaps(cidr(write(network, r.prefix + 1)), cidr(write(upper, r.prefix + 1)));
                }),
                runs,
            );
        });

        it("an IPv4 range never overlaps an IPv6 range", () => {
            fc.assert(fc.property(v4, v6, (a, b) => !overlaps(cidr(a.text), cidr(b.text))), runs);
        });
    });
});

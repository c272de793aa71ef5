// Generated cron expressions and waiver patterns. Cron: whatever AWS-dialect expression comes in,
// the evaluator never throws, and the gap it reports is never shorter than a gap croner itself
// produces between two consecutive runs starting anywhere in the 400-year cycle (so a schedule is
// never judged faster than it runs). Patterns: the linear-time matcher agrees with a plain
// dynamic-programming matcher on every pattern and name, including many-star patterns against
// long names (which a backtracking RegExp cannot finish).

import { strict as assert } from "node:assert";
import { Cron } from "croner";
import fc from "fast-check";
import { cronReading } from "../../policies/credentials/cron";
import { wildcardMatcher } from "../../policies/lib/wildcard";

const DAY_MS = 86_400_000;
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

const int = (min: number, max: number) => fc.integer({ min, max });
const list = (item: fc.Arbitrary<string>) => fc.array(item, { minLength: 1, maxLength: 4 }).map((items) => items.join(","));

const minutes = fc.oneof(int(0, 59).map(String), fc.constant("*/30"), int(0, 29).map((m) => `${m}/30`), list(int(0, 59).map(String)));
const hours = fc.oneof(int(0, 23).map(String), fc.constant("*"), fc.constant("*/6"), list(int(0, 23).map(String)), fc.tuple(int(0, 11), int(12, 23)).map(([a, b]) => `${a}-${b}`));
const dayOfMonth = fc.oneof(
    int(1, 31).map(String),
    list(int(1, 31).map(String)),
    fc.tuple(int(1, 15), int(16, 31)).map(([a, b]) => `${a}-${b}`),
    int(1, 31).map((d) => `${d}W`),
    fc.constantFrom("L", "LW", "*", "1/7", "*/10"),
);
const month = fc.oneof(fc.constant("*"), list(fc.constantFrom(...MONTHS)), list(int(1, 12).map(String)), int(1, 6).map((s) => `*/${s}`), fc.tuple(int(1, 6), int(7, 12)).map(([a, b]) => `${a}-${b}`));
const dayOfWeek = fc.oneof(
    fc.constant("*"),
    list(fc.constantFrom(...DAYS)),
    fc.tuple(fc.constantFrom(...DAYS, "1", "2", "3", "4", "5", "6", "7"), int(1, 5)).map(([d, n]) => `${d}#${n}`),
    int(1, 7).map((d) => `${d}L`),
    fc.constant("L"),
    fc.constant("MON-FRI"),
);
const year = fc.oneof({ weight: 6, arbitrary: fc.constant("*") }, { weight: 1, arbitrary: fc.tuple(int(1970, 2190), int(0, 9)).map(([y, n]) => `${y}-${y + n}`) });

/** The day fields as AWS requires them (one is `?`), and now and then as it refuses them. */
const dayFields = fc.oneof(
    { weight: 4, arbitrary: dayOfMonth.map((dom) => [dom, "?"] as const) },
    { weight: 4, arbitrary: dayOfWeek.map((dow) => ["?", dow] as const) },
    { weight: 1, arbitrary: fc.tuple(dayOfMonth, dayOfWeek) },
);

const expression = fc.tuple(minutes, hours, dayFields, month, year).map(([mi, h, [dom, dow], mo, y]) => `${mi} ${h} ${dom} ${mo} ${dow} ${y}`);

describe("hardening: generated cron expressions", function () {
    this.timeout(300_000);

    it("never throw, and report a gap no shorter than any croner produces between consecutive runs", () => {
        fc.assert(
            fc.property(expression, int(0, 146_000), (body, startDay) => {
                const reading = cronReading(body);
                if (reading.state === "invalid") {
                    assert.ok(reading.problem.length > 0);
                    return;
                }
                assert.ok(Number.isFinite(reading.days) && reading.days > 0, `${body}: ${reading.days}`);
                const [mi, h, dom, mo, dow, y] = body.split(" ");
                const weekday = dow.toUpperCase() === "L" ? "7" : dow;
                const cron = new Cron(`0 ${mi} ${h} ${dom} ${mo} ${weekday} ${y}`, { mode: "7-part", alternativeWeekdays: true, domAndDow: true, sloppyRanges: true, utcOffset: 0 });
                const runs = cron.nextRuns(12, new Date(Date.UTC(2000, 0, 1) + startDay * DAY_MS));
                for (let i = 1; i < runs.length; i++) {
                    const gap = (runs[i].getTime() - runs[i - 1].getTime()) / DAY_MS;
                    assert.ok(gap <= reading.days + 1e-9, `${body}: croner ran ${runs[i - 1].toISOString()} then ${runs[i].toISOString()} (${gap} days), judged ${reading.days}`);
                }
            }),
            { numRuns: 80 },
        );
    });

    it("never throw on arbitrary text", () => {
        fc.assert(
            fc.property(fc.string({ maxLength: 80 }), (body) => {
                const reading = cronReading(body);
                assert.ok(reading.state === "invalid" || reading.days > 0);
            }),
            { numRuns: 300 },
        );
    });
});

/** The textbook matcher: `*` matches any run, everything else itself. O(pattern x name). */
function reference(pattern: string, name: string): boolean {
    let row = new Array<boolean>(name.length + 1).fill(false);
    row[0] = true;
    for (const p of pattern) {
        const next = new Array<boolean>(name.length + 1).fill(false);
        if (p === "*") {
            next[0] = row[0];
            for (let j = 1; j <= name.length; j++) next[j] = row[j] || next[j - 1];
        } else {
            for (let j = 1; j <= name.length; j++) next[j] = row[j - 1] && name[j - 1] === p;
        }
        row = next;
    }
    return row[name.length];
}

describe("hardening: generated waiver patterns", function () {
    this.timeout(120_000);
    const alphabet = fc.constantFrom("a", "b", "-", ":", ".", "?", "(", "[", "\\", "$", "^", "\n", "é");
    const text = (max: number) => fc.array(alphabet, { maxLength: max }).map((chars) => chars.join(""));
    const pattern = fc.array(fc.oneof({ weight: 1, arbitrary: fc.constant("*") }, { weight: 3, arbitrary: alphabet }), { maxLength: 24 }).map((chars) => chars.join(""));

    it("match exactly what a plain matcher matches", () => {
        fc.assert(
            fc.property(pattern, text(40), (p, name) => assert.equal(wildcardMatcher(p)(name), reference(p, name), `${JSON.stringify(p)} on ${JSON.stringify(name)}`)),
            { numRuns: 2000 },
        );
    });

    it("match names built to fit the pattern", () => {
        fc.assert(
            fc.property(pattern, fc.array(text(6), { minLength: 25, maxLength: 25 }), (p, fillers) => {
                let i = 0;
                const name = p.replace(/\*/g, () => fillers[i++]);
                assert.equal(wildcardMatcher(p)(name), true, `${JSON.stringify(p)} on ${JSON.stringify(name)}`);
            }),
            { numRuns: 500 },
        );
    });

    it("finish on many-star patterns against long names", () => {
        fc.assert(
            fc.property(int(10, 60), int(1000, 20_000), fc.boolean(), (stars, length, fits) => {
                const p = `${"*a".repeat(stars)}*${fits ? "a" : "b"}`;
                assert.equal(wildcardMatcher(p)("a".repeat(length)), fits && length > stars);
            }),
            { numRuns: 20 },
        );
    });
});

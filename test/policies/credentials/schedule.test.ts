import { strict as assert } from "node:assert";
import { addCalendar, formatDays, longestCalendarDays, scheduleIntervalDays, scheduleReading } from "../../../policies/credentials/schedule";

describe("Secrets Manager schedule expressions", () => {
    const cases: [string, string, number | undefined][] = [
        ["a rate in days", "rate(30 days)", 30],
        ["a rate of one day", "rate(1 day)", 1],
        ["a rate in hours", "rate(12 hours)", 0.5],
        ["a daily cron", "cron(0 16 * * ? *)", 1],
        ["a weekly cron on one weekday", "cron(0 8 ? * MON *)", 7],
        ["a cron on two weekdays, by its longest gap", "cron(0 8 ? * MON,THU *)", 4],
        ["a cron on the first Monday of each month", "cron(0 8 ? * MON#1 *)", 35],
        ["a cron on the fifth Monday, which most months lack", "cron(0 8 ? * MON#5 *)", 119],
        ["a cron on the fifth Monday, in weekday numbers", "cron(0 8 ? * 2#5 *)", 119],
        ["a monthly cron on one day", "cron(0 0 1 * ? *)", 31],
        ["a cron on two days of the month, by its longest gap", "cron(0 0 1,15 * ? *)", 17],
        ["a quarterly cron, counting long months", "cron(0 0 1 */3 ? *)", 92],
        ["a cron on named months", "cron(0 0 1 JAN,JUL ? *)", 184],
        ["a cron on the 31st of the long months", "cron(0 0 31 JAN,MAR,MAY,JUL,SEP,NOV ? *)", 184],
        ["a cron on the 31st of every month, which skips the short ones (May to July)", "cron(0 0 31 * ? *)", 61],
        ["a cron on the 29th of February, across the skipped leap day of 2100", "cron(0 0 29 FEB ? *)", 2921],
        ["a cron on the last day of the month", "cron(0 0 L * ? *)", 31],
        ["a cron on the weekday nearest the 15th", "cron(0 0 15W * ? *)", 32],
        ["a cron on the last Friday of the month", "cron(0 0 ? * 6L *)", 35],
        ["a lone L in day-of-week: Saturdays", "cron(0 0 ? * L *)", 7],
        ["two runs a day, by the night between them", "cron(0 8,20 * * ? *)", 0.5],
        ["runs at 00:00 and 23:00 on the 1st: a 31-day month less the 23 hours between them", "cron(0 0,23 1 * ? *)", 31 - 23 / 24],
        ["a cron limited to one year: it stops recurring", "cron(0 0 1 * ? 2025)", undefined],
        ["a cron with five fields", "cron(0 0 1 * ?)", undefined],
        ["a cron naming a month that does not exist", "cron(0 0 1 13 ? *)", undefined],
        ["a cron with both day fields set", "cron(0 0 1 * MON *)", undefined],
        ["a cron with ? outside the day fields", "cron(? 0 1 * ? *)", undefined],
        ["a cron on a day that never comes", "cron(0 0 31 APR,JUN ? *)", undefined],
        ["a rate of zero", "rate(0 days)", undefined],
        ["text that is not an expression", "every monday", undefined],
    ];
    for (const [behaviour, expression, days] of cases) {
        it(`reads ${behaviour} (${expression}) as ${days ?? "no interval"}`, () => {
            const interval = scheduleIntervalDays(expression);
            if (days === undefined || interval === undefined) assert.equal(interval, days);
            else assert.ok(Math.abs(interval - days) < 1e-9, `${interval} != ${days}`);
        });
    }

    it("says why a schedule does not recur, for the message", () => {
        assert.deepEqual(scheduleReading("cron(0 0 31 APR,JUN ? *)"), { state: "invalid", problem: "never runs: no day in a 400-year calendar cycle matches it" });
        assert.deepEqual(scheduleReading("cron(0 0 1 * ? 2025)"), {
            state: "invalid",
            problem: "stops after its last run on 2025-12-01 (its year field is 2025), so it does not keep rotating",
        });
        assert.deepEqual(scheduleReading("cron(0 0 1 *)"), {
            state: "invalid",
            problem: "has 4 fields where AWS cron expressions have six (minutes hours day-of-month month day-of-week year)",
        });
        assert.deepEqual(scheduleReading("cron(0 0 1 FOO ? *)").state, "invalid");
    });
});

describe("the longest calendar period", () => {
    const cases: [string, number, number, number][] = [
        ["one month", 0, 1, 31],
        ["two months (July and August)", 0, 2, 62],
        ["three months", 0, 3, 92],
        ["six months", 0, 6, 184],
        ["a year, with a leap day", 1, 0, 366],
        ["four years, with one leap day", 4, 0, 1461],
        ["eight years, with two", 8, 0, 2922],
    ];
    for (const [behaviour, years, months, days] of cases) {
        it(`counts ${behaviour} as ${days} days`, () => assert.equal(longestCalendarDays(years, months), days));
    }
});

describe("calendar arithmetic", () => {
    it("adds months like the time provider, normalising past the month's end", () => {
        assert.equal(addCalendar(new Date("2024-01-31T00:00:00Z"), 0, 1).toISOString(), "2024-03-02T00:00:00.000Z");
        assert.equal(addCalendar(new Date("2023-11-15T10:00:00Z"), 1, 2).toISOString(), "2025-01-15T10:00:00.000Z");
    });

    it("formats whole and fractional day counts for messages", () => {
        assert.equal(formatDays(90), "90");
        assert.equal(formatDays(0.5), "0.50");
        assert.equal(formatDays(91.25), "91.3");
    });
});

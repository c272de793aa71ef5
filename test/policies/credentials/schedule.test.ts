import { strict as assert } from "node:assert";
import { addCalendar, cronFieldValues, formatDays, scheduleIntervalDays } from "../../../policies/credentials/schedule";

describe("Secrets Manager schedule expressions", () => {
    const cases: [string, string, number | undefined][] = [
        ["a rate in days", "rate(30 days)", 30],
        ["a rate of one day", "rate(1 day)", 1],
        ["a rate in hours", "rate(12 hours)", 0.5],
        ["a daily cron", "cron(0 16 * * ? *)", 1],
        ["a weekly cron on one weekday", "cron(0 8 ? * MON *)", 7],
        ["a cron on two weekdays, by its longest gap", "cron(0 8 ? * MON,THU *)", 4],
        ["a cron on the first Monday of each month", "cron(0 8 ? * MON#1 *)", 35],
        ["a monthly cron on one day", "cron(0 0 1 * ? *)", 31],
        ["a cron on two days of the month, by its longest gap", "cron(0 0 1,15 * ? *)", 17],
        ["a quarterly cron, counting long months", "cron(0 0 1 */3 ? *)", 93],
        ["a cron on named months", "cron(0 0 1 JAN,JUL ? *)", 186],
        ["a cron on the last day of the month", "cron(0 0 L * ? *)", 31],
        ["a cron on the weekday nearest the 15th", "cron(0 0 15W * ? *)", 33],
        ["a cron limited to one year: it stops recurring", "cron(0 0 1 * ? 2025)", undefined],
        ["a cron with five fields", "cron(0 0 1 * ?)", undefined],
        ["a cron naming a month that does not exist", "cron(0 0 1 13 ? *)", undefined],
        ["a rate of zero", "rate(0 days)", undefined],
        ["text that is not an expression", "every monday", undefined],
    ];
    for (const [behaviour, expression, days] of cases) {
        it(`reads ${behaviour} (${expression}) as ${days ?? "no interval"}`, () => {
            assert.equal(scheduleIntervalDays(expression), days);
        });
    }

    it("reads cron field lists, ranges and steps", () => {
        assert.deepEqual(cronFieldValues("1-3,10/5", 1, 31), [1, 2, 3, 10, 15, 20, 25, 30]);
        assert.deepEqual(cronFieldValues("*/4", 1, 12), [1, 5, 9]);
        assert.equal(cronFieldValues("5-1", 1, 12), undefined);
        assert.equal(cronFieldValues("1/0", 1, 12), undefined);
    });
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

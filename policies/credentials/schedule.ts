// Rotation intervals from the ways providers write them: Secrets Manager schedule expressions
// (`rate(30 days)`, `cron(0 16 1,15 * ? *)`) and the periods of a time.Rotating. Every answer is
// the longest gap the schedule allows, so a rule that compares it with a limit never passes a
// schedule that can exceed it.

import { cronReading } from "./cron";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Days from `earlier` to `later`, with fractions (a 12-hour period is 0.5). */
export function exactDaysBetween(earlier: Date, later: Date): number {
    return (later.getTime() - earlier.getTime()) / DAY_MS;
}

/** Calendar arithmetic in UTC, normalising like Go's AddDate (Jan 31 + 1 month is Mar 2 or 3). */
export function addCalendar(instant: Date, years: number, months: number): Date {
    const result = new Date(instant.getTime());
    result.setUTCFullYear(result.getUTCFullYear() + years, result.getUTCMonth() + months);
    return result;
}

const GREGORIAN_CYCLE_YEARS = 400;
const longestCache = new Map<string, number>();

/**
 * The longest a period of `years` years and `months` months can last, in days, wherever it starts
 * (three months: 92 days; one year: 366). Adding months to a date moves it by the same number of
 * days as adding them to the first of its month (Go's AddDate normalises past the month's end), so
 * the runs starting on the first of each month of a 400-year cycle are every run there is.
 */
export function longestCalendarDays(years: number, months: number): number {
    const key = `${years}|${months}`;
    const cached = longestCache.get(key);
    if (cached !== undefined) return cached;
    let longest = 0;
    for (let month = 0; month < GREGORIAN_CYCLE_YEARS * 12; month++) {
        const start = Date.UTC(2000, month, 1);
        const end = new Date(start);
        end.setUTCFullYear(end.getUTCFullYear() + years, end.getUTCMonth() + months);
        longest = Math.max(longest, (end.getTime() - start) / DAY_MS);
    }
    // A period too long for a date (or NaN) is as long as can be: it never passes a limit.
    const result = Number.isFinite(longest) ? longest : Number.POSITIVE_INFINITY;
    longestCache.set(key, result);
    return result;
}

function parseRate(body: string): number | undefined {
    const match = /^(\d{1,6})\s+(minutes?|hours?|days?)$/i.exec(body.trim());
    if (!match) return undefined;
    const amount = Number(match[1]);
    if (amount <= 0) return undefined;
    const unit = match[2].toLowerCase();
    if (unit.startsWith("minute")) return amount / (24 * 60);
    if (unit.startsWith("hour")) return amount / 24;
    return amount;
}

export type ScheduleReading = { readonly state: "recurring"; readonly days: number } | { readonly state: "invalid"; readonly problem: string };

/**
 * A Secrets Manager `scheduleExpression` judged by the longest interval it allows between two
 * rotations: `rate(...)` by its period, `cron(...)` by evaluating it (cron.ts). Anything else, and
 * a schedule that never fires or stops, is "invalid" with the reason, so a rule fails closed.
 */
export function scheduleReading(expression: string): ScheduleReading {
    const match = /^\s*(rate|cron)\((.*)\)\s*$/i.exec(expression);
    if (!match || match[2].length > 200) return { state: "invalid", problem: "is not a rate() or cron() schedule expression" };
    if (match[1].toLowerCase() === "cron") return cronReading(match[2]);
    const days = parseRate(match[2]);
    return days === undefined ? { state: "invalid", problem: "is not a rate of a positive whole number of minutes, hours or days" } : { state: "recurring", days };
}

/** The longest interval in days a schedule expression allows, or undefined when it does not recur. */
export function scheduleIntervalDays(expression: string): number | undefined {
    const reading = scheduleReading(expression);
    return reading.state === "recurring" ? reading.days : undefined;
}

/** "90", or "0.5" for a period shorter than a day: how intervals appear in messages. */
export function formatDays(days: number): string {
    return Number.isInteger(days) ? String(days) : days.toFixed(days < 1 ? 2 : 1);
}

// Rotation intervals from the ways providers write them: Secrets Manager schedule expressions
// (`rate(30 days)`, `cron(0 16 1,15 * ? *)`) and the periods of a time.Rotating. Every answer is
// the longest gap the schedule allows, so a rule that compares it with a limit never passes a
// schedule that can exceed it.

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

const MONTH_NAMES = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

function fieldValue(text: string, min: number, names: readonly string[]): number | undefined {
    const named = names.indexOf(text.toUpperCase());
    if (named >= 0) return named + min;
    return /^\d{1,2}$/.test(text) ? Number(text) : undefined;
}

/** The values a cron field selects ("*", "a", "a-b", "a/s", "*\/s", "a-b/s", lists), or undefined. */
export function cronFieldValues(field: string, min: number, max: number, names: readonly string[] = []): number[] | undefined {
    const selected = new Set<number>();
    for (const part of field.split(",")) {
        const [range, stepText] = part.split("/");
        const step = stepText === undefined ? 1 : Number(stepText);
        if (!Number.isInteger(step) || step < 1 || part.split("/").length > 2) return undefined;
        let low: number | undefined;
        let high: number | undefined;
        if (range === "*") {
            [low, high] = [min, max];
        } else if (range.includes("-")) {
            const [a, b] = range.split("-");
            [low, high] = [fieldValue(a, min, names), fieldValue(b, min, names)];
        } else {
            low = fieldValue(range, min, names);
            high = stepText === undefined ? low : max;
        }
        if (low === undefined || high === undefined || low < min || high > max || low > high) return undefined;
        for (let v = low; v <= high; v += step) selected.add(v);
    }
    return [...selected].sort((a, b) => a - b);
}

/** The longest cyclic gap between selected values in a cycle of `period` units. */
function longestGap(values: readonly number[], period: number): number {
    let gap = values[0] + period - values[values.length - 1];
    for (let i = 1; i < values.length; i++) gap = Math.max(gap, values[i] - values[i - 1]);
    return gap;
}

/** The longest gap in days a day-of-month / day-of-week pair allows within a month. */
function dayGap(dayOfMonth: string, dayOfWeek: string): number | undefined {
    if (dayOfMonth === "*" || (dayOfMonth === "?" && dayOfWeek === "*")) return 1;
    if (dayOfMonth === "?") {
        // Nth weekday of the month (MON#1) or the last one (5L): once a month, up to five weeks apart.
        if (/[#L]/i.test(dayOfWeek)) return 35;
        const days = cronFieldValues(dayOfWeek, 1, 7, DAY_NAMES);
        return days && days.length > 0 ? longestGap(days, 7) : undefined;
    }
    if (dayOfWeek !== "?" && dayOfWeek !== "*") return undefined;
    if (/^L$/i.test(dayOfMonth)) return 31;
    // "15W": the weekday nearest the 15th, which moves by up to two days either way.
    if (/^\d{1,2}W$/i.test(dayOfMonth)) return 33;
    const days = cronFieldValues(dayOfMonth, 1, 31);
    return days && days.length > 0 ? longestGap(days, 31) : undefined;
}

function parseCron(body: string): number | undefined {
    const fields = body.trim().split(/\s+/);
    if (fields.length !== 6) return undefined;
    const [, , dayOfMonth, month, dayOfWeek, year] = fields;
    // A schedule limited to some years stops recurring: it is not a rotation interval.
    if (year !== "*") return undefined;
    const months = cronFieldValues(month, 1, 12, MONTH_NAMES);
    const days = dayGap(dayOfMonth, dayOfWeek);
    if (!months || months.length === 0 || days === undefined) return undefined;
    const monthGap = longestGap(months, 12);
    return monthGap === 1 ? days : monthGap * 31 + (days > 31 ? days - 31 : 0);
}

/**
 * The longest interval in days a Secrets Manager `scheduleExpression` allows, or undefined when it
 * is not a recurring `rate(...)` or `cron(...)` expression.
 */
export function scheduleIntervalDays(expression: string): number | undefined {
    const match = /^\s*(rate|cron)\((.*)\)\s*$/i.exec(expression);
    if (!match || match[2].length > 200) return undefined;
    return match[1].toLowerCase() === "rate" ? parseRate(match[2]) : parseCron(match[2]);
}

/** "90", or "0.5" for a period shorter than a day: how intervals appear in messages. */
export function formatDays(days: number): string {
    return Number.isInteger(days) ? String(days) : days.toFixed(days < 1 ? 2 : 1);
}

// AWS `cron(minutes hours day-of-month month day-of-week year)` schedules judged by the longest
// gap between two consecutive runs, found by evaluating the expression, never by reasoning about
// its fields: a day-31 schedule skips the 30-day months, `MON#5` skips the months without a fifth
// Monday, `29 FEB` skips three years in four (and 2100). The dialect is parsed by croner, which
// knows `?`, `L`, `W`, `#` and the year field; this file only maps AWS's spelling onto it.
//
// Runs are a set of days times a set of times of day (the minute and hour fields do not depend on
// the day), so the longest gap is the longest gap between firing days, less the span of one day's
// runs, or the longest gap between two runs within a day. Firing days are found day by day:
//   - with year `*` the schedule repeats every 400 years (146,097 days, a whole number of weeks).
//     The 28 years 2000-2027 hold every kind of year (leap or not, starting on each weekday) and
//     every change from one kind to the next that the whole cycle holds; when each of those years
//     has a run, no gap spans a year, so they hold the longest gap. Otherwise the schedule is
//     sparse and the whole cycle is evaluated.
//   - a year other than `*` ends the schedule (AWS accepts years up to 2199): it does not recur.

import type { Cron, CronOptions } from "croner";

const DAY_MS = 86_400_000;
const MINUTES_PER_DAY = 1440;
const CYCLE_START = Date.UTC(2000, 0, 1);
const CYCLE_DAYS = 146_097;
const SHORT_WINDOW_YEARS = 28;
/** AWS accepts years 1970-2199. */
const LAST_AWS_DAY = Date.UTC(2200, 0, 1);
const FIRST_AWS_DAY = Date.UTC(1970, 0, 1);

export type CronReading = { readonly state: "recurring"; readonly days: number } | { readonly state: "invalid"; readonly problem: string };

const FIELDS = [
    { name: "minutes", allowed: /^[0-9,\-*/]+$/ },
    { name: "hours", allowed: /^[0-9,\-*/]+$/ },
    { name: "day-of-month", allowed: /^[0-9,\-*/?LW]+$/i },
    { name: "month", allowed: /^[0-9A-Z,\-*/]+$/i },
    { name: "day-of-week", allowed: /^[0-9A-Z,\-*?L#]+$/i },
    { name: "year", allowed: /^[0-9,\-*/]+$/ },
] as const;

/** AWS numbers weekdays 1 (SUN) to 7 (SAT), as Quartz does; the day fields are ANDed, one being `?`. */
const OPTIONS: CronOptions = { mode: "7-part", alternativeWeekdays: true, domAndDow: true, sloppyRanges: true, utcOffset: 0 };

let croner: typeof import("croner") | undefined;

/** Loaded on the first cron() expression, so a pack with none does not pay for it at start. */
function compile(pattern: string): Cron {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    croner ??= require("croner") as typeof import("croner");
    return new croner.Cron(pattern, OPTIONS);
}

function structureProblem(fields: readonly string[]): string | undefined {
    if (fields.length !== 6) return `has ${fields.length} field${fields.length === 1 ? "" : "s"} where AWS cron expressions have six (minutes hours day-of-month month day-of-week year)`;
    for (let i = 0; i < FIELDS.length; i++) {
        if (!FIELDS[i].allowed.test(fields[i])) return `has a ${FIELDS[i].name} field ("${fields[i]}") that AWS does not accept`;
    }
    if ((fields[2] === "?") === (fields[4] === "?")) return "must have ? in exactly one of day-of-month and day-of-week, as AWS requires";
    return undefined;
}

function dayAt(index: number): Date {
    return new Date(CYCLE_START + index * DAY_MS);
}

/** Minutes of the day at which it runs, from the minutes and hours fields alone. */
function timesOfDay(times: Cron): number[] {
    const result: number[] = [];
    for (let minute = 0; minute < MINUTES_PER_DAY; minute++) {
        if (times.match(new Date(CYCLE_START + minute * 60_000))) result.push(minute);
    }
    return result;
}

/** The longest gap, in days, between firing days of a schedule whose year is `*`, or undefined when it never fires. */
function longestDayGap(days: Cron): number | undefined {
    const shortWindow = Math.round((Date.UTC(2000 + SHORT_WINDOW_YEARS, 0, 1) - CYCLE_START) / DAY_MS);
    let first: number | undefined;
    let previous: number | undefined;
    let longest = 0;
    const yearsWithRuns = new Set<number>();
    for (let day = 0; day < CYCLE_DAYS; day++) {
        if (!days.match(dayAt(day))) continue;
        if (day >= shortWindow) {
            // The first run after the short window closes its last gap; stop there if every year ran.
            if (yearsWithRuns.size === SHORT_WINDOW_YEARS && previous !== undefined) return Math.max(longest, day - previous);
        } else {
            yearsWithRuns.add(dayAt(day).getUTCFullYear());
        }
        if (previous !== undefined) longest = Math.max(longest, day - previous);
        first ??= day;
        previous = day;
    }
    if (first === undefined || previous === undefined) return undefined;
    // The cycle repeats: its last run is followed by its first one, 146,097 days on.
    return Math.max(longest, first + CYCLE_DAYS - previous);
}

/** The last day a year-limited schedule runs, or undefined when it never does. */
function lastRunDay(days: Cron): Date | undefined {
    for (let at = LAST_AWS_DAY - DAY_MS; at >= FIRST_AWS_DAY; at -= DAY_MS) {
        if (days.match(new Date(at))) return new Date(at);
    }
    return undefined;
}

function evaluate(body: string): CronReading {
    const fields = body.trim().split(/\s+/);
    const problem = structureProblem(fields);
    if (problem) return { state: "invalid", problem };
    const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields;
    // AWS reads a lone L in day-of-week as the last day of the week, Saturday.
    const weekday = dayOfWeek.toUpperCase() === "L" ? "7" : dayOfWeek;
    let days: Cron;
    let times: Cron;
    try {
        days = compile(`0 0 0 ${dayOfMonth} ${month} ${weekday} ${year}`);
        times = compile(`0 ${minutes} ${hours} * * ? *`);
    } catch (error) {
        return { state: "invalid", problem: `cannot be read as an AWS cron expression (${error instanceof Error ? error.message : String(error)})` };
    }
    const clock = timesOfDay(times);
    if (clock.length === 0) return { state: "invalid", problem: "never runs: its minutes and hours select no time of day" };
    if (year !== "*") {
        const last = lastRunDay(days);
        if (!last) return { state: "invalid", problem: `never runs: no day of the years ${year} matches it` };
        return { state: "invalid", problem: `stops after its last run on ${last.toISOString().slice(0, 10)} (its year field is ${year}), so it does not keep rotating` };
    }
    const dayGap = longestDayGap(days);
    if (dayGap === undefined) return { state: "invalid", problem: "never runs: no day in a 400-year calendar cycle matches it" };
    let longest = dayGap * MINUTES_PER_DAY - (clock[clock.length - 1] - clock[0]);
    for (let i = 1; i < clock.length; i++) longest = Math.max(longest, clock[i] - clock[i - 1]);
    return { state: "recurring", days: longest / MINUTES_PER_DAY };
}

const MAX_CACHED = 256;
const cache = new Map<string, CronReading>();

/** The body of a `cron(...)` expression judged by its longest gap; never throws. */
export function cronReading(body: string): CronReading {
    const cached = cache.get(body);
    if (cached) return cached;
    let reading: CronReading;
    try {
        reading = evaluate(body);
    } catch (error) {
        reading = { state: "invalid", problem: `cannot be evaluated (${error instanceof Error ? error.message : String(error)})` };
    }
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(body, reading);
    return reading;
}

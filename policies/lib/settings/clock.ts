// The one place the pack reads the system clock. Rules never do: they receive the evaluation
// time from the `now` setting, which defaults to this reading, so tests are exact and
// `blastwall check --at 2027-01-01` forecasts.

export function systemTime(): Date {
    return new Date();
}

/** Parses the `now` setting (RFC 3339 date or date-time); undefined means "use the clock". */
export function evaluationTime(now: string | undefined, clock: () => Date = systemTime): Date {
    if (now === undefined) return clock();
    const parsed = parseInstant(now);
    return parsed ?? clock();
}

/**
 * An RFC 3339 date ("2023-10-20", taken as midnight UTC) or date-time, or undefined when the text
 * is not one or names a day that does not exist (2023-02-30).
 */
export function parseInstant(text: unknown): Date | undefined {
    if (typeof text !== "string") return undefined;
    const trimmed = text.trim();
    const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
    const dateTime = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.exec(trimmed);
    const parts = dateOnly ?? dateTime;
    if (!parts) return undefined;
    const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
    const calendarCheck = new Date(Date.UTC(year, month - 1, day));
    if (calendarCheck.getUTCFullYear() !== year || calendarCheck.getUTCMonth() !== month - 1 || calendarCheck.getUTCDate() !== day) {
        return undefined;
    }
    const instant = new Date(dateOnly ? `${trimmed}T00:00:00Z` : trimmed);
    return Number.isNaN(instant.getTime()) ? undefined : instant;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `earlier` to `later` (negative when `earlier` is in the future). */
export function daysBetween(earlier: Date, later: Date): number {
    return Math.floor((later.getTime() - earlier.getTime()) / DAY_MS);
}

export function addDays(instant: Date, days: number): Date {
    return new Date(instant.getTime() + days * DAY_MS);
}

/** "2023-10-20" */
export function formatDate(instant: Date): string {
    return instant.toISOString().slice(0, 10);
}

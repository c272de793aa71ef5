// The JSON Schema formats as the engine checks them. pulumi/pulumi validates policy config with
// gojsonschema, whose checkers are Go's time.Parse with fixed layouts (format_checkers.go):
//   date       "2006-01-02"
//   date-time  "15:04:05", "15:04:05Z07:00", "2006-01-02", RFC 3339 (and with fractions)
// ajv-formats accepts what Go refuses ("2027-01-01 00:00:00Z" with a space, a lower-case "t" or
// "z", "+0100" without a colon, a leap second "23:59:60") and refuses what Go accepts (a bare
// date as date-time). A config is refused here exactly when the engine would refuse it.

import type Ajv from "ajv";

function daysIn(year: number, month: number): number {
    return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Go's "2006-01-02". */
export function isEngineDate(text: string): boolean {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!match) return false;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

// Go accepts a fraction after the seconds even when the layout has none.
const CLOCK = String.raw`(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?`;
// Go's "15" reads one or two digits.
const SHORT_CLOCK = String.raw`(\d{1,2}):(\d{2}):(\d{2})(?:\.\d+)?`;
const ZONE = String.raw`(?:Z|[+-](\d{2}):(\d{2}))`;

function validClock(hour: string, minute: string, second: string): boolean {
    return Number(hour) < 24 && Number(minute) < 60 && Number(second) < 60;
}

function validZone(hours: string | undefined, minutes: string | undefined): boolean {
    // time.Parse refuses an offset hour above 24 or minute above 60, nothing less.
    return hours === undefined || (Number(hours) <= 24 && Number(minutes) <= 60);
}

/** gojsonschema's DateTimeFormatChecker. */
export function isEngineDateTime(text: string): boolean {
    if (isEngineDate(text)) return true;
    const clock = new RegExp(`^${SHORT_CLOCK}(?:${ZONE})?$`).exec(text);
    if (clock && validClock(clock[1], clock[2], clock[3]) && validZone(clock[4], clock[5])) return true;
    const full = new RegExp(`^(\\d{4}-\\d{2}-\\d{2})T${CLOCK}${ZONE}$`).exec(text);
    return full !== null && isEngineDate(full[1]) && validClock(full[2], full[3], full[4]) && validZone(full[5], full[6]);
}

/** Replaces ajv-formats' date and date-time with the engine's. */
export function useEngineFormats(ajv: Ajv): void {
    ajv.addFormat("date", { type: "string", validate: isEngineDate });
    ajv.addFormat("date-time", { type: "string", validate: isEngineDateTime });
}

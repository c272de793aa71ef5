// What a @pulumiverse/time Rotating says: when it last rotated (`rfc3339`) and how often it
// rotates. A credential that a deployment re-issues when its Rotating rotates was issued no
// earlier than that time, and is re-issued at that interval.
//
// The provider computes the next rotation from one period, the last set of: rotationDays,
// rotationHours, rotationMinutes, rotationMonths, rotationRfc3339, rotationYears (that order,
// later wins), counted from `rfc3339`, in calendar time; a calendar period is judged by its longest
// run. Once it exists, `rotationRfc3339` holds
// the result. Expiry is noticed only when the Rotating is read (`pulumi up --refresh`).

import type { ResourceView } from "../lib/model";
import { getNumber, getString, UNKNOWN } from "../lib/props";
import { parseInstant } from "../lib/settings/clock";
import { isSecretPath } from "../lib/sdk/wire";
import { exactDaysBetween, longestCalendarDays } from "./schedule";

export type RotatingBase =
    | { readonly state: "known"; readonly date: Date; readonly secret: boolean }
    /** Its `rfc3339` is unknown: it is created (or replaced) by this deployment. */
    | { readonly state: "fresh" }
    | { readonly state: "unreadable" };

export type RotatingInterval =
    | { readonly state: "known"; readonly days: number }
    | { readonly state: "unknown"; readonly property: string }
    | { readonly state: "none" };

export interface RotatingFacts {
    readonly resource: ResourceView;
    readonly base: RotatingBase;
    readonly interval: RotatingInterval;
}

function readBase(rotating: ResourceView): RotatingBase {
    const text = getString(rotating.props, "rfc3339");
    if (text === UNKNOWN) return { state: "fresh" };
    const date = parseInstant(text);
    return date ? { state: "known", date, secret: isSecretPath(rotating.secrets, ["rfc3339"]) } : { state: "unreadable" };
}

type Period = (base: Date) => number;

/**
 * Highest precedence first, mirroring the provider's "last set wins". A calendar period is judged
 * by its longest run (three months: 92 days), not by the run that starts on `base`, so that the
 * verdict does not depend on the day of the month a Rotating was created or the check runs.
 */
const PERIODS: readonly [string, (amount: number) => Period][] = [
    ["rotationYears", (n) => () => longestCalendarDays(n, 0)],
    ["rotationRfc3339", () => () => Number.NaN],
    ["rotationMonths", (n) => () => longestCalendarDays(0, n)],
    ["rotationMinutes", (n) => () => n / (24 * 60)],
    ["rotationHours", (n) => () => n / 24],
    ["rotationDays", (n) => () => n],
];

function intervalFromInputs(rotating: ResourceView, base: Date): RotatingInterval {
    let unknownProperty: string | undefined;
    for (const [property, period] of PERIODS) {
        if (property === "rotationRfc3339") {
            const text = getString(rotating.props, property);
            // Computed when not set: unknown for a new Rotating, so only a lower period can decide.
            if (text === UNKNOWN) {
                unknownProperty ??= property;
                continue;
            }
            const at = parseInstant(text);
            if (at) return { state: "known", days: exactDaysBetween(base, at) };
            continue;
        }
        const amount = getNumber(rotating.props, property);
        if (amount === UNKNOWN) return { state: "unknown", property };
        // The provider accepts only positive periods; anything else sets none (and so fails closed).
        if (amount === undefined || !(amount > 0)) continue;
        const days = period(amount)(base);
        if (Number.isFinite(days)) return { state: "known", days };
    }
    return unknownProperty ? { state: "unknown", property: unknownProperty } : { state: "none" };
}

/** The recurring calendar period a Rotating declares, if it declares one (rotationYears, rotationMonths). */
function calendarPeriodDays(rotating: ResourceView): number | undefined {
    const years = getNumber(rotating.props, "rotationYears");
    if (typeof years === "number" && years > 0) return longestCalendarDays(years, 0);
    const months = getNumber(rotating.props, "rotationMonths");
    return typeof months === "number" && months > 0 ? longestCalendarDays(0, months) : undefined;
}

export function rotatingFacts(rotating: ResourceView, now: Date): RotatingFacts {
    const base = readBase(rotating);
    const from = base.state === "known" ? base.date : now;
    const next = base.state === "known" ? parseInstant(getString(rotating.props, "rotationRfc3339")) : undefined;
    // The next rotation it computed is one run of its period; a calendar period's runs differ in
    // length, and every later run is judged too.
    const calendar = calendarPeriodDays(rotating);
    const interval: RotatingInterval = next
        ? { state: "known", days: Math.max(exactDaysBetween(from, next), calendar ?? 0) }
        : intervalFromInputs(rotating, from);
    return { resource: rotating, base, interval };
}

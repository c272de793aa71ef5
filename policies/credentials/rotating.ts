// What a @pulumiverse/time Rotating says: when it last rotated (`rfc3339`) and how often it
// rotates. A credential that a deployment re-issues when its Rotating rotates was issued no
// earlier than that time, and is re-issued at that interval.
//
// The provider computes the next rotation from one period, the last set of: rotationDays,
// rotationHours, rotationMinutes, rotationMonths, rotationRfc3339, rotationYears (that order,
// later wins), counted from `rfc3339`, in calendar time. Once it exists, `rotationRfc3339` holds
// the result. Expiry is noticed only when the Rotating is read (`pulumi up --refresh`).

import type { ResourceView } from "../lib/model";
import { getNumber, getString, UNKNOWN } from "../lib/props";
import { parseInstant } from "../lib/settings/clock";
import { isSecretPath } from "../lib/sdk/wire";
import { addCalendar, exactDaysBetween } from "./schedule";

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

type Period = (base: Date) => Date | undefined;

/** Highest precedence first, mirroring the provider's "last set wins". */
const PERIODS: readonly [string, (amount: number) => Period][] = [
    ["rotationYears", (n) => (base) => addCalendar(base, n, 0)],
    ["rotationRfc3339", () => () => undefined],
    ["rotationMonths", (n) => (base) => addCalendar(base, 0, n)],
    ["rotationMinutes", (n) => (base) => new Date(base.getTime() + n * 60_000)],
    ["rotationHours", (n) => (base) => new Date(base.getTime() + n * 3_600_000)],
    ["rotationDays", (n) => (base) => new Date(base.getTime() + n * 86_400_000)],
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
        if (amount === undefined || amount === 0) continue;
        const next = period(amount)(base);
        if (next) return { state: "known", days: exactDaysBetween(base, next) };
    }
    return unknownProperty ? { state: "unknown", property: unknownProperty } : { state: "none" };
}

export function rotatingFacts(rotating: ResourceView, now: Date): RotatingFacts {
    const base = readBase(rotating);
    const from = base.state === "known" ? base.date : now;
    const next = base.state === "known" ? parseInstant(getString(rotating.props, "rotationRfc3339")) : undefined;
    const interval: RotatingInterval = next ? { state: "known", days: exactDaysBetween(from, next) } : intervalFromInputs(rotating, from);
    return { resource: rotating, base, interval };
}

// The time a check judges at, and where it came from, for every report: `--at` (a forecast or a
// replay, chosen on the command line), `settings` (a `now` written in the config file), or the
// clock. A `now` left in a settings file silently freezes time (with `now: 1970-01-01` no
// credential ever ages), so one that lies in the past is a warning; `--at` in the past is a
// deliberate replay and is not.

import { parseInstant } from "../../policies/lib/settings/clock";
import type { ConfigFile } from "../config/load";

export type TimeSource = "--at" | "settings" | "clock";

export interface EvaluationTime {
    readonly at: string;
    readonly source: TimeSource;
    readonly warning?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every `now` a config file sets: at the top of a settings document, or in one policy's block. */
function nowsIn(document: Readonly<Record<string, unknown>>): string[] {
    const found: string[] = [];
    const take = (value: unknown) => {
        if (typeof value === "string" && !found.includes(value)) found.push(value);
    };
    take(document.now);
    for (const value of Object.values(document)) {
        if (!isRecord(value)) continue;
        take(value.now);
        // A settings document's per-policy overrides sit under `policies`.
        for (const inner of Object.values(value)) if (isRecord(inner)) take(inner.now);
    }
    return found;
}

function startOfDay(instant: Date): Date {
    return new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
}

export function evaluationTimeOf(config: ConfigFile | undefined, at: string | undefined, clock: () => Date = () => new Date()): EvaluationTime {
    if (at !== undefined) return { at, source: "--at" };
    const written = config ? nowsIn(config.document) : [];
    if (written.length === 0) return { at: clock().toISOString(), source: "clock" };
    const today = startOfDay(clock());
    const past = written.filter((now) => {
        const instant = parseInstant(now);
        return instant !== undefined && instant < today;
    });
    const several = written.length > 1 ? ` (it sets several: ${written.join(", ")})` : "";
    const warning =
        past.length > 0
            ? `the config file ${config?.file} sets now: ${past[0]}, in the past${several}: every policy judges at that time, so no credential ages past it; remove now to judge at the current time, or pass --at to replay a date on purpose.`
            : undefined;
    return { at: written[0], source: "settings", ...(warning ? { warning } : {}) };
}

// Readers for the plain property bags rules see. During preview any value may be the engine's
// "unknown" sentinel, and any value may have a type the schema does not promise (a hostile or
// merely old program can send anything). Rules read through these helpers so that an unknown is
// a distinct answer (UNKNOWN), a wrong type reads as absent, and nothing throws.

/** The sentinels the engine and the SDK use for values not known until the update runs. */
const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string (the engine sends this one for every type)
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

/** The wire form of an unknown value, as the engine sends it. */
export const UNKNOWN_WIRE_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** What a reader returns for a value that is not known during preview. */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Unknown = typeof UNKNOWN;

export type PropertyBag = Readonly<Record<string, unknown>>;
export type PathStep = string | number;

/** The engine's unknown as it arrives (a sentinel string) or as a reader returned it (`UNKNOWN`). */
export function isUnknown(value: unknown): boolean {
    return value === UNKNOWN || (typeof value === "string" && UNKNOWN_SENTINELS.has(value));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The value at `path`, UNKNOWN if the value or any container on the way is unknown, undefined if
 * absent. Never throws, whatever `bag` is.
 */
export function get(bag: unknown, ...path: PathStep[]): unknown {
    let current: unknown = bag;
    for (const step of path) {
        if (isUnknown(current)) return UNKNOWN;
        if (typeof step === "number") {
            if (!Array.isArray(current)) return undefined;
            current = current[step];
        } else {
            if (!isRecord(current) || !Object.prototype.hasOwnProperty.call(current, step)) return undefined;
            current = current[step];
        }
    }
    return isUnknown(current) ? UNKNOWN : current;
}

export function getString(bag: unknown, ...path: PathStep[]): string | Unknown | undefined {
    const value = get(bag, ...path);
    return typeof value === "string" || value === UNKNOWN ? value : undefined;
}

/** Numbers, and strings that are whole decimal numbers (provider inputs often carry both). */
export function getNumber(bag: unknown, ...path: PathStep[]): number | Unknown | undefined {
    const value = get(bag, ...path);
    if (value === UNKNOWN) return UNKNOWN;
    if (typeof value === "number" && Number.isFinite(value)) return value;
    if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
    return undefined;
}

/** Booleans, and the strings "true" / "false" (provider inputs and exported state carry both). */
export function getBoolean(bag: unknown, ...path: PathStep[]): boolean | Unknown | undefined {
    const value = get(bag, ...path);
    if (value === UNKNOWN) return UNKNOWN;
    if (typeof value === "boolean") return value;
    if (value === "true") return true;
    if (value === "false") return false;
    return undefined;
}

export function getArray(bag: unknown, ...path: PathStep[]): readonly unknown[] | Unknown | undefined {
    const value = get(bag, ...path);
    return Array.isArray(value) || value === UNKNOWN ? value : undefined;
}

export function getRecord(bag: unknown, ...path: PathStep[]): PropertyBag | Unknown | undefined {
    const value = get(bag, ...path);
    return isRecord(value) || value === UNKNOWN ? value : undefined;
}

/**
 * A record that providers may hand over as a JSON string (exported state keeps provider inputs
 * such as `defaultTags` that way). Unparseable strings read as absent.
 */
export function getRecordOrJson(bag: unknown, ...path: PathStep[]): PropertyBag | Unknown | undefined {
    const value = get(bag, ...path);
    if (value === UNKNOWN || isRecord(value)) return value;
    if (typeof value !== "string") return undefined;
    try {
        const parsed: unknown = JSON.parse(value);
        return isRecord(parsed) ? parsed : undefined;
    } catch {
        return undefined;
    }
}

/** An array that may arrive as a JSON string, as `allowedAccountIds` does in exported state. */
export function getArrayOrJson(bag: unknown, ...path: PathStep[]): readonly unknown[] | Unknown | undefined {
    const value = get(bag, ...path);
    if (value === UNKNOWN || Array.isArray(value)) return value;
    if (typeof value !== "string") return undefined;
    try {
        const parsed: unknown = JSON.parse(value);
        return Array.isArray(parsed) ? parsed : undefined;
    } catch {
        return undefined;
    }
}

/** A string-valued map (tags), dropping entries whose values are not strings. */
export function getStringMap(bag: unknown, ...path: PathStep[]): ReadonlyMap<string, string> | Unknown | undefined {
    const record = getRecordOrJson(bag, ...path);
    if (record === UNKNOWN || record === undefined) return record;
    const result = new Map<string, string>();
    for (const [key, value] of Object.entries(record)) {
        if (typeof value === "string" && !isUnknown(value)) result.set(key, value);
    }
    return result;
}

/** Case-insensitive lookup of a key in a string map (tag keys are matched that way). */
export function lookupIgnoringCase(map: ReadonlyMap<string, string>, key: string): string | undefined {
    const wanted = key.toLowerCase();
    for (const [k, v] of map) {
        if (k.toLowerCase() === wanted) return v;
    }
    return undefined;
}

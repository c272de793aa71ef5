// What the report shows of values that were secrets, the same in every format (they are all
// written from one Report) and on stderr:
// - A resource whose name equals a secret value was named with it: its name is "[secret]" in the
//   header, the URN, SARIF's logical location and every message (the pack masks it there).
// - Messages of the pack shipped with blastwall arrive redacted exactly: the pack replaced secrets
//   where its rules interpolated them, and nowhere else (policies/lib/redact.ts), so our own words
//   are never touched. A third-party pack's sentences cannot be told from the values in them, so
//   every occurrence of every secret value in its messages is replaced.

import * as path from "node:path";
import { REDACTED, redactEverywhere } from "../../policies/lib/redact";
import { defaultPackDir } from "../paths";

export function isShippedPack(packDir: string): boolean {
    return path.resolve(packDir) === path.resolve(defaultPackDir());
}

export function redactName(name: string, secretValues: ReadonlySet<string>): string {
    return secretValues.has(name) ? REDACTED : name;
}

/** The URN with its name part redacted when the name is a secret value. */
export function redactUrn(urn: string, name: string, secretValues: ReadonlySet<string>): string {
    if (!secretValues.has(name) || !urn.endsWith(`::${name}`)) return urn;
    return urn.slice(0, urn.length - name.length) + REDACTED;
}

export function redactMessage(message: string, secretValues: ReadonlySet<string>, packRedactsExactly: boolean, name: string): string {
    if (!packRedactsExactly) return redactEverywhere(message, secretValues);
    // The pack masks a name equal to a secret it was sent with the resource; a secret sent with
    // another resource is known here only, so the name is replaced where it stands quoted.
    return secretValues.has(name) ? message.split(`'${name}'`).join(`'${REDACTED}'`) : message;
}

/** Text from a pack's own output (stderr, error details): every secret value replaced. */
export function redactPackOutput(text: string, secretValues: ReadonlySet<string>): string {
    return redactEverywhere(text, secretValues);
}

/**
 * Plain data built from resources (the reach rows): a secret value replaced where it stands as a
 * value of its own (a whole string, a quoted name, a segment of a URN or ARN), never inside our
 * words, so that a secret "prod" or "Access" does not garble "Access key" or the environment.
 */
export function redactValuesExactly<T>(value: T, secretValues: ReadonlySet<string>): T {
    if (secretValues.size === 0) return value;
    const walk = (item: unknown): unknown => {
        if (typeof item === "string") return redactValueText(item, secretValues);
        if (Array.isArray(item)) return item.map(walk);
        if (item !== null && typeof item === "object") return Object.fromEntries(Object.entries(item).map(([key, inner]) => [key, walk(inner)]));
        return item;
    };
    return walk(value) as T;
}

function redactValueText(text: string, secretValues: ReadonlySet<string>): string {
    if (secretValues.has(text)) return REDACTED;
    let out = text;
    for (const secret of secretValues) {
        if (secret === "" || !out.includes(secret)) continue;
        out = out.split(`'${secret}'`).join(`'${REDACTED}'`);
        out = out
            .split(/(::|:|\/)/)
            .map((part) => (part === secret ? REDACTED : part))
            .join("");
    }
    return out;
}

// The last line of defence against printing a secret: rules are written never to interpolate
// secret material, and every message still passes through here on its way out, with every value
// that arrived as a secret replaced.

import type { StackView } from "./model";

export const REDACTED = "[secret]";

/**
 * Secrets shorter than this are not searched for: replacing every "ab" in a sentence would
 * garble it, and a secret that short protects nothing.
 */
const MIN_REDACTED_LENGTH = 4;

export function redact(message: string, secretValues: ReadonlySet<string>): string {
    if (secretValues.size === 0) return message;
    let result = message;
    // Longest first, so a secret that contains another is removed whole.
    const candidates = [...secretValues].filter((v) => v.length >= MIN_REDACTED_LENGTH && result.includes(v));
    candidates.sort((a, b) => b.length - a.length);
    for (const value of candidates) result = result.split(value).join(REDACTED);
    return result;
}

const stackSecrets = new WeakMap<StackView, ReadonlySet<string>>();

/** Every secret value of every resource (and provider) in the stack, computed once per stack. */
export function stackSecretValues(stack: StackView): ReadonlySet<string> {
    const cached = stackSecrets.get(stack);
    if (cached) return cached;
    const values = new Set<string>();
    for (const resource of stack.resources) {
        for (const value of resource.secrets.values) values.add(value);
        for (const value of resource.provider?.secrets.values ?? []) values.add(value);
    }
    stackSecrets.set(stack, values);
    return values;
}

// The last line of defence against printing a secret: rules are written never to interpolate
// secret material, and every message still passes through here on its way out, with every value
// that arrived as a secret replaced.

import type { StackView } from "./model";
import { SecretMasker, TOKEN_PATTERN } from "./secret-mask";

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

interface Reported {
    readonly message: string;
    readonly urn?: string;
}

/**
 * Exact redaction: secrets are replaced where the rule interpolated them, and nowhere else, so a
 * secret "prod" leaves "in prod" (the stack's environment) alone and a secret that is a word of
 * our sentence is not revealed by the gap it would leave. `rerun` runs the same rule on views
 * whose secret values (and names equal to one) are tokens (secret-mask.ts); each token in its
 * messages marks an interpolation. When the rerun does not reproduce the original messages (a
 * secret steered the rule), every occurrence is replaced instead: safe before exact.
 */
export function redactExactly<F extends Reported>(
    findings: readonly F[],
    secretValues: ReadonlySet<string>,
    rerun: (masker: SecretMasker) => readonly F[] | undefined,
): F[] {
    if (secretValues.size === 0) return [...findings];
    const holds = secretFinder(secretValues);
    if (!findings.some((f) => holds(f.message))) return [...findings];
    const masker = new SecretMasker(secretValues);
    let masked: readonly F[] | undefined;
    try {
        masked = rerun(masker);
    } catch {
        masked = undefined;
    }
    return findings.map((finding, i) => {
        const twin = masked?.[i];
        if (twin && masked?.length === findings.length && twin.urn === finding.urn) {
            const restored = twin.message.replace(TOKEN_PATTERN, (_, n: string) => masker.values[Number(n)] ?? "");
            if (restored === finding.message) return { ...finding, message: twin.message.replace(TOKEN_PATTERN, REDACTED) };
        }
        return { ...finding, message: redactEverywhere(finding.message, secretValues) };
    });
}

/**
 * Whether a message holds any of the secret values. A stack policy's findings were each searched
 * for every secret value of the stack (1,160 findings by 1,000 secrets at 10,000 resources): the
 * values are indexed once by their first two characters, and each message is walked once.
 */
export function secretFinder(secretValues: ReadonlySet<string>): (message: string) => boolean {
    const values = [...secretValues].filter((v) => v !== "");
    if (values.length < 16) return (message) => values.some((value) => message.includes(value));
    const single: string[] = [];
    const byPrefix = new Map<number, string[]>();
    for (const value of values) {
        if (value.length < 2) {
            single.push(value);
            continue;
        }
        const key = value.charCodeAt(0) * 65536 + value.charCodeAt(1);
        const list = byPrefix.get(key);
        if (list) list.push(value);
        else byPrefix.set(key, [value]);
    }
    return (message) => {
        for (const value of single) if (message.includes(value)) return true;
        for (let i = 0; i + 1 < message.length; i++) {
            const list = byPrefix.get(message.charCodeAt(i) * 65536 + message.charCodeAt(i + 1));
            if (list) for (const value of list) if (message.startsWith(value, i)) return true;
        }
        return false;
    };
}

/** Every occurrence of every secret value, longest first, whatever its length. */
export function redactEverywhere(message: string, secretValues: ReadonlySet<string>): string {
    const candidates = [...secretValues].filter((v) => v !== "" && message.includes(v)).sort((a, b) => b.length - a.length);
    let result = message;
    for (const value of candidates) result = result.split(value).join(REDACTED);
    return result;
}

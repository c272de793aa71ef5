// Deterministic, realistic-looking values for mocks: the same resource always gets the same id, so
// reports and SARIF fingerprints are stable from run to run.

import { createHash } from "node:crypto";

export function digest(...parts: string[]): string {
    return createHash("sha256").update(parts.join("\u0000")).digest("hex");
}

/** `count` lower-case hex digits derived from the parts. */
export function hex(count: number, ...parts: string[]): string {
    let text = "";
    for (let i = 0; text.length < count; i++) text += digest(String(i), ...parts);
    return text.slice(0, count);
}

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function fromAlphabet(alphabet: string, count: number, parts: string[]): string {
    const bytes = Buffer.from(hex(count * 2, ...parts), "hex");
    return Array.from(bytes.subarray(0, count), (b) => alphabet[b % alphabet.length]).join("");
}

/** AWS-style unique ids: AKIA + 16 upper-case base-32 characters. */
export function awsKeyId(prefix: string, ...parts: string[]): string {
    return prefix + fromAlphabet(UPPER, 20 - prefix.length, parts);
}

/** Okta-style ids: "0oa" + 17 alphanumerics. */
export function oktaId(prefix: string, ...parts: string[]): string {
    return prefix + fromAlphabet(ALNUM, 20 - prefix.length, parts);
}

export function secretText(length: number, ...parts: string[]): string {
    return fromAlphabet(ALNUM, length, ["secret", ...parts]);
}

export function uuid(...parts: string[]): string {
    const h = hex(32, ...parts);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// Property values as the engine puts them on the wire to an analyzer (pulumi/pulumi
// sdk/go/common/resource/plugin/rpc.go, MarshalProperties with KeepUnknowns, KeepSecrets and
// SkipInternalKeys, without KeepResources):
//   - keys starting with "__" are dropped at the top level only (the engine's internal keys, the
//     bridge's `__meta`): MarshalProperties skips them there and marshals nested values whole;
//   - secrets stay secret envelopes: {sig: secret, value};
//   - a resource reference becomes its id when it has one (an unknown id stays unknown), else its URN;
//   - an output value becomes its element (secret if it was) or the unknown sentinel;
//   - unknowns, assets and archives pass through.
// State files hold secrets as {sig, ciphertext} or {sig, plaintext: "<JSON>"}: a plaintext is
// decoded, a ciphertext cannot be and is sent as the opaque placeholder "[secret]".
// Every plaintext secret value met on the way is collected so that reports can redact it.
// The one internal key kept is CHECKPOINT_PROPERTY at the top level: blastwall's own channel for
// a state's checkpoint stamps, which a real engine never sends.

import { CHECKPOINT_PROPERTY } from "../../policies/lib/model";
import { isRecord, isUnknown, UNKNOWN_WIRE_VALUE } from "../../policies/lib/props";
import { REDACTED } from "../../policies/lib/redact";
import { wireSignatures } from "../../policies/lib/sdk/wire";

export const OPAQUE_SECRET = REDACTED;

export interface Encoded {
    readonly value: Record<string, unknown>;
}

export class SecretCollector {
    readonly values = new Set<string>();

    add(value: unknown): void {
        if (typeof value === "string" && value !== "" && value !== OPAQUE_SECRET) this.values.add(value);
        else if (typeof value === "number") this.values.add(String(value));
        else if (Array.isArray(value)) value.forEach((item) => this.add(item));
        else if (value !== null && typeof value === "object") Object.values(value).forEach((item) => this.add(item));
    }
}

function isInternalKey(key: string): boolean {
    return key.startsWith("__");
}

function secretEnvelope(inner: unknown): Record<string, unknown> {
    return { [wireSignatures.key]: wireSignatures.secret, value: inner };
}

/** The plaintext of a state secret, or the placeholder when only ciphertext is there. */
function stateSecretValue(record: Record<string, unknown>): unknown {
    if (typeof record.plaintext === "string") {
        try {
            return JSON.parse(record.plaintext);
        } catch {
            return record.plaintext;
        }
    }
    return OPAQUE_SECRET;
}

function encodeValue(value: unknown, secrets: SecretCollector, inSecret: boolean, depth: number): unknown {
    if (value === undefined) return undefined;
    if (value === null || typeof value !== "object") {
        if (inSecret && !isUnknown(value)) secrets.add(value);
        return value;
    }
    if (depth > 128) return null;
    if (Array.isArray(value)) {
        return value.map((item) => {
            const encoded = encodeValue(item, secrets, inSecret, depth + 1);
            return encoded === undefined ? null : encoded;
        });
    }
    const record = value as Record<string, unknown>;
    switch (record[wireSignatures.key]) {
        case wireSignatures.secret: {
            const inner = "value" in record ? record.value : stateSecretValue(record);
            return secretEnvelope(encodeValue(inner, secrets, true, depth + 1));
        }
        case wireSignatures.resourceReference: {
            let replacement: unknown;
            if ("id" in record) replacement = record.id === "" || isUnknown(record.id) ? UNKNOWN_WIRE_VALUE : record.id;
            else replacement = record.urn;
            if (inSecret) secrets.add(replacement);
            return replacement;
        }
        case wireSignatures.output: {
            if (!("value" in record)) return UNKNOWN_WIRE_VALUE;
            const inner = encodeValue(record.value, secrets, inSecret || record.secret === true, depth + 1);
            return record.secret === true ? secretEnvelope(inner) : inner;
        }
        default:
            return encodeObject(record, secrets, inSecret, depth);
    }
}

function encodeObject(record: Record<string, unknown>, secrets: SecretCollector, inSecret: boolean, depth: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(record)) {
        if (depth === 0 && isInternalKey(key) && key !== CHECKPOINT_PROPERTY) continue;
        const encoded = encodeValue(item, secrets, inSecret, depth + 1);
        if (encoded !== undefined) result[key] = encoded;
    }
    return result;
}

/** A property bag as the engine sends it to an analyzer. */
export function encodeProperties(bag: unknown, secrets: SecretCollector): Record<string, unknown> {
    if (!isRecord(bag)) return {};
    return encodeObject(bag, secrets, false, 0);
}

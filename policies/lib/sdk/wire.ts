// What the engine sends, before the SDK turns it into plain objects.
//
// @pulumi/policy 1.21 hands rules every secret as plaintext with no way to tell it was a secret
// (pulumi-policy #163, #241), so a rule can neither avoid printing one nor judge "is this
// credential a Pulumi secret?". It also deserializes every resource again for every stack
// policy, and throws (failing the whole gRPC call, losing every diagnostic) on a signature it
// does not know. We wrap its single deserialization entry point once per process to:
//   - record which paths and values were secrets on the wire (SecretIndex), keyed by the object
//     the SDK returns, so rules and the reporter can look them up;
//   - turn what would make the SDK throw (resource references, unknown signatures, malformed
//     assets) into plain values, the way the engine would have sent them;
//   - return the same result for the same protobuf Struct, so the N stack policies of one
//     AnalyzeStack share one deserialization (the SDK reuses the request's Struct objects).
// The wrapper relies on `deserialize.deserializeProperties` being looked up through the module
// object at call time, which holds for the pinned SDK; test/policies/lib/sdk tests fail if not.

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
const RESOURCE_REF_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

export const wireSignatures = {
    key: SIG_KEY,
    secret: SECRET_SIG,
    asset: ASSET_SIG,
    archive: ARCHIVE_SIG,
    resourceReference: RESOURCE_REF_SIG,
    output: OUTPUT_SIG,
} as const;

/** Where secrets were in one property bag, as it arrived on the wire. */
export interface SecretIndex {
    /** JSON-pointer-like paths ("/tags/Token") of values that were secrets. */
    readonly paths: ReadonlySet<string>;
    /** Every string leaf (and number, as text) inside a secret, for redaction. */
    readonly values: ReadonlySet<string>;
}

export const NO_SECRETS: SecretIndex = Object.freeze({ paths: new Set<string>(), values: new Set<string>() });

const secretIndexes = new WeakMap<object, SecretIndex>();

/** The secrets of a bag the SDK deserialized (the proxy's target), or NO_SECRETS. */
export function secretsOf(rawProps: object): SecretIndex {
    return secretIndexes.get(rawProps) ?? NO_SECRETS;
}

/** True when the value at `path` (or a container of it) was a secret on the wire. */
export function isSecretPath(index: SecretIndex, path: readonly (string | number)[]): boolean {
    if (index.paths.size === 0) return false;
    let pointer = "";
    if (index.paths.has(pointer)) return true;
    for (const step of path) {
        pointer += "/" + String(step);
        if (index.paths.has(pointer)) return true;
    }
    return false;
}

interface Sanitized {
    value: unknown;
    changed: boolean;
}

/**
 * Walks one wire value: records secrets and replaces what the SDK cannot deserialize. Copies
 * only the containers that change, so the common case allocates nothing.
 */
function sanitize(value: unknown, pointer: string, inSecret: boolean, paths: Set<string>, values: Set<string>, depth: number): Sanitized {
    if (inSecret && (typeof value === "string" || typeof value === "number")) values.add(String(value));
    if (value === null || typeof value !== "object") return { value, changed: false };
    // Deeper than any provider schema nests; cut it rather than risk the stack.
    if (depth > 64) return { value: null, changed: true };
    if (Array.isArray(value)) {
        let copy: unknown[] | undefined;
        for (let i = 0; i < value.length; i++) {
            const item = sanitize(value[i], pointer + "/" + i, inSecret, paths, values, depth + 1);
            if (item.changed) {
                copy ??= value.slice();
                copy[i] = item.value;
            }
        }
        return copy ? { value: copy, changed: true } : { value, changed: false };
    }
    const record = value as Record<string, unknown>;
    const sig = record[SIG_KEY];
    if (sig !== undefined) {
        switch (sig) {
            case SECRET_SIG: {
                paths.add(pointer);
                const inner = "value" in record ? record.value : null;
                const unwrapped = sanitize(inner, pointer, true, paths, values, depth + 1);
                // Keep the envelope (the SDK unwraps it) but with a sanitized payload.
                return unwrapped.changed ? { value: { [SIG_KEY]: SECRET_SIG, value: unwrapped.value }, changed: true } : { value, changed: false };
            }
            case RESOURCE_REF_SIG: {
                // The engine sends a reference as the resource's id when it has one, else its URN.
                const id = record.id;
                const replacement = typeof id === "string" && id !== "" ? id : typeof record.urn === "string" ? record.urn : null;
                if (inSecret && typeof replacement === "string") values.add(replacement);
                return { value: replacement, changed: true };
            }
            case OUTPUT_SIG: {
                const known = "value" in record ? record.value : null;
                if (record.secret === true) paths.add(pointer);
                const inner = sanitize(known, pointer, inSecret || record.secret === true, paths, values, depth + 1);
                return { value: inner.value, changed: true };
            }
            case ASSET_SIG:
                // The SDK builds an asset from the first of path, text or uri that is set, and
                // throws when none is.
                if (record.path || record.text || record.uri) return { value, changed: false };
                return sanitizeRecord(stripSignature(record), pointer, inSecret, paths, values, depth, true);
            case ARCHIVE_SIG:
                // An archive of assets would need every member checked the way the SDK checks
                // them; as plain data it loses nothing a rule reads.
                if (!record.assets && (record.path || record.uri)) return { value, changed: false };
                return sanitizeRecord(stripSignature(record), pointer, inSecret, paths, values, depth, true);
            default:
                return sanitizeRecord(stripSignature(record), pointer, inSecret, paths, values, depth, true);
        }
    }
    return sanitizeRecord(record, pointer, inSecret, paths, values, depth, false);
}

function stripSignature(record: Record<string, unknown>): Record<string, unknown> {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(record)) if (key !== SIG_KEY) copy[key] = record[key];
    return copy;
}

function sanitizeRecord(
    record: Record<string, unknown>,
    pointer: string,
    inSecret: boolean,
    paths: Set<string>,
    values: Set<string>,
    depth: number,
    alreadyCopied: boolean,
): Sanitized {
    let copy: Record<string, unknown> | undefined = alreadyCopied ? record : undefined;
    for (const key of Object.keys(record)) {
        const item = sanitize(record[key], pointer + "/" + key, inSecret, paths, values, depth + 1);
        if (item.changed) {
            copy ??= { ...record };
            copy[key] = item.value;
        }
    }
    return copy ? { value: copy, changed: true } : { value: record, changed: false };
}

interface StructLike {
    toJavaScript(): unknown;
}

type Deserialize = (struct: StructLike, proxySecrets: boolean) => Record<string, unknown>;

const sharedResults = new WeakMap<object, Record<string, unknown>>();
const scratchPaths = new Set<string>();
const scratchValues = new Set<string>();

/** Deserializes like the SDK, recording secrets and never throwing on odd signatures. */
export function wrapDeserialize(original: Deserialize): Deserialize {
    return (struct, proxySecrets) => {
        if (!proxySecrets) {
            const shared = sharedResults.get(struct as object);
            if (shared) return shared;
        }
        const js = struct.toJavaScript();
        // Most bags hold no secret: walk with reused sets and keep copies only when one was found
        // (an AnalyzeStack of 50,000 resources and their providers would otherwise make 200,000).
        scratchPaths.clear();
        scratchValues.clear();
        const cleaned = sanitize(js, "", false, scratchPaths, scratchValues, 0).value;
        const index = scratchPaths.size > 0 ? { paths: new Set(scratchPaths), values: new Set(scratchValues) } : undefined;
        const result = original({ toJavaScript: () => cleaned }, proxySecrets);
        if (index) secretIndexes.set(result, index);
        if (!proxySecrets && typeof struct === "object" && struct !== null) sharedResults.set(struct, result);
        return result;
    };
}

let installed = false;

/** Installs the wrapper in this process's @pulumi/policy. Idempotent. */
export function installWireHook(): void {
    if (installed) return;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const deserialize = require("@pulumi/policy/deserialize") as { deserializeProperties: Deserialize };
    deserialize.deserializeProperties = wrapDeserialize(deserialize.deserializeProperties);
    installed = true;
}

// Finds credential material in one resource's inputs that was not a Pulumi secret on the wire,
// and so is written to the state in plaintext. Reports where (a property path) and what kind of
// material, never the value. Bounded: deep or huge inputs are cut, not followed, and a cut is
// reported (the rule cannot vouch for what it did not read).

import type { ResourceView } from "../lib/model";
import { get, isRecord, isUnknown, PathStep, UNKNOWN } from "../lib/props";
import { isSecretPath, SecretIndex } from "../lib/sdk/wire";
import { componentContainers } from "../components/containers";
import { catalogEntry } from "./catalog";
import { ContainerForm, isSensitiveName, looksLikeMaterial, MATERIAL_CONTAINERS, MATERIAL_PROPERTIES, MaterialProperty, VALUE_PATTERNS, VALUE_PREFILTER } from "./material";

export interface PlaintextFinding {
    /** "an AWS access key id", "the master password", "a value named like a credential". */
    readonly what: string;
    /** "environment.variables.DB_PASSWORD", "userData line 3 (DB_PASSWORD)". */
    readonly where: string;
    /** The value is unknown during preview and not marked secret. */
    readonly unknown: boolean;
    /** From a schema property that holds material (as opposed to a name or a pattern). */
    readonly schema: boolean;
}

/** Why the scan stopped before the end of the inputs, when it did. */
export type ScanCut = "size" | "depth";

export interface PlaintextScan {
    readonly findings: readonly PlaintextFinding[];
    /** Set when the inputs were too large or too deep to check whole: the rule fails closed. */
    readonly cut?: ScanCut;
}

const NAMED = "a value named like a password, secret or token";
export const MAX_DEPTH = 32;
export const MAX_NODES = 20_000;
// Long text is matched a slice at a time, so that no pattern ever runs over more than a slice
// (bounded work per slice, linear in the text), and nothing is skipped: a key id padded to the
// 25th megabyte of user data is found. Slices overlap by more than any pattern can match.
const SCAN_SLICE_CHARS = 1_000_000;
const SCAN_OVERLAP_CHARS = 1_024;

function withheld(key: string): boolean {
    return key.length > 64 || (VALUE_PREFILTER.test(key) && VALUE_PATTERNS.some((p) => p.pattern.test(key)));
}

/** A property path as users write it, with any key that could itself be material withheld. */
export function displayPath(path: readonly PathStep[]): string {
    let text = "";
    for (const step of path) {
        if (typeof step === "number") text += `[${step}]`;
        else if (withheld(step)) text += "[withheld key]";
        else if (/^[A-Za-z_$][\w$-]*$/.test(step)) text += text === "" ? step : `.${step}`;
        else text += `[${JSON.stringify(step)}]`;
    }
    return text;
}

function sliceHit(text: string): string | undefined {
    if (!VALUE_PREFILTER.test(text)) return undefined;
    return VALUE_PATTERNS.find((p) => p.pattern.test(text))?.what;
}

function patternHit(text: string): string | undefined {
    if (text.length <= SCAN_SLICE_CHARS) return sliceHit(text);
    for (let start = 0; start < text.length; start += SCAN_SLICE_CHARS) {
        const hit = sliceHit(text.slice(start, start + SCAN_SLICE_CHARS + SCAN_OVERLAP_CHARS));
        if (hit) return hit;
    }
    return undefined;
}

/** User data may be base64; scan the text it encodes when it decodes to text. */
function scriptText(value: string): string {
    const compact = value.replace(/\s+/g, "");
    if (compact.length < 8 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return value;
    const decoded = Buffer.from(compact, "base64").toString("utf8");
    const unprintable = decoded.split("").filter((c) => (c < " " && c !== "\n" && c !== "\r" && c !== "\t") || c === "\uFFFD").length;
    return unprintable <= decoded.length * 0.05 ? decoded : value;
}

const ASSIGNMENT = /^\s*(?:export\s+|set\s+|\$env:)?([A-Za-z_][A-Za-z0-9_.-]{0,100})\s*[=:]\s*(.*)$/;
const FLAG = /(?:^|\s)--?(password|passwd|token|secret|api-key|apikey)(?:=|\s+)("[^"]*"|'[^']*'|\S+)/gi;

function unquote(text: string): string {
    const match = /^\s*(["'])(.*)\1\s*$/.exec(text);
    return match ? match[2] : text.trim();
}

class Scanner {
    readonly findings: PlaintextFinding[] = [];
    private readonly reported = new Set<string>();
    private nodes = 0;
    cut: ScanCut | undefined;

    constructor(private readonly secrets: SecretIndex) {}

    isSecret(path: readonly PathStep[]): boolean {
        return isSecretPath(this.secrets, path);
    }

    add(what: string, where: string, unknown = false, schema = false): void {
        if (this.reported.has(where)) return;
        this.reported.add(where);
        this.findings.push({ what, where, unknown, schema });
    }

    /** A value under a name: material when the name says so and the value is a literal. */
    named(name: string, value: unknown, where: string, path?: readonly PathStep[], descriptive = false): void {
        if (!isSensitiveName(name) || (path && this.isSecret(path))) return;
        if (value === UNKNOWN || isUnknown(value)) this.add(NAMED, where, true);
        else if (typeof value === "string" && looksLikeMaterial(value, descriptive)) this.add(NAMED, where);
    }

    container(value: unknown, path: readonly PathStep[], form: ContainerForm, descriptive = false): void {
        const at = displayPath(path);
        if (form === "map" && isRecord(value)) {
            for (const [key, inner] of Object.entries(value)) this.named(key, inner, displayPath([...path, key]), [...path, key], descriptive);
        } else if (form === "name-value-list" && Array.isArray(value)) {
            value.forEach((item, i) => {
                const type = get(item, "type");
                if (typeof type === "string" && type.toUpperCase() !== "PLAINTEXT") return;
                const name = get(item, "name");
                if (typeof name === "string") this.named(name, get(item, "value"), `${at}[${i}] (${displayPath([name])})`, [...path, i, "value"]);
            });
        } else if (form === "container-json" && typeof value === "string") {
            this.containerJson(value, at);
        } else if (form === "script" && typeof value === "string") {
            this.script(scriptText(value), at);
        }
    }

    private containerJson(text: string, at: string): void {
        let parsed: unknown;
        try {
            parsed = JSON.parse(text);
        } catch {
            return;
        }
        const containers = Array.isArray(parsed) ? parsed : [parsed];
        containers.slice(0, 100).forEach((container, i) => {
            const environment = get(container, "environment");
            if (!Array.isArray(environment)) return;
            for (const variable of environment.slice(0, 1000)) {
                const name = get(variable, "name");
                if (typeof name === "string") this.named(name, get(variable, "value"), `${at}[${i}].environment (${displayPath([name])})`);
            }
        });
    }

    private script(text: string, at: string): void {
        const pattern = patternHit(text);
        if (pattern) this.add(pattern, at);
        text.split(/\r?\n/, 10_000).forEach((line, i) => {
            const assignment = ASSIGNMENT.exec(line);
            if (assignment) this.named(assignment[1], unquote(assignment[2]), `${at} line ${i + 1} (${displayPath([assignment[1]])})`);
            for (const flag of line.matchAll(FLAG)) this.named(flag[1], unquote(flag[2]), `${at} line ${i + 1} (--${flag[1]})`);
        });
    }

    /** Every string leaf and key that is not a secret, checked against the credential patterns. */
    walk(value: unknown, path: PathStep[], depth: number): void {
        if (this.isSecret(path)) return;
        if (++this.nodes > MAX_NODES || depth > MAX_DEPTH) {
            this.cut ??= this.nodes > MAX_NODES ? "size" : "depth";
            return;
        }
        if (typeof value === "string") {
            const what = isUnknown(value) ? undefined : patternHit(value);
            if (what) this.add(what, displayPath(path));
        } else if (Array.isArray(value)) {
            value.forEach((item, i) => this.walk(item, [...path, i], depth + 1));
        } else if (isRecord(value)) {
            for (const [key, item] of Object.entries(value)) {
                // Keys are written to the state too: a tag keyed by an access key id leaks it.
                const inKey = patternHit(key);
                if (inKey && !this.isSecret([...path, key])) this.add(inKey, displayPath([...path, key]));
                this.walk(item, [...path, key], depth + 1);
            }
        }
    }
}

function schemaMaterial(resource: ResourceView): readonly MaterialProperty[] {
    return [...(catalogEntry(resource.type)?.secretMaterial ?? []), ...(MATERIAL_PROPERTIES[resource.type] ?? [])];
}

export function plaintextMaterial(resource: ResourceView): PlaintextScan {
    const scanner = new Scanner(resource.secrets);
    for (const material of schemaMaterial(resource)) {
        if (material.when && !material.when(resource.props)) continue;
        const value = get(resource.props, ...material.path);
        if (value === undefined || value === null || value === "" || scanner.isSecret(material.path)) continue;
        scanner.add(material.label, displayPath(material.path), value === UNKNOWN, true);
    }
    for (const { path, form, descriptive } of [...MATERIAL_CONTAINERS, ...componentContainers(resource.type, resource.props)]) {
        const value = get(resource.props, ...path);
        if (value !== undefined && value !== UNKNOWN && !scanner.isSecret(path)) scanner.container(value, path, form, descriptive);
    }
    scanner.walk(resource.props, [], 0);
    return { findings: scanner.findings, cut: scanner.cut };
}

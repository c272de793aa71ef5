// aws.iam.getPolicyDocument computed offline exactly as the AWS provider renders it, so trust and
// resource policies built with it are judged on the document a real preview would hand the pack:
//   - a list of one value becomes a string; longer lists are sorted in reverse (Action, Resource,
//     principal identifiers); condition values keep their order, one value becomes a string;
//   - principals and conditions are JSON objects with their keys in sorted order (Go maps);
//   - `&{...}` becomes `${...}` (the provider's escape for IAM policy variables);
//   - source documents are merged first, then the statements, then override documents, a
//     statement with the same Sid replacing the earlier one;
//   - `json` is indented with two spaces, `minifiedJson` is compact, both with Go's escaping of
//     <, > and &.

import { isRecord } from "../../policies/lib/props";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

interface Statement {
    Sid?: string;
    Effect?: string;
    Action?: Json;
    NotAction?: Json;
    Resource?: Json;
    NotResource?: Json;
    Principal?: Json;
    NotPrincipal?: Json;
    Condition?: Json;
}

interface Doc {
    Version: string;
    Id?: string;
    Statement: Statement[];
}

function strings(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function byCodePoint(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** One value as a string, several de-duplicated (a Terraform set) and sorted in reverse. */
function decodeSet(values: readonly string[]): Json | undefined {
    const unique = [...new Set(values)];
    if (unique.length === 0) return undefined;
    if (unique.length === 1) return unique[0];
    return unique.sort(byCodePoint).reverse();
}

function replaceVars(value: Json | undefined): Json | undefined {
    if (typeof value === "string") return value.replace(/&\{/g, "${");
    if (Array.isArray(value)) return value.map((v) => (typeof v === "string" ? v.replace(/&\{/g, "${") : v));
    return value;
}

function sortedObject(entries: ReadonlyMap<string, Json>): Json {
    const result: Record<string, Json> = {};
    for (const key of [...entries.keys()].sort(byCodePoint)) result[key] = entries.get(key) as Json;
    return result;
}

function principals(blocks: unknown): Json | undefined {
    if (!Array.isArray(blocks) || blocks.length === 0) return undefined;
    const decoded = blocks.filter(isRecord).map((b) => ({ type: String(b.type ?? ""), ids: replaceVars(decodeSet(strings(b.identifiers))) }));
    if (decoded.length === 1 && decoded[0].type === "*" && decoded[0].ids === "*") return "*";
    const byType = new Map<string, Json>();
    for (const { type, ids } of decoded) {
        const existing = byType.get(type);
        if (Array.isArray(ids)) {
            const list = existing === undefined ? [] : typeof existing === "string" ? [existing] : (existing as Json[]);
            byType.set(type, [...list, ...[...(ids as string[])].sort(byCodePoint).reverse()]);
        } else if (typeof ids === "string") {
            if (existing === undefined) byType.set(type, ids);
            else byType.set(type, [...(typeof existing === "string" ? [existing] : (existing as Json[])), ids]);
        }
    }
    return sortedObject(byType);
}

function conditions(blocks: unknown): Json | undefined {
    if (!Array.isArray(blocks) || blocks.length === 0) return undefined;
    const tests = new Map<string, Map<string, string[]>>();
    for (const block of blocks.filter(isRecord)) {
        const test = String(block.test ?? "");
        const variable = String(block.variable ?? "");
        const values = strings(block.values).map((v) => v.replace(/&\{/g, "${"));
        const byVariable = tests.get(test) ?? new Map<string, string[]>();
        byVariable.set(variable, [...(byVariable.get(variable) ?? []), ...values]);
        tests.set(test, byVariable);
    }
    const result = new Map<string, Json>();
    for (const [test, variables] of tests) {
        const flat = new Map<string, Json>([...variables].map(([k, v]) => [k, v.length === 1 ? v[0] : v] as const));
        result.set(test, sortedObject(flat));
    }
    return sortedObject(result);
}

function statementOf(input: Record<string, unknown>): Statement {
    const statement: Statement = {};
    if (typeof input.sid === "string" && input.sid !== "") statement.Sid = input.sid;
    statement.Effect = typeof input.effect === "string" && input.effect !== "" ? input.effect : "Allow";
    statement.Action = decodeSet(strings(input.actions));
    statement.NotAction = decodeSet(strings(input.notActions));
    statement.Resource = replaceVars(decodeSet(strings(input.resources)));
    statement.NotResource = replaceVars(decodeSet(strings(input.notResources)));
    statement.Principal = principals(input.principals);
    statement.NotPrincipal = principals(input.notPrincipals);
    statement.Condition = conditions(input.conditions);
    return statement;
}

/** A statement from a JSON document (source or override), re-rendered the provider's way. */
function parsedStatement(value: unknown): Statement {
    if (!isRecord(value)) return {};
    const statement: Statement = {};
    const copy = (key: keyof Statement) => {
        const item = value[key];
        if (item !== undefined && item !== null && item !== "") (statement as Record<string, unknown>)[key] = item;
    };
    (["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource"] as const).forEach(copy);
    for (const key of ["Principal", "NotPrincipal"] as const) {
        const item = value[key];
        if (item === "*" || item === undefined) {
            if (item === "*") statement[key] = "*";
            continue;
        }
        if (!isRecord(item)) continue;
        const blocks = Object.entries(item).map(([type, ids]) => ({ type, identifiers: typeof ids === "string" ? [ids] : strings(ids) }));
        statement[key] = principals(blocks);
    }
    if (isRecord(value.Condition)) {
        const blocks = Object.entries(value.Condition).flatMap(([test, vars]) =>
            isRecord(vars) ? Object.entries(vars).map(([variable, values]) => ({ test, variable, values: typeof values === "string" ? [values] : typeof values === "boolean" ? [String(values)] : strings(values) })) : [],
        );
        statement.Condition = conditions(blocks);
    }
    return statement;
}

function merge(into: Doc, next: Partial<Doc>): void {
    if (next.Id) into.Id = next.Id;
    if (next.Version && next.Version > into.Version) into.Version = next.Version;
    for (const statement of next.Statement ?? []) {
        const at = statement.Sid ? into.Statement.findIndex((s) => s.Sid === statement.Sid) : -1;
        if (at >= 0) into.Statement[at] = statement;
        else into.Statement.push(statement);
    }
}

function parsedDoc(text: unknown): Partial<Doc> | undefined {
    if (typeof text !== "string") return undefined;
    try {
        const doc = JSON.parse(text) as unknown;
        if (!isRecord(doc)) return undefined;
        const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement !== undefined ? [doc.Statement] : [];
        return { Version: typeof doc.Version === "string" ? doc.Version : "", Id: typeof doc.Id === "string" ? doc.Id : undefined, Statement: statements.map(parsedStatement) };
    } catch {
        return undefined;
    }
}

/** Go's encoding/json escapes these for HTML safety; the provider's output carries the escapes. */
function goEscape(text: string): string {
    return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function ordered(doc: Doc): Record<string, unknown> {
    const statements = doc.Statement.map((s) => {
        const out: Record<string, unknown> = {};
        for (const key of ["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition"] as const) {
            if (s[key] !== undefined) out[key] = s[key];
        }
        return out;
    });
    return { ...(doc.Version ? { Version: doc.Version } : {}), ...(doc.Id ? { Id: doc.Id } : {}), ...(statements.length > 0 ? { Statement: statements } : {}) };
}

/** The data source's id: Terraform's StringHashcode, the IEEE CRC-32 of the indented JSON. */
function hashcode(text: string): string {
    let crc = 0xffffffff;
    for (const byte of Buffer.from(text, "utf8")) {
        crc ^= byte;
        for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
    }
    return String((crc ^ 0xffffffff) >>> 0);
}

export function policyDocument(args: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const version = typeof args.version === "string" && args.version !== "" ? args.version : "2012-10-17";
    const doc: Doc = { Version: "", Statement: [] };
    for (const source of strings(args.sourcePolicyDocuments)) {
        const parsed = parsedDoc(source);
        if (parsed) merge(doc, parsed);
    }
    const statements = Array.isArray(args.statements) ? args.statements.filter(isRecord).map(statementOf) : [];
    merge(doc, { Version: version, Id: typeof args.policyId === "string" ? args.policyId : undefined, Statement: statements });
    for (const override of strings(args.overridePolicyDocuments)) {
        const parsed = parsedDoc(override);
        if (parsed) merge(doc, parsed);
    }
    const json = goEscape(JSON.stringify(ordered(doc), null, 2));
    return { ...args, version, json, minifiedJson: goEscape(JSON.stringify(ordered(doc))), id: hashcode(json) };
}

// IAM policy documents as the reach model reads them: parsed once, with the two condition-free
// variants the evaluator is asked about. Offline, no request context exists, so a condition cannot
// be decided; the model must not let one shrink reach:
//   - "lenient": Allow statements without their conditions, conditional Denies dropped (a Deny
//     that applies only under a condition cannot be relied on to remove anything);
//   - "unconditional": only the statements that need no condition (conditional Allows dropped too).
// A request allowed by the lenient variant is reach; if only the lenient variant allows it, the
// reach depends on a condition, and findings say so.

import { get, isRecord, isUnknown } from "../../lib/props";

export interface PolicyDocument {
    /** How messages name it: "policy 'ci-deploy'", "AWS managed policy AdministratorAccess". */
    readonly label: string;
    readonly document: Readonly<Record<string, unknown>>;
}

export type Variant = "lenient" | "unconditional";

// The document as an object, or undefined when it is not one (or not JSON, or unknown): the same
// reading the trust rule makes.
export { parseDocument } from "../../environments/trust/document";

export function statementsOf(document: Readonly<Record<string, unknown>>): Record<string, unknown>[] {
    const statements = get(document, "Statement");
    const list = Array.isArray(statements) ? statements : [statements];
    return list.filter(isRecord);
}

export function effectOf(statement: Readonly<Record<string, unknown>>): "allow" | "deny" | undefined {
    const effect = statement.Effect;
    if (typeof effect !== "string") return undefined;
    const lower = effect.trim().toLowerCase();
    return lower === "allow" || lower === "deny" ? lower : undefined;
}

/** Strings of a value that may be one string or a list. */
export function stringsOf(value: unknown): string[] {
    const items = Array.isArray(value) ? value : [value];
    return items.filter((item): item is string => typeof item === "string" && !isUnknown(item));
}

const conditions = new WeakMap<object, boolean>();

/** Whether a statement of the document has a Condition: only then do its two variants differ (variantOf). */
export function hasCondition(document: Readonly<Record<string, unknown>>): boolean {
    let found = conditions.get(document);
    if (found === undefined) conditions.set(document, (found = statementsOf(document).some((statement) => statement.Condition !== undefined)));
    return found;
}

/** The statements of the document that have a Condition. */
export function conditionalStatements(document: Readonly<Record<string, unknown>>): Record<string, unknown>[] {
    return statementsOf(document).filter((statement) => statement.Condition !== undefined);
}

const variants = new WeakMap<object, Map<Variant, Record<string, unknown>>>();

export function variantOf(document: Readonly<Record<string, unknown>>, variant: Variant): Record<string, unknown> {
    let cached = variants.get(document);
    if (!cached) variants.set(document, (cached = new Map()));
    const hit = cached.get(variant);
    if (hit) return hit;
    const statements = statementsOf(document).flatMap((statement) => {
        if (statement.Condition === undefined) return [statement];
        if (effectOf(statement) !== "allow" || variant === "unconditional") return [];
        const { Condition: _condition, ...rest } = statement;
        return [rest];
    });
    const result = { Version: "2012-10-17", Statement: statements };
    cached.set(variant, result);
    return result;
}

type AllowStatement = { readonly policy: PolicyDocument; readonly statement: Record<string, unknown> };

// A principal's documents are asked for their allow statements once per action the reach model
// looks at (twenty or so per principal): they are listed once per documents array.
const allows = new WeakMap<readonly PolicyDocument[], { readonly length: number; readonly statements: readonly AllowStatement[] }>();

/** Allow statements (lenient: conditions ignored), for finding what a policy names. */
export function allowStatements(documents: readonly PolicyDocument[]): readonly AllowStatement[] {
    const cached = allows.get(documents);
    // The length guards against an array still being filled when first asked.
    if (cached && cached.length === documents.length) return cached.statements;
    const statements = documents.flatMap((policy) => statementsOf(policy.document).filter((s) => effectOf(s) === "allow").map((statement) => ({ policy, statement })));
    allows.set(documents, { length: documents.length, statements });
    return statements;
}

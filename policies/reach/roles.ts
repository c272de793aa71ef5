// The roles a principal can assume, followed transitively: an allow of sts:AssumeRole on the
// role's ARN (identity policies and boundary) and a trust policy that admits the principal or its
// account, both decided by the evaluator. Roles of the stack are judged with their trust policy;
// roles named only by ARN (another stack, another account) have no trust policy here, so their
// trust is taken to admit the principal: reach the program cannot disprove is reach.

import { accountOf, ANY_ACCOUNT } from "../environments/support/accounts";
import { documentGrants } from "../environments/trust/document";
import { statementCovers } from "./iam/actions";
import { allowStatements, stringsOf } from "./iam/documents";
import { isUnknown } from "../lib/props";
import { Decision, decide, Subject } from "./iam/simulate";
import type { IamPrincipal, IamWorld } from "./iam/world";

export const ASSUME_ROLE = "sts:AssumeRole";
const MAX_CHAIN = 5;

export interface ForeignRole {
    readonly arn: string;
    /** A 12-digit account, or ANY_ACCOUNT for a wildcard account field. */
    readonly account: string;
    /** The role's name from its ARN ("deploy", or "*" for a wildcard). */
    readonly name: string;
}

export interface Hop {
    readonly target: { readonly kind: "stack"; readonly role: IamPrincipal } | { readonly kind: "foreign"; readonly role: ForeignRole };
    /** The roles assumed before this one, in order (the principal itself not included). */
    readonly via: readonly IamPrincipal[];
    /** Some step depends on a condition that cannot be decided offline, or on an unknown trust. */
    readonly conditional: boolean;
    /** The policy of the first principal in the chain that allows its first sts:AssumeRole. */
    readonly policy?: string;
}

/** The first of the subject's policies with an allow statement covering `action`, for messages and graphs. */
export function grantingPolicy(subject: Subject, action: string): string | undefined {
    return allowStatements(subject.identity).find(({ statement }) => statementCovers(statement, action))?.policy.label;
}

const mayAllowed = new WeakMap<Subject, Map<string, boolean>>();

/** Whether any allow statement of the subject could cover `action` (cheap; no evaluation; kept per subject and action). */
export function mayAllow(subject: Subject, action: string): boolean {
    let byAction = mayAllowed.get(subject);
    if (!byAction) mayAllowed.set(subject, (byAction = new Map()));
    let answer = byAction.get(action);
    if (answer === undefined) {
        answer = allowStatements(subject.identity).some(({ statement }) => statementCovers(statement, action));
        byAction.set(action, answer);
    }
    return answer;
}

function trustAdmits(role: IamPrincipal, subject: Subject): boolean {
    if (!role.trust) return true;
    const { grants, unknown } = trustOf(role.trust);
    return unknown || grants.some((g) => g.account === ANY_ACCOUNT || g.account === subject.account || g.principal === subject.principalArn);
}

/** Role ARNs in allow statements covering sts:AssumeRole that are not roles of the stack. */
export function foreignRoles(subject: Subject, stackArns: ReadonlySet<string>): ForeignRole[] {
    const found = new Map<string, ForeignRole>();
    for (const { statement } of allowStatements(subject.identity)) {
        if (!statementCovers(statement, ASSUME_ROLE)) continue;
        for (const arn of stringsOf(statement.Resource)) {
            const match = /^arn:aws[a-z-]*:iam::([^:]*):role\/(.*)$/.exec(arn.trim());
            if (!match || stackArns.has(arn.trim())) continue;
            const account = accountOf(arn);
            if (account === undefined || account === subject.account) continue;
            const name = match[2].split("/").pop() ?? match[2];
            found.set(arn.trim(), { arn: arn.trim(), account, name });
        }
    }
    return [...found.values()];
}

// A Resource pattern as a loose regular expression: `*` and `?` across any character, any case, so
// that it matches at least every ARN IAM's own matching would (a prefilter may only say "maybe").
const patterns = new Map<string, RegExp>();
function looseMatch(pattern: string, arn: string): boolean {
    // A pattern without wildcards, ASCII like the ARN, matches exactly when equal ignoring case,
    // which is what its expression below would say (asked for every principal's role: 0.26 s at 50,000).
    if (!/[*?]/.test(pattern) && ASCII.test(pattern) && ASCII.test(arn)) return pattern.trim().toLowerCase() === arn.toLowerCase();
    let regex = patterns.get(pattern);
    if (!regex) {
        if (patterns.size > 10_000) patterns.clear();
        regex = new RegExp(`^${pattern.trim().replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "is");
        patterns.set(pattern, regex);
    }
    return regex.test(arn);
}

// eslint-disable-next-line no-control-regex -- every ASCII character, control characters included
const ASCII = /^[\x00-\x7f]*$/;
const ACCOUNT_ROOT = /^(arn:aws[a-z-]*:iam::\d{12}:root|\d{12})$/i;
const trustGrants = new WeakMap<object, ReturnType<typeof documentGrants>>();

/** A role's trust grants, read once per trust document rather than once per principal asking. */
function trustOf(trust: Readonly<Record<string, unknown>>): ReturnType<typeof documentGrants> {
    let grants = trustGrants.get(trust);
    if (!grants) trustGrants.set(trust, (grants = documentGrants(trust)));
    return grants;
}

const targetsOf = new WeakMap<Subject, readonly string[] | "any">();

/** The Resource patterns of the subject's allow statements covering sts:AssumeRole, or "any" when one may match anything. */
function assumeTargets(subject: Subject): readonly string[] | "any" {
    let targets = targetsOf.get(subject);
    if (targets) return targets;
    const found: string[] = [];
    for (const { statement } of allowStatements(subject.identity)) {
        if (!statementCovers(statement, ASSUME_ROLE)) continue;
        if (statement.Resource === undefined || statement.NotResource !== undefined) {
            targets = "any";
            break;
        }
        const resources: unknown[] = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
        if (resources.some((r) => typeof r !== "string" || isUnknown(r) || r.includes("${"))) {
            targets = "any";
            break;
        }
        found.push(...(resources as string[]));
    }
    targets ??= found;
    targetsOf.set(subject, targets);
    return targets;
}

/**
 * Whether the evaluator could answer anything but "denied" to `subject` assuming `role`. The
 * search below asks for every (principal, role) pair, so a stack of n users that may assume a
 * role and n roles asked the evaluator n² times (most of AnalyzeStack at 10,000 resources). This
 * says "no" only when nothing can allow the request: no allow statement of the subject covers
 * sts:AssumeRole on a Resource that may match the role's ARN (NotResource, no Resource, a policy
 * variable or a value that is not a plain string count as a match), and the role's trust, if it is
 * known, admits only whole accounts (which grant nothing without an identity allow) and never the
 * subject itself or any principal.
 */
export function mayAssume(subject: Subject, role: IamPrincipal): boolean {
    const targets = assumeTargets(subject);
    if (targets === "any" || targets.some((pattern) => looseMatch(pattern, role.arn))) return true;
    return trustMayAdmitDirectly(role);
}

/** Whether the role's trust may admit a principal without an identity allow: unknown, or naming more than whole accounts. */
function trustMayAdmitDirectly(role: IamPrincipal): boolean {
    // Without a trust policy the evaluator is asked about the identity side alone (assume below).
    if (!role.trust) return false;
    const trust = trustOf(role.trust);
    return trust.unknown || trust.grants.some((g) => g.account === ANY_ACCOUNT || !ACCOUNT_ROOT.test(g.principal.trim()));
}

interface RoleIndex {
    /** The roles' ARNs as written (foreignRoles leaves these out). */
    readonly arns: ReadonlySet<string>;
    /** Positions of the roles by lower-case ARN. */
    readonly byArn: ReadonlyMap<string, readonly number[]>;
    /** Positions of the roles whose trust may admit a principal directly. */
    readonly open: readonly number[];
}

const indexes = new WeakMap<readonly IamPrincipal[], RoleIndex>();

/** The index of a roles array, built once per array (the world's roles: once per stack view). */
function roleIndex(roles: readonly IamPrincipal[]): RoleIndex {
    let index = indexes.get(roles);
    if (!index) {
        const byArn = new Map<string, number[]>();
        roles.forEach((role, i) => {
            const key = role.arn.toLowerCase();
            const list = byArn.get(key);
            if (list) list.push(i);
            else byArn.set(key, [i]);
        });
        index = { arns: new Set(roles.map((r) => r.arn)), byArn, open: roles.flatMap((role, i) => (trustMayAdmitDirectly(role) ? [i] : [])) };
        indexes.set(roles, index);
    }
    return index;
}

/**
 * The stack's roles for which mayAssume may say yes, in the stack's order (a superset: the caller
 * still asks mayAssume). When the subject names its roles by exact ASCII ARNs (the usual case),
 * they are looked up rather than every role tried against every principal's patterns.
 */
export function candidates(subject: Subject, roles: readonly IamPrincipal[]): readonly IamPrincipal[] {
    const targets = assumeTargets(subject);
    if (targets === "any" || targets.some((t) => /[*?]/.test(t) || !/^[\x20-\x7e]*$/.test(t))) return roles;
    const index = roleIndex(roles);
    const picked = new Set(index.open);
    for (const target of targets) for (const i of index.byArn.get(target.trim().toLowerCase()) ?? []) picked.add(i);
    return [...picked].sort((a, b) => a - b).map((i) => roles[i]);
}

function assume(subject: Subject, role: IamPrincipal): Decision {
    const decision = decide(subject, { action: ASSUME_ROLE, resource: role.arn, account: role.account, resourcePolicy: role.trust });
    // An unknown trust policy is judged by the identity side alone, and cannot be relied on.
    return decision === "allowed" && !role.trust ? "conditional" : decision;
}

/** Every role the principal can reach, breadth first, so each hop's `via` is a shortest chain. */
export function assumableRoles(world: IamWorld, start: IamPrincipal): Hop[] {
    const hops: Hop[] = [];
    const roles = world.roles();
    // Most principals may assume nothing: without an allow of sts:AssumeRole, only a role whose
    // trust names a principal itself (which AWS honours in the same account without an identity
    // allow) can be assumed, so look at the stack's roles only when there is one.
    // (Both read from the roles' index, built once per stack: per credential, they cost
    // credentials × roles, 1.5 s of a 50,000-resource stack's one pass.)
    const index = roleIndex(roles);
    const openTrust = index.open.length > 0;
    if (!openTrust && !mayAllow(start.subject, ASSUME_ROLE)) return hops;
    const stackArns = index.arns;
    const seen = new Set<string>([start.resource.urn]);
    const foreignSeen = new Set<string>();
    const policy = grantingPolicy(start.subject, ASSUME_ROLE);
    let frontier: { principal: IamPrincipal; via: IamPrincipal[]; conditional: boolean }[] = [{ principal: start, via: [], conditional: false }];
    for (let depth = 0; depth < MAX_CHAIN && frontier.length > 0; depth++) {
        const next: typeof frontier = [];
        for (const step of frontier) {
            const subject = step.principal.subject;
            if (!openTrust && !mayAllow(subject, ASSUME_ROLE)) continue;
            const via = step.principal === start ? [] : [...step.via, step.principal];
            for (const role of candidates(subject, roles)) {
                if (seen.has(role.resource.urn) || !mayAssume(subject, role) || !trustAdmits(role, subject)) continue;
                const decision = assume(subject, role);
                if (decision === "denied") continue;
                seen.add(role.resource.urn);
                const conditional = step.conditional || decision === "conditional";
                hops.push({ target: { kind: "stack", role }, via, conditional, policy });
                next.push({ principal: role, via, conditional });
            }
            for (const role of foreignRoles(subject, stackArns)) {
                if (foreignSeen.has(role.arn)) continue;
                // Its trust is not in the stack: ask only whether the identity side allows it.
                const decision = decide(subject, { action: ASSUME_ROLE, resource: role.arn, account: subject.account });
                if (decision === "denied") continue;
                foreignSeen.add(role.arn);
                hops.push({ target: { kind: "foreign", role }, via, conditional: step.conditional || decision === "conditional", policy });
            }
        }
        frontier = next;
    }
    return hops;
}

// The roles a principal can assume, followed transitively: an allow of sts:AssumeRole on the
// role's ARN (identity policies and boundary) and a trust policy that admits the principal or its
// account, both decided by the evaluator. Roles of the stack are judged with their trust policy;
// roles named only by ARN (another stack, another account) have no trust policy here, so their
// trust is taken to admit the principal: reach the program cannot disprove is reach.

import { accountOf, ANY_ACCOUNT } from "../environments/support/accounts";
import { documentGrants } from "../environments/trust/document";
import { statementCovers } from "./iam/actions";
import { allowStatements, stringsOf } from "./iam/documents";
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

/** Whether any allow statement of the subject could cover `action` (cheap; no evaluation). */
export function mayAllow(subject: Subject, action: string): boolean {
    return allowStatements(subject.identity).some(({ statement }) => statementCovers(statement, action));
}

function trustAdmits(role: IamPrincipal, subject: Subject): boolean {
    if (!role.trust) return true;
    const { grants, unknown } = documentGrants(role.trust);
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

function assume(subject: Subject, role: IamPrincipal): Decision {
    const decision = decide(subject, { action: ASSUME_ROLE, resource: role.arn, account: role.account, resourcePolicy: role.trust });
    // An unknown trust policy is judged by the identity side alone, and cannot be relied on.
    return decision === "allowed" && !role.trust ? "conditional" : decision;
}

/** Every role the principal can reach, breadth first, so each hop's `via` is a shortest chain. */
export function assumableRoles(world: IamWorld, start: IamPrincipal): Hop[] {
    const hops: Hop[] = [];
    // Most principals may assume nothing: decide that before touching the stack's roles.
    if (!mayAllow(start.subject, ASSUME_ROLE)) return hops;
    const roles = world.roles();
    const stackArns = new Set(roles.map((r) => r.arn));
    const seen = new Set<string>([start.resource.urn]);
    const foreignSeen = new Set<string>();
    const policy = grantingPolicy(start.subject, ASSUME_ROLE);
    let frontier: { principal: IamPrincipal; via: IamPrincipal[]; conditional: boolean }[] = [{ principal: start, via: [], conditional: false }];
    for (let depth = 0; depth < MAX_CHAIN && frontier.length > 0; depth++) {
        const next: typeof frontier = [];
        for (const step of frontier) {
            const subject = step.principal.subject;
            if (!mayAllow(subject, ASSUME_ROLE)) continue;
            const via = step.principal === start ? [] : [...step.via, step.principal];
            for (const role of roles) {
                if (seen.has(role.resource.urn) || !trustAdmits(role, subject)) continue;
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

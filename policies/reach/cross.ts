// Where a principal can act outside its own environment: roles it can assume in another
// environment's account (a chain of stack roles, or a role named only by ARN), and resources of
// another environment's account named by ARN in its allow statements. `*` stands for its own
// account; an ARN with a wildcard account names every account only for roles (sts:AssumeRole
// needs the other side's trust, which the program may not show). The evaluator confirms each.

import { accountOf, ANY_ACCOUNT } from "../environments/support/accounts";
import type { PlanIndex } from "../environments/support/plan-index";
import { coveredActions } from "./iam/actions";
import { allowStatements, stringsOf } from "./iam/documents";
import { decide } from "./iam/simulate";
import type { IamPrincipal } from "./iam/world";
import type { Hop } from "./roles";

export interface CrossReach {
    readonly environment: string;
    /** A 12-digit account, or ANY_ACCOUNT. */
    readonly account: string;
    readonly kind: "role" | "resource";
    /** The role's name, or the resource ARN. */
    readonly target: string;
    readonly arn: string;
    /** Names from the principal to the last role before the target: ["ci", "cross-deploy"]. */
    readonly through: readonly string[];
    readonly conditional: boolean;
    /** False for a role named only by ARN: its trust policy is not in the stack. */
    readonly trustSeen: boolean;
    /** For resources: the action allowed. */
    readonly action?: string;
    /** The principal's policy that allows the first step. */
    readonly policy?: string;
}

const RESOURCE_ACTION_LIMIT = 25;

function environmentsOf(plan: PlanIndex, own: string, account: string): string[] {
    if (account === ANY_ACCOUNT) return plan.names.filter((name) => name !== own);
    const environment = plan.environmentOfAccount(account);
    return environment && environment !== own ? [environment] : [];
}

function resourceReach(plan: PlanIndex, own: string, principal: IamPrincipal, through: readonly string[], conditional: boolean): CrossReach[] {
    const found: CrossReach[] = [];
    const seen = new Set<string>();
    for (const { policy, statement } of allowStatements(principal.subject.identity)) {
        for (const arn of stringsOf(statement.Resource)) {
            const account = accountOf(arn);
            // Roles are judged as roles (assumable); wildcard accounts only for roles.
            if (account === undefined || account === ANY_ACCOUNT || seen.has(arn) || /^arn:[^:]*:iam::[^:]*:role\//.test(arn)) continue;
            const environments = environmentsOf(plan, own, account);
            if (environments.length === 0) continue;
            const service = arn.split(":")[2] ?? "";
            for (const action of coveredActions(statement, service, RESOURCE_ACTION_LIMIT)) {
                // The other side's resource policy is not judged here: ask the identity side only.
                const decision = decide(principal.subject, { action, resource: arn, account: principal.subject.account });
                if (decision === "denied") continue;
                seen.add(arn);
                for (const environment of environments) {
                    found.push({ environment, account, kind: "resource", target: arn, arn, through, conditional: conditional || decision === "conditional", trustSeen: true, action, policy: policy.label });
                }
                break;
            }
        }
    }
    return found;
}

export function crossReach(plan: PlanIndex, own: string, start: IamPrincipal, hops: readonly Hop[]): CrossReach[] {
    const found: CrossReach[] = [...resourceReach(plan, own, start, [start.name], false)];
    for (const hop of hops) {
        const through = [start.name, ...hop.via.map((r) => r.name)];
        if (hop.target.kind === "stack") {
            const role = hop.target.role;
            for (const environment of environmentsOf(plan, own, role.account)) {
                found.push({ environment, account: role.account, kind: "role", target: role.name, arn: role.arn, through, conditional: hop.conditional, trustSeen: role.trust !== undefined, policy: hop.policy });
            }
            // What a role of this environment can touch elsewhere, the credential can too.
            if (plan.environmentOfAccount(role.account) === own || plan.environmentOfAccount(role.account) === undefined) {
                found.push(...resourceReach(plan, own, role, [...through, role.name], hop.conditional));
            }
        } else {
            const role = hop.target.role;
            for (const environment of environmentsOf(plan, own, role.account)) {
                found.push({ environment, account: role.account, kind: "role", target: role.name, arn: role.arn, through, conditional: hop.conditional, trustSeen: false, policy: hop.policy });
            }
        }
    }
    // Shortest chains first: the message names the shortest.
    return found.sort((a, b) => a.through.length - b.through.length);
}

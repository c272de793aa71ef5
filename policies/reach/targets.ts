// What the escalation methods share: the resources a step may act on, the evaluator's verdict on
// the first of them it allows, and how a step's verdicts combine.

import type { ResourceView } from "../lib/model";
import { getString } from "../lib/props";
import type { AdminFact } from "./admin";
import { Decision, decide, Subject } from "./iam/simulate";
import type { IamPrincipal } from "./iam/world";
import { mayAllow } from "./roles";

export interface Target {
    readonly arn: string;
    /** How a step names it: "user 'ops'", "any user of account 100000000010". */
    readonly phrase: string;
}

/** Both steps are needed: the weaker verdict of the two. */
export function join(a: Decision, b: Decision): Decision {
    if (a === "denied" || b === "denied") return "denied";
    return a === "conditional" || b === "conditional" ? "conditional" : "allowed";
}

/** A list built on first use, then kept. */
export function once<T>(build: () => T): () => T {
    let built: { value: T } | undefined;
    return () => (built ??= { value: build() }).value;
}

/**
 * The first target on which `action` is allowed: named resources first, then any of the account.
 * A list given as a function is built only once some allow statement could cover the action:
 * listing every user, policy and role of the stack for every principal cost n² on a large stack.
 */
export function firstAllowed(subject: Subject, action: string, targets: readonly Target[] | (() => readonly Target[])): { target: Target; decision: Decision } | undefined {
    if (!mayAllow(subject, action)) return undefined;
    for (const target of typeof targets === "function" ? targets() : targets) {
        const decision = decide(subject, { action, resource: target.arn, account: subject.account });
        if (decision !== "denied") return { target, decision };
    }
    return undefined;
}

/** An IAM resource's ARN: its own when known, else built from its name in `account`. */
export function arnOf(resource: ResourceView, kind: string, account: string): string {
    const arn = getString(resource.props, "arn");
    if (typeof arn === "string" && arn.startsWith("arn:")) return arn;
    const name = getString(resource.props, "name");
    return `arn:aws:iam::${account}:${kind}/${typeof name === "string" ? name : resource.name}`;
}

/** "administrator-equivalent", or what a power user can do, for "..., which is ..." clauses. */
export function powerText(fact: AdminFact): string {
    return fact.level === "administrator" ? "is administrator-equivalent" : "can use every AWS service except IAM";
}

/** Whether a role's trust policy names the service ("lambda.amazonaws.com") as a principal. */
export function trusts(role: IamPrincipal, servicePrincipal: string): boolean {
    return role.trust !== undefined && JSON.stringify(role.trust).includes(servicePrincipal);
}

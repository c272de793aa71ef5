// The sentences the reach policies and reports use: chains, reasons, the condition caveat.

import { ANY_ACCOUNT } from "../environments/support/accounts";
import type { CrossReach } from "./cross";
import type { Note } from "./iam/world";
import type { CredentialReach } from "./model";

/** "'ci' -> 'cross-deploy'" */
export function chainText(names: readonly string[]): string {
    return names.map((n) => `'${n}'`).join(" -> ");
}

export const CONDITION_CAVEAT = " (allowed under a condition that cannot be decided before deployment, which is not taken to limit it)";

function accountText(cross: CrossReach): string {
    return cross.account === ANY_ACCOUNT ? `any account (${cross.environment}'s included)` : `${cross.account} (${cross.environment})`;
}

/** The finding for the shortest path out of the credential's environment. */
export function crossMessage(reach: CredentialReach, cross: CrossReach, others: number): string {
    const subject = reach.facts.subject;
    const own = reach.own;
    const caveat = cross.conditional ? CONDITION_CAVEAT : "";
    const more = others > 0 ? `, and ${others} more path${others === 1 ? "" : "s"} out of ${own}` : "";
    if (cross.kind === "resource") {
        return `${subject} can act on ${cross.target} in ${accountText(cross)} (${cross.action} through ${chainText(cross.through)}, granted by ${cross.policy})${caveat}${more}; remove that resource from ${cross.policy}, or grant it only ${own}'s resources.`;
    }
    const unseen = cross.trustSeen ? "" : ", a role this stack does not declare, so its trust is taken to admit it";
    const fix = cross.trustSeen ? `remove sts:AssumeRole on it or the role's trust of ${own}'s account` : `remove sts:AssumeRole on it (${cross.arn})`;
    return `${subject} can assume role '${cross.target}' in ${accountText(cross)}${unseen} through ${chainText(cross.through)}${caveat}${more}; ${fix}.`;
}

/** "a; b" of distinct reasons. */
export function reasonsText(notes: readonly Note[]): string {
    return [...new Set(notes.map((n) => n.reason))].join("; ");
}

/** What could not be decided, as one sentence at the policy's own level. */
export function cannotVerifyMessage(reach: CredentialReach, claim: string): string {
    const preview = reach.notes.every((n) => n.preview);
    const when = preview ? " during preview" : "";
    const fix = preview
        ? "run the check again once the values are known (after `pulumi up`), or declare them with known values"
        : "declare what it names in this stack (or import it), so that its permissions can be judged";
    return `Cannot verify${when} that ${reach.facts.subject} ${claim}: ${reasonsText(reach.notes)}; ${fix}.`;
}

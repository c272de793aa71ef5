// Group-level privilege escalation (Rhino Security Labs' methods 8, 11 and 13, PMapper's IAM
// edges): a user that may attach a policy to, or write an inline policy on, a group it is a member
// of grants itself anything; a user that may add itself to a group gains that group's policies.
// Joining is an escalation when the group holds more than the user already has (its policies
// would make the user administrator-equivalent or a power user), or when the grant covers every
// group of the account: groups outside the program may hold anything.

import type { ResourceView } from "../lib/model";
import { getString } from "../lib/props";
import { AdminFact, adminFact } from "./admin";
import type { Escalation } from "./escalation";
import { IAM, linked } from "./iam/links";
import type { Decision } from "./iam/simulate";
import type { IamPrincipal, IamWorld } from "./iam/world";
import { probeArn } from "./probes";
import { mayAllow } from "./roles";
import { arnOf, firstAllowed, join, Target } from "./targets";

export interface GroupRef {
    readonly name: string;
    readonly arn: string;
    /** Undefined for a group named by a membership but not declared in the stack. */
    readonly resource?: ResourceView;
}

function groupName(group: ResourceView): string {
    const name = getString(group.props, "name");
    return typeof name === "string" && name.trim() !== "" ? name.trim() : group.name;
}

const MEMBERSHIPS: readonly { type: string; users: string; groups: string }[] = [
    { type: IAM.groupMembership, users: "users", groups: "group" },
    { type: IAM.userGroupMembership, users: "user", groups: "groups" },
];

/** The groups a user of the stack is a member of: declared ones, and ones named only by name. */
export function groupsOf(world: IamWorld, user: ResourceView, account: string): GroupRef[] {
    const found = new Map<string, GroupRef>();
    for (const membership of world.stack.resources) {
        const shape = MEMBERSHIPS.find((m) => m.type === membership.type);
        if (!shape || !linked(world.stack, membership, shape.users, IAM.user, "name").found.includes(user)) continue;
        const groups = linked(world.stack, membership, shape.groups, IAM.group, "name");
        for (const group of groups.found) found.set(group.urn, { name: groupName(group), arn: arnOf(group, "group", account), resource: group });
        for (const name of groups.outside) found.set(name, { name, arn: `arn:aws:iam::${account}:group/${name}` });
    }
    return [...found.values()];
}

const GROUP_POLICY_METHODS: readonly [action: string, verb: string][] = [
    ["iam:AttachGroupPolicy", "attach any policy to"],
    ["iam:PutGroupPolicy", "write an inline policy on"],
];

/** Whether a group's policies would give the user more than it has: an administrator or power-user fact. */
function morePower(world: IamWorld, start: IamPrincipal, group: ResourceView): AdminFact | undefined {
    const own = adminFact(start.subject);
    if (own?.level === "administrator") return undefined;
    const policies = world.groupPolicies(group);
    if (policies.length === 0) return undefined;
    const joined = adminFact({ ...start.subject, identity: [...start.subject.identity, ...policies] });
    return joined && joined.level !== own?.level ? joined : undefined;
}

export function groupEscalations(world: IamWorld, start: IamPrincipal): Escalation[] {
    if (start.kind !== "user") return [];
    const subject = start.subject;
    const account = subject.account;
    const who = `${start.kind} '${start.name}'`;
    // Most principals may touch no group: decide that before reading the stack's memberships.
    if (![...GROUP_POLICY_METHODS.map(([action]) => action), "iam:AddUserToGroup"].some((action) => mayAllow(subject, action))) return [];
    const found: Escalation[] = [];
    const push = (method: string, step: string, decision: Decision) => found.push({ method, steps: [step], conditional: decision === "conditional" });

    const member = groupsOf(world, start.resource, account);
    const own: Target[] = member.map((g) => ({ arn: g.arn, phrase: `group '${g.name}', which it is a member of` }));
    for (const [action, verb] of GROUP_POLICY_METHODS) {
        const hit = firstAllowed(subject, action, own);
        if (hit) push(action, `${who} can ${verb} ${hit.target.phrase} (${action})`, hit.decision);
    }

    if (!mayAllow(subject, "iam:AddUserToGroup")) return found;
    const memberArns = new Set(member.map((g) => g.arn));
    const targets: Target[] = [];
    const facts = new Map<string, AdminFact>();
    for (const group of world.stack.resources) {
        if (group.type !== IAM.group) continue;
        const arn = arnOf(group, "group", account);
        if (memberArns.has(arn)) continue;
        const fact = morePower(world, start, group);
        if (!fact) continue;
        const gain = fact.level === "administrator" ? "make it administrator-equivalent" : "let it use every AWS service except IAM";
        targets.push({ arn, phrase: `group '${groupName(group)}', whose policies would ${gain}` });
        facts.set(arn, fact);
    }
    targets.push({ arn: probeArn("iam-group", account), phrase: `any group of account ${account}, whatever its policies grant` });
    const hit = firstAllowed(subject, "iam:AddUserToGroup", targets);
    if (hit) {
        const decision = facts.get(hit.target.arn)?.conditional ? join(hit.decision, "conditional") : hit.decision;
        push("iam:AddUserToGroup", `${who} can add itself to ${hit.target.phrase} (iam:AddUserToGroup)`, decision);
    }
    return found;
}

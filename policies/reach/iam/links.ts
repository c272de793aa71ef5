// How IAM resources of one stack name each other: an attachment names its user by name, a
// membership its groups, an attachment its policy by ARN. During preview these values are often
// unknown (computed by the resource they name); the engine's propertyDependencies then say which
// resource they come from (lib/graph.ts). A name that matches no resource of the stack is
// outside it (another stack's policy, a role in another account).

import { stackGraph } from "../../lib/graph";
import type { ResourceView, StackView } from "../../lib/model";
import { get, isUnknown, UNKNOWN } from "../../lib/props";

export const IAM = {
    user: "aws:iam/user:User",
    group: "aws:iam/group:Group",
    role: "aws:iam/role:Role",
    policy: "aws:iam/policy:Policy",
    userPolicy: "aws:iam/userPolicy:UserPolicy",
    userPolicyAttachment: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    policyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
    groupMembership: "aws:iam/groupMembership:GroupMembership",
    userGroupMembership: "aws:iam/userGroupMembership:UserGroupMembership",
    groupPolicy: "aws:iam/groupPolicy:GroupPolicy",
    groupPolicyAttachment: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
} as const;

export interface Linked {
    readonly found: readonly ResourceView[];
    /** Some of the value is unknown and the graph does not say where it comes from. */
    readonly unknown: boolean;
    /** Known names that match nothing in the stack. */
    readonly outside: readonly string[];
}

/**
 * The resources of `type` that `property` of `from` names, by the graph first, then by the value
 * matching their `matchProperty` (a name or an ARN). The property may hold one value or a list.
 */
export function linked(stack: StackView, from: ResourceView, property: string, type: string, matchProperty: string): Linked {
    const graph = stackGraph(stack);
    const found = graph.sources(from, property).filter((r) => r.type === type);
    const value = get(from.props, property);
    if (value === UNKNOWN) return { found, unknown: found.length === 0, outside: [] };
    const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
    let unknown = false;
    const outside: string[] = [];
    for (const item of items) {
        if (isUnknown(item)) {
            unknown = true;
            continue;
        }
        if (typeof item !== "string" || item.trim() === "") continue;
        const matches = graph.withOutput(matchProperty, item.trim()).filter((r) => r.type === type);
        for (const match of matches) if (!found.includes(match)) found.push(match);
        if (matches.length === 0) outside.push(item.trim());
    }
    // An unknown item resolved through the graph is one of the found resources.
    return { found, unknown: unknown && graph.sources(from, property).length === 0, outside };
}

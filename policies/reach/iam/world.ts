// The IAM principals of one stack with everything that grants them permissions: inline policies,
// attachments, groups and their policies, customer managed and AWS managed policies, permissions
// boundaries, and for roles their trust policy. Built once per stack view (indexes over the IAM
// resources only), principals on first use.

import type { ResourceView, StackView } from "../../lib/model";
import { get, getString, isRecord, isUnknown, UNKNOWN } from "../../lib/props";
import { PolicyDocument, parseDocument } from "./documents";
import { IAM, linked } from "./links";
import { awsManagedDocument, awsManagedName } from "./managed";
import type { Subject } from "./simulate";

export interface Note {
    readonly reason: string;
    /** True when the value will be known after the update (a preview unknown). */
    readonly preview: boolean;
}

export interface IamPrincipal {
    readonly resource: ResourceView;
    readonly kind: "user" | "role";
    /** The name messages use: the IAM name when known, else the Pulumi name. */
    readonly name: string;
    readonly arn: string;
    readonly account: string;
    readonly subject: Subject;
    readonly notes: readonly Note[];
    /** Roles only: the trust policy, undefined when unknown or absent (see notes). */
    readonly trust?: Readonly<Record<string, unknown>>;
}

export interface IamWorld {
    readonly stack: StackView;
    readonly ownAccount: string;
    readonly users: readonly ResourceView[];
    principal(resource: ResourceView): IamPrincipal;
    roles(): readonly IamPrincipal[];
    /** What a group of the stack grants its members (its inline and attached policies). */
    groupPolicies(group: ResourceView): readonly PolicyDocument[];
}

interface Granted {
    readonly docs: PolicyDocument[];
    readonly notes: Note[];
}

const ARN_OF = /^arn:aws[a-z-]*:iam::(\d{12}):/;

function nameOf(resource: ResourceView): string {
    const name = getString(resource.props, "name");
    return typeof name === "string" && name.trim() !== "" ? name.trim() : resource.name;
}

function documentFrom(holder: ResourceView, property: string, label: string, into: Granted): void {
    const value = get(holder.props, property);
    if (value === undefined) return;
    if (value === UNKNOWN) {
        into.notes.push({ reason: `the ${property === "policy" ? "document" : property} of ${label} is not known until the update runs`, preview: true });
        return;
    }
    const document = parseDocument(value);
    if (document) into.docs.push({ label, document });
    else into.notes.push({ reason: `the ${property} of ${label} is not a policy document`, preview: false });
}

/** Policies named by ARN in `property` (one ARN or a list): the stack's own, AWS managed, or outside. */
function policiesByArn(stack: StackView, holder: ResourceView, property: string, into: Granted): void {
    const link = linked(stack, holder, property, IAM.policy, "arn");
    for (const policy of link.found) documentFrom(policy, "policy", `policy '${nameOf(policy)}'`, into);
    if (link.unknown) into.notes.push({ reason: `the ${property} of ${holder.type.split(":").pop()} '${holder.name}' is not known until the update runs`, preview: true });
    for (const arn of link.outside) {
        const managed = awsManagedName(arn);
        const document = managed ? awsManagedDocument(arn) : undefined;
        if (managed && document) into.docs.push({ label: `AWS managed policy ${managed}`, document });
        else if (managed) into.notes.push({ reason: `AWS managed policy ${managed} is not in the managed policy data`, preview: false });
        else into.notes.push({ reason: `policy ${arn} is not declared in this stack`, preview: false });
    }
}

function inlinePolicies(resource: ResourceView, label: string, into: Granted): void {
    const value = get(resource.props, "inlinePolicies");
    if (value === UNKNOWN) into.notes.push({ reason: `the inline policies of ${label} are not known until the update runs`, preview: true });
    if (!Array.isArray(value)) return;
    value.forEach((item, i) => {
        if (!isRecord(item)) return;
        const name = typeof item.name === "string" && !isUnknown(item.name) ? item.name : String(i);
        const policy = item.policy;
        if (isUnknown(policy)) into.notes.push({ reason: `inline policy '${name}' of ${label} is not known until the update runs`, preview: true });
        const document = parseDocument(policy);
        if (document) into.docs.push({ label: `inline policy '${name}' of ${label}`, document });
    });
}

type Target = "user" | "group" | "role";

/** Which attaching resources name which principal: target URN -> attaching resources. */
interface AttachIndex {
    readonly by: Map<string, ResourceView[]>;
    /** Attachments whose target is unknown: they may grant any principal of that kind. */
    readonly unresolved: Map<Target, ResourceView[]>;
}

const LINKS: readonly { type: string; property: string; target: Target }[] = [
    { type: IAM.userPolicy, property: "user", target: "user" },
    { type: IAM.userPolicyAttachment, property: "user", target: "user" },
    { type: IAM.policyAttachment, property: "users", target: "user" },
    { type: IAM.policyAttachment, property: "groups", target: "group" },
    { type: IAM.policyAttachment, property: "roles", target: "role" },
    { type: IAM.groupMembership, property: "users", target: "user" },
    { type: IAM.userGroupMembership, property: "user", target: "user" },
    { type: IAM.groupPolicy, property: "group", target: "group" },
    { type: IAM.groupPolicyAttachment, property: "group", target: "group" },
    { type: IAM.rolePolicy, property: "role", target: "role" },
    { type: IAM.rolePolicyAttachment, property: "role", target: "role" },
];

const TARGET_TYPE: Record<Target, string> = { user: IAM.user, group: IAM.group, role: IAM.role };

function buildIndex(stack: StackView): AttachIndex {
    const by = new Map<string, ResourceView[]>();
    const unresolved = new Map<Target, ResourceView[]>();
    for (const resource of stack.resources) {
        for (const link of LINKS) {
            if (link.type !== resource.type) continue;
            const result = linked(stack, resource, link.property, TARGET_TYPE[link.target], "name");
            for (const target of result.found) {
                const list = by.get(target.urn) ?? [];
                if (!list.includes(resource)) list.push(resource);
                by.set(target.urn, list);
            }
            if (result.unknown) unresolved.set(link.target, [...(unresolved.get(link.target) ?? []), resource]);
        }
    }
    return { by, unresolved };
}

export function buildWorld(stack: StackView, ownAccount: string): IamWorld {
    let index: AttachIndex | undefined;
    const attachIndex = () => (index ??= buildIndex(stack));
    const principals = new Map<string, IamPrincipal>();
    let roles: IamPrincipal[] | undefined;

    /** What attachments of `target` grant; `label` names the holder in messages. */
    function grantsOf(target: ResourceView, kind: Target, into: Granted, visitedGroups: Set<string>): void {
        const { by, unresolved } = attachIndex();
        for (const attachment of unresolved.get(kind) ?? []) {
            into.notes.push({ reason: `${attachment.type.split(":").pop()} '${attachment.name}' names a ${kind} not known until the update runs`, preview: true });
        }
        for (const attachment of by.get(target.urn) ?? []) {
            switch (attachment.type) {
                case IAM.userPolicy:
                case IAM.groupPolicy:
                case IAM.rolePolicy:
                    documentFrom(attachment, "policy", `inline policy '${nameOf(attachment)}'`, into);
                    break;
                case IAM.groupMembership:
                case IAM.userGroupMembership: {
                    if (kind !== "user") break;
                    const property = attachment.type === IAM.groupMembership ? "group" : "groups";
                    const groups = linked(stack, attachment, property, IAM.group, "name");
                    if (groups.unknown) into.notes.push({ reason: `the ${property} of ${attachment.type.split(":").pop()} '${attachment.name}' is not known until the update runs`, preview: true });
                    for (const name of groups.outside) into.notes.push({ reason: `group '${name}' is not declared in this stack`, preview: false });
                    for (const group of groups.found) {
                        if (visitedGroups.has(group.urn)) continue;
                        visitedGroups.add(group.urn);
                        grantsOf(group, "group", into, visitedGroups);
                    }
                    break;
                }
                default:
                    policiesByArn(stack, attachment, "policyArn", into);
            }
        }
    }

    function build(resource: ResourceView): IamPrincipal {
        const kind = resource.type === IAM.role ? "role" : "user";
        const name = nameOf(resource);
        const label = `${kind === "role" ? "role" : "user"} '${name}'`;
        const known = getString(resource.props, "arn");
        const account = (typeof known === "string" && ARN_OF.exec(known)?.[1]) || ownAccount;
        const path = getString(resource.props, "path");
        const prefix = typeof path === "string" && path.startsWith("/") ? path : "/";
        const arn = typeof known === "string" && ARN_OF.test(known) ? known : `arn:aws:iam::${account}:${kind}${prefix}${name}`;
        const granted: Granted = { docs: [], notes: [] };
        inlinePolicies(resource, label, granted);
        if (kind === "role") policiesByArn(stack, resource, "managedPolicyArns", granted);
        grantsOf(resource, kind, granted, new Set());
        const boundary: Granted = { docs: [], notes: [] };
        policiesByArn(stack, resource, "permissionsBoundary", boundary);
        // A boundary that cannot be read limits nothing we can see: reach is judged without it.
        const notes = [...granted.notes];
        let trust: Readonly<Record<string, unknown>> | undefined;
        if (kind === "role") {
            const value = get(resource.props, "assumeRolePolicy");
            trust = parseDocument(value);
            if (value === UNKNOWN) notes.push({ reason: `the trust policy of ${label} is not known until the update runs`, preview: true });
        }
        return {
            resource,
            kind,
            name,
            arn,
            account,
            notes,
            trust,
            subject: { principalArn: arn, account, identity: granted.docs, boundary: boundary.docs.length > 0 ? boundary.docs : undefined },
        };
    }

    return {
        stack,
        ownAccount,
        users: stack.resources.filter((r) => r.type === IAM.user),
        principal(resource) {
            let found = principals.get(resource.urn);
            if (!found) principals.set(resource.urn, (found = build(resource)));
            return found;
        },
        roles() {
            roles ??= stack.resources.filter((r) => r.type === IAM.role).map((r) => this.principal(r));
            return roles;
        },
        groupPolicies(group) {
            const granted: Granted = { docs: [], notes: [] };
            grantsOf(group, "group", granted, new Set([group.urn]));
            return granted.docs;
        },
    };
}

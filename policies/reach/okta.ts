// What an Okta credential can do. An API token has no scopes: it acts with the admin role of the
// user who created it (its userId), so its reach is that user's admin roles. A service app (OAuth
// client credentials) or an API service integration acts with the scopes granted to it and the
// admin roles assigned to it. Super and org administrators hold the whole org; some `*.manage`
// scopes let the app make itself one (the Okta counterparts of IAM escalation).

import { stackGraph } from "../lib/graph";
import type { ResourceView, StackView } from "../lib/model";
import { get, isRecord, isUnknown, UNKNOWN } from "../lib/props";
import { OKTA_USER } from "../ownership/okta";
import { linked } from "./iam/links";
import type { Note } from "./iam/world";

const USER_ADMIN_ROLES = "okta:index/userAdminRoles:UserAdminRoles";
const APP_SCOPES = "okta:index/appOauthApiScope:AppOauthApiScope";
const APP_ROLE = "okta:app/oauthRoleAssignment:OauthRoleAssignment";
/** Role assignments as one type per role: okta:index/oauth2V1ClientsRoleSuperAdmin:..., ...OrgAdmin. */
const APP_ROLE_TYPE = /^okta:index\/oauth2V1ClientsRole([A-Za-z]+):/;

export const ADMIN_ROLES: ReadonlySet<string> = new Set(["SUPER_ADMIN", "ORG_ADMIN"]);

/** Scopes with which a client can give itself (or take over) more power, and how. */
export const ESCALATING_SCOPES: Readonly<Record<string, string>> = {
    "okta.roles.manage": "assign itself any admin role",
    "okta.apps.manage": "add a credential to another app",
    "okta.users.manage": "reset another user's credentials",
    "okta.groups.manage": "add a user to an admin group",
    "okta.clients.manage": "create a client and grant it more",
};

export interface OktaReach {
    readonly roles: readonly string[];
    readonly scopes: readonly string[];
    /** Whose roles these are ("user 'ops-admin'"), for an API token. */
    readonly holder?: string;
    readonly notes: readonly Note[];
}

function strings(value: unknown): { values: string[]; unknown: boolean } {
    if (value === UNKNOWN) return { values: [], unknown: true };
    // ApiServiceIntegration lists scopes as objects: grantedScopes: [{ scope: "okta.logs.read" }].
    const items = (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => (isRecord(v) ? v.scope : v));
    return { values: items.filter((v): v is string => typeof v === "string" && !isUnknown(v)), unknown: items.some(isUnknown) };
}

/** Resources of `type` whose `property` names `target` (by graph, or by `target`'s `match` value). */
function naming(stack: StackView, target: ResourceView, type: string, property: string, match: string): ResourceView[] {
    const graph = stackGraph(stack);
    const byGraph = graph.referrers(target.urn, property).filter((r) => r.type === type);
    const value = get(target.props, match);
    if (typeof value !== "string" || isUnknown(value)) return byGraph;
    const byValue = graph.withOutput(property, value).filter((r) => r.type === type);
    return [...new Set([...byGraph, ...byValue])];
}

export function apiTokenReach(stack: StackView, token: ResourceView): OktaReach {
    const users = linked(stack, token, "userId", OKTA_USER, "id");
    const notes: Note[] = [];
    if (users.unknown) notes.push({ reason: "its userId is not known until the update runs", preview: true });
    if (users.found.length === 0 && !users.unknown) {
        notes.push({ reason: "the user who created it (its userId) is not declared in this stack, and a token carries that user's admin role", preview: false });
    }
    const roles: string[] = [];
    for (const user of users.found) {
        const own = strings(get(user.props, "adminRoles"));
        roles.push(...own.values);
        for (const assignment of naming(stack, user, USER_ADMIN_ROLES, "userId", "id")) {
            const assigned = strings(get(assignment.props, "adminRoles"));
            if (assigned.unknown) notes.push({ reason: `the admin roles of UserAdminRoles '${assignment.name}' are not known until the update runs`, preview: true });
            roles.push(...assigned.values);
        }
    }
    const holder = users.found[0] ? `user '${users.found[0].name}'` : undefined;
    return { roles: [...new Set(roles)], scopes: [], holder, notes };
}

const assignmentTypes = new WeakMap<StackView, readonly string[]>();

/** The per-role assignment types present in the stack, found once per stack. */
function roleAssignmentTypes(stack: StackView): readonly string[] {
    let types = assignmentTypes.get(stack);
    if (!types) assignmentTypes.set(stack, (types = [...new Set(stack.resources.map((r) => r.type).filter((t) => APP_ROLE_TYPE.test(t)))]));
    return types;
}

export function appReach(stack: StackView, app: ResourceView): OktaReach {
    const notes: Note[] = [];
    const scopes: string[] = [];
    const granted = strings(get(app.props, "grantedScopes"));
    scopes.push(...granted.values);
    if (granted.unknown) notes.push({ reason: "its grantedScopes are not known until the update runs", preview: true });
    for (const grant of naming(stack, app, APP_SCOPES, "appId", "id")) {
        const listed = strings(get(grant.props, "scopes"));
        if (listed.unknown) notes.push({ reason: `the scopes of AppOauthApiScope '${grant.name}' are not known until the update runs`, preview: true });
        scopes.push(...listed.values);
    }
    const roles: string[] = [];
    for (const assignment of naming(stack, app, APP_ROLE, "clientId", "clientId")) {
        const role = get(assignment.props, "type") ?? get(assignment.props, "role");
        if (role === UNKNOWN) notes.push({ reason: `the role of OauthRoleAssignment '${assignment.name}' is not known until the update runs`, preview: true });
        else if (typeof role === "string") roles.push(role);
    }
    for (const type of roleAssignmentTypes(stack)) {
        const role = APP_ROLE_TYPE.exec(type)?.[1] ?? "";
        if (naming(stack, app, type, "clientId", "clientId").length > 0) roles.push(role.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase());
    }
    return { roles: [...new Set(roles)], scopes: [...new Set(scopes)], notes };
}

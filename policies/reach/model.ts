// The reach model: for each credential of a stack, its principal and what that principal can do
// (environments and accounts, roles, administrator-equivalence, escalation paths, Okta roles and
// scopes), and what could not be decided. Computed once per credential per stack view (both
// reach policies, the JSON report and `blastwall reach` read the same model), and only when a
// reach policy runs: nothing here is evaluated for stacks or credentials that do not ask.

import type { CatalogEntry } from "../credentials/catalog-types";
import { CredentialFacts, credentialsIn } from "../credentials/evidence";
import { NotApplicable } from "../lib/define";
import type { StackView } from "../lib/model";
import { environmentScope, EnvironmentSettings } from "../environments/support/scope";
import { AdminFact, adminFact } from "./admin";
import { CrossReach, crossReach } from "./cross";
import { Escalation, escalations } from "./escalation";
import { lambdaNotes } from "./escalation-lambda";
import { IAM, linked } from "./iam/links";
import { buildWorld, IamWorld, Note } from "./iam/world";
import { ADMIN_ROLES, apiTokenReach, appReach, ESCALATING_SCOPES, OktaReach } from "./okta";
import { assumableRoles } from "./roles";

export interface CredentialReach {
    readonly facts: CredentialFacts;
    readonly own: string;
    /** "IAM user 'ci'", "Okta user 'ops'", "Okta app 'sync'"; undefined for credentials that are not principals. */
    readonly principal?: string;
    readonly policies: readonly string[];
    /** Every environment it can act in, its own first. */
    readonly environments: readonly string[];
    readonly accounts: readonly string[];
    /** Roles it can assume: name, account and the roles before it. */
    readonly roles: readonly { readonly name: string; readonly account: string; readonly via: readonly string[] }[];
    readonly cross: readonly CrossReach[];
    readonly admin?: AdminFact;
    readonly escalations: readonly Escalation[];
    readonly okta?: OktaReach;
    readonly notes: readonly Note[];
}

/** Credential kinds whose principal is an IAM user. */
const IAM_USER_KINDS: ReadonlySet<CatalogEntry["kind"]> = new Set(["aws-access-key", "aws-console-password", "aws-service-credential", "aws-signing-certificate"]);

function awsReach(world: IamWorld, facts: CredentialFacts, own: string, plan: Parameters<typeof crossReach>[0]): Omit<CredentialReach, "facts" | "own"> {
    const property = facts.entry.owner.principal?.property ?? "user";
    const users = linked(world.stack, facts.resource, property, IAM.user, "name");
    const notes: Note[] = [];
    if (users.unknown) notes.push({ reason: `its ${property} is not known until the update runs`, preview: true });
    for (const name of users.outside) notes.push({ reason: `its user '${name}' is not declared in this stack`, preview: false });
    const user = users.found[0];
    if (!user) return { policies: [], environments: [own], accounts: [world.ownAccount], roles: [], cross: [], escalations: [], notes };
    const principal = world.principal(user);
    const hops = assumableRoles(world, principal);
    const cross = crossReach(plan, own, principal, hops);
    const roleNotes = hops.flatMap((h) => (h.target.kind === "stack" ? h.target.role.notes : []));
    const environments = [own, ...new Set(cross.map((c) => c.environment))].filter((e, i, all) => all.indexOf(e) === i);
    const accounts = [principal.account, ...cross.map((c) => c.account), ...hops.map((h) => h.target.role.account)];
    return {
        principal: `IAM user '${principal.name}'`,
        policies: principal.subject.identity.map((d) => d.label),
        environments,
        accounts: [...new Set(accounts)],
        roles: hops.map((h) => ({ name: h.target.role.name, account: h.target.role.account, via: h.via.map((r) => r.name) })),
        cross,
        admin: adminFact(principal.subject),
        escalations: escalations(world, principal, hops),
        notes: [...notes, ...principal.notes, ...roleNotes, ...lambdaNotes(world, principal)],
    };
}

function oktaReach(stack: StackView, facts: CredentialFacts, own: string, accounts: readonly string[]): Omit<CredentialReach, "facts" | "own"> {
    const token = facts.entry.kind === "okta-api-token";
    const okta = token ? apiTokenReach(stack, facts.resource) : appReach(stack, facts.resource);
    const adminRole = okta.roles.find((r) => ADMIN_ROLES.has(r.toUpperCase()));
    const escalating = okta.scopes.filter((s) => ESCALATING_SCOPES[s] !== undefined);
    return {
        principal: token ? (okta.holder ? `Okta ${okta.holder}` : undefined) : `Okta app '${facts.resource.name}'`,
        policies: [],
        environments: [own],
        accounts,
        roles: [],
        cross: [],
        admin: adminRole ? { level: "administrator", through: [adminRole], conditional: false } : undefined,
        escalations: escalating.map((scope) => ({ method: scope, steps: [`it can ${ESCALATING_SCOPES[scope]} (${scope})`], conditional: false })),
        okta,
        notes: okta.notes,
    };
}

export function isNotApplicable(value: readonly CredentialReach[] | NotApplicable): value is NotApplicable {
    return "notApplicable" in value;
}

const cache = new WeakMap<StackView, Map<string, readonly CredentialReach[] | NotApplicable>>();

/** The reach of every credential of the stack, or NotApplicable when its environment is unknown. */
export function reachIn(stack: StackView, settings: EnvironmentSettings, now: Date): readonly CredentialReach[] | NotApplicable {
    const key = JSON.stringify([settings.environments, settings.stackEnvironments, settings.tagKeys?.environment]);
    let perStack = cache.get(stack);
    if (!perStack) cache.set(stack, (perStack = new Map()));
    const hit = perStack.get(key);
    if (hit) return hit;
    const scope = environmentScope(stack, settings);
    if ("notApplicable" in scope) {
        perStack.set(key, scope);
        return scope;
    }
    const { own, plan } = scope;
    const accounts = plan.plan[own]?.awsAccountIds ?? [];
    let world: IamWorld | undefined;
    const result: CredentialReach[] = [];
    for (const facts of credentialsIn(stack, now)) {
        const base = { facts, own };
        if (IAM_USER_KINDS.has(facts.entry.kind)) {
            world ??= buildWorld(stack, accounts[0] ?? "000000000000");
            result.push({ ...base, ...awsReach(world, facts, own, plan) });
        } else if (facts.entry.vendor === "okta") {
            result.push({ ...base, ...oktaReach(stack, facts, own, []) });
        } else {
            result.push({ ...base, policies: [], environments: [own], accounts: [...accounts], roles: [], cross: [], escalations: [], notes: [] });
        }
    }
    perStack.set(key, result);
    return result;
}

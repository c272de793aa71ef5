// One row per credential of a stack: what `blastwall reach` prints and the JSON report carries
// per stack. Computed with the pack's own reach model (policies/reach/model.ts), over the
// resources the pack judged and with the config the engine sent to credential-no-escalation
// (which reads every setting the model needs), so the rows and the findings agree.

import { redactValuesExactly } from "../report/redaction";
import { ownerOf } from "../../policies/ownership/owner";
import type { OwnerSettings } from "../../policies/ownership/owner";
import { CredentialReach, isNotApplicable, reachIn } from "../../policies/reach/model";
import type { EnvironmentSettings } from "../../policies/environments/support/scope";
import { evaluationTime } from "../../policies/lib/settings/clock";
import type { EngineResource, PolicyConfigEntry } from "../analyzer/model";
import { stackViewOf } from "./views";

/** The policy whose config carries every setting the reach model reads. */
export const REACH_CONFIG_POLICY = "credential-no-escalation";

export interface ReachRow {
    readonly credential: { readonly type: string; readonly name: string; readonly urn: string; readonly kind: string; readonly label: string };
    readonly owner?: string;
    readonly environment: string;
    readonly principal?: string;
    readonly policies: readonly string[];
    readonly environments: readonly string[];
    readonly accounts: readonly string[];
    readonly admin?: "administrator" | "power-user";
    /** The shortest escalation path, its steps joined. */
    readonly escalation?: string;
    readonly escalations: readonly { readonly method: string; readonly steps: readonly string[]; readonly conditional: boolean }[];
    readonly roles: readonly { readonly name: string; readonly account: string; readonly via: readonly string[] }[];
    readonly cross: readonly { readonly environment: string; readonly account: string; readonly kind: string; readonly target: string; readonly through: readonly string[]; readonly policy?: string; readonly conditional: boolean }[];
    readonly okta?: { readonly roles: readonly string[]; readonly scopes: readonly string[] };
    /** What could not be decided (values unknown in preview, principals or policies outside the stack). */
    readonly unverified: readonly string[];
}

export type StackReach = { readonly rows: readonly ReachRow[] } | { readonly unavailable: string };

function ownerText(reach: CredentialReach, settings: OwnerSettings, stack: Parameters<typeof ownerOf>[0]): string | undefined {
    const owner = ownerOf(stack, reach.facts, settings);
    const claim = owner.state === "owned" ? owner : owner.state === "uncertain" ? owner.fallback : undefined;
    const names = (claim?.owners ?? []).map((o) => (o.secret ? "[secret]" : o.name)).filter((n): n is string => n !== undefined);
    return names.length > 0 ? names.join(", ") : undefined;
}

function row(reach: CredentialReach, owner: string | undefined): ReachRow {
    const { resource, entry } = reach.facts;
    return {
        credential: { type: resource.type, name: resource.name, urn: resource.urn, kind: entry.kind, label: entry.label },
        owner,
        environment: reach.own,
        principal: reach.principal,
        policies: reach.policies,
        environments: reach.environments,
        accounts: reach.accounts,
        admin: reach.admin?.level,
        escalation: reach.escalations[0]?.steps.join(", then "),
        escalations: reach.escalations.map((e) => ({ method: e.method, steps: e.steps, conditional: e.conditional })),
        roles: reach.roles,
        cross: reach.cross.map((c) => ({ environment: c.environment, account: c.account, kind: c.kind, target: c.target, through: c.through, policy: c.policy, conditional: c.conditional })),
        okta: reach.okta ? { roles: reach.okta.roles, scopes: reach.okta.scopes } : undefined,
        unverified: [...new Set(reach.notes.map((n) => n.reason))],
    };
}

/** The reach rows of one evaluated stack; `unavailable` says why there are none (never silently empty). */
export function reachRows(
    resources: readonly EngineResource[],
    tags: Readonly<Record<string, string>>,
    config: Readonly<Record<string, PolicyConfigEntry>>,
    secretValues: ReadonlySet<string>,
): StackReach {
    const entry = config[REACH_CONFIG_POLICY];
    if (!entry) return { unavailable: `the policy pack has no ${REACH_CONFIG_POLICY} policy, whose settings the reach model reads` };
    try {
        const settings = entry.properties as unknown as EnvironmentSettings & OwnerSettings & { now?: string };
        const stack = stackViewOf(resources, tags);
        const reaches = reachIn(stack, settings, evaluationTime(settings.now));
        if (isNotApplicable(reaches)) return { unavailable: reaches.notApplicable };
        const rows = reaches.map((reach) => row(reach, ownerText(reach, settings, stack)));
        // Names and ARNs only, but a program may have named a resource with a secret: redacted
        // where a value stands, as report names are, never inside our own words.
        return { rows: redactValuesExactly(rows, secretValues) };
    } catch (error) {
        return { unavailable: `the reach model failed (internal ${error instanceof Error ? error.name : typeof error}); report this blastwall bug` };
    }
}

/**
 * The stack report with its `reach`, computed the first time something reads it (the JSON
 * report, `blastwall reach`), so that other formats pay nothing for it.
 */
export function withReach<T extends object>(report: T, compute: () => StackReach): T & { readonly reach: StackReach } {
    let cached: StackReach | undefined;
    return Object.defineProperty(report, "reach", { enumerable: true, get: () => (cached ??= compute()) }) as T & { readonly reach: StackReach };
}

// What every environment rule needs about one stack, computed once per AnalyzeStack call and
// shared by all of them: the stack's own environment, the plan parsed for lookups, the resource
// graph, and which environment each resource of the graph shows evidence of.

import { Finding, NotApplicable, notApplicable } from "../../lib/define";
import { stackGraph, StackGraph } from "../../lib/graph";
import type { ProviderView, ResourceView, StackView } from "../../lib/model";
import type { EnvironmentPlan } from "../../lib/plan";
import type { TagKeys } from "../../lib/settings/common";
import { resolveStackEnvironment, resolveStackName, StackEnvironment } from "../../lib/stack-environment";
import { AccountClaim, awsProviderAccounts } from "./accounts";
import { Evidence, evidenceOf } from "./evidence";
import { planIndex, PlanIndex } from "./plan-index";

export interface EnvironmentSettings {
    readonly environments: EnvironmentPlan;
    readonly stackEnvironments: Readonly<Record<string, string>>;
    readonly tagKeys?: TagKeys;
}

export interface EnvironmentScope {
    readonly stack: StackView;
    readonly graph: StackGraph;
    readonly plan: PlanIndex;
    /** The stack's own environment. */
    readonly own: string;
    /** The tag key that carries a resource's environment (matched case-insensitively). */
    readonly tagKey: string;
    /** What the stack's name says about the environment of a referenced stack. */
    stackNameEnvironment(name: string): StackEnvironment;
    /** Which environments a resource of this stack shows evidence of belonging to (cached). */
    evidence(resource: ResourceView): readonly Evidence[];
    /** The accounts an AWS provider names, once per provider URN (each resource carries its own copy). */
    providerAccounts(provider: ProviderView): readonly AccountClaim[];
}

const DEFAULT_ENVIRONMENT_TAG = "Environment";

interface Cached {
    readonly key: string;
    readonly scope: EnvironmentScope | NotApplicable;
}

const scopes = new WeakMap<StackView, Cached[]>();

/**
 * The scope of a stack, or NotApplicable when the stack's environment cannot be determined:
 * stack-environment-known blocks that case, so no other rule adds a finding of its own.
 */
export function environmentScope(stack: StackView, settings: EnvironmentSettings): EnvironmentScope | NotApplicable {
    // Every policy receives its own copy of the settings; a key of their content lets the
    // policies of one AnalyzeStack call share one scope (and its evidence cache).
    const key = JSON.stringify([settings.environments, settings.stackEnvironments, settings.tagKeys?.environment]);
    const list = scopes.get(stack) ?? [];
    const hit = list.find((entry) => entry.key === key);
    if (hit) return hit.scope;
    const scope = buildScope(stack, settings);
    list.push({ key, scope });
    scopes.set(stack, list);
    return scope;
}

function buildScope(stack: StackView, settings: EnvironmentSettings): EnvironmentScope | NotApplicable {
    const resolved = resolveStackEnvironment(stack.stack, stack.project, stack.stackTags, settings.environments, settings.stackEnvironments);
    if (!resolved.known) {
        return notApplicable(`the environment of stack '${stack.stack}' is not known (${resolved.reason}); stack-environment-known reports it`);
    }
    const names = new Map<string, StackEnvironment>();
    const evidence = new Map<ResourceView, readonly Evidence[]>();
    const inProgress = new Set<ResourceView>();
    const providerClaims = new Map<string, readonly AccountClaim[]>();
    const scope: EnvironmentScope = {
        stack,
        graph: stackGraph(stack),
        plan: planIndex(settings.environments),
        own: resolved.environment,
        tagKey: settings.tagKeys?.environment ?? DEFAULT_ENVIRONMENT_TAG,
        stackNameEnvironment(name) {
            let result = names.get(name);
            if (!result) {
                result = resolveStackName(name, settings.environments, settings.stackEnvironments, stack.project);
                names.set(name, result);
            }
            return result;
        },
        evidence(resource) {
            const cached = evidence.get(resource);
            if (cached) return cached;
            // A cycle (a VPC whose range is computed from something that depends on the VPC)
            // contributes nothing rather than recursing forever.
            if (inProgress.has(resource)) return [];
            inProgress.add(resource);
            try {
                const found = evidenceOf(scope, resource);
                evidence.set(resource, found);
                return found;
            } finally {
                inProgress.delete(resource);
            }
        },
        providerAccounts(provider) {
            let claims = providerClaims.get(provider.urn);
            if (!claims) providerClaims.set(provider.urn, (claims = awsProviderAccounts(provider.props)));
            return claims;
        },
    };
    return scope;
}

/** Evidence of environments other than the stack's own. */
export function foreignEvidence(scope: EnvironmentScope, resource: ResourceView): readonly Evidence[] {
    return scope.evidence(resource).filter((e) => e.environment !== scope.own);
}

/**
 * Runs an environment rule over a stack whose environment is known. An empty stack has nothing
 * to judge; a stack of unknown environment is not applicable (stack-environment-known blocks).
 */
export function inEnvironment(
    stack: StackView,
    settings: EnvironmentSettings,
    rule: (scope: EnvironmentScope) => readonly Finding[],
): readonly Finding[] | NotApplicable {
    if (stack.resources.length === 0) return [];
    const scope = environmentScope(stack, settings);
    return "notApplicable" in scope ? scope : rule(scope);
}

/** Findings with the same message about the same resource are one finding. */
export function distinct(findings: readonly Finding[]): Finding[] {
    const seen = new Set<string>();
    return findings.filter((finding) => {
        const key = `${finding.urn ?? ""}\u0000${finding.message}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

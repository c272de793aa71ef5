// One judgment for every network endpoint: which other environment does it reach? Ranges are
// compared by prefix maths against the plan; accounts and principals by the plan's accounts;
// references by the environment the referenced resource shows evidence of (evidence.ts), found
// through the graph (`propertyDependencies`) or by id. A value unknown during preview is judged
// by the resources it will be computed from; only a value nothing in the stack explains is
// "cannot verify".

import { intersection, parseCidr } from "../../lib/cidr";
import type { ResourceView } from "../../lib/model";
import { get, UNKNOWN } from "../../lib/props";
import { accountOf, ANY_ACCOUNT } from "../support/accounts";
import { describeResource, shown, withArticle } from "../support/describe";
import { STACK_REFERENCE_TYPE } from "../support/evidence";
import { otherEnvironmentsOfRange } from "../support/plan-index";
import { EnvironmentScope, foreignEvidence } from "../support/scope";
import { foreignSourcesText, judgeSources } from "../support/unknown";
import type { Endpoint } from "./endpoints";
import { isShadowed } from "./nacl";

export type Verdict =
    | { readonly kind: "stays" }
    /** `reached` is the object of the sentence: "10.20.0.0/16 (staging)", "VPC 'peer' (staging: 10.20.0.0/16)". */
    | { readonly kind: "reaches"; readonly reached: string }
    | { readonly kind: "unverifiable" };

const STAYS: Verdict = { kind: "stays" };

export function judgeEndpoint(scope: EnvironmentScope, resource: ResourceView, endpoint: Endpoint): Verdict {
    if (endpoint.value === UNKNOWN) return judgeUnknown(scope, resource, endpoint);
    const value = endpoint.value;
    switch (endpoint.kind) {
        case "range":
            return judgeRange(scope, resource, endpoint, value);
        case "account":
        case "principal":
            return judgeAccount(scope, resource, endpoint, value);
        case "reference":
            return judgeReference(scope, resource, endpoint, value);
    }
}

function judgeRange(scope: EnvironmentScope, resource: ResourceView, endpoint: Endpoint, value: string): Verdict {
    const cidr = parseCidr(value);
    if (!cidr) return STAYS;
    let others = otherEnvironmentsOfRange(scope.plan, cidr, scope.own);
    const nacl = endpoint.nacl;
    if (nacl) {
        // An environment is reached unless every one of its ranges this entry touches is denied first.
        others = others.filter((environment) =>
            (scope.plan.plan[environment].cidrs ?? []).some((text) => {
                const range = parseCidr(text);
                const part = range && intersection(range, cidr);
                return part !== undefined && !isShadowed(scope.stack, resource, nacl, part);
            }),
        );
    }
    if (others.length === 0) return STAYS;
    return { kind: "reaches", reached: `${shown(resource, endpoint.path, cidr.text)} (${others.join(", ")})` };
}

function judgeAccount(scope: EnvironmentScope, resource: ResourceView, endpoint: Endpoint, value: string): Verdict {
    const account = accountOf(value);
    if (account === undefined) return STAYS;
    const text = shown(resource, endpoint.path, value.trim());
    if (account === ANY_ACCOUNT) {
        if (endpoint.kind !== "principal") return STAYS;
        const others = scope.plan.names.filter((name) => name !== scope.own);
        return others.length === 0 ? STAYS : { kind: "reaches", reached: `'${text}' (every account, including ${others.join(", ")})` };
    }
    const environment = scope.plan.environmentOfAccount(account);
    if (environment === undefined || environment === scope.own) return STAYS;
    return { kind: "reaches", reached: /^\d{12}$/.test(text) ? `account ${text} (${environment})` : `${text} (${environment} account ${account})` };
}

/** The in-stack resources a known reference can be: by dependency, preferring an exact id; else by id. */
function referencedResources(scope: EnvironmentScope, resource: ResourceView, endpoint: Endpoint, value: string): readonly ResourceView[] {
    const types = endpoint.target?.types ?? new Set<string>();
    const fits = (r: ResourceView) => types.has(r.type) || r.type === STACK_REFERENCE_TYPE;
    const sources = scope.graph.sources(resource, String(endpoint.path[0])).filter(fits);
    const exact = sources.filter((r) => get(r.props, "id") === value);
    if (exact.length > 0) return exact;
    // A block (an inline rule) depends on every resource any of its siblings references; only a
    // dependency of the expected type with no id yet (preview) can be this one.
    const candidates = sources.filter((r) => r.type === STACK_REFERENCE_TYPE || typeof get(r.props, "id") !== "string");
    if (candidates.length > 0) return candidates;
    return scope.graph.withOutput("id", value).filter((r) => r !== resource && types.has(r.type));
}

function judgeReference(scope: EnvironmentScope, resource: ResourceView, endpoint: Endpoint, value: string): Verdict {
    // A security group of a peered VPC in another account is written "<account>/sg-...".
    const crossAccount = /^(\d{12})\/sg-/.exec(value.trim());
    if (crossAccount) return judgeAccount(scope, resource, { ...endpoint, kind: "account" }, crossAccount[1]);
    return judgeResources(scope, referencedResources(scope, resource, endpoint, value), endpoint.target?.noun);
}

function judgeResources(scope: EnvironmentScope, resources: readonly ResourceView[], noun: string | undefined): Verdict {
    const reached: string[] = [];
    for (const target of resources) {
        const foreign = foreignEvidence(scope, target);
        if (foreign.length === 0) continue;
        // A stack reference is not the VPC itself: the value is one of its outputs.
        const from = target.type === STACK_REFERENCE_TYPE && noun ? `${withArticle(noun)} from ` : "";
        reached.push(from + describeResource(target, foreign));
    }
    return reached.length === 0 ? STAYS : { kind: "reaches", reached: reached.join(" and ") };
}

function judgeUnknown(scope: EnvironmentScope, resource: ResourceView, endpoint: Endpoint): Verdict {
    const verdict = judgeSources(scope, resource, String(endpoint.path[0]), endpoint.target?.types);
    if (verdict.kind === "unverifiable") return endpoint.quietWhenUnknown || decidedElsewhere(resource, endpoint) ? STAYS : verdict;
    return verdict.kind === "stays" ? STAYS : { kind: "reaches", reached: foreignSourcesText(verdict, endpoint.target?.noun) };
}

/** A peer VPC outside the stack is decided by the account it lives in, when that is known. */
function decidedElsewhere(resource: ResourceView, endpoint: Endpoint): boolean {
    if (!endpoint.decidedBy) return false;
    return get(resource.props, ...endpoint.decidedBy) !== UNKNOWN;
}

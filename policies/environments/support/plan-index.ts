// The environment plan (from the `environments` setting) parsed once for lookups: which
// environment an address range, an AWS account or an Okta org belongs to. Built per plan object
// and cached, so every resource of every policy compares against parsed ranges.

import { Cidr, isAnyAddress, overlaps, parseCidr } from "../../lib/cidr";
import { EnvironmentPlan, OktaOrg, sameOktaOrg } from "../../lib/plan";

export interface PlanIndex {
    readonly plan: EnvironmentPlan;
    readonly names: readonly string[];
    /** Environments with a range that shares addresses with `cidr`, in plan order. */
    environmentsOverlapping(cidr: Cidr): readonly string[];
    environmentOfAccount(account: string): string | undefined;
    environmentOfOkta(org: Partial<OktaOrg>): string | undefined;
    /** "10.30.0.0/16" or "10.30.0.0/16, fd00:30::/48", for messages; "no ranges" when empty. */
    rangesOf(environment: string): string;
    /** "100000000030", comma-separated; "no account" when empty. */
    accountsOf(environment: string): string;
}

const indexes = new WeakMap<EnvironmentPlan, PlanIndex>();

export function planIndex(plan: EnvironmentPlan): PlanIndex {
    const cached = indexes.get(plan);
    if (cached) return cached;
    const names = Object.keys(plan);
    const ranges: { environment: string; cidr: Cidr }[] = [];
    const accounts = new Map<string, string>();
    for (const name of names) {
        for (const text of plan[name].cidrs ?? []) {
            const cidr = parseCidr(text);
            if (cidr) ranges.push({ environment: name, cidr });
        }
        for (const account of plan[name].awsAccountIds ?? []) if (!accounts.has(account)) accounts.set(account, name);
    }
    const index: PlanIndex = {
        plan,
        names,
        environmentsOverlapping(cidr) {
            const found: string[] = [];
            for (const range of ranges) {
                if (!found.includes(range.environment) && overlaps(range.cidr, cidr)) found.push(range.environment);
            }
            return found;
        },
        environmentOfAccount: (account) => accounts.get(account.trim()),
        environmentOfOkta(org) {
            if (!org.orgName) return undefined;
            for (const name of names) {
                const own = plan[name].okta;
                if (!own) continue;
                const candidate = { orgName: org.orgName, baseUrl: org.baseUrl ?? own.baseUrl };
                if (sameOktaOrg(own, candidate)) return name;
            }
            return undefined;
        },
        rangesOf: (environment) => (plan[environment]?.cidrs ?? []).join(", ") || "no ranges",
        accountsOf: (environment) => (plan[environment]?.awsAccountIds ?? []).join(", ") || "no account",
    };
    indexes.set(plan, index);
    return index;
}

/**
 * The other environments a range reaches, for a stack in `own`. "Any address" (0.0.0.0/0, ::/0)
 * reaches none in particular: it is the internet, which public-exposure controls judge, and
 * counting it would flag every default route and egress rule. Any narrower range that shares
 * addresses with another environment's (10.0.0.0/8, 10.20.4.0/24) does.
 */
export function otherEnvironmentsOfRange(index: PlanIndex, cidr: Cidr, own: string): readonly string[] {
    if (isAnyAddress(cidr)) return [];
    return index.environmentsOverlapping(cidr).filter((environment) => environment !== own);
}

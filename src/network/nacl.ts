// Network ACL entries that keep one environment's subnets apart from every other environment,
// derived from the plan: pure, no Pulumi.
//
// NACLs are stateless and evaluated lowest rule number first, so the explicit denies of the
// other environments' ranges come first, in both directions, and whatever the tier allows comes
// after them. Security groups and routes already keep traffic apart; the denies are the layer
// that still holds when someone adds a peering, a transit gateway or a too-wide security group
// later.

import type { EnvironmentPlan } from "../../policies/lib/plan";
import { parseCidr } from "../../policies/lib/cidr";
import type { SubnetTier } from "./subnets";

export interface NaclEntry {
    readonly ruleNo: number;
    readonly action: "allow" | "deny";
    /** "-1": every protocol and port. */
    readonly protocol: "-1";
    readonly fromPort: 0;
    readonly toPort: 0;
    readonly cidrBlock?: string;
    readonly ipv6CidrBlock?: string;
}

export interface NaclRules {
    readonly ingress: readonly NaclEntry[];
    readonly egress: readonly NaclEntry[];
}

export interface DeniedRange {
    readonly environment: string;
    readonly cidr: string;
}

export const FIRST_DENY_RULE = 100;
export const FIRST_ALLOW_RULE = 1000;
const RULE_STEP = 10;
/** AWS's default quota of entries per direction, the default deny included. */
export const MAX_ENTRIES_PER_DIRECTION = 20;

/** Every range of every environment but `environment`, in plan order. */
export function otherEnvironmentRanges(plan: EnvironmentPlan, environment: string): DeniedRange[] {
    return Object.entries(plan)
        .filter(([name]) => name !== environment)
        .flatMap(([name, spec]) => spec.cidrs.map((cidr) => ({ environment: name, cidr })));
}

function entry(ruleNo: number, action: NaclEntry["action"], cidr: string): NaclEntry {
    const family = parseCidr(cidr)?.family;
    const range = family === 6 ? { ipv6CidrBlock: cidr } : { cidrBlock: cidr };
    return { ruleNo, action, protocol: "-1", fromPort: 0, toPort: 0, ...range };
}

/**
 * What a tier's subnets may reach: public and private subnets anything outside the other
 * environments (the internet through the gateway or NAT), isolated subnets their own
 * environment only.
 */
function allowedRanges(plan: EnvironmentPlan, environment: string, tier: SubnetTier): readonly string[] {
    return tier === "isolated" ? plan[environment].cidrs : ["0.0.0.0/0"];
}

/** The ingress and egress entries of `tier`'s network ACL in `environment`. */
export function segmentationRules(plan: EnvironmentPlan, environment: string, tier: SubnetTier): NaclRules {
    const denies = otherEnvironmentRanges(plan, environment).map((range, i) => entry(FIRST_DENY_RULE + i * RULE_STEP, "deny", range.cidr));
    const allows = allowedRanges(plan, environment, tier).map((cidr, i) => entry(FIRST_ALLOW_RULE + i * RULE_STEP, "allow", cidr));
    // Within the quota the denies (at most 19, numbered 100 to 280) stay ahead of every allow.
    const problem = naclCapacityProblem(plan, environment);
    if (problem) throw new Error(problem);
    const entries = [...denies, ...allows];
    return { ingress: entries, egress: entries };
}

/**
 * Why the plan's ranges do not fit one network ACL, as a sentence naming the fix, or undefined.
 * One entry per direction is AWS's own default deny.
 */
export function naclCapacityProblem(plan: EnvironmentPlan, environment: string): string | undefined {
    const denies = otherEnvironmentRanges(plan, environment).length;
    const allows = Math.max(1, plan[environment]?.cidrs.length ?? 0);
    const needed = denies + allows + 1;
    if (needed <= MAX_ENTRIES_PER_DIRECTION) return undefined;
    return (
        `The network ACLs of ${environment} would need ${needed} entries per direction (${denies} to deny other environments' ranges, ` +
        `${allows} to allow, and AWS's default deny), more than AWS's default quota of ${MAX_ENTRIES_PER_DIRECTION}; ` +
        `merge ranges in policies/plan/environments.json or raise the quota "Rules per network ACL".`
    );
}

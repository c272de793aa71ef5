// The environment plan: which environments exist and what belongs to each (address ranges, AWS
// accounts, Okta org). plan/environments.json is the single source; the stacks in src/ read it
// through this module and the pack uses it as the default of its `environments` setting.

import planDocument from "../plan/environments.json";
import { overlaps, parseCidr } from "./cidr";

export interface OktaOrg {
    readonly orgName: string;
    readonly baseUrl: string;
}

export interface EnvironmentSpec {
    /** Address ranges that belong to this environment alone (IPv4 or IPv6). */
    readonly cidrs: readonly string[];
    readonly awsAccountIds: readonly string[];
    readonly region?: string;
    readonly okta?: OktaOrg;
}

export type EnvironmentPlan = Readonly<Record<string, EnvironmentSpec>>;

/** The plan shipped in plan/environments.json. */
export const shippedPlan: EnvironmentPlan = planDocument.environments;

export const ENVIRONMENT_NAME_PATTERN = "^[a-z][a-z0-9-]{0,31}$";

/**
 * Problems with a plan that a JSON schema cannot see, each naming the key path: ranges that are
 * not CIDRs, ranges or accounts or Okta orgs shared by two environments.
 */
export function planProblems(plan: EnvironmentPlan, keyPrefix = "environments"): string[] {
    const problems: string[] = [];
    const names = Object.keys(plan);
    for (const name of names) {
        plan[name].cidrs.forEach((text, i) => {
            if (!parseCidr(text)) problems.push(`${keyPrefix}.${name}.cidrs[${i}] is not an address range: "${text}"`);
        });
    }
    for (let a = 0; a < names.length; a++) {
        for (let b = a + 1; b < names.length; b++) {
            const [first, second] = [plan[names[a]], plan[names[b]]];
            for (const x of first.cidrs) {
                for (const y of second.cidrs) {
                    const [cx, cy] = [parseCidr(x), parseCidr(y)];
                    if (cx && cy && overlaps(cx, cy)) {
                        problems.push(
                            `${keyPrefix}.${names[b]}.cidrs: ${y} overlaps ${names[a]}'s ${x}; give each environment its own range`,
                        );
                    }
                }
            }
            for (const account of second.awsAccountIds) {
                if (first.awsAccountIds.includes(account)) {
                    problems.push(`${keyPrefix}.${names[b]}.awsAccountIds: account ${account} is also ${names[a]}'s; give each environment its own account`);
                }
            }
            if (first.okta && second.okta && sameOktaOrg(first.okta, second.okta)) {
                problems.push(`${keyPrefix}.${names[b]}.okta: org ${second.okta.orgName} is also ${names[a]}'s; give each environment its own Okta org`);
            }
        }
    }
    return problems;
}

export function sameOktaOrg(a: OktaOrg, b: OktaOrg): boolean {
    return a.orgName.toLowerCase() === b.orgName.toLowerCase() && a.baseUrl.toLowerCase() === b.baseUrl.toLowerCase();
}

/** The environment that owns `accountId`, if any. */
export function environmentOfAccount(plan: EnvironmentPlan, accountId: string): string | undefined {
    for (const [name, spec] of Object.entries(plan)) {
        if (spec.awsAccountIds.includes(accountId)) return name;
    }
    return undefined;
}

// Which environment this stack deploys and what belongs to it, read from the environment plan
// (policies/plan/environments.json) and never restated in stack config: the policy pack reads the
// same plan, so a range or account changed there changes both sides at once.

import { EnvironmentPlan, OktaOrg, planProblems, shippedPlan } from "../policies/lib/plan";
import { resolveStackEnvironment } from "../policies/lib/stack-environment";
import { ConfigurationError, throwIfProblems } from "./errors";
import { naclCapacityProblem } from "./network/nacl";
import { vpcRangeProblem } from "./network/subnets";

export const PLAN_FILE = "policies/plan/environments.json";

export interface Environment {
    readonly name: string;
    readonly region: string;
    /** The accounts the environment owns; the AWS provider refuses any other. */
    readonly awsAccountIds: readonly string[];
    /** The account this stack deploys into (the plan's first for the environment). */
    readonly accountId: string;
    readonly okta: OktaOrg;
    /** The first of the environment's ranges that a VPC can use (IPv4, /16 to /23). */
    readonly vpcCidr: string;
    /** The whole plan, so that components can derive what to keep out (other ranges). */
    readonly plan: EnvironmentPlan;
}

function choices(plan: EnvironmentPlan): string {
    return Object.keys(plan).join("|");
}

/**
 * The environment named by `blastwall:environment`, checked against the plan and against the
 * stack's name. Throws a ConfigurationError naming the option and the fix.
 */
export function resolveEnvironment(name: string | undefined, stack: string, plan: EnvironmentPlan = shippedPlan): Environment {
    if (name === undefined || name.trim() === "") {
        throw new ConfigurationError([
            `blastwall:environment is not set; set it to the environment this stack deploys (pulumi config set blastwall:environment <${choices(plan)}>).`,
        ]);
    }
    if (!Object.prototype.hasOwnProperty.call(plan, name)) {
        throw new ConfigurationError([
            `blastwall:environment is "${name}", which is not in the environment plan (${Object.keys(plan).join(", ")}); ` +
                `set it to one of those, or add "${name}" with its own ranges, account and Okta org to ${PLAN_FILE}.`,
        ]);
    }
    throwIfProblems(planProblems(plan).map((problem) => `The environment plan is invalid: ${problem} (in ${PLAN_FILE}).`));

    // The pack decides a stack's environment from its tag or its name; a stack named for one
    // environment that deploys another would be judged against the wrong ranges and accounts.
    const byName = resolveStackEnvironment(stack, "", new Map(), plan, {});
    if (byName.known && byName.environment !== name) {
        throw new ConfigurationError([
            `blastwall:environment is "${name}" but stack '${stack}' is named for ${byName.environment}; ` +
                `set blastwall:environment to ${byName.environment}, or deploy ${name} from a stack named for it.`,
        ]);
    }

    const spec = plan[name];
    const key = `environments.${name}`;
    const problems: string[] = [];
    if (!spec.region) problems.push(`${key}.region is not set; add the environment's AWS region to ${PLAN_FILE}.`);
    if (!spec.okta) problems.push(`${key}.okta is not set; add the environment's Okta org ({orgName, baseUrl}) to ${PLAN_FILE}.`);
    if (spec.awsAccountIds.length === 0) problems.push(`${key}.awsAccountIds is empty; add the environment's AWS account to ${PLAN_FILE}.`);
    const vpcIndex = spec.cidrs.findIndex((cidr) => !vpcRangeProblem(cidr));
    if (vpcIndex < 0) {
        const why = spec.cidrs.map((cidr, i) => `${key}.cidrs[${i}] ${cidr} ${vpcRangeProblem(cidr)}`).join("; ");
        problems.push(`${key}.cidrs has no range a VPC can use (${why || "it is empty"}); add an IPv4 range from /16 to /23 to ${PLAN_FILE}.`);
    }
    const capacity = naclCapacityProblem(plan, name);
    if (capacity) problems.push(capacity);
    throwIfProblems(problems);

    return {
        name,
        region: spec.region as string,
        awsAccountIds: spec.awsAccountIds,
        accountId: spec.awsAccountIds[0],
        okta: spec.okta as OktaOrg,
        vpcCidr: spec.cidrs[vpcIndex],
        plan,
    };
}

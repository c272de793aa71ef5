// Settings that policies of more than one concern read. Concern-specific settings live beside
// their rules (credentials/settings.ts, ownership/settings.ts).

import { ENVIRONMENT_NAME_PATTERN, EnvironmentPlan, planProblems, shippedPlan } from "../plan";
import { setting } from "./define";

export const nowSetting = setting<string | undefined>()({
    key: "now",
    schema: {
        type: "string",
        description:
            "The evaluation time, as an RFC 3339 date or date-time (2027-01-01 or 2027-01-01T00:00:00Z). Unset means the time the pack evaluates. Set it to forecast, or to make a run reproducible.",
        anyOf: [{ format: "date" }, { format: "date-time" }],
    },
});

export const environmentsSetting = setting<EnvironmentPlan>()({
    key: "environments",
    schema: {
        type: "object",
        description:
            "Each environment's address ranges, AWS accounts and Okta org. Defaults to the plan in plan/environments.json; environments must not share a range, an account or an org.",
        default: shippedPlan,
        propertyNames: { pattern: ENVIRONMENT_NAME_PATTERN },
        minProperties: 1,
        additionalProperties: {
            type: "object",
            required: ["cidrs", "awsAccountIds"],
            additionalProperties: false,
            properties: {
                cidrs: { type: "array", items: { type: "string", minLength: 1 }, description: "Address ranges (IPv4 or IPv6 CIDR)." },
                awsAccountIds: { type: "array", items: { type: "string", pattern: "^[0-9]{12}$" }, description: "12-digit AWS account ids." },
                region: { type: "string" },
                okta: {
                    type: "object",
                    required: ["orgName", "baseUrl"],
                    additionalProperties: false,
                    properties: { orgName: { type: "string", minLength: 1 }, baseUrl: { type: "string", minLength: 1 } },
                },
            },
        },
    },
    check: (plan) => planProblems(plan),
});

export const stackEnvironmentsSetting = setting<Readonly<Record<string, string>>>()({
    key: "stackEnvironments",
    schema: {
        type: "object",
        description:
            "Stack-name patterns mapped to an environment, for stacks whose name is not an environment: {\"payments-eu-*\": \"prod\"}. `*` matches any run of characters; the first matching pattern in file order wins. Consulted after the stack tag `environment` and before the stack name.",
        default: {},
        additionalProperties: { type: "string", pattern: ENVIRONMENT_NAME_PATTERN },
    },
    check: (value, all) => {
        const environments = (all.environments ?? {}) as EnvironmentPlan;
        return Object.entries(value)
            .filter(([, env]) => !Object.prototype.hasOwnProperty.call(environments, env))
            .map(([pattern, env]) => `stackEnvironments["${pattern}"] names environment "${env}", which is not in environments (${Object.keys(environments).join(", ")})`);
    },
});

export interface TagKeys {
    readonly environment: string;
    readonly owner: string;
}

export const tagKeysSetting = setting<TagKeys>()({
    key: "tagKeys",
    schema: {
        type: "object",
        description: "The tag keys that carry a resource's environment and owner; matched case-insensitively.",
        default: { environment: "Environment", owner: "Owner" },
        additionalProperties: false,
        required: ["environment", "owner"],
        properties: {
            environment: { type: "string", minLength: 1 },
            owner: { type: "string", minLength: 1 },
        },
    },
});

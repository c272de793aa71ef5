// The account, region and default tags of an AWS provider, from its inputs (explicit provider:
// wire form, JSON strings for structured values) or from stack config (default provider). The
// mocks use them to give ARNs, owner ids and tagsAll the values a real preview would show.

import { isRecord, UNKNOWN_WIRE_VALUE } from "../../policies/lib/props";
import { wireSignatures } from "../../policies/lib/sdk/wire";
import { ProviderFacts } from "./mocks";

export const PLACEHOLDER_ACCOUNT = "123456789012";
const DEFAULT_REGION = "us-east-1";

/** A provider input: unwraps secrets, parses the JSON strings providers carry for objects. */
function structured(value: unknown): unknown {
    if (isRecord(value) && value[wireSignatures.key] === wireSignatures.secret) return structured(value.value);
    if (typeof value === "string" && /^[[{]/.test(value.trim())) {
        try {
            return JSON.parse(value);
        } catch {
            return value;
        }
    }
    return value;
}

function accountFromArn(arn: unknown): string | undefined {
    return typeof arn === "string" ? /^arn:[^:]+:iam::(\d{12}):/.exec(arn)?.[1] : undefined;
}

/** Facts from a bag of provider settings keyed without namespace (region, allowedAccountIds, ...). */
export function providerFacts(settings: Readonly<Record<string, unknown>>): ProviderFacts {
    const region = structured(settings.region);
    const allowed = structured(settings.allowedAccountIds);
    const assumeRole = structured(settings.assumeRole ?? settings.assumeRoles);
    const roles = Array.isArray(assumeRole) ? assumeRole : [assumeRole];
    const accountId =
        (Array.isArray(allowed) && typeof allowed[0] === "string" ? allowed[0] : undefined) ??
        roles.map((r) => (isRecord(r) ? accountFromArn(r.roleArn) : undefined)).find((a) => a !== undefined) ??
        PLACEHOLDER_ACCOUNT;
    const defaultTags = structured(settings.defaultTags);
    const tags = isRecord(defaultTags) && isRecord(defaultTags.tags) ? defaultTags.tags : {};
    return {
        region: typeof region === "string" && region !== UNKNOWN_WIRE_VALUE ? region : DEFAULT_REGION,
        accountId,
        defaultTags: tags,
    };
}

/** The settings of a package's default provider: its "<package>:<key>" stack config. */
export function packageConfig(config: Readonly<Record<string, string>>, pkg: string): Record<string, string> {
    const result: Record<string, string> = {};
    for (const [key, value] of Object.entries(config)) {
        if (key.startsWith(`${pkg}:`)) result[key.slice(pkg.length + 1)] = value;
    }
    return result;
}

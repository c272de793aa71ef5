// AWS accounts as they appear in resources: bare ids, the account field of ARNs, and the
// accounts an AWS provider is pinned to or assumes a role into.

import { get, getArrayOrJson, getRecordOrJson, isRecord, PathStep, PropertyBag, UNKNOWN, Unknown } from "../../lib/props";

export const ANY_ACCOUNT = "*";

/**
 * The account a principal or id names: a 12-digit id, the account field of an ARN
 * ("arn:aws:iam::100000000020:root"), or ANY_ACCOUNT for "*" and wildcard account fields.
 * Undefined when it names no account (a service principal, an S3 ARN, anything else).
 */
export function accountOf(text: string): string | undefined {
    const trimmed = text.trim();
    if (trimmed === "*") return ANY_ACCOUNT;
    if (/^\d{12}$/.test(trimmed)) return trimmed;
    const arn = /^arn:[^:]*:[^:]*:[^:]*:([^:]*):/.exec(trimmed);
    if (!arn) return undefined;
    const field = arn[1];
    if (/[*?]/.test(field)) return ANY_ACCOUNT;
    return /^\d{12}$/.test(field) ? field : undefined;
}

/** One account an AWS provider claims to deploy to, with where it said so. */
export interface AccountClaim {
    readonly account: string | Unknown;
    /** As written: the account id, or the role ARN it came from. */
    readonly text: string;
    readonly path: readonly PathStep[];
    readonly via: "allowedAccountIds" | "assumed role";
}

function roleClaim(role: unknown, path: PathStep[]): AccountClaim[] {
    const arn = get(role, "roleArn");
    if (arn === UNKNOWN) return [{ account: UNKNOWN, text: "", path: [...path, "roleArn"], via: "assumed role" }];
    if (typeof arn !== "string") return [];
    const account = accountOf(arn);
    return account === undefined ? [] : [{ account, text: arn.trim(), path: [...path, "roleArn"], via: "assumed role" }];
}

/**
 * Every account an AWS provider names: `allowedAccountIds`, each role of `assumeRoles` (and the
 * `assumeRole` block of older providers), and `assumeRoleWithWebIdentity`. Exported state keeps
 * these as JSON strings; both forms are read. An unknown list or role is one UNKNOWN claim.
 */
export function awsProviderAccounts(props: PropertyBag): readonly AccountClaim[] {
    const claims: AccountClaim[] = [];
    const allowed = getArrayOrJson(props, "allowedAccountIds");
    if (allowed === UNKNOWN) claims.push({ account: UNKNOWN, text: "", path: ["allowedAccountIds"], via: "allowedAccountIds" });
    else if (allowed) {
        allowed.forEach((item, i) => {
            const value = get(allowed, i);
            if (value === UNKNOWN) claims.push({ account: UNKNOWN, text: "", path: ["allowedAccountIds", i], via: "allowedAccountIds" });
            else if ((typeof item === "string" && item.trim() !== "") || typeof item === "number") {
                const text = String(item).trim();
                claims.push({ account: text, text, path: ["allowedAccountIds", i], via: "allowedAccountIds" });
            }
        });
    }
    const roles = getArrayOrJson(props, "assumeRoles");
    if (roles === UNKNOWN) claims.push({ account: UNKNOWN, text: "", path: ["assumeRoles"], via: "assumed role" });
    else if (roles) roles.forEach((role, i) => claims.push(...roleClaim(role, ["assumeRoles", i])));
    for (const key of ["assumeRole", "assumeRoleWithWebIdentity"]) {
        const role = getRecordOrJson(props, key);
        if (role === UNKNOWN) claims.push({ account: UNKNOWN, text: "", path: [key], via: "assumed role" });
        else if (isRecord(role)) claims.push(...roleClaim(role, [key]));
    }
    return claims;
}

// Who an IAM policy document grants: the accounts of its Allow statements' principals, and the
// accounts their conditions name (aws:SourceAccount for a service principal). Documents
// arrive as JSON strings (outputs, exported state) or objects (inputs written as objects); both
// are read, and any value may be the engine's unknown during preview.
//
// A wildcard principal ("*", {"AWS": "*"}, an ARN with a wildcard account, or NotPrincipal in an
// Allow) grants every account, the other environments' included, unless a condition limits it:
//   - to accounts (aws:PrincipalAccount, aws:SourceAccount, aws:SourceOwner, kms:CallerAccount,
//     or the account of aws:PrincipalArn / aws:SourceArn): those accounts are the grantees;
//   - to a network (aws:SourceVpc, aws:SourceVpce, aws:SourceIp, aws:VpcSourceIp): the network
//     rule keeps that network in one environment, so the grant stays there.
// aws:PrincipalOrgID does not limit it: an organisation holds every environment's accounts.
// Conditions with a negated or ...IfExists operator limit nothing (an absent key passes them).

import { get, isRecord, isUnknown, UNKNOWN } from "../../lib/props";
import { accountOf, ANY_ACCOUNT } from "../support/accounts";

export interface Grant {
    /** As written: "arn:aws:iam::100000000020:root", "100000000020", "*". */
    readonly principal: string;
    /** A 12-digit account, or ANY_ACCOUNT. */
    readonly account: string;
}

export interface Grants {
    readonly grants: readonly Grant[];
    /** Some principal, condition or effect is unknown during preview. */
    readonly unknown: boolean;
}

const ACCOUNT_KEYS = new Set(["aws:principalaccount", "aws:sourceaccount", "aws:sourceowner", "kms:calleraccount"]);
const ARN_KEYS = new Set(["aws:principalarn", "aws:sourcearn"]);
const NETWORK_KEYS = new Set(["aws:sourcevpc", "aws:sourcevpce", "aws:sourceip", "aws:vpcsourceip"]);
const PRINCIPAL_TYPES_WITH_ACCOUNTS = new Set(["aws", "federated"]);

/** The document as an object, or undefined when it is not one (or not JSON). */
export function parseDocument(value: unknown): Readonly<Record<string, unknown>> | undefined {
    if (isRecord(value)) return value;
    if (typeof value !== "string" || isUnknown(value)) return undefined;
    try {
        const parsed: unknown = JSON.parse(value);
        return isRecord(parsed) ? parsed : undefined;
    } catch {
        return undefined;
    }
}

/** Strings of a value that may be one string or a list; unknown leaves are flagged. */
function strings(value: unknown, onUnknown: () => void): string[] {
    const items = Array.isArray(value) ? value : [value];
    const result: string[] = [];
    for (const item of items) {
        if (isUnknown(item)) onUnknown();
        else if (typeof item === "string") result.push(item);
    }
    return result;
}

/** Grants of a principal value ("*", or {AWS, Federated, Service, ...}). */
export function principalGrants(principal: unknown, onUnknown: () => void): Grant[] {
    if (isUnknown(principal)) {
        onUnknown();
        return [];
    }
    const written: string[] = [];
    if (typeof principal === "string") written.push(principal);
    else if (isRecord(principal)) {
        for (const [type, value] of Object.entries(principal)) {
            if (PRINCIPAL_TYPES_WITH_ACCOUNTS.has(type.toLowerCase())) written.push(...strings(value, onUnknown));
        }
    }
    return written.flatMap((text) => {
        const account = accountOf(text);
        return account === undefined ? [] : [{ principal: text.trim(), account }];
    });
}

function isLimitingOperator(operator: string): boolean {
    const bare = operator.replace(/^(ForAnyValue|ForAllValues):/i, "");
    return !/not/i.test(bare) && !/ifexists$/i.test(bare) && /^(String|Arn|IpAddress)/i.test(bare);
}

/** The accounts a statement's conditions limit a wildcard to; "network" when a network does. */
function conditionLimits(condition: unknown, onUnknown: () => void): Grant[] | "network" | undefined {
    if (isUnknown(condition)) onUnknown();
    if (!isRecord(condition)) return undefined;
    const accounts: Grant[] = [];
    let network = false;
    for (const [operator, block] of Object.entries(condition)) {
        if (!isLimitingOperator(operator) || !isRecord(block)) continue;
        for (const [key, value] of Object.entries(block)) {
            const lower = key.toLowerCase();
            if (NETWORK_KEYS.has(lower)) network = true;
            if (!ACCOUNT_KEYS.has(lower) && !ARN_KEYS.has(lower)) continue;
            for (const text of strings(value, onUnknown)) {
                accounts.push({ principal: `${key}=${text.trim()}`, account: accountOf(text) ?? ANY_ACCOUNT });
            }
        }
    }
    if (accounts.length > 0) return accounts;
    return network ? "network" : undefined;
}

function statementGrants(statement: unknown, onUnknown: () => void): Grant[] {
    if (!isRecord(statement)) return [];
    const effect = get(statement, "Effect");
    if (effect === UNKNOWN) onUnknown();
    else if (typeof effect !== "string" || effect.trim().toLowerCase() !== "allow") return [];
    const notPrincipal = get(statement, "NotPrincipal") !== undefined;
    const explicit = notPrincipal ? [] : principalGrants(get(statement, "Principal"), onUnknown);
    const wildcard = notPrincipal || explicit.some((g) => g.account === ANY_ACCOUNT);
    const named = explicit.filter((g) => g.account !== ANY_ACCOUNT);
    // Account conditions name whose requests are allowed, whatever the principal: a service
    // acting for aws:SourceAccount=<staging> is staging reaching in.
    const limits = conditionLimits(get(statement, "Condition"), onUnknown);
    const onBehalfOf = Array.isArray(limits) ? limits : [];
    if (!wildcard || limits !== undefined) return [...named, ...onBehalfOf];
    const written = notPrincipal ? "NotPrincipal" : (explicit.find((g) => g.account === ANY_ACCOUNT)?.principal ?? "*");
    return [...named, { principal: written, account: ANY_ACCOUNT }];
}

/** Every account an IAM policy document's Allow statements grant. */
export function documentGrants(document: Readonly<Record<string, unknown>>): Grants {
    let unknown = false;
    const onUnknown = () => {
        unknown = true;
    };
    const statements = get(document, "Statement");
    if (statements === UNKNOWN) return { grants: [], unknown: true };
    const list = Array.isArray(statements) ? statements : [statements];
    return { grants: list.flatMap((statement) => statementGrants(statement, onUnknown)), unknown };
}

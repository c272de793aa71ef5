// The stack's own settings (stacks/Pulumi.<stack>.yaml): only what the environment plan does not
// say. Ranges, accounts, regions and Okta orgs come from the plan (environment.ts), never from
// here. Pure: it reads config through a getter, so it is tested without Pulumi.

import { MAX_ROTATION_DAYS, ownerProblem, rotationDaysProblem } from "./credentials/limits";
import { throwIfProblems } from "./errors";
import { MAX_ZONES } from "./network/subnets";

export const NAT_MODES = ["none", "single", "perAz"] as const;
export type NatMode = (typeof NAT_MODES)[number];

/** The retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export interface AccessKeySpec {
    readonly name: string;
    readonly owner: string;
    readonly rotationDays?: number;
    readonly policyArns?: readonly string[];
    /** Least privilege: the only actions the key's user may take, in its own account. */
    readonly actions?: readonly string[];
}

export interface SecretSpec {
    readonly name: string;
    readonly owner: string;
    readonly rotationDays?: number;
    readonly description?: string;
}

export interface OktaServiceAppSpec {
    readonly name: string;
    readonly owner: string;
    /** How often its key pair is re-created (1 to 90 days; default 30). */
    readonly rotationDays?: number;
}

export interface CredentialSpecs {
    readonly accessKeys: readonly AccessKeySpec[];
    readonly secrets: readonly SecretSpec[];
    readonly oktaServiceApps: readonly OktaServiceAppSpec[];
}

export interface StackSettings {
    readonly environment?: string;
    readonly owner: string;
    readonly availabilityZones: number;
    readonly nat: NatMode;
    readonly flowLogRetentionDays: number;
    readonly credentials: CredentialSpecs;
}

/** Reads one `blastwall:` key as the Pulumi CLI passes it: a string, objects as JSON. */
export type ConfigGetter = (key: string) => string | undefined;

const NAME_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
const CREDENTIAL_KINDS = ["accessKeys", "secrets", "oktaServiceApps"] as const;
type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

// The fields each kind accepts, so that a typo (rotationdays) is an error, not a silent default.
const FIELDS: Record<CredentialKind, readonly string[]> = {
    accessKeys: ["name", "owner", "rotationDays", "policyArns", "actions"],
    secrets: ["name", "owner", "rotationDays", "description"],
    oktaServiceApps: ["name", "owner", "rotationDays"],
};

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function integerSetting(get: ConfigGetter, key: string, fallback: number, problems: string[], valid: (n: number) => boolean, fix: string): number {
    const text = get(key);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || !valid(value)) {
        problems.push(`blastwall:${key} is "${text}"; ${fix}`);
        return fallback;
    }
    return value;
}

function isStringList(value: unknown): boolean {
    return Array.isArray(value) && value.every((item) => typeof item === "string" && item.length > 0);
}

function credentialProblems(kind: CredentialKind, index: number, entry: unknown, seen: Set<string>): string[] {
    const at = `blastwall:credentials.${kind}[${index}]`;
    if (!isRecord(entry)) return [`${at} is not an object; give each credential a name and an owner ({name: ci-deployer, owner: platform-team}).`];
    const problems: string[] = [];
    for (const field of Object.keys(entry)) {
        if (!FIELDS[kind].includes(field)) problems.push(`${at}.${field} is not a setting of ${kind}; use ${FIELDS[kind].join(", ")}.`);
    }
    if (entry.policyArns !== undefined && !isStringList(entry.policyArns)) problems.push(`${at}.policyArns is not a list of policy ARNs; write it as a YAML list.`);
    if (entry.actions !== undefined && !(isStringList(entry.actions) && (entry.actions as string[]).every((a) => /^[a-z0-9-]+:[A-Za-z0-9*]+$/.test(a)))) {
        problems.push(`${at}.actions is not a list of IAM actions; write it as a YAML list such as [cloudwatch:GetMetricData, cloudwatch:ListMetrics].`);
    }
    if (entry.description !== undefined && typeof entry.description !== "string") problems.push(`${at}.description is not a string; write it as text.`);
    const name = entry.name;
    if (typeof name !== "string" || !NAME_PATTERN.test(name)) {
        problems.push(`${at}.name is ${JSON.stringify(name)}; use lower-case letters, digits and dashes, starting with a letter (ci-deployer).`);
    } else if (seen.has(name)) {
        problems.push(`${at}.name "${name}" is used by another credential of this stack; give each credential its own name.`);
    } else {
        seen.add(name);
    }
    const ownerWhy = ownerProblem(entry.owner);
    if (ownerWhy) problems.push(`${at}.owner ${ownerWhy}; name the team that answers for this credential (owner: platform-team).`);
    const daysWhy = entry.rotationDays === undefined ? undefined : rotationDaysProblem(entry.rotationDays);
    if (daysWhy) problems.push(`${at}.rotationDays ${daysWhy}; use 1 to ${MAX_ROTATION_DAYS}.`);
    return problems;
}

function readCredentials(text: string | undefined, problems: string[]): CredentialSpecs {
    const none: CredentialSpecs = { accessKeys: [], secrets: [], oktaServiceApps: [] };
    if (text === undefined) return none;
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        problems.push("blastwall:credentials is not an object; write it as a YAML map with accessKeys, secrets and oktaServiceApps lists.");
        return none;
    }
    if (!isRecord(parsed)) {
        problems.push("blastwall:credentials is not an object; write it as a YAML map with accessKeys, secrets and oktaServiceApps lists.");
        return none;
    }
    const seen = new Set<string>();
    for (const key of Object.keys(parsed)) {
        if (!(CREDENTIAL_KINDS as readonly string[]).includes(key)) {
            problems.push(`blastwall:credentials.${key} is not a kind of credential; use ${CREDENTIAL_KINDS.join(", ")}.`);
        }
    }
    const lists = CREDENTIAL_KINDS.map((kind) => {
        const list = parsed[kind] ?? [];
        if (!Array.isArray(list)) {
            problems.push(`blastwall:credentials.${kind} is not a list; write it as a YAML list of {name, owner, ...}.`);
            return [];
        }
        list.forEach((entry, i) => problems.push(...credentialProblems(kind, i, entry, seen)));
        return list;
    });
    return { accessKeys: lists[0], secrets: lists[1], oktaServiceApps: lists[2] } as CredentialSpecs;
}

/** Reads and checks every `blastwall:` setting; throws one ConfigurationError listing them all. */
export function readStackSettings(get: ConfigGetter): StackSettings {
    const problems: string[] = [];
    const owner = get("owner");
    const ownerWhy = ownerProblem(owner);
    if (ownerWhy) problems.push(`blastwall:owner ${ownerWhy}; set it to the team that owns this stack's resources (pulumi config set blastwall:owner platform-team).`);

    const availabilityZones = integerSetting(get, "availabilityZones", 2, problems, (n) => n >= 2 && n <= MAX_ZONES, `use 2 to ${MAX_ZONES} zones (3 in prod).`);
    const nat = get("nat") ?? "none";
    if (!(NAT_MODES as readonly string[]).includes(nat)) problems.push(`blastwall:nat is "${nat}"; set it to ${NAT_MODES.join(", ")}.`);
    const flowLogRetentionDays = integerSetting(get, "flowLogRetentionDays", 90, problems, (n) => (LOG_RETENTION_DAYS as readonly number[]).includes(n), `use a period CloudWatch Logs accepts (${LOG_RETENTION_DAYS.join(", ")}).`);
    const credentials = readCredentials(get("credentials"), problems);

    throwIfProblems(problems);
    return { environment: get("environment"), owner: owner as string, availabilityZones, nat: nat as NatMode, flowLogRetentionDays, credentials };
}

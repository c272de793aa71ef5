// What counts as credential material in resource inputs, for no-plaintext-credentials: the
// catalog's secret-material properties, other types' schema properties that hold secrets, values
// under password-like names in free-form places (tags, environment variables, container
// definitions, user data), and values that look like credentials wherever they are. Data first;
// the scanner is in plaintext.ts.

import type { PathStep, PropertyBag } from "../lib/props";
import { getString, UNKNOWN } from "../lib/props";
import type { SecretMaterial } from "./catalog-types";

export interface MaterialProperty extends SecretMaterial {
    /** Only when this holds (an SSM parameter's value only for a SecureString). */
    readonly when?: (props: PropertyBag) => boolean;
}

/** Types outside the credential catalog whose schema properties hold secret material. */
export const MATERIAL_PROPERTIES: Readonly<Record<string, readonly MaterialProperty[]>> = {
    "aws:secretsmanager/secretVersion:SecretVersion": [
        { path: ["secretString"], label: "the secret value" },
        { path: ["secretBinary"], label: "the secret value" },
        { path: ["secretStringWo"], label: "the secret value" },
    ],
    "aws:ssm/parameter:Parameter": [
        // An unknown type may still be SecureString: check it.
        { path: ["value"], label: "the SecureString value", when: (props) => [UNKNOWN, "SecureString"].includes(getString(props, "type") as never) },
        { path: ["valueWo"], label: "the parameter value" },
    ],
    "aws:docdb/cluster:Cluster": [{ path: ["masterPassword"], label: "the master password" }],
    "aws:redshift/cluster:Cluster": [{ path: ["masterPassword"], label: "the master password" }],
    "pulumi:providers:aws": [
        { path: ["secretKey"], label: "the secret access key" },
        { path: ["token"], label: "the session token" },
    ],
    "pulumi:providers:okta": [
        { path: ["apiToken"], label: "the API token" },
        { path: ["privateKey"], label: "the private key" },
        { path: ["accessToken"], label: "the access token" },
    ],
};

export type ContainerForm =
    /** `{ KEY: value }`: tags, Lambda environment variables. */
    | "map"
    /** `[{ name, value, type? }]`: CodeBuild environment variables (type PLAINTEXT by default). */
    | "name-value-list"
    /** A JSON string of container definitions, each with `environment: [{ name, value }]` (ECS, Batch). */
    | "container-json"
    /** A script (user data), plain or base64: `KEY=value` lines and `--password value` flags. */
    | "script";

/**
 * Free-form places where a value is judged by the name it is given. Any type; matched by path.
 * `descriptive`: values there are usually words (tags), so only a value shaped like a credential
 * counts, not "confidential" under a tag named Secret.
 */
export const MATERIAL_CONTAINERS: readonly { readonly path: readonly PathStep[]; readonly form: ContainerForm; readonly descriptive?: boolean }[] = [
    { path: ["tags"], form: "map", descriptive: true },
    { path: ["tagsAll"], form: "map", descriptive: true },
    { path: ["environment", "variables"], form: "map" },
    { path: ["environment", "environmentVariables"], form: "name-value-list" },
    { path: ["containerDefinitions"], form: "container-json" },
    { path: ["containerProperties"], form: "container-json" },
    { path: ["userData"], form: "script" },
    { path: ["userDataBase64"], form: "script" },
];

/** Credentials recognisable by their form, wherever they appear. */
export const VALUE_PATTERNS: readonly { readonly what: string; readonly pattern: RegExp }[] = [
    { what: "an AWS access key id", pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/ },
    { what: "an AWS secret access key", pattern: /aws_?secret_?(?:access_?)?key["']?\s{0,4}[:=]\s{0,4}["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/i },
    { what: "a private key", pattern: /-----BEGIN (?:[A-Z0-9]{1,16} ){0,3}PRIVATE KEY(?: BLOCK)?-----/ },
    { what: "an Okta API token", pattern: /\bSSWS\s{1,4}00[A-Za-z0-9_-]{40}\b/ },
    // A password in a URL's user info; placeholders ($VAR, ${VAR}, {{...}}, <...>) are not material.
    { what: "a password in a URL", pattern: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:@/"'$<{]{1,128}:(?![$<{*])[^\s@/"']{1,256}@/i },
];

/** A cheap first test so that most strings are not run through every pattern. */
export const VALUE_PREFILTER = /AKIA|ASIA|ABIA|ACCA|secret|PRIVATE KEY|SSWS|:\/\//i;

const SENSITIVE_WORDS: ReadonlySet<string> = new Set(["pass", "pwd"]);
const SENSITIVE_SUFFIXES = ["password", "passwd", "passphrase", "secret", "token", "apikey", "privatekey", "secretkey"];
const SENSITIVE_PAIRS: ReadonlySet<string> = new Set(["api key", "private key", "secret key", "access key", "signing key"]);

/**
 * True for names that say their value is a credential: DB_PASSWORD, githubToken, x-api-key,
 * AWS_SECRET_ACCESS_KEY. The last word decides, so SecretArn, TOKEN_TTL and PasswordPolicy do not.
 */
export function isSensitiveName(name: string): boolean {
    const words = name
        .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((w) => w !== "");
    const last = words[words.length - 1];
    if (last === undefined) return false;
    if (SENSITIVE_WORDS.has(last) || SENSITIVE_SUFFIXES.some((suffix) => last.endsWith(suffix))) return true;
    return words.length > 1 && SENSITIVE_PAIRS.has(`${words[words.length - 2]} ${last}`);
}

const NOT_MATERIAL = /^(?:true|false|yes|no|null|none|on|off|enabled|disabled)$/i;
const REFERENCE = /^(?:arn:|\{\{resolve:|\$\{|\$\(|\$[A-Za-z_]|<|ssm:|secretsmanager:|\/aws\/reference\/|https?:\/\/[^@\s]*$)/i;

/**
 * A literal that could be a credential: not empty, not a flag or number, not a reference to one.
 * `descriptive`: also not a plain word (it needs a digit, a symbol, mixed case, or 16 characters).
 */
export function looksLikeMaterial(value: string, descriptive = false): boolean {
    const trimmed = value.trim();
    if (trimmed.length < 6 || /^\d+$/.test(trimmed) || NOT_MATERIAL.test(trimmed) || REFERENCE.test(trimmed)) return false;
    if (!descriptive || trimmed.length >= 16) return true;
    return /\d/.test(trimmed) || /[^A-Za-z0-9\s]/.test(trimmed) || (/[a-z]/.test(trimmed) && /[A-Z]/.test(trimmed.slice(1)));
}

// Settings of the credential policies: age limits per credential kind, the warning window, and
// the incidents whose scope must be rotated. Each is defined once; the policies list the ones they
// read and their configSchema is derived from that list.

import { parseInstant } from "../lib/settings/clock";
import { setting } from "../lib/settings/define";
import { CATALOG, CATALOG_KINDS } from "./catalog";
import { CatalogEntry, CREDENTIAL_KINDS, VENDORS } from "./catalog-types";

/** `{ default: 90, "aws-kms-key": 365 }`: a limit in days per credential kind, `default` for the rest. */
export type MaxAgeDays = Readonly<Record<string, number>>;

/** The built-in limit when the setting names neither the kind nor `default`. */
export const DEFAULT_MAX_AGE_DAYS = 90;

export const maxAgeDaysSetting = setting<MaxAgeDays>()({
    key: "maxAgeDays",
    schema: {
        type: "object",
        description:
            `The longest a credential may go without being issued anew or rotated, in days: \`default\` for every kind, and overrides per credential kind (${CREDENTIAL_KINDS.join(", ")}). ` +
            "KMS keys default to 365 (AWS's own rotation default); setting this object replaces the whole default, so repeat aws-kms-key if you rely on it.",
        default: { default: DEFAULT_MAX_AGE_DAYS, "aws-kms-key": 365 },
        additionalProperties: { type: "integer", minimum: 1 },
    },
    check: (value) =>
        Object.keys(value)
            .filter((key) => key !== "default" && !CATALOG_KINDS.has(key as never))
            .map((key) => `maxAgeDays.${key} is not a credential kind; use default or one of ${CREDENTIAL_KINDS.join(", ")}`),
});

export function maxAgeFor(kind: string, limits: MaxAgeDays): number {
    const own = limits[kind];
    if (typeof own === "number" && own > 0) return own;
    const fallback = limits.default;
    return typeof fallback === "number" && fallback > 0 ? fallback : DEFAULT_MAX_AGE_DAYS;
}

export const warnDaysSetting = setting<number>()({
    key: "warnDays",
    schema: {
        type: "integer",
        description: "How many days ahead credential-rotation-due-soon warns that a credential will pass its age limit or fall under an incident.",
        default: 14,
        minimum: 0,
        maximum: 3650,
    },
});

export interface IncidentScope {
    readonly vendors?: readonly string[];
    readonly kinds?: readonly string[];
    /** Pulumi type tokens of catalog entries, e.g. "okta:app/oAuth:OAuth". */
    readonly types?: readonly string[];
}

export interface Incident {
    readonly id: string;
    /** RFC 3339 date or date-time: credentials issued before it may be exposed. */
    readonly date: string;
    readonly description?: string;
    readonly scope: IncidentScope;
}

const stringList = (description: string) => ({ type: "array" as const, minItems: 1, items: { type: "string" as const, minLength: 1 }, description });

export const incidentsSetting = setting<readonly Incident[]>()({
    key: "incidents",
    schema: {
        type: "array",
        description:
            "Breaches to treat as your own: every credential in an incident's scope that was issued before its date, or whose issue date cannot be proven, must be rotated. A scope names vendors, kinds and/or types; a credential is in scope when it matches every field given.",
        default: [],
        items: {
            type: "object",
            required: ["id", "date", "scope"],
            additionalProperties: false,
            properties: {
                id: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", description: "A short name used in messages, e.g. okta-2023-10." },
                date: { type: "string", anyOf: [{ format: "date" }, { format: "date-time" }], description: "When the exposure ended or was disclosed (RFC 3339)." },
                description: { type: "string" },
                scope: {
                    type: "object",
                    additionalProperties: false,
                    minProperties: 1,
                    properties: {
                        vendors: stringList(`Vendors: ${VENDORS.join(", ")}.`),
                        kinds: stringList("Credential kinds, as in maxAgeDays."),
                        types: stringList("Pulumi type tokens of catalog entries."),
                    },
                },
            },
        },
    },
    check: (incidents) => incidentProblems(incidents),
});

const CATALOG_TYPES: ReadonlySet<string> = new Set(CATALOG.map((e) => e.type));

function unknownNames(at: string, names: readonly string[] | undefined, known: ReadonlySet<string>, what: string): string[] {
    return (names ?? [])
        .map((name, i) => [name, i] as const)
        .filter(([name]) => !known.has(name))
        .map(([name, i]) => `${at}[${i}] "${name}" is not ${what}; known: ${[...known].join(", ")}`);
}

export function incidentProblems(incidents: readonly Incident[]): string[] {
    const problems: string[] = [];
    const seen = new Set<string>();
    incidents.forEach((incident, i) => {
        const at = `incidents[${i}]`;
        if (seen.has(incident.id)) problems.push(`${at}.id "${incident.id}" is used by an earlier incident; give each incident its own id`);
        seen.add(incident.id);
        if (!parseInstant(incident.date)) problems.push(`${at}.date is not a real RFC 3339 date`);
        problems.push(...unknownNames(`${at}.scope.vendors`, incident.scope.vendors, new Set(VENDORS), "a vendor"));
        problems.push(...unknownNames(`${at}.scope.kinds`, incident.scope.kinds, CATALOG_KINDS, "a credential kind"));
        problems.push(...unknownNames(`${at}.scope.types`, incident.scope.types, CATALOG_TYPES, "a credential type of the catalog"));
    });
    return problems;
}

/** True when the credential matches every field the scope gives. */
export function inScope(scope: IncidentScope, entry: CatalogEntry): boolean {
    return (
        (scope.vendors === undefined || scope.vendors.includes(entry.vendor)) &&
        (scope.kinds === undefined || scope.kinds.includes(entry.kind)) &&
        (scope.types === undefined || scope.types.includes(entry.type))
    );
}

// One row per credential of a stack, from the pack's own facts: the credential catalog's evidence
// (credentialsIn), the owner as the ownership rules resolve it (ownerOf), the age limits and
// incidents as the credential rules judge them (judgeAge, judgeIncident, inScope). Nothing here
// reads a property itself, so the inventory and the gate never disagree about a credential.

import { credentialsIn, CredentialFacts } from "../../policies/credentials/evidence";
import { issueInstant, judgeIncident } from "../../policies/credentials/judgements";
import { Incident, inScope, MaxAgeDays, maxAgeFor } from "../../policies/credentials/settings";
import type { StackView } from "../../policies/lib/model";
import { REDACTED } from "../../policies/lib/redact";
import { addDays, daysBetween, formatDate, parseInstant } from "../../policies/lib/settings/clock";
import { OwnerSettings, ownerOf } from "../../policies/ownership/owner";

export interface InventoryRow {
    readonly stack: string;
    readonly project: string;
    /** The stack's environment, or why it is not known. */
    readonly environment: string;
    readonly kind: string;
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    /** Owner names, "" when no one owns it. */
    readonly owner: string;
    /** Where the owner came from (tag, principal, registry, ...), or why there is none. */
    readonly ownerSource: string;
    /** ISO date, "" when it cannot be proven. */
    readonly issued: string;
    /** What proves the issue date (or why nothing does). */
    readonly issuedEvidence: string;
    readonly ageDays: number | null;
    /** "vendor every 90 days", "deployment (time.Rotating 'r') every 30 days", or "none: ...". */
    readonly rotation: string;
    /** The last day it may still be in use: issue date + its age limit, or an incident's date. "" when unknown. */
    readonly rotateBy: string;
    /** Incidents whose scope holds this credential and that it predates (or cannot be proven not to). */
    readonly exposedTo: readonly string[];
    /** Incidents whose scope holds this credential at all. */
    readonly incidents: readonly string[];
    /** The pack's findings on it: "policy (level)". */
    readonly verdicts: readonly string[];
}

export interface InventorySettings {
    readonly now: Date;
    readonly maxAgeDays: MaxAgeDays;
    readonly incidents: readonly Incident[];
    readonly owners: OwnerSettings;
    /** The stack's environment as stack-environment-known resolves it. */
    readonly environment: string;
}

export interface Verdict {
    readonly urn: string;
    readonly policy: string;
    readonly level: string;
}

function ownerColumns(view: StackView, facts: CredentialFacts, settings: OwnerSettings): { owner: string; ownerSource: string } {
    const resolution = ownerOf(view, facts, settings);
    const claim = resolution.state === "owned" ? resolution : resolution.state === "uncertain" ? resolution.fallback : undefined;
    if (!claim) return { owner: "", ownerSource: resolution.state === "uncertain" ? `uncertain: ${resolution.reason}` : "none" };
    const names = claim.owners.map((o) => (o.secret ? REDACTED : (o.name ?? "(an owner the stack does not declare)")));
    return { owner: names.join(", "), ownerSource: `${claim.source} (${claim.via})` };
}

function rotationColumn(facts: CredentialFacts): string {
    const r = facts.rotation;
    if (r.state === "automatic") return `${r.mechanism}: ${r.describe}, every ${r.intervalDays} days`;
    if (r.state === "none") return `none: ${r.reason}`;
    return `unknown: ${r.reason}`;
}

function issuedColumns(facts: CredentialFacts, now: Date): { issued: string; issuedEvidence: string; at?: Date } {
    const issued = facts.issued;
    const at = issueInstant(issued, now);
    if (issued.state === "known") return { issued: issued.secret ? REDACTED : formatDate(issued.date), issuedEvidence: issued.source, at: issued.secret ? undefined : at };
    if (issued.state === "fresh") return { issued: formatDate(now), issuedEvidence: issued.because, at };
    return { issued: "", issuedEvidence: `unproven: ${issued.reason}` };
}

export function inventoryRows(view: StackView, settings: InventorySettings, verdicts: readonly Verdict[]): InventoryRow[] {
    const { now } = settings;
    const byUrn = new Map<string, string[]>();
    for (const v of verdicts) byUrn.set(v.urn, [...(byUrn.get(v.urn) ?? []), `${v.policy} (${v.level})`]);
    const incidents = settings.incidents.flatMap((incident) => {
        const date = parseInstant(incident.date);
        return date ? [{ ...incident, at: date }] : [];
    });
    return credentialsIn(view, now)
        .filter((facts) => facts.applicability.applies !== false)
        .map((facts) => {
            const { resource, entry } = facts;
            const issued = issuedColumns(facts, now);
            const limit = maxAgeFor(entry.kind, settings.maxAgeDays);
            const scoped = incidents.filter((incident) => inScope(incident.scope, entry));
            const exposed = scoped.filter((incident) => incident.at <= now && judgeIncident(facts, { id: incident.id, date: incident.at }, now, now).verdict !== "ok");
            // Exposed: rotate now (by the incident's own date it was already due). Else its age limit.
            const vendorRotated = facts.rotation.state === "automatic" && facts.rotation.mechanism === "vendor";
            const rotateBy = exposed.length > 0 ? formatDate(now) : vendorRotated ? "" : issued.at ? formatDate(addDays(issued.at, limit)) : "";
            return {
                stack: view.stack,
                project: view.project,
                environment: settings.environment,
                kind: entry.kind,
                type: resource.type,
                name: resource.name,
                urn: resource.urn,
                ...ownerColumns(view, facts, settings.owners),
                issued: issued.issued,
                issuedEvidence: issued.issuedEvidence,
                ageDays: issued.at ? daysBetween(issued.at, now) : null,
                rotation: rotationColumn(facts),
                rotateBy,
                exposedTo: exposed.map((i) => i.id),
                incidents: scoped.map((i) => i.id),
                verdicts: byUrn.get(resource.urn) ?? [],
            };
        });
}

/** The rotation plan for one incident: exposed credentials grouped by owner, oldest first. */
export function rotationPlan(rows: readonly InventoryRow[], incidentId: string): Array<{ owner: string; rows: InventoryRow[] }> {
    const exposed = rows.filter((r) => r.exposedTo.includes(incidentId));
    const groups = new Map<string, InventoryRow[]>();
    for (const row of exposed) groups.set(row.owner || "(no owner)", [...(groups.get(row.owner || "(no owner)") ?? []), row]);
    const oldestFirst = (a: InventoryRow, b: InventoryRow) =>
        (a.issued === "" ? -1 : b.issued === "" ? 1 : a.issued.localeCompare(b.issued)) || a.urn.localeCompare(b.urn);
    return [...groups.entries()]
        .map(([owner, list]) => ({ owner, rows: list.sort(oldestFirst) }))
        .sort((a, b) => oldestFirst(a.rows[0], b.rows[0]) || a.owner.localeCompare(b.owner));
}

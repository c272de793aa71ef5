import { defineStackPolicy, Finding, PolicyContext } from "../lib/define";
import type { StackView } from "../lib/model";
import { formatDate, parseInstant } from "../lib/settings/clock";
import { allowIncidentWaiversSetting } from "../lib/waivers/settings";
import type { SettingsOf } from "../lib/settings/define";
import { CredentialFacts, credentialsIn } from "./evidence";
import { cannotVerify, fix, IncidentInEffect, IncidentVerdict, issuedPhrase, judgeIncident } from "./judgements";
import { Incident, incidentsSetting, inScope, MaxAgeDays, maxAgeDaysSetting, maxAgeFor } from "./settings";

const SETTINGS = [incidentsSetting, maxAgeDaysSetting] as const;

export interface ScopedIncident extends IncidentInEffect {
    readonly scope: Incident["scope"];
}

/** The incidents with a readable date (the settings check refuses the others). */
export function readableIncidents(incidents: readonly Incident[]): ScopedIncident[] {
    return incidents.flatMap((incident) => {
        const date = parseInstant(incident.date);
        return date ? [{ id: incident.id, date, scope: incident.scope }] : [];
    });
}

/** The sentence for an incident verdict; `tail` qualifies it (", within the warning window"). */
export function incidentMessage(facts: CredentialFacts, incident: IncidentInEffect, verdict: IncidentVerdict, limit: number, tail = ""): string | undefined {
    const { subject, entry } = facts;
    const named = `incident ${incident.id} (${formatDate(incident.date)})`;
    switch (verdict.verdict) {
        case "ok":
            return undefined;
        case "before":
            return `${subject} ${issuedPhrase(facts.issued, verdict.issuedAt)}, before ${named} whose scope includes it${tail}; ${entry.fixes.rotate} so that it is re-issued after ${formatDate(incident.date)}.`;
        case "unproven":
            return `${subject} is in the scope of ${named} and its issue date cannot be proven (${verdict.reason})${tail}; ${entry.fixes.rotate}, and ${fix(entry.fixes.automate, limit)} so that its next issue date is on record.`;
        case "unknown":
            return cannotVerify(subject, `was rotated after ${named}`, verdict.reason);
    }
}

/** Every (credential, incident) pair in scope, with the credential's age limit. */
export function* scopedPairs(stack: StackView, incidents: readonly ScopedIncident[], limits: MaxAgeDays, now: Date) {
    for (const facts of credentialsIn(stack, now)) {
        if (facts.applicability.applies === false) continue;
        for (const incident of incidents) {
            if (inScope(incident.scope, facts.entry)) yield { facts, incident, limit: maxAgeFor(facts.entry.kind, limits) };
        }
    }
}

export function checkRotatedAfterIncident(stack: StackView, { settings, now }: PolicyContext<SettingsOf<typeof SETTINGS>>): Finding[] {
    const incidents = readableIncidents(settings.incidents).filter((incident) => incident.date <= now);
    const findings: Finding[] = [];
    for (const { facts, incident, limit } of scopedPairs(stack, incidents, settings.maxAgeDays, now)) {
        const { applicability } = facts;
        const message =
            applicability.applies === "unknown"
                ? cannotVerify(facts.subject, `was rotated after incident ${incident.id} (${formatDate(incident.date)})`, applicability.reason)
                : incidentMessage(facts, incident, judgeIncident(facts, incident, now, now), limit);
        if (message) findings.push({ message, urn: facts.resource.urn });
    }
    return findings;
}

export const credentialRotatedAfterIncident = defineStackPolicy({
    name: "credential-rotated-after-incident",
    description:
        "Treat a third party's breach as your own: every credential in an incident's scope must have been issued after the incident, provably.",
    severity: "critical",
    remediationSteps:
        "Rotate or replace each credential the incident could have exposed so that it is issued after the incident date, and keep issue dates provable (a time.Rotating that re-issues it, or a provider timestamp such as createDate). Incidents are listed in the incidents setting.",
    tags: ["credentials", "incident-response"],
    settings: SETTINGS,
    // A credential exposed by a breach is rotated, not excused, unless the organisation decides otherwise.
    waivable: allowIncidentWaiversSetting,
    checkStack: checkRotatedAfterIncident,
});

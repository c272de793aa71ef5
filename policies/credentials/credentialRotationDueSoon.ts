import { defineStackPolicy, Finding, PolicyContext } from "../lib/define";
import type { StackView } from "../lib/model";
import { addDays, daysBetween, formatDate } from "../lib/settings/clock";
import type { SettingsOf } from "../lib/settings/define";
import { incidentMessage, readableIncidents, scopedPairs } from "./credentialRotatedAfterIncident";
import { credentialsIn } from "./evidence";
import { CIS_1_14 } from "./frameworks";
import { fix, issuedPhrase, judgeAge, judgeIncident } from "./judgements";
import { incidentsSetting, maxAgeDaysSetting, maxAgeFor, warnDaysSetting } from "./settings";

const SETTINGS = [maxAgeDaysSetting, warnDaysSetting, incidentsSetting] as const;

/** What passes credential-max-age and credential-rotated-after-incident now and fails them within warnDays. */
export function checkRotationDueSoon(stack: StackView, { settings, now }: PolicyContext<SettingsOf<typeof SETTINGS>>): Finding[] {
    const findings: Finding[] = [];
    const at = addDays(now, settings.warnDays);
    if (at <= now) return findings;
    const window = `within the ${settings.warnDays}-day warning window`;
    for (const facts of credentialsIn(stack, now)) {
        if (facts.applicability.applies !== true) continue;
        const limit = maxAgeFor(facts.entry.kind, settings.maxAgeDays);
        if (judgeAge(facts, limit, now, now).verdict !== "ok") continue;
        const later = judgeAge(facts, limit, now, at);
        if (later.verdict !== "over") continue;
        const age = daysBetween(later.issuedAt, now);
        findings.push({
            message: `${facts.subject} ${issuedPhrase(facts.issued, later.issuedAt)}, ${age} days ago, and passes the ${limit}-day limit on ${formatDate(later.passes)}, ${window}; ${fix(facts.entry.fixes.rotate, limit)} before then.`,
            urn: facts.resource.urn,
        });
    }
    const upcoming = readableIncidents(settings.incidents).filter((incident) => incident.date <= at);
    for (const { facts, incident, limit } of scopedPairs(stack, upcoming, settings.maxAgeDays, now)) {
        if (facts.applicability.applies !== true || judgeIncident(facts, incident, now, now).verdict !== "ok") continue;
        const later = judgeIncident(facts, incident, now, at);
        if (later.verdict !== "before" && later.verdict !== "unproven") continue;
        const message = incidentMessage(facts, incident, later, limit, `, and the incident takes effect ${window}`);
        if (message) findings.push({ message, urn: facts.resource.urn });
    }
    return findings;
}

export const credentialRotationDueSoon = defineStackPolicy({
    name: "credential-rotation-due-soon",
    description: "Warns ahead of time about credentials that will pass their age limit, or fall under an incident, within warnDays.",
    severity: "low",
    remediationSteps: "Rotate the credential before the date in the message, or make it rotate automatically so that it never comes due.",
    framework: CIS_1_14,
    tags: ["credentials", "forecast"],
    enforcementLevel: "advisory",
    settings: SETTINGS,
    checkStack: checkRotationDueSoon,
});

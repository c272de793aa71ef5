// Waivers: a written, approved, expiring exception to one policy for some resources. Every
// policy consults them before it reports, so every policy carries these settings.

import { setting } from "../settings/define";

/**
 * A waiver as a user writes it. The schema accepts any list item so that a malformed waiver does
 * not make the engine refuse the whole configuration: `waiver-valid` reports it instead, and the
 * finding it tried to waive stays at its level.
 */
export interface WaiverInput {
    readonly policy?: unknown;
    /** A URN, or a pattern with `*`: matched against the URN if it contains "::", else against the resource name. */
    readonly resource?: unknown;
    readonly reason?: unknown;
    readonly approvedBy?: unknown;
    /** RFC 3339 date or date-time. */
    readonly expires?: unknown;
}

export const waiversSetting = setting<readonly WaiverInput[]>()({
    key: "waivers",
    schema: {
        type: "array",
        description:
            "Approved, expiring exceptions: [{policy, resource, reason, approvedBy, expires}]. `resource` is a URN or a pattern with `*` (matched against the URN when it contains \"::\", otherwise against the resource's name); it must name something besides `*` and `:`, and waiver-valid reports a waiver matching more than maxWaiverMatches resources or approved by the owner of a credential it covers. A waived finding is still reported, as advisory, with the waiver's reason, approver and expiry. An invalid waiver (expired, malformed, longer than maxWaiverDays, unapproved, naming no policy) waives nothing and is reported by waiver-valid.",
        default: [],
    },
});

export const maxWaiverDaysSetting = setting<number>()({
    key: "maxWaiverDays",
    schema: {
        type: "integer",
        description: "The longest a waiver may run: its expiry may be at most this many days after the evaluation time.",
        default: 30,
        minimum: 1,
        maximum: 366,
    },
});

export const allowIncidentWaiversSetting = setting<boolean>()({
    key: "allowIncidentWaivers",
    schema: {
        type: "boolean",
        description:
            "Whether a waiver may cover credential-rotated-after-incident. Off by default: a credential exposed by a breach is rotated, not excused.",
        default: false,
    },
});

export const waiverApproversSetting = setting<readonly string[]>()({
    key: "waiverApprovers",
    schema: {
        type: "array",
        items: { type: "string", minLength: 1, pattern: "\\S" },
        description:
            "Who may approve a waiver: when the list is not empty, a waiver's approvedBy must be one of these names (compared case-insensitively); a waiver approved by anyone else waives nothing. Empty (the default) accepts any approver other than the owner of a credential the waiver covers.",
        default: [],
    },
});

export const maxWaiverMatchesSetting = setting<number>()({
    key: "maxWaiverMatches",
    schema: {
        type: "integer",
        description:
            "The most resources of one stack a single waiver may match: waiver-valid reports a waiver whose resource pattern matches more, so that an exception stays an exception and not a policy switched off.",
        default: 10,
        minimum: 1,
        maximum: 10000,
    },
});

export const waiverSettings = [waiversSetting, maxWaiverDaysSetting, waiverApproversSetting] as const;

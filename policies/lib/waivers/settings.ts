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
            "Approved, expiring exceptions: [{policy, resource, reason, approvedBy, expires}]. `resource` is a URN or a pattern with `*` (matched against the URN when it contains \"::\", otherwise against the resource's name). A waived finding is still reported, as advisory, with the waiver's reason, approver and expiry. An invalid waiver (expired, malformed, longer than maxWaiverDays, unapproved, naming no policy) waives nothing and is reported by waiver-valid.",
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

export const waiverSettings = [waiversSetting, maxWaiverDaysSetting] as const;

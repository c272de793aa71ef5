// Reads the engine events a real `pulumi preview --event-log FILE` wrote (one JSON EngineEvent a
// line, pulumi/pulumi sdk/go/common/apitype/events.go) and keeps what policies said: every
// policyEvent becomes a finding, attributed to its resource; resource events give the stack, its
// resources and their types; policy summary events name the policies that ran.

import { parseUrn } from "../../policies/lib/model";
import { InputError } from "../errors";
import { Finding } from "../report/model";
import { isRecord } from "../../policies/lib/props";
import { OutcomeTracker } from "./outcome";

export interface PolicyMetadata {
    readonly pack: string;
    readonly name: string;
    readonly description: string;
    readonly level: "advisory" | "mandatory" | "remediate" | "disabled";
}

export interface EventLog {
    readonly stack: string;
    readonly project: string;
    readonly preview: boolean;
    readonly resources: number;
    readonly findings: readonly Finding[];
    /** Policy name -> pack, for every policy the log says ran (summaries) or reported. */
    readonly policiesRan: ReadonlyMap<string, string>;
    readonly packs: ReadonlyMap<string, string>;
    /**
     * Why the log does not show a finished preview whose policies all ran, in the engine's own
     * words where it gave them (a program error, a pack that crashed, a cancellation). Empty for
     * a complete log, including one whose preview failed only because of mandatory violations.
     */
    readonly failures: readonly string[];
    /** Events of types this reader does not know (a newer CLI's), skipped. */
    readonly skippedEvents: number;
}

const EVENT_KEYS = [
    "cancelEvent",
    "stdoutEvent",
    "diagnosticEvent",
    "preludeEvent",
    "summaryEvent",
    "resourcePreEvent",
    "resOutputsEvent",
    "resOpFailedEvent",
    "policyEvent",
    "policyRemediationEvent",
    "policyLoadEvent",
    "policyAnalyzeSummaryEvent",
    "policyRemediateSummaryEvent",
    "policyAnalyzeStackSummaryEvent",
    "startDebuggingEvent",
    "progressEvent",
    "errorEvent",
];

/** Pulumi's colour directives (`<{%fg 1%}>`, `<{%reset%}>`) and ANSI escapes removed. */
export function plainText(text: string): string {
    // eslint-disable-next-line no-control-regex
    return text.replace(/<\{%[^%]*%\}>/g, "").replace(/\u001b\[[0-9;]*m/g, "");
}

function levelOf(value: unknown): "mandatory" | "advisory" | undefined {
    // apitype writes the engine's lower-case levels; a hand-made or converted log may not.
    switch (typeof value === "string" ? value.toLowerCase() : value) {
        case "mandatory":
        case "remediate":
            return "mandatory";
        case "advisory":
        case "warning":
            return "advisory";
        default:
            return undefined;
    }
}

export function readEventLog(text: string, origin: string, metadata: (pack: string, policy: string) => PolicyMetadata | undefined): EventLog {
    const events: Record<string, unknown>[] = [];
    let skippedEvents = 0;
    text.split("\n").forEach((line, index) => {
        if (line.trim() === "") return;
        let event: unknown;
        try {
            event = JSON.parse(line);
        } catch (error) {
            throw new InputError(`${origin} line ${index + 1} is not JSON (${(error as Error).message}); an event log has one engine event per line.`);
        }
        if (!isRecord(event)) throw new InputError(`${origin} line ${index + 1} is not a Pulumi engine event (it is not a JSON object).`);
        if (!EVENT_KEYS.some((key) => key in event)) {
            // Every EngineEvent carries its sequence number: one of a type we do not know is a
            // newer CLI's event, skipped; anything else is not an event log.
            if (typeof event.sequence === "number") {
                skippedEvents++;
                return;
            }
            throw new InputError(`${origin} line ${index + 1} is not a Pulumi engine event (no ${EVENT_KEYS.slice(0, 3).join(", ")}, ... field).`);
        }
        events.push(event);
    });
    if (events.length === 0) throw new InputError(`${origin} holds no engine events; write one with \`pulumi preview --policy-pack policies --event-log ${origin}\`.`);

    const urns = new Set<string>();
    const types = new Map<string, string>();
    let preview = true;
    const policiesRan = new Map<string, string>();
    const packs = new Map<string, string>();
    const findings: Finding[] = [];
    const outcome = new OutcomeTracker();

    for (const event of events) {
        outcome.observe(event);
        for (const key of ["resourcePreEvent", "resOutputsEvent"]) {
            const metadataOf = isRecord(event[key]) ? (event[key] as Record<string, unknown>).metadata : undefined;
            if (isRecord(metadataOf) && typeof metadataOf.urn === "string") {
                urns.add(metadataOf.urn);
                if (typeof metadataOf.type === "string") types.set(metadataOf.urn, metadataOf.type);
            }
        }
        if (isRecord(event.summaryEvent) && typeof event.summaryEvent.isPreview === "boolean") preview = event.summaryEvent.isPreview;
        if (isRecord(event.summaryEvent) && isRecord(event.summaryEvent.PolicyPacks)) {
            for (const [name, version] of Object.entries(event.summaryEvent.PolicyPacks)) if (!packs.has(name)) packs.set(name, String(version).replace(/^v/, ""));
        }
        for (const key of ["policyAnalyzeSummaryEvent", "policyAnalyzeStackSummaryEvent"]) {
            const summary = event[key];
            if (!isRecord(summary) || typeof summary.policyPackName !== "string") continue;
            packs.set(summary.policyPackName, String(summary.policyPackVersion ?? ""));
            for (const name of [...(Array.isArray(summary.passed) ? summary.passed : []), ...(Array.isArray(summary.failed) ? summary.failed : [])]) {
                if (typeof name === "string") policiesRan.set(name, summary.policyPackName);
            }
        }
        const policy = event.policyEvent;
        if (!isRecord(policy)) continue;
        const level = levelOf(policy.enforcementLevel);
        if (!level || typeof policy.policyName !== "string") continue;
        outcome.violation(policy.policyName, typeof policy.resourceUrn === "string" ? policy.resourceUrn : "", level);
        const pack = String(policy.policyPackName ?? "");
        const version = String(policy.policyPackVersion ?? "");
        packs.set(pack, version);
        policiesRan.set(policy.policyName, pack);
        const urn = typeof policy.resourceUrn === "string" ? policy.resourceUrn : "";
        if (urn) urns.add(urn);
        let message = plainText(String(policy.message ?? "")).trim();
        const known = metadata(pack, policy.policyName);
        // The SDK writes "<description>\n<message>"; the description is dropped as in every report.
        if (known && message.startsWith(`${known.description}\n`)) message = message.slice(known.description.length + 1);
        else if (message.includes("\n")) message = message.slice(message.indexOf("\n") + 1);
        const parsed = parseUrn(urn);
        findings.push({
            stack: parsed.stack,
            project: parsed.project,
            policy: policy.policyName,
            pack,
            packVersion: version,
            level,
            message: message.trim(),
            urn,
            resourceType: types.get(urn) ?? parsed.type,
            resourceName: parsed.name,
        });
    }
    const anyUrn = [...urns][0] ?? "";
    const parsed = parseUrn(anyUrn);
    const failures = outcome.failures(packs.size > 0);
    return { stack: parsed.stack || "unknown", project: parsed.project || "unknown", preview, resources: urns.size, findings, policiesRan, packs, failures, skippedEvents };
}

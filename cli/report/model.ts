// The report every format is written from: findings grouped by stack, each tied to its resource
// (type, name, URN, the source line that declared it when known), and the policies that ran with
// their metadata. Messages pass through redaction once more here: no report carries a secret.

import { parseUrn } from "../../policies/lib/model";
import type { StackReach } from "../reach/rows";
import { redactMessage, redactName, redactUrn } from "./redaction";
import { AnalyzerInfo, Diagnostic, EngineResource, EnforcementLevel, PolicyInfo, Severity, SourceLocation } from "../analyzer/model";

export type FailOn = "mandatory" | "advisory" | "none";
export type Mode = "project" | "state" | "event-log";

export interface Finding {
    readonly stack: string;
    readonly project: string;
    readonly policy: string;
    readonly pack: string;
    readonly packVersion: string;
    readonly level: "mandatory" | "advisory";
    readonly severity?: Severity;
    readonly message: string;
    readonly urn: string;
    readonly resourceType: string;
    readonly resourceName: string;
    readonly source?: SourceLocation;
}

export interface ReportPolicy extends Omit<PolicyInfo, "configSchema" | "enforcementLevel"> {
    readonly pack: string;
    /** The level each stack ran it at (they can differ by config), or the pack's when unknown. */
    readonly enforcementLevel: EnforcementLevel;
}

export interface StackReport {
    readonly stack: string;
    readonly project: string;
    readonly mode: Mode;
    readonly preview: boolean;
    readonly resources: number;
    readonly findings: readonly Finding[];
    /** Policy -> level it ran at in this stack (absent for event logs). */
    readonly levels: Readonly<Record<string, EnforcementLevel>>;
    /** Where the stack came from: a stack config file, an export, an event log. */
    readonly origin: string;
    readonly warnings: readonly string[];
    /**
     * Why this stack was not fully judged (an event log of a failed, cancelled or cut-short
     * preview), in the engine's words where it gave them. Any entry makes the run exit 2.
     */
    readonly failed?: readonly string[];
    /** Which environment the stack is, and where that came from (tag, stackEnvironments, name). */
    readonly environment?: { readonly name?: string; readonly source: string };
    /** Project mode: multi-language components whose children offline never saw (see coverage.ts). */
    readonly unexpanded?: readonly UnexpandedComponent[];
    /** Each credential's reach (policies/reach), computed when a report reads it. */
    readonly reach?: StackReach;
}

export interface UnexpandedComponent {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    readonly source?: SourceLocation;
}

export interface Report {
    readonly tool: { readonly name: "blastwall"; readonly version: string };
    readonly pack?: { readonly name: string; readonly version: string };
    readonly evaluatedAt?: string;
    /** Where evaluatedAt came from: --at, a `now` in the config file, or the clock. */
    readonly evaluatedAtSource?: "--at" | "settings" | "clock";
    readonly failOn: FailOn;
    readonly stacks: readonly StackReport[];
    readonly policies: readonly ReportPolicy[];
}

export interface Summary {
    readonly mandatory: number;
    readonly advisory: number;
    readonly resources: number;
    readonly failing: boolean;
    /** Some stack was not fully judged (StackReport.failed): the run exits 2, never 0 or 1. */
    readonly incomplete: boolean;
}

export function failsAt(level: Finding["level"], failOn: FailOn): boolean {
    if (failOn === "none") return false;
    if (failOn === "advisory") return true;
    return level === "mandatory";
}

export function summarize(report: Report): Summary {
    const findings = report.stacks.flatMap((s) => s.findings);
    return {
        mandatory: findings.filter((f) => f.level === "mandatory").length,
        advisory: findings.filter((f) => f.level === "advisory").length,
        resources: report.stacks.reduce((n, s) => n + s.resources, 0),
        failing: findings.some((f) => failsAt(f.level, report.failOn)),
        incomplete: report.stacks.some((s) => (s.failed?.length ?? 0) > 0),
    };
}

export function findingsFromDiagnostics(
    stack: { stack: string; project: string },
    diagnostics: readonly Diagnostic[],
    resources: readonly EngineResource[],
    secretValues: ReadonlySet<string>,
    /** True for the pack shipped with blastwall, whose messages arrive redacted exactly (redaction.ts). */
    packRedactsExactly = false,
): Finding[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r] as const));
    return diagnostics.map((d) => {
        const resource = byUrn.get(d.urn);
        const parsed = parseUrn(d.urn);
        return {
            stack: stack.stack,
            project: stack.project,
            policy: d.policyName,
            pack: d.policyPackName,
            packVersion: d.policyPackVersion,
            level: d.enforcementLevel,
            severity: d.severity,
            message: redactMessage(d.message, secretValues, packRedactsExactly, resource?.name ?? parsed.name),
            urn: redactUrn(d.urn, resource?.name ?? parsed.name, secretValues),
            resourceType: resource?.type ?? parsed.type,
            resourceName: redactName(resource?.name ?? parsed.name, secretValues),
            source: resource?.source,
        };
    });
}

export function reportPolicies(info: AnalyzerInfo, levels: Readonly<Record<string, EnforcementLevel>>): ReportPolicy[] {
    return info.policies.map((policy) => {
        const { configSchema: _schema, ...rest } = policy;
        return { ...rest, pack: info.name, enforcementLevel: levels[policy.name] ?? policy.enforcementLevel };
    });
}

/** Stable order: stacks as given; findings by resource order, then policy name. */
export function sortFindings(findings: readonly Finding[], resourceOrder: readonly string[]): Finding[] {
    const rank = new Map(resourceOrder.map((urn, i) => [urn, i] as const));
    return [...findings].sort(
        (a, b) => (rank.get(a.urn) ?? Number.MAX_SAFE_INTEGER) - (rank.get(b.urn) ?? Number.MAX_SAFE_INTEGER) || a.policy.localeCompare(b.policy) || a.message.localeCompare(b.message),
    );
}

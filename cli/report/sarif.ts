// SARIF 2.1.0 for code scanning: one rule per policy with its metadata, one result per finding,
// located at the source line that declared the resource when known (so GitHub annotates the pull
// request there), else at the stack's config file or export. The resource is always a logical
// location (its URN). Fingerprints are stable across runs: policy, stack and URN.

import { createHash } from "node:crypto";
import type { Log, Notification, ReportingDescriptor, Result } from "sarif";
import { coverageNotifications } from "./coverage-sarif";
import { policyHelpUri, toolInformationUri } from "./doc-links";
import { Finding, Report, ReportPolicy, StackReport } from "./model";
import { forGitHub } from "./sarif-github";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

const SECURITY_SEVERITY: Record<string, string> = { low: "3.0", medium: "5.5", high: "8.0", critical: "9.5" };

function levelOf(level: string): "error" | "warning" | "none" {
    if (level === "mandatory" || level === "remediate") return "error";
    if (level === "advisory") return "warning";
    return "none";
}

function rule(policy: ReportPolicy, pack: Report["pack"]): ReportingDescriptor {
    const help = [policy.remediationSteps, policy.url ? `More: ${policy.url}` : undefined].filter(Boolean).join("\n\n");
    const framework = policy.framework?.name ? `${policy.framework.name}${policy.framework.version ? ` ${policy.framework.version}` : ""}${policy.framework.reference ? ` ${policy.framework.reference}` : ""}` : undefined;
    return {
        id: policy.name,
        name: policy.name,
        shortDescription: { text: policy.displayName ?? policy.name },
        fullDescription: { text: policy.description },
        help: help ? { text: help, markdown: help } : undefined,
        helpUri: policy.url ?? policyHelpUri(policy.name, pack && { name: policy.pack, version: pack.version }),
        defaultConfiguration: { level: levelOf(policy.enforcementLevel), enabled: policy.enforcementLevel !== "disabled" },
        properties: {
            tags: ["security", ...policy.tags, ...(framework ? [framework] : [])],
            precision: "very-high",
            ...(policy.severity ? { "security-severity": SECURITY_SEVERITY[policy.severity], "problem.severity": policy.severity === "low" ? "recommendation" : "error" } : {}),
            pack: policy.pack,
            kind: policy.kind,
            enforcementLevel: policy.enforcementLevel,
            ...(policy.framework ? { framework: policy.framework } : {}),
        },
    };
}

// Stable across runs (no message text, which holds ages and dates), yet distinct for two findings
// of one policy on one resource: the second and later carry their place among those findings.
function fingerprint(finding: Finding, occurrence: number): string {
    const key = `${finding.policy}\u0000${finding.stack}\u0000${finding.urn}${occurrence > 0 ? `\u0000${occurrence}` : ""}`;
    return createHash("sha256").update(key).digest("hex").slice(0, 32);
}

/** For a result with no source line: the file that best stands for its stack (its export, its stack file). */
export type FallbackLocation = (stack: StackReport) => string | undefined;

export function renderSarif(report: Report, fallbackLocation: FallbackLocation): string {
    const policies = [...report.policies];
    for (const finding of report.stacks.flatMap((s) => s.findings)) {
        if (!policies.some((p) => p.name === finding.policy)) {
            policies.push({ name: finding.policy, description: finding.policy, kind: "unknown", tags: [], pack: finding.pack, enforcementLevel: finding.level, severity: finding.severity });
        }
    }
    const index = new Map(policies.map((p, i) => [p.name, i] as const));
    const seen = new Map<string, number>();
    const occurrence = (finding: Finding) => {
        const key = `${finding.policy}\u0000${finding.stack}\u0000${finding.urn}`;
        const count = seen.get(key) ?? 0;
        seen.set(key, count + 1);
        return count;
    };
    const results: Result[] = report.stacks.flatMap((stack) =>
        stack.findings.map((finding): Result => {
            const file = finding.source?.file ?? fallbackLocation(stack);
            const region = finding.source ? { startLine: finding.source.line, ...(finding.source.column ? { startColumn: finding.source.column } : {}) } : { startLine: 1 };
            return {
                ruleId: finding.policy,
                ruleIndex: index.get(finding.policy),
                level: levelOf(finding.level),
                message: { text: `${finding.resourceType} '${finding.resourceName}' in stack ${finding.stack}: ${finding.message}` },
                locations: [
                    {
                        ...(file ? { physicalLocation: { artifactLocation: { uri: file, uriBaseId: "%SRCROOT%" }, region } } : {}),
                        logicalLocations: [{ name: finding.resourceName, fullyQualifiedName: finding.urn, kind: "resource" }],
                    },
                ],
                partialFingerprints: { "blastwallFinding/v1": fingerprint(finding, occurrence(finding)) },
                properties: { stack: finding.stack, project: finding.project, urn: finding.urn, resourceType: finding.resourceType, enforcementLevel: finding.level, pack: `${finding.pack}@${finding.packVersion}` },
            };
        }),
    );
    const log: Log = {
        $schema: SARIF_SCHEMA,
        version: "2.1.0",
        runs: [
            {
                tool: {
                    driver: {
                        name: "blastwall",
                        version: report.tool.version,
                        semanticVersion: report.tool.version,
                        informationUri: toolInformationUri(report.tool.version),
                        rules: policies.map((p) => rule(p, report.pack)),
                    },
                },
                originalUriBaseIds: { "%SRCROOT%": { description: { text: "The repository root." } } },
                automationDetails: { id: `blastwall/${report.stacks.map((s) => s.stack).join("+")}/` },
                results,
                invocations: [
                    {
                        executionSuccessful: !report.stacks.some((s) => (s.failed?.length ?? 0) > 0),
                        toolExecutionNotifications: [
                            ...report.stacks.flatMap((s) => (s.failed ?? []).map((text): Notification => ({ level: "error", message: { text: `${s.stack}: ${text}` } }))),
                            ...coverageNotifications(report, fallbackLocation),
                        ],
                    },
                ],
                properties: { stacks: report.stacks.map((s) => s.stack), failOn: report.failOn, ...(report.evaluatedAt ? { evaluatedAt: report.evaluatedAt } : {}), ...(report.evaluatedAtSource ? { evaluatedAtSource: report.evaluatedAtSource } : {}), ...(report.pack ? { pack: report.pack } : {}) },
            },
        ],
    };
    return JSON.stringify(forGitHub(log), null, 2) + "\n";
}

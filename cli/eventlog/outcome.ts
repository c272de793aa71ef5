// Whether an event log shows a preview that finished with every policy heard from. A log is
// written as the engine goes (pulumi/pulumi sdk/go/common/apitype/events.go): a preview that
// failed, was cancelled or was cut short still leaves a log, and reading only its policy events
// would turn it into a PASS. What the engine does, and what we read from it:
//   - every error goes out as a diagnosticEvent of severity "error" (deploymentExecutor
//     reportError); when anything failed, the last one is "preview failed" (or "preview canceled"),
//     with no URN. Mandatory policy violations alone also end a preview with "preview failed": that
//     one error, with mandatory policyEvents in the log, is the verdict, not a failure to judge;
//   - the summaryEvent comes at the end of a run that got that far; a log without one was
//     interrupted or cut short (a cancelEvent alone is no evidence: the engine also sends one when
//     a run completes);
//   - a policy pack that ran shows in the summary's PolicyPacks and in its summary events; each
//     policy listed as failed in an analyze summary had a policyEvent for that resource;
//   - an errorEvent is an internal engine error.

import { isRecord } from "../../policies/lib/props";
import { plainText } from "./read";

const VERDICT_ONLY = /^(?:error: )?(?:preview|update) failed$/;

interface FailedPolicy {
    readonly policy: string;
    /** "" for a stack policy (AnalyzeStack summaries name no resource). */
    readonly urn: string;
}

export class OutcomeTracker {
    private readonly errors: string[] = [];
    private readonly internalErrors: string[] = [];
    private summary: Record<string, unknown> | undefined;
    private readonly failedPolicies: FailedPolicy[] = [];
    private readonly violations = new Set<string>();
    private readonly violatedPolicies = new Set<string>();
    private mandatory = 0;

    observe(event: Record<string, unknown>): void {
        const diagnostic = event.diagnosticEvent;
        if (isRecord(diagnostic) && diagnostic.severity === "error") {
            const text = plainText(String(diagnostic.message ?? "")).trim();
            const urn = typeof diagnostic.urn === "string" && diagnostic.urn !== "" ? ` (${diagnostic.urn})` : "";
            this.errors.push(`${text}${urn}`);
        }
        if (isRecord(event.errorEvent)) this.internalErrors.push(plainText(String(event.errorEvent.error ?? "")).trim());
        if (isRecord(event.summaryEvent)) this.summary = event.summaryEvent;
        const resourceSummary = event.policyAnalyzeSummaryEvent;
        if (isRecord(resourceSummary) && Array.isArray(resourceSummary.failed)) {
            const urn = typeof resourceSummary.resourceUrn === "string" ? resourceSummary.resourceUrn : "";
            for (const policy of resourceSummary.failed) if (typeof policy === "string") this.failedPolicies.push({ policy, urn });
        }
        const stackSummary = event.policyAnalyzeStackSummaryEvent;
        if (isRecord(stackSummary) && Array.isArray(stackSummary.failed)) {
            for (const policy of stackSummary.failed) if (typeof policy === "string") this.failedPolicies.push({ policy, urn: "" });
        }
    }

    violation(policy: string, urn: string, level: "mandatory" | "advisory"): void {
        this.violations.add(`${policy}\u0000${urn}`);
        this.violatedPolicies.add(policy);
        if (level === "mandatory") this.mandatory++;
    }

    /** Why the log is not a finished, fully reported preview; empty when it is. */
    failures(anyPackReported: boolean): string[] {
        const failures: string[] = [];
        for (const error of this.errors) {
            if (VERDICT_ONLY.test(error) && this.mandatory > 0) continue;
            failures.push(`the preview reported an error: ${error}`);
        }
        for (const error of this.internalErrors) failures.push(`the engine reported an internal error: ${error}`);
        const summary = this.summary;
        if (!summary) {
            failures.push("the log ends before the preview's summary event: the preview did not finish (it was interrupted, cancelled, or the log was cut short)");
        } else {
            // apitype's SummaryEvent has no result field today; a CLI that adds one is believed.
            const result = typeof summary.result === "string" ? summary.result.toLowerCase() : undefined;
            if (result !== undefined && result !== "succeeded" && result !== "success") failures.push(`the preview's summary gives its result as ${JSON.stringify(summary.result)}`);
            if (summary.maybeCorrupt === true) failures.push("the preview's summary says resources may be in an invalid state (maybeCorrupt)");
            const packsInSummary = isRecord(summary.PolicyPacks) ? Object.keys(summary.PolicyPacks).length : 0;
            if (packsInSummary === 0 && !anyPackReported) failures.push("the preview that wrote this log ran no policy pack; run it with --policy-pack");
        }
        for (const { policy, urn } of this.failedPolicies) {
            const heard = urn ? this.violations.has(`${policy}\u0000${urn}`) : this.violatedPolicies.has(policy);
            if (!heard) {
                failures.push(`the policy summary lists ${policy} as failed${urn ? ` on ${urn}` : ""}, but the log holds no policy event for it: the log is incomplete`);
            }
        }
        return [...new Set(failures)];
    }
}

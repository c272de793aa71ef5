// `check --event-log FILE`: reports from what a real preview's policy pack said. Policy metadata
// (severity, remediation, links) comes from this package's pack when the log names it.

import * as fs from "node:fs";
import type { Policy } from "@pulumi/policy";
import { allPolicies, PACK_NAME } from "../../policies/policies";
import { InputError } from "../errors";
import { readEventLog, PolicyMetadata } from "../eventlog/read";
import { ReportPolicy, StackReport } from "../report/model";
import { CheckResult } from "./project-mode";

function metadataOf(policy: Policy): PolicyMetadata {
    return { pack: PACK_NAME, name: policy.name, description: policy.description, level: policy.enforcementLevel ?? "advisory" };
}

function reportPolicy(policy: Policy): ReportPolicy {
    return {
        name: policy.name,
        displayName: policy.displayName,
        description: policy.description,
        kind: "validateResource" in policy ? "resource" : "validateStack" in policy ? "stack" : "unknown",
        severity: policy.severity,
        remediationSteps: policy.remediationSteps,
        url: policy.url,
        tags: policy.tags ?? [],
        framework: policy.framework,
        pack: PACK_NAME,
        enforcementLevel: policy.enforcementLevel ?? "advisory",
    };
}

export function checkEventLog(file: string): CheckResult {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new InputError(`cannot read event log ${file}: ${(error as Error).message}`);
    }
    const ours = new Map(allPolicies.map((p) => [p.name, p] as const));
    const log = readEventLog(text, file, (pack, name) => (pack === PACK_NAME && ours.has(name) ? metadataOf(ours.get(name) as Policy) : undefined));
    const warnings = log.skippedEvents > 0 ? [`${log.skippedEvents} engine event(s) of a type this blastwall does not know were skipped`] : [];
    const policies: ReportPolicy[] = [];
    const levels: Record<string, "advisory" | "mandatory"> = {};
    for (const [name, pack] of log.policiesRan) {
        const known = pack === PACK_NAME ? ours.get(name) : undefined;
        const reported = log.findings.find((f) => f.policy === name);
        policies.push(known ? reportPolicy(known) : { name, description: name, kind: "unknown", tags: [], pack, enforcementLevel: reported?.level ?? "advisory" });
        levels[name] = reported?.level ?? (known?.enforcementLevel === "advisory" ? "advisory" : "mandatory");
    }
    const stack: StackReport = {
        stack: log.stack,
        project: log.project,
        mode: "event-log",
        preview: log.preview,
        resources: log.resources,
        findings: log.findings,
        levels,
        origin: file,
        warnings,
        failed: log.failures,
        environment: { source: "not recorded in an event log (the preview's pack decided it)" },
    };
    const [packName, packVersion] = [...log.packs.entries()][0] ?? [];
    return { stacks: [stack], policies, info: undefined, ...(packName ? { pack: { name: packName, version: packVersion ?? "" } } : {}) };
}

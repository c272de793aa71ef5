// What GitHub code scanning needs beyond the SARIF 2.1.0 schema, applied to every SARIF log we
// write: its documented upload limits (a run over 25,000 results is rejected whole, so the
// lowest-level results are cut and a notification names what was cut), waived findings as
// suppressions (kind external, with the waiver's justification) rather than open alerts, and
// rules whose `name` and `shortDescription` say more than their id.

import type { Log, Notification, ReportingDescriptor, Result, Run, Suppression } from "sarif";

/** GitHub's documented hard limits for one SARIF upload. */
export const GITHUB_LIMITS = { runsPerFile: 20, resultsPerRun: 25_000, rulesPerRun: 25_000, tagsPerRule: 20, locationsPerResult: 1_000 } as const;

// policies/lib/waivers/apply.ts ends a waived finding's message this way.
const WAIVED = /Waived until (\S+) \(waiver #(\d+), approved by ([^)]+)\): (.*)$/s;

function ruleName(id: string): string {
    return id
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean)
        .map((word) => word[0].toUpperCase() + word.slice(1))
        .join("");
}

function firstSentence(text: string): string {
    const match = /^(.+?[.!?])(\s|$)/s.exec(text.trim());
    return (match ? match[1] : text.trim()).slice(0, 1000);
}

function forRule(rule: ReportingDescriptor): ReportingDescriptor {
    const description = rule.fullDescription?.text ?? "";
    const short = rule.shortDescription?.text;
    const tags = rule.properties?.tags;
    return {
        ...rule,
        name: rule.name === undefined || rule.name === rule.id ? ruleName(rule.id) : rule.name,
        shortDescription: { text: short && short !== rule.id ? short : firstSentence(description) || rule.id },
        ...(Array.isArray(tags) ? { properties: { ...rule.properties, tags: tags.slice(0, GITHUB_LIMITS.tagsPerRule) } } : {}),
    };
}

function suppression(result: Result): Suppression[] | undefined {
    const match = WAIVED.exec(result.message.text ?? "");
    if (!match) return undefined;
    const [, expires, number, approvedBy, reason] = match;
    return [{ kind: "external", status: "accepted", justification: `Waiver #${number}, approved by ${approvedBy}, until ${expires}: ${reason}`.slice(0, 2000) }];
}

const RANK: Record<string, number> = { error: 0, warning: 1, note: 2, none: 3 };

function capped(run: Run): Run {
    const results = run.results ?? [];
    if (results.length <= GITHUB_LIMITS.resultsPerRun) return run;
    // Keep the most severe: a stable sort by level, then the first 25,000.
    const order = results.map((result, index) => ({ result, index })).sort((a, b) => (RANK[a.result.level ?? "warning"] ?? 1) - (RANK[b.result.level ?? "warning"] ?? 1) || a.index - b.index);
    const kept = new Set(order.slice(0, GITHUB_LIMITS.resultsPerRun).map((o) => o.index));
    const cutByRule = new Map<string, number>();
    results.forEach((r, i) => {
        if (!kept.has(i)) cutByRule.set(r.ruleId ?? "unknown", (cutByRule.get(r.ruleId ?? "unknown") ?? 0) + 1);
    });
    const cut = results.length - kept.size;
    const named = [...cutByRule.entries()].map(([rule, count]) => `${rule} (${count})`).join(", ");
    const notification: Notification = {
        level: "warning",
        message: { text: `${cut} of ${results.length} results were left out: GitHub accepts at most ${GITHUB_LIMITS.resultsPerRun} per run. Cut, lowest level first: ${named}. The JSON or text report lists every finding.` },
    };
    const invocations = run.invocations?.length ? run.invocations : [{ executionSuccessful: true }];
    return {
        ...run,
        results: results.filter((_, i) => kept.has(i)),
        invocations: invocations.map((inv, i) => (i === 0 ? { ...inv, toolExecutionNotifications: [...(inv.toolExecutionNotifications ?? []), notification] } : inv)),
    };
}

export function forGitHub(log: Log): Log {
    return {
        ...log,
        runs: log.runs.map((run) =>
            capped({
                ...run,
                tool: { ...run.tool, driver: { ...run.tool.driver, rules: run.tool.driver.rules?.map(forRule) } },
                results: run.results?.map((r) => {
                    const suppressions = suppression(r);
                    return suppressions ? { ...r, suppressions } : r;
                }),
            }),
        ),
    };
}

/** Where a log breaks GitHub's documented upload rules (empty when it can be uploaded as is). */
export function githubProblems(log: Log): string[] {
    const problems: string[] = [];
    if (log.version !== "2.1.0") problems.push(`version ${log.version} is not 2.1.0`);
    if (log.runs.length > GITHUB_LIMITS.runsPerFile) problems.push(`${log.runs.length} runs (at most ${GITHUB_LIMITS.runsPerFile})`);
    log.runs.forEach((run, r) => {
        const results = run.results ?? [];
        const rules = run.tool.driver.rules ?? [];
        if (results.length > GITHUB_LIMITS.resultsPerRun) problems.push(`run ${r}: ${results.length} results (at most ${GITHUB_LIMITS.resultsPerRun})`);
        if (rules.length > GITHUB_LIMITS.rulesPerRun) problems.push(`run ${r}: ${rules.length} rules`);
        for (const rule of rules) {
            if ((rule.properties?.tags?.length ?? 0) > GITHUB_LIMITS.tagsPerRule) problems.push(`rule ${rule.id}: more than ${GITHUB_LIMITS.tagsPerRule} tags`);
            if (!rule.shortDescription?.text) problems.push(`rule ${rule.id}: no shortDescription`);
        }
        results.forEach((result, i) => {
            if (!result.ruleId) problems.push(`run ${r} result ${i}: no ruleId`);
            if (!result.message?.text) problems.push(`run ${r} result ${i}: no message text`);
            if ((result.locations?.length ?? 0) > GITHUB_LIMITS.locationsPerResult) problems.push(`run ${r} result ${i}: too many locations`);
            if (!result.locations?.some((l) => l.physicalLocation?.artifactLocation?.uri)) problems.push(`run ${r} result ${i} (${result.ruleId}): no physical location, so code scanning cannot show it`);
        });
    });
    return problems;
}

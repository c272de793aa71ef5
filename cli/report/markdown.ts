// Markdown for a pull-request comment or $GITHUB_STEP_SUMMARY: a verdict line, a table per stack,
// one row per finding.

import { coverageSentences } from "./coverage";
import { Report, summarize } from "./model";

// `<` and `>` would be read as HTML (`Owner=<team>` vanishes as a tag); `|` ends a table cell,
// even inside a code span.
function cell(text: string): string {
    return text.replace(/\\/g, "\\\\").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

function code(text: string): string {
    return `\`${text.replace(/`/g, "'").replace(/\|/g, "\\|").replace(/\r?\n/g, " ")}\``;
}

/** GitHub refuses a job summary over 1 MiB; stay under it with room for the note on what was cut. */
export const MARKDOWN_LIMIT_BYTES = 1_000_000;

export function renderMarkdown(report: Report): string {
    const summary = summarize(report);
    const icon = summary.incomplete ? "⚠️" : summary.failing ? "❌" : "✅";
    const pack = report.pack ? ` with ${code(`${report.pack.name}@v${report.pack.version}`)}` : "";
    const lines = [
        `## ${icon} blastwall check: ${summary.mandatory} mandatory, ${summary.advisory} advisory`,
        "",
        `${report.stacks.length} stack${report.stacks.length === 1 ? "" : "s"}, ${summary.resources} resources${pack}; fails on ${code(report.failOn)}${report.evaluatedAt ? `; evaluated at ${report.evaluatedAt}${report.evaluatedAtSource ? ` from ${code(report.evaluatedAtSource)}` : ""}` : ""}.`,
        "",
        "| Stack | Resources | Mandatory | Advisory |",
        "| --- | ---: | ---: | ---: |",
        ...report.stacks.map(
            (s) =>
                `| ${code(s.stack)} | ${s.resources} | ${s.findings.filter((f) => f.level === "mandatory").length} | ${s.findings.filter((f) => f.level === "advisory").length} |`,
        ),
    ];
    for (const stack of report.stacks) {
        const environment = stack.environment;
        if (environment) lines.push("", `${code(stack.stack)} environment: ${cell(environment.name ? `${environment.name}, from ${environment.source}` : environment.source)}`);
        for (const failure of stack.failed ?? []) lines.push("", `**Not judged:** ${code(stack.stack)}: ${cell(failure)}`);
        if (stack.findings.length === 0) continue;
        lines.push("", `### ${code(stack.stack)}`, "", "| Level | Policy | Resource | Declared at | Message |", "| --- | --- | --- | --- | --- |");
        for (const f of stack.findings) {
            const level = f.level === "mandatory" ? "🔴 mandatory" : "🟡 advisory";
            const where = f.source ? code(`${f.source.file}:${f.source.line}`) : "";
            lines.push(`| ${level} | ${code(f.policy)} | ${code(f.resourceName)} (${cell(f.resourceType)}) | ${where} | ${cell(f.message)} |`);
        }
    }
    const unseen = coverageSentences(report);
    if (unseen.length > 0) lines.push("", "### ⚠️ Not seen offline", "", ...unseen.map((s) => `- ${cell(s)}`));
    const warnings = report.stacks.flatMap((s) => s.warnings.map((w) => `${s.stack}: ${w}`));
    if (warnings.length > 0) lines.push("", "<details><summary>Warnings</summary>", "", ...warnings.map((w) => `- ${cell(w)}`), "", "</details>");
    return bounded(lines);
}

function bounded(lines: readonly string[]): string {
    const text = lines.join("\n") + "\n";
    if (Buffer.byteLength(text) <= MARKDOWN_LIMIT_BYTES) return text;
    const kept: string[] = [];
    let size = 0;
    let cut = 0;
    for (const line of lines) {
        const bytes = Buffer.byteLength(line) + 1;
        if (cut > 0 || size + bytes > MARKDOWN_LIMIT_BYTES - 1000) {
            if (line.startsWith("| 🔴") || line.startsWith("| 🟡")) cut++;
            continue;
        }
        kept.push(line);
        size += bytes;
    }
    kept.push("", `> **${cut} finding${cut === 1 ? "" : "s"} not shown**: this summary stops under GitHub's 1 MiB limit. The SARIF, JSON or text report lists every finding.`);
    return kept.join("\n") + "\n";
}

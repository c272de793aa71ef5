// The default report: Pulumi-like, grouped by stack then resource, coloured only on a terminal.

import { coverageSentence } from "./coverage";
import { Finding, Report, summarize } from "./model";
import { terminalSafe } from "./terminal";

export interface TextOptions {
    readonly color: boolean;
}

const codes = { red: 31, yellow: 33, green: 32, bold: 1, dim: 2 } as const;

function painter(enabled: boolean) {
    return (code: keyof typeof codes, text: string) => (enabled ? `\u001b[${codes[code]}m${text}\u001b[0m` : text);
}

function plural(count: number, word: string): string {
    return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function indentLines(text: string, prefix: string): string {
    return text
        .split("\n")
        .map((line) => prefix + line)
        .join("\n");
}

export function renderText(untrusted: Report, options: TextOptions): string {
    const report = terminalSafe(untrusted);
    const paint = painter(options.color);
    const lines: string[] = [];
    for (const stack of report.stacks) {
        const kind = stack.mode === "project" ? "preview under mocks" : stack.mode === "state" ? "exported state" : "event log";
        lines.push(paint("bold", `Stack ${stack.stack}`) + paint("dim", ` (project ${stack.project}, ${plural(stack.resources, "resource")}, ${kind}, ${stack.origin})`));
        const environment = stack.environment;
        if (environment) lines.push(paint("dim", `    environment: ${environment.name ? `${environment.name}, from ${environment.source}` : environment.source}`));
        const failed = stack.failed ?? [];
        if (stack.findings.length === 0) lines.push(failed.length > 0 ? "    no policy violations reported before it failed" : `    ${paint("green", "no policy violations")}`);
        const byResource = new Map<string, Finding[]>();
        for (const finding of stack.findings) {
            const list = byResource.get(finding.urn);
            if (list) list.push(finding);
            else byResource.set(finding.urn, [finding]);
        }
        for (const findings of byResource.values()) {
            const first = findings[0];
            const where = first.source ? paint("dim", `  ${first.source.file}:${first.source.line}`) : "";
            lines.push(`    ${first.resourceType} (${paint("bold", first.resourceName)})${where}`);
            for (const finding of findings) {
                const level = finding.level === "mandatory" ? paint("red", "[mandatory]") : paint("yellow", "[advisory] ");
                lines.push(`        ${level}  ${finding.policy}  ${paint("dim", `${finding.pack}@v${finding.packVersion}`)}`);
                lines.push(indentLines(finding.message, "        "));
            }
        }
        for (const failure of failed) lines.push(indentLines(`${paint("red", "error:")} ${failure}`, "    ").replace(/\n {4}/g, "\n        "));
        lines.push("");
        for (const warning of stack.warnings) lines.push(paint("yellow", `    warning: ${warning}`));
        if (stack.warnings.length > 0) lines.push("");
        const unseen = coverageSentence(stack);
        if (unseen) lines.push(paint("yellow", `    not seen offline: ${unseen}`), "");
    }
    const summary = summarize(report);
    const pack = report.pack ? ` (${report.pack.name}@v${report.pack.version})` : "";
    const counts = `${plural(summary.mandatory, "mandatory violation")}, ${plural(summary.advisory, "advisory violation")} in ${plural(report.stacks.length, "stack")}${pack}`;
    const verdict = summary.incomplete ? paint("red", "INCOMPLETE") : summary.failing ? paint("red", "FAIL") : paint("green", "PASS");
    const at = report.evaluatedAt ? `, evaluated at ${report.evaluatedAt}${report.evaluatedAtSource ? ` from ${report.evaluatedAtSource}` : ""}` : "";
    const unexpanded = report.stacks.reduce((n, s) => n + (s.unexpanded?.length ?? 0), 0);
    if (unexpanded > 0) lines.push(paint("yellow", `Incomplete: ${plural(unexpanded, "component")} not expanded offline; their children were not evaluated (--require-complete fails on this).`));
    lines.push(`Policy Violations: ${counts}`);
    const why = summary.incomplete ? "; a stack was not fully judged, see its errors" : "";
    lines.push(`Result: ${verdict} (--fail-on ${report.failOn}${at}${why})`);
    return lines.join("\n") + "\n";
}

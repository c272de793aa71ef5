// JUnit XML for CI test views: one suite per stack, one test case per policy that ran there.
// A case fails when the policy reported anything at or above --fail-on (every finding listed in
// the failure); findings below it are kept in the case's system-out; a disabled policy is skipped.

import { coverageSentence } from "./coverage";
import { failsAt, Finding, Report } from "./model";

const XML_INVALID = /[\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeXml(text: string): string {
    return text
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;")
        .replace(/'/g, "&apos;")
        // XML 1.0 forbids most control characters, even escaped.
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
        // ...and U+FFFE, U+FFFF and unpaired surrogates: shown as visible escapes, the XML kept valid.
        .replace(XML_INVALID, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function describeFinding(finding: Finding): string {
    const where = finding.source ? ` (${finding.source.file}:${finding.source.line})` : "";
    return `[${finding.level}] ${finding.resourceType} '${finding.resourceName}'${where}: ${finding.message}`;
}

/** The evaluation time and its source, as suite properties, so a CI view shows when it was judged. */
function timeProperties(report: Report): string {
    if (!report.evaluatedAt) return "";
    const property = (name: string, value: string) => `      <property name="${name}" value="${escapeXml(value)}"/>`;
    const properties = [property("evaluatedAt", report.evaluatedAt), ...(report.evaluatedAtSource ? [property("evaluatedAtSource", report.evaluatedAtSource)] : [])];
    return `    <properties>\n${properties.join("\n")}\n    </properties>\n`;
}

export function renderJunit(report: Report): string {
    const suites: string[] = [];
    let totalTests = 0;
    let totalFailures = 0;
    let totalSkipped = 0;
    let totalErrors = 0;
    for (const stack of report.stacks) {
        const names = new Set<string>([...Object.keys(stack.levels), ...stack.findings.map((f) => f.policy)]);
        const cases: string[] = [];
        let failures = 0;
        let skipped = 0;
        for (const policy of [...names].sort()) {
            const findings = stack.findings.filter((f) => f.policy === policy);
            const failing = findings.filter((f) => failsAt(f.level, report.failOn));
            const attributes = `classname="${escapeXml(`blastwall.${stack.project}.${stack.stack}`)}" name="${escapeXml(policy)}"`;
            if (stack.levels[policy] === "disabled") {
                skipped++;
                cases.push(`    <testcase ${attributes}>\n      <skipped message="policy disabled"/>\n    </testcase>`);
                continue;
            }
            const body: string[] = [];
            if (failing.length > 0) {
                failures++;
                const type = failing.some((f) => f.level === "mandatory") ? "mandatory" : "advisory";
                const message = `${failing.length} violation${failing.length === 1 ? "" : "s"} of ${policy}`;
                body.push(`      <failure type="${type}" message="${escapeXml(message)}">${escapeXml(failing.map(describeFinding).join("\n"))}</failure>`);
            }
            const below = findings.filter((f) => !failsAt(f.level, report.failOn));
            if (below.length > 0) body.push(`      <system-out>${escapeXml(below.map(describeFinding).join("\n"))}</system-out>`);
            cases.push(body.length > 0 ? `    <testcase ${attributes}>\n${body.join("\n")}\n    </testcase>` : `    <testcase ${attributes}/>`);
        }
        // A stack not fully judged is one test case in error, with the engine's words.
        const errors = (stack.failed?.length ?? 0) > 0 ? 1 : 0;
        if (errors > 0) {
            const text = (stack.failed ?? []).join("\n");
            cases.push(`    <testcase classname="${escapeXml(`blastwall.${stack.project}.${stack.stack}`)}" name="evaluation">\n      <error message="the stack was not fully judged">${escapeXml(text)}</error>\n    </testcase>`);
        }
        totalTests += names.size + errors;
        totalFailures += failures;
        totalErrors += errors;
        totalSkipped += skipped;
        const unseen = coverageSentence(stack);
        if (unseen) cases.push(`    <system-out>${escapeXml(`not seen offline: ${unseen}`)}</system-out>`);
        suites.push(
            `  <testsuite name="${escapeXml(`${stack.project}/${stack.stack}`)}" tests="${names.size + errors}" failures="${failures}" errors="${errors}" skipped="${skipped}">\n${timeProperties(report)}${cases.join("\n")}\n  </testsuite>`,
        );
    }
    return (
        `<?xml version="1.0" encoding="UTF-8"?>\n` +
        `<testsuites name="blastwall" tests="${totalTests}" failures="${totalFailures}" errors="${totalErrors}" skipped="${totalSkipped}">\n${suites.join("\n")}\n</testsuites>\n`
    );
}

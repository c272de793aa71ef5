// What code scanning and job summaries need from the reports: fingerprints that keep two findings
// apart, Markdown that neither loses `<team>` as HTML nor breaks a row on `|`, and a summary that
// stays under GitHub's 1 MiB with a note of what was cut.
import { strict as assert } from "node:assert";
import { MARKDOWN_LIMIT_BYTES, renderMarkdown } from "../../../cli/report/markdown";
import { renderSarif } from "../../../cli/report/sarif";
import { finding, sampleReport } from "./sample";

function withFindings(findings: ReturnType<typeof finding>[]) {
    const report = sampleReport();
    return { ...report, stacks: [{ ...report.stacks[0], findings }] };
}

describe("reports for GitHub", () => {
    it("SARIF gives two findings of one policy on one resource different fingerprints, the first unchanged", () => {
        const one = JSON.parse(renderSarif(withFindings([finding()]), () => undefined));
        const two = JSON.parse(renderSarif(withFindings([finding(), finding({ message: "Another fact about the same key." })]), () => undefined));
        const prints = two.runs[0].results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints["blastwallFinding/v1"]);
        assert.equal(new Set(prints).size, 2);
        assert.equal(prints[0], one.runs[0].results[0].partialFingerprints["blastwallFinding/v1"]);
    });

    it("Markdown escapes < and > so a value like Owner=<team> shows, and | in a resource name keeps the row", () => {
        const markdown = renderMarkdown(withFindings([finding({ resourceName: "a|b", message: "Set Owner=<team> on it." })]));
        assert.ok(markdown.includes("Set Owner=&lt;team&gt; on it."), markdown);
        const row = markdown.split("\n").find((l) => l.startsWith("| 🔴"));
        assert.ok(row);
        assert.ok(row.includes("`a\\|b`"), row);
        assert.equal(row.split(/(?<!\\)\|/).length, 7, row);
    });

    it("Markdown stays under GitHub's 1 MiB job-summary limit and says how many findings it cut", () => {
        const many = Array.from({ length: 8000 }, (_, i) => finding({ resourceName: `key-${i}`, urn: `urn:pulumi:prod::deploy-keys::aws:iam/accessKey:AccessKey::key-${i}`, message: "x".repeat(200) }));
        const markdown = renderMarkdown(withFindings(many));
        assert.ok(Buffer.byteLength(markdown) <= MARKDOWN_LIMIT_BYTES, `${Buffer.byteLength(markdown)} bytes`);
        const shown = markdown.split("\n").filter((l) => l.startsWith("| 🔴")).length;
        assert.ok(shown > 0 && shown < 8000);
        assert.match(markdown, new RegExp(`\\*\\*${8000 - shown} findings not shown\\*\\*: this summary stops under GitHub's 1 MiB limit`));
    });
});

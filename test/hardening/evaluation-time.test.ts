// Every report says when it judged and why that time: `--at`, a `now` in the config file, or the
// clock; a `now` in a config file that lies in the past (a frozen clock: no credential ages) is a
// warning, while `--at` in the past is a deliberate replay and is not. Through the real CLI, and
// each renderer on its own for the formats the CLI runs would repeat.

import { strict as assert } from "node:assert";
import { evaluationTimeOf } from "../../cli/check/evaluation-time";
import { renderJunit } from "../../cli/report/junit";
import { renderMarkdown } from "../../cli/report/markdown";
import { renderSarif } from "../../cli/report/sarif";
import { renderText } from "../../cli/report/text";
import { json, runCli, tempFile } from "../cli/e2e/cli";
import { sampleReport } from "../cli/report/sample";
import { XMLValidator } from "fast-xml-parser";
import { stateFile } from "./state-export";

const STATE = () => stateFile([{ type: "aws:iam/user:User", name: "ci", outputs: { name: "ci", tags: { Owner: "platform-team" } } }]);

const FROZEN_WARNING = (file: string) =>
    `the config file ${file} sets now: 2024-01-02, in the past: every policy judges at that time, so no credential ages past it; remove now to judge at the current time, or pass --at to replay a date on purpose.`;

describe("hardening: the evaluation time and its source in every report (blastwall check)", function () {
    this.timeout(180_000);

    it("warns about a past `now` in a settings file, and says the report judged at it, from settings", async () => {
        const config = tempFile("blastwall.yaml", "now: 2024-01-02\n");
        const result = await runCli(["check", "--state", STATE(), "--config", config, "--format", "json"]);
        const report = json(result) as ReturnType<typeof json> & { evaluatedAt?: string; evaluatedAtSource?: string };
        assert.equal(report.evaluatedAt, "2024-01-02");
        assert.equal(report.evaluatedAtSource, "settings");
        assert.deepEqual(
            report.stacks.flatMap((s) => (s as unknown as { warnings: string[] }).warnings.filter((w) => w.includes("sets now"))),
            [FROZEN_WARNING(config)],
        );
    });

    it("does not warn about --at in the past, and the text report names --at as the source", async () => {
        const result = await runCli(["check", "--state", STATE(), "--at", "2024-01-02"]);
        assert.ok(!result.stdout.includes("sets now"), result.stdout);
        assert.match(result.stdout, /^Result: (PASS|FAIL) \(--fail-on mandatory, evaluated at 2024-01-02 from --at\)$/m);
    });

    it("names the clock when nothing sets the time", async () => {
        const result = await runCli(["check", "--state", STATE(), "--format", "json"]);
        const report = json(result) as unknown as { evaluatedAt: string; evaluatedAtSource: string };
        assert.equal(report.evaluatedAtSource, "clock");
        assert.ok(Math.abs(Date.parse(report.evaluatedAt) - Date.now()) < 10 * 60_000, report.evaluatedAt);
    });
});

describe("the evaluation time in each report format", () => {
    const report = sampleReport({ evaluatedAt: "2024-01-02", evaluatedAtSource: "settings" });

    it("text", () => assert.match(renderText(report, { color: false }), /evaluated at 2024-01-02 from settings\)/));
    it("markdown", () => assert.ok(renderMarkdown(report).includes("evaluated at 2024-01-02 from `settings`"), renderMarkdown(report)));
    it("SARIF run properties", () => {
        const run = (JSON.parse(renderSarif(report, () => undefined)) as { runs: { properties: Record<string, unknown> }[] }).runs[0];
        assert.equal(run.properties.evaluatedAt, "2024-01-02");
        assert.equal(run.properties.evaluatedAtSource, "settings");
    });
    it("JUnit suite properties", () => {
        const xml = renderJunit(report);
        assert.equal(XMLValidator.validate(xml), true);
        assert.ok(xml.includes('<property name="evaluatedAt" value="2024-01-02"/>') && xml.includes('<property name="evaluatedAtSource" value="settings"/>'), xml);
    });
});

describe("evaluationTimeOf", () => {
    const clock = () => new Date("2026-06-15T12:00:00Z");
    const file = (document: Record<string, unknown>) => ({ file: "blastwall.yaml", document });

    it("prefers --at, never warning", () => assert.deepEqual(evaluationTimeOf(file({ now: "1970-01-01" }), "2020-01-01", clock), { at: "2020-01-01", source: "--at" }));
    it("reads the clock when nothing sets now", () => assert.deepEqual(evaluationTimeOf(undefined, undefined, clock), { at: "2026-06-15T12:00:00.000Z", source: "clock" }));
    it("does not warn about today or the future", () => {
        assert.deepEqual(evaluationTimeOf(file({ now: "2026-06-15" }), undefined, clock), { at: "2026-06-15", source: "settings" });
        assert.deepEqual(evaluationTimeOf(file({ now: "2027-01-01" }), undefined, clock), { at: "2027-01-01", source: "settings" });
    });
    it("finds a `now` in a per-policy block or a settings document's policies overrides", () => {
        assert.equal(evaluationTimeOf(file({ "credential-max-age": { now: "1970-01-01" } }), undefined, clock).warning?.includes("sets now: 1970-01-01"), true);
        assert.equal(evaluationTimeOf(file({ policies: { "credential-max-age": { now: "1970-01-01" } } }), undefined, clock).warning?.includes("sets now: 1970-01-01"), true);
    });
});

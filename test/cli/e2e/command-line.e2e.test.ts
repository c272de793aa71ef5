// Every command reads its command line the same way. An option that takes one value, given twice,
// is refused: node's parser keeps the last value, so `check --stack prod --stack staging` checked
// staging alone and passed without a word about prod (a stack the gate did not see). `--at` is a
// date wherever it is taken, refused in the same words before any work (inventory left it to the
// pack's schemas, a line per policy).
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { mapLimited } from "../../../cli/concurrency";
import { FIXTURES, json, PROJECTS, runCli, tempFile } from "./cli";

const STATE = path.join(FIXTURES, "states", "prod-old-keys.json");
const PROJECT = path.join(PROJECTS, "unknown-env");

const cases: { args: string[]; message: string }[] = [
    {
        args: ["check", "--project", PROJECT, "--stack", "prod", "--stack", "staging"],
        message: "blastwall: error: --stack was given 2 times (prod, staging), but blastwall check takes one --stack; --stack all takes every stack of the project. See blastwall check --help.",
    },
    { args: ["check", "--project", PROJECT, "--project", FIXTURES], message: `blastwall: error: --project was given 2 times (${PROJECT}, ${FIXTURES}), but blastwall check takes one --project.` },
    { args: ["check", "--state", STATE, "--fail-on", "none", "--fail-on", "mandatory"], message: "blastwall: error: --fail-on was given 2 times (none, mandatory), but blastwall check takes one --fail-on." },
    { args: ["reach", "--state", STATE, "--state", STATE], message: "blastwall: error: --state was given 2 times" },
    { args: ["reach", "--project", PROJECT, "--stack", "a", "--stack", "b"], message: "blastwall: error: --stack was given 2 times (a, b), but blastwall reach takes one --stack" },
    { args: ["inventory", "--state", STATE, "--incident", "a", "--incident", "b"], message: "blastwall: error: --incident was given 2 times (a, b), but blastwall inventory takes one --incident." },
    { args: ["inventory", "--state", STATE, "--at", "2027-13-01"], message: "blastwall: error: --at 2027-13-01 is not a date; give an RFC 3339 date (2027-01-01) or date-time (2027-01-01T00:00:00Z)." },
    { args: ["reach", "--state", STATE, "--at", "tomorrow"], message: "blastwall: error: --at tomorrow is not a date; give an RFC 3339 date (2027-01-01) or date-time (2027-01-01T00:00:00Z)." },
    { args: ["init", "--project", PROJECT, "--output", "a.yaml", "--output", "b.yaml"], message: "blastwall: error: --output was given 2 times (a.yaml, b.yaml), but blastwall init takes one --output." },
    { args: ["policies", "--format", "json", "--format", "text"], message: "blastwall: error: --format was given 2 times (json, text), but blastwall policies takes one --format." },
    { args: ["config", "expand", "x.yaml", "--output", "a.json", "--output", "b.json"], message: "blastwall: error: --output was given 2 times (a.json, b.json), but blastwall config expand takes one --output." },
];

describe("the command line of every command (exit code 2)", function () {
    this.timeout(180_000);

    it("refuses an option that takes one value when it is given twice, naming both values, and a bad --at wherever it is taken", async () => {
        const results = await mapLimited(cases, 2, async (c) => ({ c, result: await runCli(c.args) }));
        for (const { c, result } of results) {
            assert.equal(result.code, 2, `${c.args.join(" ")}: ${result.stderr}`);
            assert.equal(result.stdout, "", c.args.join(" "));
            assert.ok(result.stderr.includes(c.message), `${c.args.join(" ")}: expected stderr to include ${JSON.stringify(c.message)}:\n${result.stderr}`);
        }
    });

    it("still takes a repeatable option many times", async () => {
        const result = await runCli(["check", "--state", STATE, "--state", path.join(FIXTURES, "states", "sandbox.json"), "--at", "2026-01-01", "--format", "json", "--format", `text=${tempFile("report.txt")}`, "--quiet"]);
        assert.equal(result.code, 1, result.stderr);
        assert.deepEqual(json(result).stacks.map((s) => s.stack).sort(), ["prod", "sandbox"]);
    });
});

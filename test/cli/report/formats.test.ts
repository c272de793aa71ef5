import { strict as assert } from "node:assert";
import * as path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { renderJson } from "../../../cli/report/json";
import { renderJunit } from "../../../cli/report/junit";
import { renderMarkdown } from "../../../cli/report/markdown";
import { findingsFromDiagnostics, summarize } from "../../../cli/report/model";
import { renderSarif } from "../../../cli/report/sarif";
import { renderText } from "../../../cli/report/text";
import { sampleReport } from "./sample";

// The official SARIF 2.1.0 (rtm.5) schema is draft-04; validate it the way Microsoft's own SARIF
// matchers do, with the draft-04-capable Ajv they ship with.
const jestSarif = path.dirname(require.resolve("@microsoft/jest-sarif/package.json"));
/* eslint-disable @typescript-eslint/no-require-imports */
const Ajv4 = require(require.resolve("ajv", { paths: [jestSarif] })) as new (options: object) => {
    addMetaSchema(schema: object): void;
    compile(schema: object): ((data: unknown) => boolean) & { errors?: Array<{ dataPath: string; message: string }> };
};
const draft04 = require(require.resolve("ajv/lib/refs/json-schema-draft-04.json", { paths: [jestSarif] })) as object;
const sarifSchema = require(path.join(jestSarif, "lib", "schemas", "sarif-2.1.0-rtm.5.json")) as object;
/* eslint-enable @typescript-eslint/no-require-imports */

export function validateSarif(text: string): string[] {
    const ajv = new Ajv4({ schemaId: "auto", allErrors: true });
    ajv.addMetaSchema(draft04);
    const validate = ajv.compile(sarifSchema);
    return validate(JSON.parse(text)) ? [] : (validate.errors ?? []).map((e) => `${e.dataPath} ${e.message}`);
}

export function parseJunit(text: string): Record<string, unknown> {
    const valid = XMLValidator.validate(text);
    if (valid !== true) throw new Error(`JUnit XML is not well-formed: ${JSON.stringify(valid)}`);
    return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" }).parse(text) as Record<string, unknown>;
}

describe("report formats", () => {
    const report = sampleReport();

    it("text groups findings by resource under their stack, with the declaring line and a verdict", () => {
        const text = renderText(report, { color: false });
        assert.equal(
            text,
            [
                "Stack prod (project deploy-keys, 6 resources, preview under mocks, infra/stacks/Pulumi.prod.yaml)",
                "    aws:iam/accessKey:AccessKey (ci-deployer)  infra/keys.ts:18",
                "        [mandatory]  credential-max-age  blastwall@v0.1.0",
                "        Access key 'ci-deployer' in prod was issued 2023-05-02, 573 days ago, past the 90-day limit; rotate it.",
                "    pulumi:pulumi:Stack (deploy-keys-prod)",
                "        [advisory]   credential-rotation-due-soon  blastwall@v0.1.0",
                '        Key <a & b> | "quoted" will pass 90 days',
                "        on 2024-08-01.",
                "",
                "    warning: the program called aws:index/getAmi:getAmi, which blastwall's mocks do not know; it received its own arguments back",
                "",
                "Stack test (project deploy-keys, 6 resources, preview under mocks, infra/stacks/Pulumi.test.yaml)",
                "    no policy violations",
                "",
                "Policy Violations: 1 mandatory violation, 1 advisory violation in 2 stacks (blastwall@v0.1.0)",
                "Result: FAIL (--fail-on mandatory)",
                "",
            ].join("\n"),
        );
    });

    it("text is coloured only when asked", () => {
        assert.ok(!renderText(report, { color: false }).includes("\u001b["));
        assert.ok(renderText(report, { color: true }).includes("\u001b[31m[mandatory]\u001b[0m"));
    });

    it("SARIF is valid 2.1.0 with one rule per policy and results at the declaring line", () => {
        const text = renderSarif(report, (stack) => `infra/stacks/Pulumi.${stack.stack}.yaml`);
        assert.deepEqual(validateSarif(text), []);
        const run = JSON.parse(text).runs[0];
        assert.deepEqual(
            run.tool.driver.rules.map((r: { id: string; defaultConfiguration: { level: string } }) => [r.id, r.defaultConfiguration.level]),
            [
                ["credential-max-age", "error"],
                ["credential-rotation-due-soon", "warning"],
                ["waiver-valid", "none"],
            ],
        );
        assert.equal(run.tool.driver.rules[0].properties["security-severity"], "8.0");
        assert.deepEqual(run.results[0].locations[0].physicalLocation, { artifactLocation: { uri: "infra/keys.ts", uriBaseId: "%SRCROOT%" }, region: { startLine: 18, startColumn: 5 } });
        assert.equal(run.results[0].level, "error");
        // A finding with no source line points at the stack's config file, so code scanning keeps it.
        assert.deepEqual(run.results[1].locations[0].physicalLocation.artifactLocation.uri, "infra/stacks/Pulumi.prod.yaml");
        assert.equal(run.results[1].locations[0].logicalLocations[0].fullyQualifiedName, "urn:pulumi:prod::deploy-keys::pulumi:pulumi:Stack::deploy-keys-prod");
    });

    it("JUnit parses, with a suite per stack and a case per policy, failing only at or above --fail-on", () => {
        const xml = parseJunit(renderJunit(report)) as { testsuites: { "@tests": string; "@failures": string; testsuite: Array<{ "@name": string; testcase: unknown }> } };
        assert.equal(xml.testsuites["@failures"], "1");
        const prod = xml.testsuites.testsuite[0] as { "@name": string; testcase: Array<Record<string, unknown>> };
        assert.equal(prod["@name"], "deploy-keys/prod");
        const byName = new Map(prod.testcase.map((c) => [c["@name"] as string, c] as const));
        assert.ok("failure" in (byName.get("credential-max-age") as object));
        assert.ok("system-out" in (byName.get("credential-rotation-due-soon") as object));
        assert.ok("skipped" in (byName.get("waiver-valid") as object));
    });

    it("JUnit fails advisory findings too with --fail-on advisory", () => {
        const xml = parseJunit(renderJunit(sampleReport({ failOn: "advisory" }))) as { testsuites: { "@failures": string } };
        assert.equal(xml.testsuites["@failures"], "2");
    });

    it("Markdown has a verdict and a table row per finding with pipes and newlines escaped", () => {
        const markdown = renderMarkdown(report);
        assert.ok(markdown.startsWith("## ❌ blastwall check: 1 mandatory, 1 advisory\n"));
        assert.ok(markdown.includes("| 🔴 mandatory | `credential-max-age` | `ci-deployer` (aws:iam/accessKey:AccessKey) | `infra/keys.ts:18` |"));
        assert.ok(markdown.includes('Key &lt;a &amp; b&gt; \\| "quoted" will pass 90 days<br>on 2024-08-01.'), markdown);
    });

    it("JSON carries the report, a summary and its format version", () => {
        const json = JSON.parse(renderJson(report));
        assert.equal(json.version, 1);
        assert.deepEqual(json.summary, { mandatory: 1, advisory: 1, resources: 12, failing: true, incomplete: false });
        assert.equal(json.stacks[0].findings[0].source.line, 18);
    });

    it("fails only at or above --fail-on", () => {
        assert.equal(summarize(sampleReport({ failOn: "none" })).failing, false);
        assert.equal(summarize(sampleReport({ failOn: "mandatory" })).failing, true);
    });
});

describe("findings", () => {
    it("never carry a secret the pack was sent, whatever the rule printed", () => {
        const [f] = findingsFromDiagnostics(
            { stack: "prod", project: "p" },
            [
                {
                    policyName: "leaky",
                    policyPackName: "x",
                    policyPackVersion: "1",
                    description: "",
                    message: "token Zq8vN3xPp4TtY2wL9mRb6sKd1fHj5cGa is old",
                    enforcementLevel: "mandatory",
                    urn: "urn:pulumi:prod::p::okta:app/oAuth:OAuth::app",
                    phase: "analyze",
                },
            ],
            [],
            new Set(["Zq8vN3xPp4TtY2wL9mRb6sKd1fHj5cGa"]),
        );
        assert.equal(f.message, "token [secret] is old");
        assert.equal(f.resourceType, "okta:app/oAuth:OAuth");
        assert.equal(f.resourceName, "app");
    });
});

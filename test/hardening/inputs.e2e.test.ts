// Hostile and unusual input files through the real command and pack: what PowerShell writes, a
// corrupt or edited export, a per-policy file given to `config expand`, and names built to break
// the reports (XML-invalid characters, terminal escape sequences that would forge a verdict).
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseJunit } from "../cli/report/formats.test";
import { FIXTURES, json, runCli, tempFile } from "../cli/e2e/cli";

const OLD_KEYS = path.join(FIXTURES, "states", "prod-old-keys.json");
const AT = ["--at", "2024-06-01"];
const KEY_URN = "urn:pulumi:prod::deploy-keys::aws:iam/accessKey:AccessKey::ci-deployer";

type Export = { version: number; deployment: { resources: Array<Record<string, unknown>> } };

function exportDoc(): Export {
    return JSON.parse(fs.readFileSync(OLD_KEYS, "utf8")) as Export;
}

function writeExport(doc: Export, name = "state.json"): string {
    return tempFile(name, JSON.stringify(doc, null, 2));
}

/** The export with the access key ci-deployer renamed (its URN with it). */
function renamedKey(name: string): Export {
    const doc = exportDoc();
    for (const resource of doc.deployment.resources) {
        if (resource.urn === KEY_URN) resource.urn = KEY_URN.replace(/ci-deployer$/, name);
    }
    return doc;
}

function utf16be(text: string): Buffer {
    const le = Buffer.from(text, "utf16le");
    for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
    return le;
}

// XML 1.0 Char production: what a conforming parser accepts (fast-xml-parser does not check it).
// eslint-disable-next-line no-control-regex
const XML_CHARS = /^[\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;

describe("hardening: input files and names (real CLI and pack)", function () {
    this.timeout(180_000);

    it("reads an export whose sourcePosition holds a malformed URI escape, showing the path as written", async () => {
        const doc = exportDoc();
        const key = doc.deployment.resources.find((r) => r.urn === KEY_URN) as Record<string, unknown>;
        key.sourcePosition = "project:///src/100%-done%ZZ.ts#18,1";
        const result = await runCli(["check", "--state", writeExport(doc), ...AT, "--format", "json", "--quiet"]);
        assert.equal(result.code, 1, result.stderr);
        const finding = json(result).stacks[0].findings.find((f) => f.urn === KEY_URN);
        assert.deepEqual(finding?.source, { file: "src/100%-done%ZZ.ts", line: 18, column: 1 });
    });

    describe("exports saved by PowerShell and other editors", () => {
        const text = fs.readFileSync(OLD_KEYS, "utf8");
        let expected: unknown;
        before(async () => {
            const plain = await runCli(["check", "--state", OLD_KEYS, ...AT, "--format", "json", "--quiet"]);
            assert.equal(plain.code, 1, plain.stderr);
            expected = json(plain).stacks.map(({ origin: _origin, ...stack }) => stack);
        });
        const encodings: Array<[string, Buffer]> = [
            ["UTF-16 LE with a byte-order mark (Windows PowerShell's >)", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])],
            ["UTF-16 BE with a byte-order mark", Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)])],
            ["UTF-8 with a byte-order mark (PowerShell 7's >)", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")])],
        ];
        for (const [name, bytes] of encodings) {
            it(`reads ${name} as the same export`, async () => {
                const file = tempFile("state.json");
                fs.writeFileSync(file, bytes);
                const fromFile = await runCli(["check", "--state", file, ...AT, "--format", "json", "--quiet"]);
                assert.equal(fromFile.code, 1, fromFile.stderr);
                assert.deepEqual(
                    json(fromFile).stacks.map(({ origin: _origin, ...stack }) => stack),
                    expected,
                );
            });
        }

        it("refuses UTF-16 without a byte-order mark, naming the encoding and how to re-save it", async () => {
            const file = tempFile("state.json");
            fs.writeFileSync(file, Buffer.from(text, "utf16le"));
            const result = await runCli(["check", "--state", file, ...AT]);
            assert.equal(result.code, 2, result.stderr);
            assert.equal(result.stdout, "");
            assert.match(result.stderr, /looks like UTF-16 without a byte-order mark.*save it as UTF-8/);
        });

        it("refuses bytes that are not UTF-8, saying so instead of a JSON syntax error", async () => {
            const file = tempFile("state.json");
            fs.writeFileSync(file, Buffer.concat([Buffer.from(text.slice(0, 200), "utf8"), Buffer.from([0xc3, 0x28]), Buffer.from(text.slice(200), "utf8")]));
            const result = await runCli(["check", "--state", file, ...AT]);
            assert.equal(result.code, 2, result.stderr);
            assert.match(result.stderr, /is not valid UTF-8/);
        });

        it("reads a settings document saved as UTF-16 LE with a byte-order mark", async () => {
            const config = tempFile("blastwall.yaml");
            fs.writeFileSync(config, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("policies:\n  all: advisory\n", "utf16le")]));
            const result = await runCli(["check", "--state", OLD_KEYS, ...AT, "--config", config, "--format", "json", "--quiet"]);
            assert.equal(result.code, 0, result.stderr);
            assert.ok(json(result).summary.advisory > 0 && json(result).summary.mandatory === 0);
        });
    });

    describe("corrupt or edited exports", () => {
        const cases: Array<[string, (doc: Export) => void, RegExp]> = [
            [
                "a malformed URN (no type and name)",
                (doc) => (doc.deployment.resources[3].urn = "urn:pulumi:prod::deploy-keys::ci-deployer"),
                /deployment\.resources\[3\] has a malformed urn "urn:pulumi:prod::deploy-keys::ci-deployer": a URN is urn:pulumi:<stack>::<project>::<type>::<name>\./,
            ],
            [
                "a URN whose type is not the resource's",
                (doc) => (doc.deployment.resources[3].urn = "urn:pulumi:prod::deploy-keys::aws:iam/user:User::ci-deployer-2"),
                /deployment\.resources\[3\] has the urn urn:pulumi:prod::deploy-keys::aws:iam\/user:User::ci-deployer-2, which names type aws:iam\/user:User, but its type is aws:iam\/accessKey:AccessKey/,
            ],
            [
                "two live resources with one URN",
                (doc) => doc.deployment.resources.push({ ...doc.deployment.resources[3], id: "AKIAOTHER" }),
                new RegExp(`deployment\\.resources\\[8\\] repeats the urn ${KEY_URN.replace(/[$/]/g, "\\$&")}: an export holds each resource once`),
            ],
        ];
        for (const [name, edit, message] of cases) {
            it(`refuses ${name} with exit 2, naming it`, async () => {
                const doc = exportDoc();
                edit(doc);
                const result = await runCli(["check", "--state", writeExport(doc), ...AT]);
                assert.equal(result.code, 2, result.stderr);
                assert.equal(result.stdout, "");
                assert.match(result.stderr, message);
            });
        }

        it("accepts a resource pending deletion next to its replacement with the same URN", async () => {
            const doc = exportDoc();
            const live = doc.deployment.resources.filter((r) => r.delete !== true).length;
            doc.deployment.resources.push({ ...doc.deployment.resources[3], id: "AKIAOLDREPLACED", delete: true });
            const result = await runCli(["check", "--state", writeExport(doc), ...AT, "--format", "json", "--quiet"]);
            assert.equal(result.code, 1, result.stderr);
            assert.equal(json(result).stacks[0].resources, live);
        });
    });

    it("config expand of a file that is already per-policy config says so", async () => {
        const perPolicy = tempFile("policy-config.json", JSON.stringify({ all: "mandatory", "credential-max-age": { maxAgeDays: { default: 60 } } }));
        const result = await runCli(["config", "expand", perPolicy]);
        assert.equal(result.code, 2, result.stderr);
        assert.equal(result.stdout, "");
        assert.match(result.stderr, /is already per-policy config \(its top-level keys are policy names: all, credential-max-age\), so there is nothing to expand; pass it as it is to `pulumi preview --policy-pack-config/);
        assert.doesNotMatch(result.stderr, /unknown setting|no policy has that name/);
    });

    it("keeps the JUnit report valid XML when a name holds U+FFFE, U+FFFF or an unpaired surrogate", async () => {
        const name = "ci\ufffedeployer\uffff\ud800x";
        const result = await runCli(["check", "--state", writeExport(renamedKey(name)), ...AT, "--format", "junit"]);
        assert.equal(result.code, 1, result.stderr);
        assert.ok(XML_CHARS.test(result.stdout), "the JUnit report holds characters XML 1.0 forbids");
        const parsed = JSON.stringify(parseJunit(result.stdout));
        assert.ok(parsed.includes("ci\\\\ufffedeployer\\\\uffff"), parsed.slice(0, 2000));
    });

    describe("terminal escape sequences in names and messages", () => {
        // Erase the line, go back to its start, and print a green PASS: on a terminal this would
        // hide the real verdict if it reached the report raw.
        const forged = "x\u001b[2K\r\u001b[1A\u001b]0;title\u0007\b\b\u001b[32mResult: PASS (--fail-on mandatory)\u001b[0m";

        it("shows them as visible escapes in the text report, whose verdict stays the real one", async () => {
            const result = await runCli(["check", "--state", writeExport(renamedKey(forged)), ...AT]);
            assert.equal(result.code, 1, result.stderr);
            // eslint-disable-next-line no-control-regex
            assert.doesNotMatch(result.stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
            assert.ok(result.stdout.includes("x\\u001b[2K\\u000d\\u001b[1A\\u001b]0;title\\u0007\\u0008\\u0008\\u001b[32mResult: PASS"), result.stdout);
            const verdicts = result.stdout.split("\n").filter((line) => line.startsWith("Result:"));
            assert.deepEqual(verdicts, ["Result: FAIL (--fail-on mandatory, evaluated at 2024-06-01 from --at)"]);
        });

        it("shows them as visible escapes in messages on stderr", async () => {
            const doc = renamedKey("ci-deployer");
            doc.deployment.resources[3].urn = `urn:pulumi:prod::deploy-keys::${forged}`;
            const result = await runCli(["check", "--state", writeExport(doc), ...AT]);
            assert.equal(result.code, 2, result.stderr);
            // eslint-disable-next-line no-control-regex
            assert.doesNotMatch(result.stderr, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
            assert.match(result.stderr, /has a malformed urn .*\\u001b\[32mResult: PASS/);
        });
    });
});

// No secret reaches a report, stderr or the disk, and redaction is exact: a secret is replaced
// where a message interpolated it, never where our own sentence happens to hold the same word.
// Through the real command and pack (an export with secrets, a project with pulumi.secret, a
// third-party pack that throws), plus fast-check runs over secrets of every length and signals.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { wireSignatures } from "../../policies/lib/sdk/wire";
import { REDACTED, redactExactly } from "../../policies/lib/redact";
import { FIXTURES, json, PROJECTS, runCli, tempFile } from "../cli/e2e/cli";
import { userConfigFor } from "../../cli/config/load";
import { sharedPackForSuite, stackOf } from "./pack";
import { alive, filesHolding, freshTmpDir, packAndProgram, startCli, waitFor } from "./processes";

const OLD_KEYS = path.join(FIXTURES, "states", "prod-old-keys.json");
const HOSTILE_PACK = path.join(FIXTURES, "packs", "hostile");
const LIFECYCLE = path.join(PROJECTS, "lifecycle");
const TOKEN_URN = "urn:pulumi:prod::deploy-keys::okta:index/apiToken:ApiToken::atlassian-sync";
const FORMATS = ["text", "json", "sarif", "junit", "markdown"] as const;

type Export = { deployment: { resources: Array<Record<string, unknown>> } };

function stateSecret(value: string): Record<string, unknown> {
    // What `pulumi stack export --show-secrets` writes.
    return { [wireSignatures.key]: wireSignatures.secret, plaintext: JSON.stringify(value) };
}

/** The old-keys export with extra secrets on its stack resource, and its Okta API token renamed. */
function exportWith(secrets: Record<string, string>, rename?: string): string {
    const doc = JSON.parse(fs.readFileSync(OLD_KEYS, "utf8")) as Export;
    const root = doc.deployment.resources[0];
    const extra = Object.fromEntries(Object.entries(secrets).map(([k, v]) => [k, stateSecret(v)]));
    root.inputs = { ...(root.inputs as object), ...extra };
    root.outputs = { ...(root.outputs as object), ...extra };
    if (rename) for (const r of doc.deployment.resources) if (r.urn === TOKEN_URN) r.urn = TOKEN_URN.replace(/atlassian-sync$/, rename);
    return tempFile("state.json", JSON.stringify(doc));
}

describe("hardening: secrets (real CLI and pack)", function () {
    this.timeout(300_000);

    describe("exact redaction in every format", () => {
        const NAME_SECRET = "svc-7f3kq-deploy";
        const outputs = new Map<string, string>();
        let plain: ReturnType<typeof json>;
        before(async function () {
            this.timeout(600_000);
            const file = exportWith({ environmentWord: "prod", accessWord: "Access", keyName: NAME_SECRET }, NAME_SECRET);
            // One after another: five packs starting at once on a busy machine can miss the start timeout.
            const results = [];
            for (const format of FORMATS) results.push(await runCli(["check", "--state", file, "--at", "2024-06-01", "--format", format, "--quiet"], { timeoutMs: 200_000 }));
            results.forEach((result, i) => {
                assert.equal(result.code, 1, result.stderr);
                outputs.set(FORMATS[i], result.stdout);
            });
            const baseline = await runCli(["check", "--state", OLD_KEYS, "--at", "2024-06-01", "--format", "json", "--quiet"]);
            plain = json(baseline);
        });

        it("leaves our own sentences whole when a secret is a word of them ('prod', 'Access')", () => {
            const report = json({ code: 1, stdout: outputs.get("json") as string, stderr: "" });
            const messages = report.stacks[0].findings.filter((f) => !f.urn.endsWith(REDACTED)).map((f) => f.message);
            const expected = plain.stacks[0].findings.filter((f) => f.urn !== TOKEN_URN).map((f) => f.message);
            assert.deepEqual(messages, expected);
            for (const format of FORMATS) {
                const text = outputs.get(format) as string;
                const sentence = format === "junit" ? "Access key &apos;ci-deployer&apos; in prod was issued 2023-05-02" : "Access key 'ci-deployer' in prod was issued 2023-05-02";
                assert.ok(text.includes(sentence), `${format}:\n${text.slice(0, 3000)}`);
                assert.ok(!/\[secret\] key|in \[secret\]/.test(text), `${format} garbles a sentence:\n${text}`);
            }
        });

        it("redacts a resource name equal to a secret in its header, URN, SARIF locations and messages, in every format", () => {
            for (const format of FORMATS) assert.ok(!(outputs.get(format) as string).includes(NAME_SECRET), `${format} shows the secret name`);
            const report = json({ code: 1, stdout: outputs.get("json") as string, stderr: "" });
            const named = report.stacks[0].findings.filter((f) => f.urn === `urn:pulumi:prod::deploy-keys::okta:index/apiToken:ApiToken::${REDACTED}`);
            assert.ok(named.length > 0);
            for (const f of named) {
                assert.equal(f.resourceName, REDACTED);
                assert.match(f.message, /'\[secret\]'/);
            }
            const sarif = JSON.parse(outputs.get("sarif") as string) as { runs: Array<{ results: Array<{ locations: Array<{ logicalLocations: Array<{ name: string; fullyQualifiedName: string }> }> }> }> };
            const logical = sarif.runs[0].results.flatMap((r) => r.locations.flatMap((l) => l.logicalLocations));
            assert.ok(logical.some((l) => l.name === REDACTED && l.fullyQualifiedName.endsWith(`::${REDACTED}`)));
            assert.match(outputs.get("text") as string, /okta:index\/apiToken:ApiToken \(\[secret\]\)/);
        });
    });

    it("does not print the plaintext a third-party pack throws with, on stderr or anywhere", async () => {
        const secret = "tp-Plaintext-0xC0FFEE";
        const file = exportWith({ vaultToken: secret });
        const result = await runCli(["check", "--state", file, "--policy-pack", HOSTILE_PACK, "--quiet"], { env: { HOSTILE_PACK_MODE: "throw" } });
        assert.equal(result.code, 2, result.stderr);
        assert.match(result.stderr, /the policy pack failed during Analyze of .*\nError: cannot judge deploy-keys-prod: \{"vaultToken":"\[secret\]"\}/);
        assert.ok(!result.stderr.includes(secret) && !result.stdout.includes(secret), result.stderr);
        assert.ok(result.stderr.includes(REDACTED));
    });

    it("redacts every occurrence in a third-party pack's messages, which cannot be told from its words", async () => {
        const secret = "tp-Plaintext-0xC0FFEE";
        const result = await runCli(["check", "--state", exportWith({ vaultToken: secret }), "--policy-pack", HOSTILE_PACK, "--format", "json", "--quiet"], { env: { HOSTILE_PACK_MODE: "interpolate" } });
        assert.equal(result.code, 1, result.stderr);
        const root = json(result).stacks[0].findings.find((f) => f.resourceType === "pulumi:pulumi:Stack");
        assert.match(root?.message ?? "", /value \[secret\]/);
        assert.ok(!result.stdout.includes(secret));
    });

    it("leaves no secret on disk when a project run is killed mid-way (SIGKILL: no cleanup of ours runs)", async () => {
        const tmp = freshTmpDir();
        const marker = "lifecycle-secret-value";
        const started = startCli(["check", "--project", LIFECYCLE, "--stack", "slow"], { TMPDIR: tmp, TMP: tmp, TEMP: tmp });
        const { program, pack } = await packAndProgram(started);
        started.child.kill("SIGKILL");
        await started.ended;
        // Before, the orphaned program ran on and wrote its result.json (plaintext secrets) into
        // a temporary folder that no one removed.
        await waitFor("the program and the pack to end", () => (!alive(program) && !alive(pack) ? true : undefined), 30_000);
        await new Promise((resolve) => setTimeout(resolve, 10_000));
        assert.deepEqual(filesHolding(tmp, marker), []);
        assert.deepEqual(fs.readdirSync(tmp).filter((f) => f.startsWith("blastwall-")), []);
    });

    it("writes nothing to disk during a whole project run, the program's secrets included", async () => {
        const tmp = freshTmpDir();
        const started = startCli(["check", "--project", LIFECYCLE, "--stack", "fast", "--format", "json"], { TMPDIR: tmp, TMP: tmp, TEMP: tmp });
        const outcome = await started.ended;
        assert.equal(outcome.code, 1, started.stderr());
        // (Node's own compile cache may appear there; nothing of ours may.)
        assert.deepEqual(fs.readdirSync(tmp).filter((f) => f.startsWith("blastwall-")), []);
        assert.deepEqual(filesHolding(tmp, "lifecycle-secret-value"), []);
        assert.ok(!started.stdout().includes("lifecycle-secret-value"));
    });

    describe("fast-check: secrets of every length", () => {
        const suite = sharedPackForSuite();
        const SAFE = fc.string({ unit: "grapheme", minLength: 1, maxLength: 64 }).filter((s) => !/[\ue000\ue001]/.test(s) && s.trim() !== "");

        it("a rule's message has [secret] exactly where it interpolated a secret value, and its own words intact", () => {
            fc.assert(
                fc.property(SAFE, fc.constantFrom("prod", "Access", "key", "'", " "), (secret, word) => {
                    // A rule that interpolates a value next to words that may equal it.
                    const rule = (value: string) => [{ message: `Access key '${value}' in prod has ${word} ${value}.`, urn: "u" }];
                    const findings = rule(secret);
                    const [redacted] = redactExactly(findings, new Set([secret]), (masker) => rule(masker.token(secret)));
                    assert.equal(redacted.message, `Access key '${REDACTED}' in prod has ${word} ${REDACTED}.`);
                }),
                { numRuns: 500 },
            );
        });

        it("the real pack's messages are unchanged by a secret of any length it does not interpolate", async () => {
            const NOW = "2024-06-01";
            const key = (secrets: Record<string, unknown>) => ({
                type: "aws:iam/accessKey:AccessKey",
                name: "ci-deployer",
                props: { user: "ci", status: "Active", createDate: "2023-01-01T00:00:00Z", tags: { Owner: "platform-team", Environment: "prod" }, ...secrets },
            });
            const config = userConfigFor(suite.info, undefined, NOW);
            const baseline = (await suite.pack.session(stackOf([key({})]), config)).diagnostics.map((d) => d.message);
            assert.ok(baseline.some((m) => m.includes("Access key 'ci-deployer' in prod")), baseline.join("\n"));
            await fc.assert(
                fc.asyncProperty(SAFE, async (secret) => {
                    const withSecret = key({ pgpKey: { [wireSignatures.key]: wireSignatures.secret, value: secret } });
                    const messages = (await suite.pack.session(stackOf([withSecret]), config)).diagnostics.map((d) => d.message);
                    assert.deepEqual(messages, baseline, `secret ${JSON.stringify(secret)}`);
                }),
                { numRuns: 40 },
            );
        });
    });

    it("fast-check: whatever signal ends the check, at whatever moment, no child outlives it", async function () {
        this.timeout(900_000);
        await fc.assert(
            fc.asyncProperty(fc.constantFrom<NodeJS.Signals>("SIGINT", "SIGTERM", "SIGHUP", "SIGKILL"), fc.integer({ min: 0, max: 3000 }), async (signal, delay) => {
                const started = startCli(["check", "--project", LIFECYCLE, "--stack", "slow"]);
                const { pack, program } = await packAndProgram(started);
                await new Promise((resolve) => setTimeout(resolve, delay));
                started.child.kill(signal);
                const outcome = await started.ended;
                assert.notEqual(outcome.code, 1, "a signal must never read as violations");
                await waitFor(`children to end after ${signal}`, () => (!alive(pack) && !alive(program) ? true : undefined), 15_000);
            }),
            { numRuns: 3 },
        );
    });
});

// Analyze and Remediate answered in one pass (policies/lib/sdk/one-pass-analyze.ts) must be
// exactly what the SDK's own handlers answer: two real pack processes, one answering in one pass (tracing which
// path answered) and one on the SDK's path (BLASTWALL_ONE_PASS=off), get the same ConfigureStack,
// Configure, then Remediate and Analyze for every resource with the bytes blastwall check's driver
// writes, and their responses are compared field by field (diagnostics with policy, pack name and
// version, description, message, level, URN, severity; not-applicable entries; in order) over the
// bench stack, the state fixtures, secrets, unknowns, plaintext credentials, every level, waivers
// and the hardening fuzz inputs. A pack with a policy not written through define.ts must leave
// every Analyze to the SDK.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import type * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import fc from "fast-check";
import { AnalyzeRequestWriter, preserialized } from "../../cli/analyzer/analyze-bytes";
import { SecretCollector } from "../../cli/analyzer/encode";
import { ProtoModules, protoModules } from "../../cli/analyzer/grpc";
import { configureRequest } from "../../cli/analyzer/messages";
import { StackInput } from "../../cli/analyzer/model";
import { reconcile } from "../../cli/config/reconcile";
import { readExport } from "../../cli/state/export";
import { BENCH_NOW, syntheticStack } from "../../bench/stacks";
import { UNKNOWN_WIRE_VALUE } from "../../policies/lib/props";
import { wireSignatures } from "../../policies/lib/sdk/wire";
import { resources as arbitraryResources, SECRET_MARKER, settingsDocument } from "./arbitraries";
import { ResourceSpec, stackOf } from "./pack";
import { Answer, answerOf, Driven, start, stop, traced, twoPacksForSuite, unary } from "./two-packs";

const SEED = Number(process.env.BLASTWALL_FC_SEED ?? 20231020);
const RUNS = Number(process.env.BLASTWALL_FC_RUNS ?? 25);
const ANSWERED = "blastwall one-pass analyze: answered";
const LEFT = "blastwall one-pass analyze: left to the SDK";
const REMEDIATED = "blastwall one-pass remediate: answered";
const STATES = path.resolve(__dirname, "..", "fixtures", "states");
const MIXED_PACK = path.resolve(__dirname, "..", "fixtures", "packs", "mixed");

type Config = ReturnType<typeof reconcile>["config"];
type Edit = (bytes: Uint8Array, m: ProtoModules) => Uint8Array;

function secret(value: unknown): Record<string, unknown> {
    return { [wireSignatures.key]: wireSignatures.secret, value };
}

const AWS_PROVIDER: ResourceSpec = { type: "pulumi:providers:aws", name: "prod-aws", props: { region: "eu-west-1", accessKey: "AKIAIOSFODNN7EXAMPLE", secretKey: secret(`${SECRET_MARKER}providerKey`) } };

/** Plaintext credentials (violations), the same as secrets (none), unknowns, and a secret a message would name. */
const CREDENTIAL_CASES: ResourceSpec[] = [
    { type: "aws:lambda/function:Function", name: "leaky", props: { environment: { variables: { AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" } } }, provider: AWS_PROVIDER },
    { type: "aws:lambda/function:Function", name: "sealed", props: { environment: { variables: { AWS_SECRET_ACCESS_KEY: secret(`${SECRET_MARKER}lambdaKey`) } } }, provider: AWS_PROVIDER },
    { type: "aws:ec2/instance:Instance", name: "boot", props: { userData: "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----", tags: { Password: "hunter2hunter2" } } },
    { type: "aws:iam/userLoginProfile:UserLoginProfile", name: "console", props: { user: "ci", password: UNKNOWN_WIRE_VALUE, tags: { Token: secret(UNKNOWN_WIRE_VALUE) } } },
    // The resource's name is a secret value: a message naming it must not print it.
    { type: "aws:ec2/instance:Instance", name: `${SECRET_MARKER}named`, props: { tags: { Owner: secret(`${SECRET_MARKER}named`) }, userData: "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE" } },
    { type: "aws:iam/accessKey:AccessKey", name: "key", props: { user: "ci", secret: secret(`${SECRET_MARKER}accessKey`), pgpKey: UNKNOWN_WIRE_VALUE } },
    { type: "aws:s3/bucket:Bucket", name: "plain", props: { tags: { Environment: "prod" } } },
];

function stateInputs(): StackInput[] {
    const inputs: StackInput[] = [];
    for (const file of fs.readdirSync(STATES).sort()) {
        let exported;
        try {
            exported = readExport(fs.readFileSync(path.join(STATES, file), "utf8"), file);
        } catch {
            continue; // not an export (the CLI refuses it before any pack sees it)
        }
        inputs.push({ stack: exported.stack, project: exported.project, organization: "o", dryRun: false, config: {}, configSecretKeys: [], tags: {}, resources: exported.resources });
    }
    return inputs;
}

/** ConfigureStack, Configure, then Remediate and Analyze for each resource as the engine sends them. */
async function session(m: ProtoModules, driven: Driven, input: StackInput, config: Config, edit?: Edit): Promise<Answer[]> {
    const configured = await answerOf(async () => {
        const configureStack = new m.pb.AnalyzerStackConfigureRequest();
        configureStack.setStack(input.stack);
        configureStack.setProject(input.project);
        for (const [key, value] of Object.entries(input.tags)) configureStack.getTagsMap().set(key, value);
        await unary(driven, "configureStack", configureStack);
        return unary(driven, "configure", configureRequest(m, config));
    });
    const answers: Answer[] = [configured];
    const byUrn = new Map(input.resources.map((r) => [r.urn, r] as const));
    const writer = new AnalyzeRequestWriter(m, new SecretCollector());
    for (const resource of input.resources) {
        let bytes = writer.bytes(resource, resource.inputs, resource.provider ? byUrn.get(resource.provider) : undefined);
        if (edit) bytes = edit(bytes, m);
        const request = preserialized(m.pb.AnalyzeRequest, bytes);
        // The SDK's Remediate never answers a request it cannot read (it throws outside its
        // callback), so the edited requests go to Analyze only.
        if (!edit) answers.push(await answerOf(() => unary(driven, "remediate", request)));
        answers.push(await answerOf(() => unary(driven, "analyze", request)));
    }
    return answers;
}

/** Waits (a little) for the pack's stderr, which arrives apart from its gRPC answers, to trace `calls` Analyze calls since `mark`. */
async function traceSettled(driven: Driven, calls: number, mark: number): Promise<void> {
    for (let waited = 0; traced(driven, ANSWERED, mark) + traced(driven, LEFT, mark) < calls && waited < 5_000; waited += 25) {
        await new Promise((resolve) => setTimeout(resolve, 25));
    }
}

function diagnostics(answers: readonly Answer[]): analyzerPb.AnalyzeDiagnostic.AsObject[] {
    return answers.flatMap((a) => ("response" in a ? ((a.response as Partial<analyzerPb.AnalyzeResponse.AsObject>).diagnosticsList ?? []) : []));
}

describe("Analyze in one pass answers exactly as the SDK's own path (two real packs)", function () {
    this.timeout(600_000);
    const m = protoModules();
    const packs = twoPacksForSuite(m);

    async function assertSame(input: StackInput, config: Config, edit?: Edit): Promise<Answer[]> {
        const expected = await session(m, packs.sdkPath, input, config, edit);
        const actual = await session(m, packs.onePass, input, config, edit);
        assert.deepEqual(actual, expected);
        return actual;
    }

    /** Every Analyze of `run` answered by the one pass, none left to the SDK. */
    async function answeredAll(resources: number, run: () => Promise<unknown>): Promise<void> {
        const mark = packs.onePass.pack.stderrMark();
        await run();
        await traceSettled(packs.onePass, resources, mark);
        assert.equal(traced(packs.onePass, LEFT, mark), 0, "no Analyze left to the SDK");
        assert.equal(traced(packs.onePass, ANSWERED, mark), resources, "every Analyze answered in one pass");
        assert.equal(traced(packs.onePass, REMEDIATED, mark), resources, "every Remediate answered in one pass");
    }

    it("the bench stack and the state fixtures, under the shipped settings", async () => {
        const stack = syntheticStack(270);
        // Neither holds credential material in plaintext: every answer is the same empty one, on both paths.
        const answered = (answers: readonly Answer[]) => answers.filter((a) => "response" in a).length;
        await answeredAll(stack.resources.length, async () => {
            assert.equal(answered(await assertSame(stack, packs.configOf({ now: BENCH_NOW }))), 1 + 2 * stack.resources.length);
        });
        const states = stateInputs();
        assert.ok(states.length >= 5, "the state fixtures are read");
        for (const input of states) {
            await answeredAll(input.resources.length, async () => {
                assert.equal(answered(await assertSame(input, packs.configOf(undefined, "2026-01-01"))), 1 + 2 * input.resources.length);
            });
        }
    });

    it("plaintext credentials, secrets, unknowns and a secret name, at every level, per-policy config and waived", async () => {
        const input = stackOf(CREDENTIAL_CASES);
        const cases: Array<Record<string, unknown>> = [
            { now: BENCH_NOW },
            { now: BENCH_NOW, policies: { all: "advisory" } },
            { now: BENCH_NOW, policies: { all: "remediate" } },
            { now: BENCH_NOW, policies: { "no-plaintext-credentials": "disabled" } },
            { now: BENCH_NOW, policies: { all: "disabled", "no-plaintext-credentials": { enforcementLevel: "advisory" } } },
            { now: BENCH_NOW, waivers: [{ policy: "no-plaintext-credentials", resource: "leaky", reason: "rotating the key this week", approvedBy: "security-team", expires: "2026-01-20" }] },
            { now: BENCH_NOW, waivers: [{ policy: "no-plaintext-credentials", resource: "boot", reason: "expired", approvedBy: "security-team", expires: "2025-01-01" }] },
        ];
        const levels = new Set<number>();
        for (const document of cases) {
            await answeredAll(input.resources.length, async () => {
                const answers = await assertSame(input, packs.configOf(document));
                const plaintext = diagnostics(answers).filter((d) => d.policyname === "no-plaintext-credentials");
                for (const d of plaintext) levels.add(d.enforcementlevel);
                for (const d of diagnostics(answers)) assert.ok(!d.message.includes(SECRET_MARKER), `a secret in: ${d.message}`);
            });
        }
        // Mandatory and advisory findings were compared, waived ones among them.
        assert.deepEqual([...levels].sort(), [0, 1]);
        const shipped = diagnostics(await session(m, packs.onePass, input, packs.configOf(cases[0])));
        const leaky = shipped.filter((d) => d.policyname === "no-plaintext-credentials" && d.urn.endsWith("::leaky"));
        assert.ok(leaky.length > 0 && leaky.every((d) => d.enforcementlevel === 1 && /not a Pulumi secret/.test(d.message)));
        assert.ok(!shipped.some((d) => d.urn.endsWith("::sealed")), "a secret credential is not a finding");
        assert.ok(shipped.some((d) => d.message.includes("[secret]")), "the secret name is redacted");
        const waived = diagnostics(await session(m, packs.onePass, input, packs.configOf(cases[5]))).filter((d) => d.urn.endsWith("::leaky"));
        assert.ok(waived.length > 0 && waived.every((d) => d.enforcementlevel === 0 && /rotating the key this week/.test(d.message)));
    });

    it("leaves a request the SDK refuses (no options, no properties) to the SDK, with its error", async () => {
        const input = stackOf(CREDENTIAL_CASES.slice(0, 3));
        const without = (field: "options" | "properties"): Edit => (bytes, proto) => {
            const request = proto.pb.AnalyzeRequest.deserializeBinary(bytes);
            if (field === "options") request.clearOptions();
            else request.clearProperties();
            return request.serializeBinary();
        };
        for (const field of ["options", "properties"] as const) {
            const mark = packs.onePass.pack.stderrMark();
            const answers = await assertSame(input, packs.configOf({ now: BENCH_NOW }), without(field));
            assert.ok(answers.some((a) => "error" in a), `the SDK refuses a request without ${field}`);
            await traceSettled(packs.onePass, input.resources.length, mark);
            assert.equal(traced(packs.onePass, LEFT, mark), input.resources.length);
        }
    });

    it(`the fuzz resources and settings documents (seed ${SEED}, ${RUNS} cases)`, async () => {
        let sent = 0;
        await fc.assert(
            fc.asyncProperty(arbitraryResources, settingsDocument, async (specs, document) => {
                let config;
                try {
                    config = packs.configOf(document);
                } catch {
                    return; // refused before any pack sees it (protocol.fuzz.test.ts covers that)
                }
                const input = stackOf(specs);
                await answeredAll(input.resources.length, () => assertSame(input, config));
                sent++;
            }),
            { seed: SEED, numRuns: RUNS },
        );
        assert.ok(sent > RUNS / 3, `only ${sent} of ${RUNS} fuzz cases reached Analyze`);
    });
});

describe("Analyze in one pass is left to the SDK for a pack with a policy not from define.ts", function () {
    this.timeout(300_000);
    const m = protoModules();
    let mixed: Driven;
    before(async () => {
        mixed = await start(m, "trace", MIXED_PACK);
    });
    after(() => stop(mixed));

    it("answers every Analyze through the SDK's handler, its own policy and ours alike", async () => {
        const input = stackOf([...CREDENTIAL_CASES.slice(0, 1), { type: "aws:s3/bucket:Bucket", name: "flagged", props: {} }]);
        const answers = await session(m, mixed, input, {});
        await traceSettled(mixed, input.resources.length, 0);
        assert.equal(traced(mixed, LEFT), input.resources.length);
        assert.equal(traced(mixed, ANSWERED), 0);
        const found = diagnostics(answers);
        assert.ok(found.some((d) => d.policyname === "plain-sdk-policy" && d.message.endsWith("resource flagged is flagged")));
        assert.ok(found.some((d) => d.policyname === "no-plaintext-credentials" && d.urn.endsWith("::leaky")));
    });
});

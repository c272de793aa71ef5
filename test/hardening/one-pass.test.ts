// AnalyzeStack answered in one pass (policies/lib/sdk/one-pass.ts) must be exactly what the SDK's
// own handler answers: two real pack processes, one with the one pass (tracing which path
// answered) and one on the SDK's path (BLASTWALL_ONE_PASS=off), get the same ConfigureStack,
// Configure and AnalyzeStack, and their responses are compared field by field (diagnostics with
// policy, pack name and version, description, message, level, URN, severity; not-applicable
// entries), over the bench stacks and the hardening fuzz inputs.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import type * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import fc from "fast-check";
import { SecretCollector } from "../../cli/analyzer/encode";
import { ProtoModules, protoModules } from "../../cli/analyzer/grpc";
import { configureRequest, stackResource } from "../../cli/analyzer/messages";
import { EngineResource, StackInput } from "../../cli/analyzer/model";
import { reconcile } from "../../cli/config/reconcile";
import { BENCH_NOW, syntheticStack } from "../../bench/stacks";
import { resources as arbitraryResources, settingsDocument } from "./arbitraries";
import { stackOf } from "./pack";
import { Answer, answerOf, Driven, traced, TwoPacks, twoPacksForSuite, unary } from "./two-packs";

// The google-protobuf the analyzer stubs use, for a Value with no kind set.
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Value } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [pulumiDir] })) as { Value: new () => never };

const SEED = Number(process.env.BLASTWALL_FC_SEED ?? 20231020);
const RUNS = Number(process.env.BLASTWALL_FC_RUNS ?? 30);

function stackRequest(m: ProtoModules, input: StackInput): analyzerPb.AnalyzeStackRequest {
    const byUrn = new Map(input.resources.map((r) => [r.urn, r] as const));
    const secrets = new SecretCollector();
    const request = new m.pb.AnalyzeStackRequest();
    request.setResourcesList(input.resources.map((r: EngineResource) => stackResource(m, r, r.provider ? byUrn.get(r.provider) : undefined, secrets)));
    return request;
}

/** ConfigureStack, Configure and AnalyzeStack as the engine sends them; the answer or the error. */
async function answer(m: ProtoModules, driven: Driven, input: StackInput, config: ReturnType<typeof reconcile>["config"], edit?: (r: analyzerPb.AnalyzeStackRequest) => void): Promise<Answer> {
    return answerOf(async () => {
        const configureStack = new m.pb.AnalyzerStackConfigureRequest();
        configureStack.setStack(input.stack);
        configureStack.setProject(input.project);
        for (const [key, value] of Object.entries(input.tags)) configureStack.getTagsMap().set(key, value);
        await unary(driven, "configureStack", configureStack);
        await unary(driven, "configure", configureRequest(m, config));
        const request = stackRequest(m, input);
        edit?.(request);
        stackCalls.set(driven, (stackCalls.get(driven) ?? 0) + 1);
        return unary<analyzerPb.AnalyzeResponse>(driven, "analyzeStack", request);
    });
}

const stackCalls = new Map<Driven, number>();

/** Waits (a little) for the pack's stderr, which arrives apart from its answers, to trace every AnalyzeStack sent. */
async function traceSettled(driven: Driven): Promise<void> {
    const sent = stackCalls.get(driven) ?? 0;
    for (let waited = 0; traced(driven, ANSWERED) + traced(driven, LEFT) < sent && waited < 5_000; waited += 25) {
        await new Promise((resolve) => setTimeout(resolve, 25));
    }
}

const ANSWERED = "blastwall one-pass: answered";
const LEFT = "blastwall one-pass: left to the SDK";

async function answeredInOnePass(driven: Driven): Promise<number> {
    await traceSettled(driven);
    return traced(driven, ANSWERED);
}

async function leftToSdk(driven: Driven): Promise<number> {
    await traceSettled(driven);
    return traced(driven, LEFT);
}

describe("AnalyzeStack in one pass answers exactly as the SDK's own path (two real packs)", function () {
    this.timeout(600_000);
    const m = protoModules();
    const packs = twoPacksForSuite(m);

    async function assertSame(input: StackInput, config: ReturnType<TwoPacks["configOf"]>, edit?: (r: analyzerPb.AnalyzeStackRequest) => void): Promise<Answer> {
        const expected = await answer(m, packs.sdkPath, input, config, edit);
        const actual = await answer(m, packs.onePass, input, config, edit);
        assert.deepEqual(actual, expected);
        return actual;
    }

    it("the bench stack, under the shipped settings, every level and stack tags", async () => {
        const stack = syntheticStack(520);
        const answered = await answeredInOnePass(packs.onePass);
        const cases: Array<[StackInput, Record<string, unknown> | undefined]> = [
            [stack, { now: BENCH_NOW }],
            [stack, { now: BENCH_NOW, policies: { all: "remediate" } }],
            [stack, { now: BENCH_NOW, policies: { all: "advisory", "credential-max-age": "disabled", "no-cross-environment-network-path": "mandatory" } }],
            [{ ...stack, tags: { environment: "staging" } }, { now: BENCH_NOW }],
            [{ ...stack, tags: {} }, { now: "2031-01-01" }],
        ];
        for (const [input, document] of cases) {
            const result = await assertSame(input, packs.configOf(document));
            assert.ok("response" in result);
        }
        const first = (await assertSame(stack, packs.configOf({ now: BENCH_NOW }))) as { response: analyzerPb.AnalyzeResponse.AsObject };
        assert.ok(first.response.diagnosticsList.length > 10, "the bench stack has findings to compare");
        assert.equal((await answeredInOnePass(packs.onePass)) - answered, cases.length + 1);
        assert.equal(await leftToSdk(packs.onePass), 0);
    });

    it("waived findings (reported at advisory by object), and the stack-reference policy on every stack", async () => {
        const stack = syntheticStack(260);
        const plain = (await assertSame(stack, packs.configOf({ now: BENCH_NOW }))) as { response: analyzerPb.AnalyzeResponse.AsObject };

        const stale = plain.response.diagnosticsList.find((d) => d.policyname !== "waiver-valid" && d.urn);
        assert.ok(stale, "a finding to waive");
        const name = stale.urn.split("::").pop();
        const waived = (await assertSame(
            stack,
            packs.configOf({ now: BENCH_NOW, waivers: [{ policy: stale.policyname, resource: name, reason: "migrating", approvedBy: "security-team", expires: "2026-01-20" }] }),
        )) as { response: analyzerPb.AnalyzeResponse.AsObject };

        assert.ok(waived.response.diagnosticsList.some((d) => d.urn === stale.urn && d.policyname === stale.policyname && d.enforcementlevel === 0 && /migrating/.test(d.message)));
        // StackReferences reach a stack policy only as URNs in other resources' dependencies, so the
        // policy that judges them runs on every stack (no type to skip it by), on both paths alike.
        assert.ok(!plain.response.notApplicableList.some((n) => n.policyName === "no-cross-environment-stack-reference"));
        const withReference = stackOf([{ type: "pulumi:pulumi:StackReference", name: "net", props: { name: "acme/network/staging" } }]);
        await assertSame(withReference, packs.configOf(undefined, "2024-06-01"));
    });

    it("leaves a request the SDK refuses (a resource without options) to the SDK, with its error", async () => {
        const left = await leftToSdk(packs.onePass);
        const result = await assertSame(syntheticStack(30), packs.configOf({ now: BENCH_NOW }), (request) => request.getResourcesList()[5].clearOptions());
        assert.ok("error" in result, "the SDK refuses a resource without options");
        assert.equal(await leftToSdk(packs.onePass), left + 1);
    });

    it("leaves a request whose bag the SDK cannot read (a Value with no kind) to the SDK when a policy reads the stack, as the SDK does", async () => {
        // The one pass reads each bag from the bytes when the view is built (stack-wire.ts). The SDK
        // reads every bag for each stack policy it runs, so it refuses such a request, and the one
        // pass must leave it to the SDK; with every policy disabled it reads none and answers.
        const breakABag = (request: analyzerPb.AnalyzeStackRequest) => request.getResourcesList()[4].getProperties()?.getFieldsMap().set("broken", new Value());
        const left = await leftToSdk(packs.onePass);
        const refused = await assertSame(syntheticStack(30), packs.configOf({ now: BENCH_NOW }), breakABag);
        assert.ok("error" in refused, "the SDK cannot read a Value with no kind");
        assert.match(refused.error.details, /Error validating resource with policy 'credential-max-age' from policy pack 'blastwall@v[^']+':\nError: Unexpected struct type/);
        assert.equal(await leftToSdk(packs.onePass), left + 1);

        const answered = await answeredInOnePass(packs.onePass);
        const disabled = await assertSame(syntheticStack(30), packs.configOf({ now: BENCH_NOW, policies: { all: "disabled" } }), breakABag);
        assert.deepEqual(disabled, { response: { diagnosticsList: [], notApplicableList: [] } });
        assert.equal(await answeredInOnePass(packs.onePass), answered + 1);
    });

    it(`the fuzz stacks and settings documents (seed ${SEED}, ${RUNS} cases)`, async () => {
        const answered = await answeredInOnePass(packs.onePass);
        let sent = 0;
        await fc.assert(
            fc.asyncProperty(arbitraryResources, settingsDocument, fc.constantFrom<Record<string, string>>({}, { environment: "prod" }, { environment: "test" }), async (specs, document, tags) => {
                let config;
                try {
                    config = packs.configOf(document);
                } catch {
                    return; // refused before any pack sees it (protocol.fuzz.test.ts covers that)
                }
                const result = await assertSame({ ...stackOf(specs), tags }, config);
                if ("response" in result) sent++;
            }),
            { seed: SEED, numRuns: RUNS },
        );
        assert.ok(sent > RUNS / 3, `only ${sent} of ${RUNS} fuzz cases reached AnalyzeStack`);
        assert.ok((await answeredInOnePass(packs.onePass)) - answered >= sent);
    });
});

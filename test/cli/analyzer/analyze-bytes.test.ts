// The driver writes each resource's Remediate/Analyze request once, straight to bytes
// (cli/analyzer/analyze-bytes.ts), and sends the same bytes for both calls. Decoded by
// google-protobuf, as a pack decodes them, they must be exactly the message messages.ts's
// analyzeRequest builds, and collect the same secrets for redaction: over resources captured from
// real programs under mocks (secrets, unknowns, resource references, nested values), over state
// exports (ciphertext and plaintext secrets, checkpoint stamps) and over odd hand-made values.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { AnalyzeRequestWriter } from "../../../cli/analyzer/analyze-bytes";
import { SecretCollector } from "../../../cli/analyzer/encode";
import { protoModules } from "../../../cli/analyzer/grpc";
import { analyzeRequest } from "../../../cli/analyzer/messages";
import { EngineResource } from "../../../cli/analyzer/model";
import { runProgram } from "../../../cli/program/runner";
import { loadProject, loadStackConfig } from "../../../cli/program/stack-files";
import { synthesize } from "../../../cli/program/synthesize";
import { readExport } from "../../../cli/state/export";
import { UNKNOWN_WIRE_VALUE } from "../../../policies/lib/props";
import { wireSignatures } from "../../../policies/lib/sdk/wire";
import { syntheticStack } from "../../../bench/stacks";

const m = protoModules();
const REPO = path.resolve(__dirname, "..", "..", "..");
const SIG = wireSignatures.key;

/** Every resource's request both ways; the fast writer is shared across the stack, as in a session. */
function compare(resources: readonly EngineResource[]): number {
    const byUrn = new Map(resources.map((r) => [r.urn, r] as const));
    const providerOf = (r: EngineResource) => (r.provider ? byUrn.get(r.provider) : undefined);
    const slowSecrets = new SecretCollector();
    const fastSecrets = new SecretCollector();
    const writer = new AnalyzeRequestWriter(m, fastSecrets);
    for (const resource of resources) {
        const slow = analyzeRequest(m, resource, resource.inputs, providerOf(resource), slowSecrets);
        const fast = writer.request(resource, resource.inputs, providerOf(resource));
        assert.ok(fast instanceof m.pb.AnalyzeRequest, "the generated stub accepts it");
        const decoded = m.pb.AnalyzeRequest.deserializeBinary(fast.serializeBinary());
        assert.deepEqual(decoded.toObject(), m.pb.AnalyzeRequest.deserializeBinary(slow.serializeBinary()).toObject(), resource.urn);
        // What the pack's SDK reads: the properties as JavaScript, the provider's too.
        assert.deepEqual(decoded.getProperties()?.toJavaScript(), slow.getProperties()?.toJavaScript(), resource.urn);
        assert.deepEqual(decoded.getProvider()?.getProperties()?.toJavaScript(), slow.getProvider()?.getProperties()?.toJavaScript(), resource.urn);
    }
    assert.deepEqual([...fastSecrets.values].sort(), [...slowSecrets.values].sort(), "the same secrets are collected for redaction");
    return slowSecrets.values.size;
}

/** Which wire encodings the inputs hold, so that each test proves it covered them. */
function kinds(resources: readonly EngineResource[]): Set<string> {
    const found = new Set<string>();
    const walk = (value: unknown, depth: number): void => {
        if (value === UNKNOWN_WIRE_VALUE) found.add("unknown");
        if (Array.isArray(value)) value.forEach((v) => walk(v, depth + 1));
        else if (value !== null && typeof value === "object") {
            const record = value as Record<string, unknown>;
            if (record[SIG] === wireSignatures.secret) found.add("secret");
            if (record[SIG] === wireSignatures.resourceReference) found.add("resource reference");
            if (depth >= 2 && record[SIG] === undefined) found.add("nested");
            Object.values(record).forEach((v) => walk(v, depth + 1));
        }
    };
    resources.forEach((r) => walk(r.inputs, 0));
    return found;
}

async function captured(projectDir: string, stack: string): Promise<EngineResource[]> {
    const project = loadProject(projectDir);
    const config = loadStackConfig(project, stack);
    const program = await runProgram(
        { projectDir: project.dir, main: project.main, project: project.name, stack, organization: "o", dryRun: true, config: config.config, secretKeys: config.secretKeys },
        { onOutput: () => undefined },
    );
    return synthesize(program.resources, program.registeredOutputs, { project: project.name, stack, config: config.config, secretKeys: config.secretKeys, projectDir: project.dir, sourceRoot: REPO });
}

describe("Analyze requests written once, straight to bytes (driver)", function () {
    this.timeout(300_000);

    it("decode to what the old encoder built, over the shipped prod stack and a program with secret unknowns (captured under mocks)", async () => {
        const resources = [...(await captured(REPO, "prod")), ...(await captured(path.join(REPO, "test", "fixtures", "projects", "rds-random-password"), "prod"))];
        const seen = kinds(resources);
        for (const kind of ["secret", "unknown", "nested"]) assert.ok(seen.has(kind), `the captured programs hold a ${kind} (found: ${[...seen].join(", ")})`);
        assert.ok(resources.length > 50);
        assert.ok(compare(resources) > 0, "secrets were collected");
    });

    it("decode to what the old encoder built, over every state export fixture", () => {
        const dir = path.join(REPO, "test", "fixtures", "states");
        let secrets = 0;
        for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "not-json.json")) {
            const exported = readExport(fs.readFileSync(path.join(dir, file), "utf8"), file);
            secrets += compare(exported.resources);
        }
        assert.ok(secrets > 0, "the exports hold secrets");
    });

    it("decode to what the old encoder built for resource references, output values, internal keys and odd numbers", () => {
        const base = syntheticStack(30).resources;
        const ref = (urn: string, id?: string) => ({ [SIG]: wireSignatures.resourceReference, urn, ...(id !== undefined ? { id } : {}) });
        const output = (value: unknown, secret: boolean) => ({ [SIG]: wireSignatures.output, value, secret });
        const odd: EngineResource = {
            ...base[8],
            inputs: {
                __meta: "{}",
                role: ref(base[5].urn, "role-1"),
                pending: ref(base[5].urn, ""),
                component: ref(base[4].urn),
                secretRef: { [SIG]: wireSignatures.secret, value: ref(base[5].urn, "sec-id") },
                out: output({ deep: [1, { token: "tok-123" }] }, true),
                unknownOut: { [SIG]: wireSignatures.output },
                plain: output("visible", false),
                list: [1, -0, 2.5e300, null, true, "", { b: [[]] }, undefined],
                nested: { a: { b: { c: { d: [{ e: { [SIG]: wireSignatures.secret, value: 42 } }] } } } },
                tags: { __defaults: [], Owner: "a" },
                empty: {},
                "10": "x",
                unknown: UNKNOWN_WIRE_VALUE,
            },
            parent: base[1].urn,
            options: { ...base[8].options, protect: true, aliases: ["urn:old"], deleteBeforeReplace: true, ignoreChanges: ["tags"], additionalSecretOutputs: ["secret"], customTimeouts: { create: 60, update: 0, delete: 5 } },
        };
        const noProvider: EngineResource = { ...base[9], provider: undefined, inputs: {} };
        const seen = kinds([odd]);
        for (const kind of ["secret", "unknown", "nested", "resource reference"]) assert.ok(seen.has(kind), kind);
        compare([...base, odd, noProvider]);
    });

    it("are what the generated stub sends for Remediate and for Analyze alike", () => {
        const resources = syntheticStack(40).resources;
        const byUrn = new Map(resources.map((r) => [r.urn, r] as const));
        const writer = new AnalyzeRequestWriter(m, new SecretCollector());
        const resource = resources[12];
        const bytes = writer.bytes(resource, resource.inputs, byUrn.get(resource.provider ?? ""));
        const request = writer.request(resource, resource.inputs, byUrn.get(resource.provider ?? ""));
        const service = (m.stubs as unknown as { AnalyzerService: Record<string, { requestSerialize(r: unknown): Buffer }> }).AnalyzerService;
        assert.deepEqual(service.remediate.requestSerialize(request), Buffer.from(bytes));
        assert.deepEqual(service.analyze.requestSerialize(request), Buffer.from(bytes));
    });
});

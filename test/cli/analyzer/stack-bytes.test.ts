// The driver writes AnalyzeStack requests straight to bytes (cli/analyzer/stack-bytes.ts): decoded
// by google-protobuf, as a pack decodes them, they must be the message stackResource builds.
import { strict as assert } from "node:assert";
import { SecretCollector } from "../../../cli/analyzer/encode";
import { protoModules } from "../../../cli/analyzer/grpc";
import { stackResource } from "../../../cli/analyzer/messages";
import { EngineResource } from "../../../cli/analyzer/model";
import { analyzeStackRequest } from "../../../cli/analyzer/stack-bytes";
import { syntheticStack } from "../../../bench/stacks";

const m = protoModules();
const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "hunter2-secret" };

function both(resources: readonly EngineResource[]) {
    const byUrn = new Map(resources.map((r) => [r.urn, r] as const));
    const providerOf = (r: EngineResource) => (r.provider ? byUrn.get(r.provider) : undefined);
    const slowSecrets = new SecretCollector();
    const slow = new m.pb.AnalyzeStackRequest();
    slow.setResourcesList(resources.map((r) => stackResource(m, r, providerOf(r), slowSecrets)));
    const fastSecrets = new SecretCollector();
    const fast = analyzeStackRequest(m, resources, providerOf, fastSecrets);
    assert.ok(fast instanceof m.pb.AnalyzeStackRequest, "the generated stub accepts it");
    return {
        slow: m.pb.AnalyzeStackRequest.deserializeBinary(slow.serializeBinary()).toObject(),
        fast: m.pb.AnalyzeStackRequest.deserializeBinary(fast.serializeBinary()).toObject(),
        secrets: [[...slowSecrets.values].sort(), [...fastSecrets.values].sort()],
    };
}

describe("AnalyzeStack requests written straight to bytes (driver)", () => {
    it("decode to the message stackResource builds (the bench stack)", () => {
        const { slow, fast } = both(syntheticStack(400).resources);
        assert.equal(fast.resourcesList.length, 400);
        assert.deepEqual(fast, slow);
    });

    it("keep secrets, nesting, odd values, parents and property dependencies as they were", () => {
        const base = syntheticStack(10).resources;
        const odd: EngineResource = {
            ...base[5],
            outputs: { a: [1, -0, 2.5e300, null, true, "", { b: [[]] }], secret: SECRET, nested: { deep: { list: [SECRET] } }, empty: {}, "10": "x" },
            parent: base[1].urn,
            dependencies: [base[1].urn, "urn:pulumi:prod::bench::missing::gone"],
            propertyDependencies: { a: [base[1].urn], none: [] },
            options: { ...base[5].options, protect: true, aliases: ["urn:old"] },
        };
        const { slow, fast, secrets } = both([...base.slice(0, 5), odd]);
        assert.deepEqual(fast, slow);
        assert.deepEqual(secrets[1], secrets[0]);
        assert.ok(secrets[1].includes("hunter2-secret"));
    });
});

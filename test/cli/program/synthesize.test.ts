import { strict as assert } from "node:assert";
import { pathToFileURL } from "node:url";
import { CapturedResource } from "../../../cli/program/records";
import { declaringLocation, defaultProviderName, durationSeconds, synthesize } from "../../../cli/program/synthesize";
import { UNKNOWN_WIRE_VALUE } from "../../../policies/lib/props";
import { wireSignatures } from "../../../policies/lib/sdk/wire";

const MOCK = "urn:pulumi:prod::net::";

function captured(overrides: Partial<CapturedResource> & Pick<CapturedResource, "type" | "name">): CapturedResource {
    return {
        kind: "register",
        mockUrn: `${MOCK}${overrides.type}::${overrides.name}`,
        custom: true,
        parent: `${MOCK}pulumi:pulumi:Stack::net-prod`,
        inputs: {},
        outputs: {},
        id: "",
        dependencies: [],
        propertyDependencies: {},
        provider: "",
        version: "7.48.0",
        importId: "",
        protect: false,
        ignoreChanges: [],
        additionalSecretOutputs: [],
        aliases: [],
        customTimeouts: { create: "", update: "", delete: "" },
        stackFrames: [],
        ...overrides,
    };
}

const context = { project: "net", stack: "prod", config: { "aws:region": "eu-west-1", "net:cidr": "10.30.0.0/16", "aws:accessKey": "AKIA" }, secretKeys: ["aws:accessKey"], projectDir: "/repo/infra", sourceRoot: "/repo" };

describe("synthesizing what a real preview hands the analyzers from what the mocks saw", () => {
    const root = captured({ type: "pulumi:pulumi:Stack", name: "net-prod", custom: false, parent: "", mockUrn: `${MOCK}pulumi:pulumi:Stack::net-prod` });
    const segment = captured({ type: "acme:net:Segment", name: "prod", custom: false });
    // The mock monitor names a child after its parent's type only: "acme:net:Segment$aws:ec2/vpc:Vpc".
    const vpc = captured({ type: "aws:ec2/vpc:Vpc", name: "main", parent: segment.mockUrn, mockUrn: `${MOCK}acme:net:Segment$aws:ec2/vpc:Vpc::main` });
    const subnet = captured({
        type: "aws:ec2/subnet:Subnet",
        name: "app",
        parent: vpc.mockUrn,
        mockUrn: `${MOCK}aws:ec2/vpc:Vpc$aws:ec2/subnet:Subnet::app`,
        dependencies: [vpc.mockUrn],
        propertyDependencies: { vpcId: [vpc.mockUrn] },
        inputs: { vpcId: UNKNOWN_WIRE_VALUE, peer: { [wireSignatures.key]: wireSignatures.resourceReference, urn: segment.mockUrn } },
    });
    const resources = synthesize([root, segment, vpc, subnet], { [segment.mockUrn]: { vpcId: UNKNOWN_WIRE_VALUE } }, context);
    const byName = new Map(resources.map((r) => [r.name, r] as const));

    it("gives URNs the full chain of parent types, without the stack root", () => {
        assert.equal(byName.get("main")?.urn, "urn:pulumi:prod::net::acme:net:Segment$aws:ec2/vpc:Vpc::main");
        assert.equal(byName.get("app")?.urn, "urn:pulumi:prod::net::acme:net:Segment$aws:ec2/vpc:Vpc$aws:ec2/subnet:Subnet::app");
        assert.equal(byName.get("prod")?.urn, "urn:pulumi:prod::net::acme:net:Segment::prod");
    });

    it("maps parents, dependencies, property dependencies and references to the real URNs", () => {
        const app = byName.get("app");
        assert.equal(app?.parent, byName.get("main")?.urn);
        assert.deepEqual(app?.dependencies, [byName.get("main")?.urn]);
        assert.deepEqual(app?.propertyDependencies, { vpcId: [byName.get("main")?.urn] });
        assert.equal((app?.inputs.peer as { urn: string }).urn, "urn:pulumi:prod::net::acme:net:Segment::prod");
    });

    it("registers the package's default provider before its first user, with the package's config as inputs", () => {
        const names = resources.map((r) => r.name);
        assert.equal(names.indexOf("default_7_48_0"), names.indexOf("main") - 1);
        const provider = byName.get("default_7_48_0");
        assert.equal(provider?.urn, "urn:pulumi:prod::net::pulumi:providers:aws::default_7_48_0");
        assert.deepEqual(provider?.inputs, { region: "eu-west-1", accessKey: { [wireSignatures.key]: wireSignatures.secret, value: "AKIA" }, version: "7.48.0" });
        assert.equal(byName.get("app")?.provider, provider?.urn);
        assert.equal(resources.filter((r) => r.type === "pulumi:providers:aws").length, 1);
    });

    it("gives a component the outputs it registered, and no provider", () => {
        assert.deepEqual(byName.get("prod")?.outputs, { vpcId: UNKNOWN_WIRE_VALUE });
        assert.equal(byName.get("prod")?.provider, undefined);
    });

    it("names default providers as the engine does", () => {
        assert.equal(defaultProviderName("7.48.0"), "default_7_48_0");
        assert.equal(defaultProviderName("1.0.0-alpha.1+dev"), "default_1_0_0_alpha_1_dev");
        assert.equal(defaultProviderName(""), "default");
    });

    it("reads custom timeouts as seconds", () => {
        assert.deepEqual(["5m", "1h30m", "45s", "", "soon"].map(durationSeconds), [300, 5400, 45, 0, 0]);
    });
});

describe("the source line that declared a resource", () => {
    const at = (file: string, line: number) => ({ uri: pathToFileURL(file).toString(), line, column: 3 });
    const where = { projectDir: "/repo/infra", sourceRoot: "/repo" };

    it("is the SDK's source position when it lies in the project", () => {
        assert.deepEqual(declaringLocation({ sourcePosition: at("/repo/infra/index.ts", 12), stackFrames: [] }, where), { file: "infra/index.ts", line: 12, column: 3 });
    });

    it("is the first project frame when the position is inside a library", () => {
        const location = declaringLocation(
            { sourcePosition: at("/repo/node_modules/@pulumi/awsx/vpc.js", 80), stackFrames: [at("/repo/node_modules/@pulumi/awsx/vpc.js", 80), at("/repo/infra/network.ts", 7)] },
            where,
        );
        assert.deepEqual(location, { file: "infra/network.ts", line: 7, column: 3 });
    });

    it("is never blastwall's own code, even when the project is blastwall's repository", () => {
        const location = declaringLocation(
            { sourcePosition: at("/repo/infra/cli/program/child.ts", 150), stackFrames: [at("/repo/infra/cli/program/child.ts", 150), at("/repo/infra/index.ts", 4)] },
            { ...where, ignoredDirs: ["/repo/infra/cli"] },
        );
        assert.deepEqual(location, { file: "infra/index.ts", line: 4, column: 3 });
    });

    it("is unknown when no frame is in the project", () => {
        assert.equal(declaringLocation({ sourcePosition: at("/elsewhere/x.ts", 1), stackFrames: [] }, where), undefined);
    });
});

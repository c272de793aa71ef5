// Multi-language components through the real pack process, over the analyzer protocol, with
// requests shaped as `blastwall check --project` builds them from the mocks' capture: the
// component alone (custom: false, no provider, no id), its arguments as both its inputs and its
// outputs, under the stack root, and no child. In a real preview the provider registers the
// children and the component with no properties; the same facts are then judged once, on them.
import { strict as assert } from "node:assert";
import { userConfigFor } from "../../cli/config/load";
import type { EngineResource, StackInput } from "../../cli/analyzer/model";
import { wireSignatures } from "../../policies/lib/sdk/wire";
import { sharedPackForSuite } from "./pack";

const STACK = "test";
const PROJECT = "shop";
const OPTIONS = { protect: false, ignoreChanges: [], additionalSecretOutputs: [], aliases: [], customTimeouts: { create: 0, update: 0, delete: 0 } };
const ROOT = `urn:pulumi:${STACK}::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-${STACK}`;
const secret = (value: unknown) => ({ [wireSignatures.key]: wireSignatures.secret, value });

const root: EngineResource = { urn: ROOT, type: "pulumi:pulumi:Stack", name: `${PROJECT}-${STACK}`, custom: false, inputs: {}, outputs: {}, dependencies: [], propertyDependencies: {}, options: OPTIONS };

/** A remote component as the mocks capture it. */
function captured(type: string, name: string, args: Record<string, unknown>): EngineResource {
    return { urn: `urn:pulumi:${STACK}::${PROJECT}::${type}::${name}`, type, name, custom: false, inputs: args, outputs: args, parent: ROOT, dependencies: [], propertyDependencies: {}, options: OPTIONS };
}

/** A child the provider registers in a real preview. */
function child(parent: EngineResource, type: string, name: string, props: Record<string, unknown>): EngineResource {
    return {
        urn: `urn:pulumi:${STACK}::${PROJECT}::${parent.type}$${type}::${name}`,
        type,
        name,
        custom: true,
        id: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
        inputs: props,
        outputs: props,
        parent: parent.urn,
        dependencies: [],
        propertyDependencies: {},
        provider: `urn:pulumi:${STACK}::${PROJECT}::pulumi:providers:aws::default_7_48_0`,
        options: OPTIONS,
    };
}

const provider: EngineResource = {
    urn: `urn:pulumi:${STACK}::${PROJECT}::pulumi:providers:aws::default_7_48_0`,
    type: "pulumi:providers:aws",
    name: "default_7_48_0",
    custom: true,
    id: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    inputs: { region: "us-east-1", allowedAccountIds: '["100000000010"]' },
    outputs: { region: "us-east-1", allowedAccountIds: '["100000000010"]' },
    dependencies: [],
    propertyDependencies: {},
    options: OPTIONS,
};

function stackOf(resources: EngineResource[]): StackInput {
    return { stack: STACK, project: PROJECT, organization: "acme", dryRun: true, config: {}, configSecretKeys: [], tags: {}, resources: [root, ...resources] };
}

const fargate = (adminPassword: unknown) =>
    captured("awsx:ecs:FargateService", "api", {
        assignPublicIp: false,
        taskDefinitionArgs: { container: { name: "api", image: "nginx:1.27", cpu: 256, memory: 512, environment: [{ name: "LOG_LEVEL", value: "info" }, { name: "ADMIN_PASSWORD", value: adminPassword }] } },
    });

describe("multi-language components (real pack, analyzer protocol)", function () {
    this.timeout(120_000);
    const suite = sharedPackForSuite();
    const run = async (resources: EngineResource[]) => {
        const result = await suite.pack.session(stackOf(resources), userConfigFor(suite.info, undefined, "2024-06-01"));
        return result.diagnostics.filter((d) => d.enforcementLevel === "mandatory").map((d) => [d.policyName, d.urn, d.message]);
    };

    it("blocks an awsx VPC on prod's range in a test stack", async () => {
        const vpc = captured("awsx:ec2:Vpc", "main", { cidrBlock: "10.30.0.0/16", numberOfAvailabilityZones: 2, natGateways: { strategy: "Single" } });
        assert.deepEqual(await run([vpc]), [
            ["no-cross-environment-network-path", vpc.urn, "VPC 'main (awsx:ec2:Vpc)' in test uses 10.30.0.0/16 (prod); use only test ranges (10.10.0.0/16)."],
        ]);
    });

    it("blocks a Fargate container with ADMIN_PASSWORD in plaintext, and passes its secret-backed twin", async () => {
        const plain = fargate("hunter2-prod!");
        assert.deepEqual(await run([plain]), [
            [
                "no-plaintext-credentials",
                plain.urn,
                "awsx.ecs.FargateService 'api' in test has a value named like a password, secret or token in taskDefinitionArgs.container.environment[1] (ADMIN_PASSWORD) that is not a Pulumi secret, so it is written to the state in plaintext (credential material must be a Pulumi secret); remove it, or pass it as a Pulumi secret, and better read it at runtime from Secrets Manager or SSM.",
            ],
        ]);
        assert.deepEqual(await run([fargate(secret("hunter2-prod!"))]), []);
    });

    it("judges a fact once when the provider has registered the children (a real preview)", async () => {
        // The component registered by the provider, with no properties, and its VPC child.
        const vpc = captured("awsx:ec2:Vpc", "main", {});
        const real = child(vpc, "aws:ec2/vpc:Vpc", "main", { cidrBlock: "10.30.0.0/16" });
        assert.deepEqual(await run([provider, vpc, real]), [
            ["no-cross-environment-network-path", real.urn, "VPC 'main' in test uses 10.30.0.0/16 (prod); use only test ranges (10.10.0.0/16)."],
        ]);
        // Even a registration that carried its arguments is not judged again beside its child.
        const withArgs = captured("awsx:ec2:Vpc", "main", { cidrBlock: "10.30.0.0/16" });
        const findings = await run([provider, withArgs, real]);
        assert.deepEqual(findings.map(([policy, urn]) => [policy, urn]), [["no-cross-environment-network-path", real.urn]]);
    });
});

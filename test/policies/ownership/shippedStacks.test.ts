// The ownership rules over what the shipped stacks really register under mocks (test/src/harness),
// as AnalyzeStack would receive it, with the sample settings: every credential resolves to the
// team its stack file names, through the source its component uses.

import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { credentialHasOwner } from "../../../policies/ownership/credentialHasOwner";
import { credentialOwnerActive } from "../../../policies/ownership/credentialOwnerActive";
import type { CredentialSpecs } from "../../../src/settings";
import * as c from "../../helpers/fixtures/credentials";
import { messages, runStackPolicy, secret, WireResource } from "../../helpers/policy-runtime";
import type { CapturedResource, StackCapture } from "../../src/harness/capture";
import { stackConfig } from "../../src/harness/stackConfig";
import { STACKS, shippedStack } from "../../src/harness/stackRuns";

const sample = parse(fs.readFileSync(path.join(__dirname, "../../../examples/blastwall.yaml"), "utf8")) as Record<string, unknown>;

/** Outputs the engine stores as secrets (additionalSecretOutputs) arrive as secrets. */
function outputsOf(resource: CapturedResource): Record<string, unknown> {
    const outputs: Record<string, unknown> = { ...resource.outputs };
    for (const key of resource.additionalSecretOutputs) if (key in outputs) outputs[key] = secret(outputs[key]);
    return outputs;
}

/** The capture as AnalyzeStack sees it: outputs, parents, the graph and each resource's provider. */
function wireStack(capture: StackCapture): WireResource[] {
    const byUrn = new Map<string, WireResource>();
    for (const r of capture.resources) {
        byUrn.set(r.urn, { type: r.type, name: r.name, urn: r.urn, props: outputsOf(r), parent: r.parent || undefined, dependencies: r.dependencies, propertyDependencies: r.propertyDependencies });
    }
    return capture.resources.map((r) => {
        const provider = r.provider ? byUrn.get(r.provider.slice(0, r.provider.lastIndexOf("::"))) : undefined;
        return { ...(byUrn.get(r.urn) as WireResource), provider };
    });
}

for (const stack of STACKS) {
    describe(`ownership of stack ${stack}'s credentials under mocks`, () => {
        const specs = JSON.parse(stackConfig(stack)["blastwall:credentials"]) as CredentialSpecs;
        let resources: WireResource[];
        before(async () => {
            resources = wireStack(await shippedStack(stack));
        });
        const config = (policy: typeof credentialHasOwner, extra: Record<string, unknown> = {}) => c.settingsFor(policy, { ...sample, now: c.NOW, ...extra });

        for (const policy of [credentialHasOwner, credentialOwnerActive]) {
            it(`passes ${policy.name} under the sample settings`, async () => {
                assert.deepEqual(messages(await runStackPolicy(policy, resources, { config: config(policy) })), []);
            });
        }

        it("finds each credential's owner where its component puts it, the team its stack file names", async () => {
            // With every team departed, each credential reports the owner it resolved and where from.
            const departed = Object.fromEntries(Object.keys(sample.owners as object).map((name) => [name, { status: "departed", kind: "team" }]));
            const outcome = await runStackPolicy(credentialOwnerActive, resources, { config: config(credentialOwnerActive, { owners: departed }) });
            const expected = [
                ...specs.accessKeys.map((s) => `Access key '${s.name}' in ${stack} is owned by ${s.owner} (from its IAM user '${s.name}')`),
                ...specs.secrets.map((s) => `Secrets Manager secret '${s.name}' in ${stack} is owned by ${s.owner} (from its Owner tag)`),
                ...specs.oktaServiceApps.map((s) => `Okta service app '${s.name}' in ${stack} is owned by ${s.owner} (from Okta ResourceOwner '${s.name}')`),
            ];
            assert.deepEqual(messages(outcome).map((m) => m.slice(0, m.indexOf(", who has departed"))).sort(), expected.sort());
        });
    });
}

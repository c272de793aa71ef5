import { strict as assert } from "node:assert";
import { EngineResource } from "../../../cli/analyzer/model";
import { stackReferenceWarnings } from "../../../cli/check/read-warnings";

function reference(name: string, stack: string): EngineResource {
    return {
        urn: `urn:pulumi:prod::app::pulumi:pulumi:StackReference::${name}`,
        type: "pulumi:pulumi:StackReference",
        name,
        custom: true,
        external: true,
        inputs: { name: stack },
        outputs: {},
        dependencies: [],
        propertyDependencies: {},
        options: { protect: false, ignoreChanges: [], additionalSecretOutputs: [], aliases: [], customTimeouts: { create: 0, update: 0, delete: 0 } },
    };
}

describe("warnings about read resources a preview cannot show", () => {
    it("warns about a StackReference named apart from the stack it reads", () => {
        assert.deepEqual(stackReferenceWarnings([reference("network", "acme/network/staging")]), [
            "StackReference 'network' reads stack acme/network/staging, but a preview shows the pack only its name 'network', so no policy can tell which environment it reads; name it after the stack (new StackReference(\"acme/network/staging\"))",
        ]);
    });

    it("says nothing about one named after its stack", () => {
        assert.deepEqual(stackReferenceWarnings([reference("acme/network/staging", "acme/network/staging")]), []);
    });
});

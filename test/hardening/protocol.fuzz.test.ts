// The whole pack, through the analyzer protocol on one real pack process, over arbitrary stacks
// and settings (test/hardening/arbitraries.ts): it never fails a call (a gRPC error drops every
// diagnostic of the resource), never prints a secret, and gives the same answer twice. A bad
// settings document is refused by the driver or at Configure, naming the key, and never reaches
// evaluation. Seeded: a failure prints its seed and path; rerun with BLASTWALL_FC_SEED=<seed>
// (and BLASTWALL_FC_RUNS to explore further locally).
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { Diagnostic } from "../../cli/analyzer/model";
import { userConfigFor } from "../../cli/config/load";
import { propertyBag, resources, resourceType, SECRET_MARKER, settingsDocument } from "./arbitraries";
import { SharedPack, sharedPackForSuite, stackOf } from "./pack";

const SEED = Number(process.env.BLASTWALL_FC_SEED ?? 20231020);
const RUNS = Number(process.env.BLASTWALL_FC_RUNS ?? 40);

type Outcome = { readonly answered: readonly Diagnostic[] } | { readonly refused: string };

const REFUSALS = [
    /^the policy pack failed during Configure: The configuration of [a-z-]+ is invalid: \S/,
    /^the policy pack config is invalid:$/,
];

async function evaluate(pack: SharedPack, input: Parameters<SharedPack["session"]>[0], config: Parameters<SharedPack["session"]>[1]): Promise<Outcome> {
    try {
        return { answered: (await pack.session(input, config)).diagnostics };
    } catch (error) {
        const first = (error as Error).message.split("\n")[0];
        if (REFUSALS.some((refusal) => refusal.test(first))) return { refused: (error as Error).message };
        throw error;
    }
}

function assertNoSecret(outcome: Outcome): void {
    const texts = "answered" in outcome ? outcome.answered.map((d) => d.message) : [outcome.refused];
    // A prefix of the marker is enough to catch a rule that truncates a value before printing it.
    for (const text of texts) assert.ok(!text.includes(SECRET_MARKER.slice(0, 6)), `a secret was printed: ${text.slice(0, 400)}`);
}

describe("the pack over arbitrary stacks and settings (analyzer protocol, fast-check)", function () {
    this.timeout(300_000);
    const suite = sharedPackForSuite();

    it(`never fails a call, never prints a secret and answers the same twice (seed ${SEED}, ${RUNS} stacks)`, async () => {
        await fc.assert(
            fc.asyncProperty(resources, settingsDocument, async (specs, document) => {
                let config;
                try {
                    config = userConfigFor(suite.info, { file: "fuzz.yaml", document }, undefined);
                } catch (error) {
                    // Refused before the pack sees it, naming what is wrong.
                    assert.match((error as Error).message, /^config file fuzz\.yaml is invalid:\n {4}\S/);
                    return;
                }
                const input = stackOf(specs);
                const first = await evaluate(suite.pack, input, config);
                const second = await evaluate(suite.pack, input, config);
                assert.deepEqual(second, first);
                assertNoSecret(first);
                assert.ok(suite.pack.alive(), suite.pack.stderr());
            }),
            { seed: SEED, numRuns: RUNS },
        );
    });

    it(`judges one resource of any type and any bag with the shipped settings (seed ${SEED}, ${RUNS * 2} resources)`, async () => {
        const config = userConfigFor(suite.info, undefined, "2024-06-01");
        await fc.assert(
            fc.asyncProperty(resourceType, propertyBag, async (type, props) => {
                const outcome = await evaluate(suite.pack, stackOf([{ type, name: "subject", props }]), config);
                assert.ok("answered" in outcome, `the shipped settings were refused: ${"refused" in outcome ? outcome.refused : ""}`);
                assertNoSecret(outcome);
            }),
            { seed: SEED + 1, numRuns: RUNS * 2 },
        );
        assert.ok(suite.pack.alive(), suite.pack.stderr());
    });
});

// The program's answers to a wrong stack config, under mocks, as a user running `pulumi preview`
// reads them: one message naming the option and the fix, and nothing deployed.

import { strict as assert } from "node:assert";
import { startAllRuns, stackRun, WRONG_CONFIG_RUNS } from "./harness/stackRuns";

describe("the network program with a wrong stack config", () => {
    // The messages themselves are tested without Pulumi (settings, environment); these cases show
    // how they reach the user through the program, so one of each kind is enough.
    const cases: [string, Parameters<typeof stackRun>[0], string][] = [
        [
            "stops a stack named for staging that deploys prod, with the message alone",
            WRONG_CONFIG_RUNS.namedForStaging,
            'blastwall:environment is "prod" but stack \'staging\' is named for staging; set blastwall:environment to staging, or deploy prod from a stack named for it.',
        ],
        [
            "stops a stack that asks for more zones than the region has, ending with the fix",
            WRONG_CONFIG_RUNS.tooManyZones,
            "SegmentedNetwork 'prod': availabilityZones is 8 but us-east-1 has 6 available zones in account 100000000030 " +
                "(us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e, us-east-1f); set blastwall:availabilityZones to 6 or fewer.",
        ],
    ];
    before(startAllRuns);

    for (const [behaviour, request, message] of cases) {
        it(behaviour, async () => {
            // The SDK prefixes an error raised while resolving an input with the properties it
            // was serializing ("error serializing property ..."); the sentence the user acts on ends it.
            const error = (await stackRun(request)).error ?? "";
            assert.equal(error.replace(/^(error serializing property "[a-zA-Z]+": )*/, ""), message);
        });
    }

    it("deploys nothing when the config is wrong before any resource is declared", async () => {
        const capture = await stackRun(cases[0][1]);
        assert.deepEqual(capture.resources, []);
    });
});

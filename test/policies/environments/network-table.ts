// Table-driven cases for no-cross-environment-network-path: each case names the behaviour, the
// resources of a stack and the exact messages a user reads (none for a passing case).

import { strict as assert } from "node:assert";
import { noCrossEnvironmentNetworkPath } from "../../../policies/environments/noCrossEnvironmentNetworkPath";
import { messages, runStackPolicy, WireResource } from "../../helpers/policy-runtime";

export type Case = [behaviour: string, resources: WireResource[], expected: string[], config?: Record<string, unknown>];

async function check([, resources, expected, config]: Case): Promise<void> {
    const outcome = await runStackPolicy(noCrossEnvironmentNetworkPath, resources, { config });
    assert.deepEqual(messages(outcome), expected);
    for (const violation of outcome.violations) assert.equal(violation.level, "mandatory");
}

export function table(title: string, cases: Case[]): void {
    describe(title, () => {
        for (const entry of cases) it(entry[0], () => check(entry));
    });
}

// The stacks under mocks, run once per mocha process and shared by the test files that read
// them. Each result is a frozen capture that tests only read; running the same program again
// per file would add seconds and show nothing new.

import type { StackCapture, StackRunRequest } from "./capture";
import { runStackUnderMocks } from "./program";

export const STACKS = ["test", "staging", "prod"] as const;
export type StackName = (typeof STACKS)[number];

const runs = new Map<string, Promise<StackCapture>>();

export function stackRun(request: StackRunRequest): Promise<StackCapture> {
    const key = JSON.stringify(request);
    let run = runs.get(key);
    if (!run) {
        run = runStackUnderMocks(request);
        // Runs are started ahead of the test that reads them; its await reports any failure.
        run.catch(() => undefined);
        runs.set(key, run);
    }
    return run;
}

/** The runs with a wrong config that test/src/program.test.ts reads. */
export const WRONG_CONFIG_RUNS = {
    namedForStaging: { stackFile: "prod", stackName: "staging" },
    tooManyZones: { stackFile: "prod", configOverrides: { "blastwall:availabilityZones": "8" } },
} as const satisfies Record<string, StackRunRequest>;

/** SegmentedNetwork on its own, without public subnets (test/src/network/segmentedNetwork.test.ts). */
export const PRIVATE_NETWORK_RUN: StackRunRequest = { program: "test/src/fixtures/privateNetwork.ts", stackFile: "test" };

/**
 * Starts every program run of the suite at once, whichever test file asks first: six children of
 * about two seconds each overlap on the CI's two cores instead of following one another.
 */
export function startAllRuns(): void {
    for (const request of [...STACKS.map((stackFile) => ({ stackFile })), ...Object.values(WRONG_CONFIG_RUNS), PRIVATE_NETWORK_RUN]) stackRun(request);
}

/** The shipped stack, from its own stack file. */
export function shippedStack(stack: StackName): Promise<StackCapture> {
    startAllRuns();
    return stackRun({ stackFile: stack });
}

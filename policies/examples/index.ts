// One example per policy of the pack, by policy name: what `blastwall explain` runs the policy's
// own rule over to show the message it gives. test/policies/examples.test.ts holds every policy of
// policies.ts to having one that it blocks.

import type { PolicyExample } from "./example";
import { credentialExamples } from "./credentials";
import { environmentExamples } from "./environments";
import { ownershipExamples } from "./ownership";
import { reachExamples } from "./reach";

export type { ExampleResource, PolicyExample } from "./example";

export const policyExamples: Readonly<Record<string, PolicyExample>> = {
    ...credentialExamples,
    ...environmentExamples,
    ...ownershipExamples,
    ...reachExamples,
};

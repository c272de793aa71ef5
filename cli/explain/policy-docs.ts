// The documentation file of each policy (policies/docs/<policy>.md), shipped in the pack package
// so that SARIF's helpUri has something to point at: exactly what `blastwall explain` prints,
// example message included, under a title. test/policies/docs.test.ts keeps the files equal to it.

import type { Policy } from "@pulumi/policy";
import { explainText, policyFacts } from "../policies-command";
import { exampleSection } from "./example-text";

export async function policyDocument(policy: Policy): Promise<string> {
    const facts = policyFacts().find((p) => p.name === policy.name);
    if (!facts) throw new Error(`${policy.name} is not a policy of the pack`);
    const body = explainText(facts, await exampleSection(policy));
    return `# ${policy.name}\n\n<!-- Written by test/policies/docs.test.ts from \`blastwall explain ${policy.name}\`; do not edit. -->\n\n${body}`;
}

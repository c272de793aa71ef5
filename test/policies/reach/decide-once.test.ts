// `decide` (policies/reach/iam/simulate.ts) asks the evaluator about a question's lenient variant
// and, when that allows, about its unconditional variant, to tell "allowed" from "allowed only under
// a condition". The variants differ only in statements with a condition; when none of those can
// apply to the question's action, it answers after one run. That shortcut must never change a
// verdict: over generated identity policies, boundaries and trust or resource policies (with and
// without conditions on statements for this action or others, denies, NotAction, NotResource,
// wildcards, other accounts), its verdict equals the one both runs give. And it must be taken: such
// a question costs one run.
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { variantOf, Variant } from "../../../policies/reach/iam/documents";
import * as engine from "../../../policies/reach/iam/engine";
import { Decision, decide, Request, Subject } from "../../../policies/reach/iam/simulate";

const SEED = Number(process.env.BLASTWALL_FC_SEED ?? 20231020);
const USER = "arn:aws:iam::100000000030:user/service/svc-1";
const ROLE = "arn:aws:iam::100000000030:role/app-1";
const OTHER_ROLE = "arn:aws:iam::100000000020:role/deploy";
const BUCKET = "arn:aws:s3:::bucket/key";

const actions = fc.constantFrom<unknown>("sts:AssumeRole", "sts:*", "*", "iam:PassRole", "s3:GetObject", "s3:*", ["sts:AssumeRole", "s3:GetObject"], "iam:*");
const resources = fc.constantFrom<unknown>("*", ROLE, OTHER_ROLE, BUCKET, "arn:aws:iam::*:role/*", "arn:aws:iam::100000000030:role/app-?", "arn:aws:s3:::bucket/*", [ROLE, BUCKET]);
const condition = fc.constantFrom<unknown>(
    undefined,
    undefined,
    { StringEquals: { "aws:ResourceAccount": "100000000030" } },
    { Bool: { "aws:MultiFactorAuthPresent": "true" } },
    { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } },
);
const statement = fc
    .record({
        effect: fc.constantFrom("Allow", "Allow", "Allow", "Deny"),
        action: fc.constantFrom("Action", "Action", "NotAction"),
        actions,
        resource: fc.constantFrom("Resource", "Resource", "NotResource"),
        resources,
        condition,
    })
    .map((s) => ({ Effect: s.effect, [s.action]: s.actions, [s.resource]: s.resources, ...(s.condition === undefined ? {} : { Condition: s.condition }) }));
const documents = fc.array(fc.array(statement, { minLength: 1, maxLength: 3 }), { minLength: 0, maxLength: 3 });
const principal = fc.constantFrom<unknown>({ AWS: "arn:aws:iam::100000000030:root" }, { AWS: USER }, { AWS: "arn:aws:iam::100000000020:root" }, "*", { Service: "lambda.amazonaws.com" });
const resourcePolicy = fc.option(
    fc.array(
        fc.record({ effect: fc.constantFrom("Allow", "Allow", "Deny"), principal, actions, condition }).map((s) => ({
            Effect: s.effect,
            Principal: s.principal,
            Action: s.actions,
            ...(s.condition === undefined ? {} : { Condition: s.condition }),
        })),
        { minLength: 1, maxLength: 2 },
    ),
    { nil: undefined },
);
const request = fc.record({
    action: fc.constantFrom("sts:AssumeRole", "iam:PassRole", "s3:GetObject"),
    resource: fc.constantFrom(ROLE, OTHER_ROLE, BUCKET),
    account: fc.constantFrom("100000000030", "100000000020"),
});

function asDocuments(lists: Record<string, unknown>[][], label: string) {
    return lists.map((Statement, i) => ({ label: `${label} ${i}`, document: { Version: "2012-10-17", Statement } }));
}

/** What decide answered before the shortcut: both variants, every time. */
function bothRuns(subject: Subject, question: Request): Decision {
    if (subject.identity.length === 0) return "denied";
    const run = (variant: Variant) => {
        const named = (docs: Subject["identity"]) => docs.map((d, i) => ({ name: `${i}:${d.label}`, policy: variantOf(d.document, variant) }));
        return (
            engine.evaluate({
                principal: subject.principalArn,
                action: question.action,
                resource: question.resource,
                account: question.account,
                identity: named(subject.identity),
                boundary: subject.boundary ? named(subject.boundary) : undefined,
                resourcePolicy: question.resourcePolicy ? variantOf(question.resourcePolicy, variant) : undefined,
            }) === "Allowed"
        );
    };
    try {
        if (!run("lenient")) return "denied";
        return run("unconditional") ? "allowed" : "conditional";
    } catch {
        return "conditional";
    }
}

/** How many times the evaluator runs while `body` does. */
function countingRuns<T>(body: () => T): { value: T; runs: number } {
    const mutable = engine as { evaluate: typeof engine.evaluate };
    const original = mutable.evaluate;
    let runs = 0;
    mutable.evaluate = (input) => {
        runs++;
        return original(input);
    };
    try {
        return { value: body(), runs };
    } finally {
        mutable.evaluate = original;
    }
}

describe("reach: one evaluator run for a question without conditions (decide)", () => {
    it(`gives the verdict both runs give, with and without conditions (seed ${SEED})`, () => {
        const seen = new Map<Decision, number>();
        fc.assert(
            fc.property(documents, fc.option(documents, { nil: undefined }), resourcePolicy, request, (identity, boundary, trust, asked) => {
                const subject: Subject = {
                    principalArn: USER,
                    account: "100000000030",
                    identity: asDocuments(identity, "policy"),
                    boundary: boundary && boundary.length > 0 ? asDocuments(boundary, "boundary") : undefined,
                };
                const question: Request = { ...asked, resourcePolicy: trust ? { Version: "2012-10-17", Statement: trust } : undefined };
                const expected = bothRuns(subject, question);
                seen.set(expected, (seen.get(expected) ?? 0) + 1);
                assert.equal(decide(subject, question), expected, JSON.stringify({ identity, boundary, trust, asked }));
            }),
            { seed: SEED, numRuns: Number(process.env.BLASTWALL_FC_RUNS ?? 600) },
        );
        // The generator must reach every verdict, or the property proves little.
        for (const verdict of ["allowed", "conditional", "denied"] as const) assert.ok((seen.get(verdict) ?? 0) > 10, `${verdict}: ${seen.get(verdict) ?? 0} cases`);
    });

    it("asks the evaluator once when no condition applies to the action, twice when one does", () => {
        const allow = { Effect: "Allow", Action: "sts:AssumeRole", Resource: ROLE };
        const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::100000000030:root" }, Action: "sts:AssumeRole" }] };
        const subject: Subject = { principalArn: USER, account: "100000000030", identity: asDocuments([[allow]], "policy") };
        const question: Request = { action: "sts:AssumeRole", resource: ROLE, account: "100000000030", resourcePolicy: trust };
        assert.deepEqual(
            countingRuns(() => decide(subject, question)),
            { value: "allowed", runs: 1 },
        );
        // A condition on a statement for other actions takes no part in this question.
        const describe = { Effect: "Allow", Action: "ec2:Describe*", Resource: "*", Condition: { StringEquals: { "aws:ResourceAccount": "100000000030" } } };
        assert.deepEqual(
            countingRuns(() => decide({ ...subject, identity: asDocuments([[allow, describe]], "policy") }, question)),
            { value: "allowed", runs: 1 },
        );
        const conditional: Subject = { ...subject, identity: asDocuments([[{ ...allow, Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }]], "policy") };
        assert.deepEqual(
            countingRuns(() => decide(conditional, question)),
            { value: "conditional", runs: 2 },
        );
    });
});

// The reach model asks the IAM evaluator whether each principal may assume each role of the stack;
// `mayAssume` (policies/reach/roles.ts) skips the pairs the evaluator can only deny, so that n
// users and n roles no longer cost n² evaluations. Skipping must never hide reach: whenever it
// says "no", the evaluator itself denies, over generated identity policies (Resource patterns with
// wildcards, NotResource, policy variables, NotAction, denies, conditions) and trust policies
// (account roots, the principal itself, wildcards, services, unknowns).
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { UNKNOWN_WIRE_VALUE } from "../../../policies/lib/props";
import { decide, Subject } from "../../../policies/reach/iam/simulate";
import type { IamPrincipal } from "../../../policies/reach/iam/world";
import { ASSUME_ROLE, candidates, mayAssume } from "../../../policies/reach/roles";

const SEED = Number(process.env.BLASTWALL_FC_SEED ?? 20231020);
const USER = "arn:aws:iam::100000000030:user/service/svc-1";
const ROLES = ["arn:aws:iam::100000000030:role/app-1", "arn:aws:iam::100000000030:role/app-2", "arn:aws:iam::100000000030:role/team/App-3", "arn:aws:iam::100000000020:role/deploy", "arn:aws:iam::100000000030:role/APP-1"];

const resourcePattern = fc.constantFrom(
    "*",
    ...ROLES,
    "arn:aws:iam::100000000030:role/app-*",
    "arn:aws:iam::*:role/deploy",
    "arn:aws:iam::100000000030:role/app-?",
    "arn:aws:iam::100000000030:role/*/App-3",
    "arn:aws:iam::100000000030:role/APP-1",
    "arn:aws:iam::100000000030:role/${aws:username}",
    "arn:aws:iam::100000000030:user/*",
    "arn:aws:s3:::bucket/*",
    UNKNOWN_WIRE_VALUE,
);
const action = fc.constantFrom("sts:AssumeRole", "sts:*", "*", "sts:Assume*", "s3:GetObject", ["sts:AssumeRole", "s3:GetObject"]);
const statement = fc.record(
    {
        Effect: fc.constantFrom("Allow", "Allow", "Allow", "Deny"),
        action: fc.constantFrom("Action", "Action", "Action", "NotAction"),
        actions: action,
        resource: fc.constantFrom("Resource", "Resource", "Resource", "NotResource", "none"),
        resources: fc.oneof(resourcePattern, fc.array(resourcePattern, { minLength: 1, maxLength: 3 })),
        condition: fc.boolean(),
    },
    { requiredKeys: ["Effect", "action", "actions", "resource", "resources", "condition"] },
).map((s) => ({
    Effect: s.Effect,
    [s.action]: s.actions,
    ...(s.resource === "none" ? {} : { [s.resource]: s.resources }),
    ...(s.condition ? { Condition: { StringEquals: { "aws:ResourceAccount": "100000000030" } } } : {}),
}));
const identity = fc.array(fc.array(statement, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 });
const principal = fc.constantFrom<unknown>(
    { AWS: "arn:aws:iam::100000000030:root" },
    { AWS: "100000000030" },
    { AWS: "arn:aws:iam::100000000020:root" },
    { AWS: USER },
    { AWS: [USER, "arn:aws:iam::100000000010:root"] },
    "*",
    { AWS: "*" },
    { Service: "ec2.amazonaws.com" },
    UNKNOWN_WIRE_VALUE,
    { AWS: UNKNOWN_WIRE_VALUE },
);
const trust = fc.option(fc.array(principal, { minLength: 1, maxLength: 2 }), { nil: undefined });

function role(arn: string, principals: unknown[] | undefined): IamPrincipal {
    const document = principals ? { Version: "2012-10-17", Statement: principals.map((Principal) => ({ Effect: "Allow", Principal, Action: "sts:AssumeRole" })) } : undefined;
    const account = /iam::(\d{12}):/.exec(arn)?.[1] ?? "100000000030";
    return { arn, account, kind: "role", name: arn.split("/").pop() ?? arn, notes: [], trust: document, resource: { urn: arn } as IamPrincipal["resource"], subject: { principalArn: arn, account, identity: [] } };
}

describe("reach: which roles are worth asking the evaluator about (mayAssume)", () => {
    it(`never skips a role the evaluator would let the principal assume (seed ${SEED})`, () => {
        let skipped = 0;
        fc.assert(
            fc.property(identity, trust, fc.constantFrom(...ROLES), (documents, principals, arn) => {
                const subject: Subject = { principalArn: USER, account: "100000000030", identity: documents.map((Statement, i) => ({ label: `policy ${i}`, document: { Version: "2012-10-17", Statement } })) };
                const target = role(arn, principals);
                if (mayAssume(subject, target)) return;
                skipped++;
                const decision = decide(subject, { action: ASSUME_ROLE, resource: target.arn, account: target.account, resourcePolicy: target.trust });
                assert.equal(decision, "denied", JSON.stringify({ documents, principals, arn }));
            }),
            { seed: SEED, numRuns: 600 },
        );
        assert.ok(skipped > 50, `the generator exercises skipping (${skipped} skipped)`);
    });

    it(`looks roles up by ARN without losing one mayAssume keeps, in the stack's order (seed ${SEED})`, () => {
        fc.assert(
            fc.property(identity, fc.array(fc.tuple(fc.constantFrom(...ROLES), trust), { minLength: 1, maxLength: 12 }), (documents, specs) => {
                const subject: Subject = { principalArn: USER, account: "100000000030", identity: documents.map((Statement, i) => ({ label: `policy ${i}`, document: { Version: "2012-10-17", Statement } })) };
                const roles = specs.map(([arn, principals]) => role(arn, principals));
                const kept = roles.filter((r) => mayAssume(subject, r));
                const found = candidates(subject, roles).filter((r) => mayAssume(subject, r));
                assert.deepEqual(found, kept);
            }),
            { seed: SEED, numRuns: 600 },
        );
    });

    it("skips roles the principal's policies do not name, and keeps those they do, whatever their case or wildcard", () => {
        const subject: Subject = {
            principalArn: USER,
            account: "100000000030",
            identity: [{ label: "policy 'p'", document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "arn:aws:iam::100000000030:role/app-1" }] } }],
        };
        const rootTrust = [{ AWS: "arn:aws:iam::100000000030:root" }];
        assert.equal(mayAssume(subject, role("arn:aws:iam::100000000030:role/app-1", rootTrust)), true);
        assert.equal(mayAssume(subject, role("arn:aws:iam::100000000030:role/app-2", rootTrust)), false);
        assert.equal(mayAssume(subject, role("arn:aws:iam::100000000030:role/app-2", [{ AWS: USER }])), true, "a trust naming the user grants without an identity allow");
        assert.equal(mayAssume(subject, role("arn:aws:iam::100000000030:role/app-2", ["*"])), true);
        assert.equal(mayAssume(subject, role("arn:aws:iam::100000000030:role/app-2", [{ AWS: UNKNOWN_WIRE_VALUE }])), true, "an unknown trust is asked about");
    });
});

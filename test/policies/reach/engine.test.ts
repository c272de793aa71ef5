// The evaluator is @cloud-copilot/iam-simulate's core, reached by path (policies/reach/iam/engine.ts)
// because its synchronous entry point fails on any request with a resource or trust policy. These
// tests fail if the pinned package moves its internals, and tell us when the public entry point is
// fixed (then engine.ts can go).
import { strict as assert } from "node:assert";
import { runUnsafeSimulation } from "@cloud-copilot/iam-simulate";
import { evaluate } from "../../../policies/reach/iam/engine";

const USER = "arn:aws:iam::100000000010:user/ci";
const ROLE = "arn:aws:iam::100000000030:role/deploy";
const allowAssume = { name: "p", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] } };
const trust = (account: string) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "sts:AssumeRole" }] });

describe("the IAM evaluator", () => {
    const cases: [string, Parameters<typeof evaluate>[0], string][] = [
        ["allows a cross-account assume when the trust admits the caller's account", { principal: USER, action: "sts:AssumeRole", resource: ROLE, account: "100000000030", identity: [allowAssume], resourcePolicy: trust("100000000010") }, "Allowed"],
        ["denies it when the trust admits another account", { principal: USER, action: "sts:AssumeRole", resource: ROLE, account: "100000000030", identity: [allowAssume], resourcePolicy: trust("100000000020") }, "ImplicitlyDenied"],
        ["denies it when no identity policy allows it", { principal: USER, action: "sts:AssumeRole", resource: ROLE, account: "100000000030", identity: [], resourcePolicy: trust("100000000010") }, "ImplicitlyDenied"],
        [
            "denies what the permissions boundary does not allow",
            { principal: USER, action: "sts:AssumeRole", resource: ROLE, account: "100000000010", identity: [allowAssume], boundary: [{ name: "b", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] } }] },
            "ImplicitlyDenied",
        ],
    ];
    for (const [behaviour, request, expected] of cases) {
        it(behaviour, () => assert.equal(evaluate(request), expected));
    }

    it("still needs the workaround: the package's synchronous entry point fails on a trust policy", () => {
        assert.throws(() =>
            runUnsafeSimulation(
                {
                    request: { principal: USER, action: "sts:AssumeRole", resource: { resource: ROLE, accountId: "100000000030" }, contextVariables: {} },
                    identityPolicies: [allowAssume],
                    serviceControlPolicies: [],
                    resourceControlPolicies: [],
                    resourcePolicy: trust("100000000010"),
                },
                {},
            ),
        );
    });
});

// The breach, replayed: fixture projects and exports in which the 2023 incident's mistakes are
// made (an Okta credential issued before the incident in prod, staging peered into prod, an
// access key no one owns, old keys in a deployed state) must fail with exactly the expected
// policies on exactly the expected resources, and exit 1; their fixed versions must pass.
//
// The policies are being written alongside this command. Each expectation names its policy; a
// case whose policies are not all in the pack yet is skipped with a message saying which, so the
// suite runs them as soon as they are merged. Settings a fixture needs (an owner registry) are
// passed only when the pack declares them.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { allPolicies } from "../../../policies/policies";
import { FIXTURES, json, JsonReport, PROJECTS, runCli } from "./cli";

const present = new Set(allPolicies.map((p) => p.name));
const declared = new Set(allPolicies.flatMap((p) => Object.keys(p.configSchema?.properties ?? {})));

interface Expected {
    readonly policy: string;
    /** Resource type and name. */
    readonly type: string;
    readonly name: string;
}

interface Case {
    readonly name: string;
    readonly args: readonly string[];
    /** Settings documents passed with --config when the pack declares every key in them. */
    readonly settings?: { readonly file: string; readonly keys: readonly string[] };
    /** The policies whose verdicts this case asserts. */
    readonly policies: readonly string[];
    readonly expected: readonly Expected[];
}

const AT = ["--at", "2023-11-20"];

const cases: readonly Case[] = [
    {
        name: "prod holding an Okta service token issued before the October 2023 incident",
        args: ["--project", path.join(PROJECTS, "okta-breach"), "--stack", "prod", ...AT],
        policies: ["credential-rotated-after-incident", "credential-rotation-enabled", "credential-max-age", "credential-has-owner", "provider-matches-environment"],
        expected: [
            { policy: "credential-rotated-after-incident", type: "okta:index/apiToken:ApiToken", name: "atlassian-sync" },
            { policy: "credential-rotation-enabled", type: "okta:index/apiToken:ApiToken", name: "atlassian-sync" },
        ],
    },
    {
        name: "prod with the token replaced by a service app whose key Okta rotates (fixed)",
        args: ["--project", path.join(PROJECTS, "okta-breach"), "--stack", "prod-fixed", ...AT],
        policies: ["credential-rotated-after-incident", "credential-rotation-enabled", "credential-max-age", "credential-has-owner", "provider-matches-environment"],
        expected: [],
    },
    {
        name: "staging peered into prod's VPC with a route to prod's range",
        args: ["--project", path.join(PROJECTS, "peering-breach"), "--stack", "staging"],
        policies: ["no-cross-environment-network-path", "resource-environment-matches-stack", "provider-matches-environment"],
        expected: [
            { policy: "no-cross-environment-network-path", type: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection", name: "staging-to-prod" },
            { policy: "no-cross-environment-network-path", type: "aws:ec2/route:Route", name: "to-prod" },
        ],
    },
    {
        name: "staging with no path out (fixed)",
        args: ["--project", path.join(PROJECTS, "peering-breach"), "--stack", "staging-fixed"],
        policies: ["no-cross-environment-network-path", "resource-environment-matches-stack", "provider-matches-environment"],
        expected: [],
    },
    {
        name: "prod with an access key no one owns",
        args: ["--project", path.join(PROJECTS, "orphan-key"), "--stack", "prod"],
        settings: { file: path.join(PROJECTS, "orphan-key", "blastwall.yaml"), keys: ["owners"] },
        policies: ["credential-has-owner", "credential-owner-active", "credential-rotation-enabled"],
        expected: [{ policy: "credential-has-owner", type: "aws:iam/accessKey:AccessKey", name: "ci-deployer" }],
    },
    {
        name: "prod whose key's user names its owner (fixed)",
        args: ["--project", path.join(PROJECTS, "orphan-key"), "--stack", "prod-fixed"],
        settings: { file: path.join(PROJECTS, "orphan-key", "blastwall.yaml"), keys: ["owners"] },
        policies: ["credential-has-owner", "credential-owner-active", "credential-rotation-enabled"],
        expected: [],
    },
    {
        name: "a deployed prod state with keys older than their limit and Okta credentials from before the incident",
        args: ["--state", path.join(FIXTURES, "states", "prod-old-keys.json"), ...AT],
        policies: ["credential-max-age", "credential-rotated-after-incident"],
        expected: [
            { policy: "credential-max-age", type: "aws:iam/accessKey:AccessKey", name: "ci-deployer" },
            { policy: "credential-rotated-after-incident", type: "okta:index/apiToken:ApiToken", name: "atlassian-sync" },
            { policy: "credential-rotated-after-incident", type: "okta:app/oAuth:OAuth", name: "support-portal" },
        ],
    },
    {
        name: "the same state after rotation (fixed)",
        args: ["--state", path.join(FIXTURES, "states", "prod-rotated.json"), "--at", "2024-06-01"],
        policies: ["credential-max-age", "credential-rotated-after-incident"],
        expected: [],
    },
];

function missing(c: Case): string[] {
    return c.policies.filter((p) => !present.has(p));
}

describe("the breach, replayed (end to end, real pack process)", function () {
    this.timeout(180_000);
    for (const c of cases) {
        describe(c.name, function () {
            let report: JsonReport;
            let code: number | null;
            before(async function () {
                const absent = missing(c);
                if (absent.length > 0) {
                    console.log(`      skipped until the pack has ${absent.join(", ")}`);
                    this.skip();
                }
                const settings = c.settings && c.settings.keys.every((k) => declared.has(k)) ? ["--config", c.settings.file] : [];
                const result = await runCli(["check", ...c.args, ...settings, "--format", "json", "--quiet"]);
                code = result.code;
                report = json(result);
            });

            it(`${c.expected.length > 0 ? "fails with exit code 1" : "passes with exit code 0"}`, () => {
                assert.equal(code, c.expected.length > 0 ? 1 : 0, JSON.stringify(report.stacks.flatMap((s) => s.findings), null, 2));
            });

            it(`reports exactly ${c.expected.length === 0 ? "nothing" : c.expected.map((e) => `${e.policy} on ${e.name}`).join(", ")} from the policies it replays`, () => {
                const reported = report.stacks
                    .flatMap((s) => s.findings)
                    .filter((f) => c.policies.includes(f.policy) && f.level === "mandatory")
                    .map((f) => ({ policy: f.policy, type: f.resourceType, name: f.resourceName }));
                const key = (e: Expected) => `${e.policy} ${e.type} ${e.name}`;
                assert.deepEqual([...new Set(reported.map(key))].sort(), c.expected.map(key).sort());
            });
        });
    }
});

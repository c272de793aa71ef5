// The breach, replayed: fixture projects and exports in which the 2023 incident's mistakes are
// made (an Okta credential issued before the incident in prod, staging peered into prod, an
// access key no one owns, old keys in a deployed state) must fail with exactly the expected
// mandatory findings (every policy of the pack, not a chosen few) on exactly the expected
// resources, and exit 1; their fixed versions must pass with none.
//
// Time is fixed with --at, and the incident comes from a settings document: the October 2023 Okta
// incident (2023-10-20), as examples/blastwall.yaml ships it.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { allPolicies } from "../../../policies/policies";
import { FIXTURES, json, JsonReport, PROJECTS, runCli } from "./cli";

const present = new Set(allPolicies.map((p) => p.name));

interface Expected {
    readonly policy: string;
    /** Resource type and name. */
    readonly type: string;
    readonly name: string;
    /** The exact message, where the case asserts why it fails. */
    readonly message?: string;
}

interface Case {
    readonly name: string;
    readonly args: readonly string[];
    /** A settings document passed with --config. */
    readonly settings?: string;
    readonly expected: readonly Expected[];
}

const AT = ["--at", "2023-11-20"];
const OKTA_INCIDENT = path.join(FIXTURES, "settings", "okta-2023-10.yaml");
const STATES = path.join(FIXTURES, "states");
const REISSUE_TOKEN = "revoke it and issue a new token in the Okta Admin Console, then import the new one so that it is re-issued after 2023-10-20";

const cases: readonly Case[] = [
    {
        name: "prod holding an Okta service token issued before the October 2023 incident",
        args: ["--project", path.join(PROJECTS, "okta-breach"), "--stack", "prod", ...AT],
        settings: OKTA_INCIDENT,
        expected: [
            {
                policy: "credential-rotated-after-incident",
                type: "okta:index/apiToken:ApiToken",
                name: "atlassian-sync",
                message: `Okta API token 'atlassian-sync' in prod was issued 2023-09-12, before incident okta-2023-10 (2023-10-20) whose scope includes it; ${REISSUE_TOKEN}.`,
            },
            { policy: "credential-rotation-enabled", type: "okta:index/apiToken:ApiToken", name: "atlassian-sync" },
            // Its creator's admin role (which a token carries) is not in the program: its power cannot be judged.
            {
                policy: "credential-no-escalation",
                type: "okta:index/apiToken:ApiToken",
                name: "atlassian-sync",
                message:
                    "Cannot verify that Okta API token 'atlassian-sync' in prod is neither administrator-equivalent nor able to escalate its privileges: the user who created it (its userId) is not declared in this stack, and a token carries that user's admin role; declare what it names in this stack (or import it), so that its permissions can be judged.",
            },
        ],
    },
    {
        name: "prod with the token replaced by a service app whose key pair a time.Rotating re-creates (fixed)",
        args: ["--project", path.join(PROJECTS, "okta-breach"), "--stack", "prod-fixed", ...AT],
        settings: OKTA_INCIDENT,
        expected: [],
    },
    {
        name: "staging peered into prod's VPC with a route to prod's range",
        args: ["--project", path.join(PROJECTS, "peering-breach"), "--stack", "staging"],
        expected: [
            { policy: "no-cross-environment-network-path", type: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection", name: "staging-to-prod" },
            { policy: "no-cross-environment-network-path", type: "aws:ec2/route:Route", name: "to-prod" },
        ],
    },
    {
        name: "staging with no path out (fixed)",
        args: ["--project", path.join(PROJECTS, "peering-breach"), "--stack", "staging-fixed"],
        expected: [],
    },
    {
        name: "prod with an access key no one owns",
        args: ["--project", path.join(PROJECTS, "orphan-key"), "--stack", "prod"],
        settings: path.join(PROJECTS, "orphan-key", "blastwall.yaml"),
        expected: [{ policy: "credential-has-owner", type: "aws:iam/accessKey:AccessKey", name: "ci-deployer" }],
    },
    {
        name: "prod whose key's user names its owner (fixed)",
        args: ["--project", path.join(PROJECTS, "orphan-key"), "--stack", "prod-fixed"],
        settings: path.join(PROJECTS, "orphan-key", "blastwall.yaml"),
        expected: [],
    },
    {
        // The access key (2023-05-02) and the service app (2023-08-01) are past 90 days at --at;
        // the API token (2023-09-12) is not, but it and the app predate the incident; none rotates,
        // and no one owns the Okta ones.
        name: "a deployed prod state with keys older than their limit and Okta credentials from before the incident",
        args: ["--state", path.join(STATES, "prod-old-keys.json"), ...AT],
        settings: OKTA_INCIDENT,
        expected: [
            { policy: "credential-max-age", type: "aws:iam/accessKey:AccessKey", name: "ci-deployer" },
            { policy: "credential-max-age", type: "okta:app/oAuth:OAuth", name: "support-portal" },
            {
                policy: "credential-rotated-after-incident",
                type: "okta:index/apiToken:ApiToken",
                name: "atlassian-sync",
                message: `Okta API token 'atlassian-sync' in prod was issued 2023-09-12, before incident okta-2023-10 (2023-10-20) whose scope includes it; ${REISSUE_TOKEN}.`,
            },
            {
                policy: "credential-rotated-after-incident",
                type: "okta:app/oAuth:OAuth",
                name: "support-portal",
                message:
                    "Okta service app 'support-portal' in prod was issued 2023-08-01 (per the state checkpoint), before incident okta-2023-10 (2023-10-20) whose scope includes it; " +
                    "rotate its credential (generate a new client secret or key pair and deactivate the old one, or replace the app) so that it is re-issued after 2023-10-20.",
            },
            { policy: "credential-rotation-enabled", type: "aws:iam/accessKey:AccessKey", name: "ci-deployer" },
            { policy: "credential-rotation-enabled", type: "okta:index/apiToken:ApiToken", name: "atlassian-sync" },
            { policy: "credential-rotation-enabled", type: "okta:app/oAuth:OAuth", name: "support-portal" },
            // Nothing in the old state names who owns the Okta credentials (the fixed state does).
            { policy: "credential-has-owner", type: "okta:index/apiToken:ApiToken", name: "atlassian-sync" },
            { policy: "credential-has-owner", type: "okta:app/oAuth:OAuth", name: "support-portal" },
            { policy: "credential-no-escalation", type: "okta:index/apiToken:ApiToken", name: "atlassian-sync" },
        ],
    },
    {
        // The key re-issued by a time.Rotating; the API token (which cannot rotate) and the
        // client-secret app replaced after the incident by service apps signing with private_key_jwt
        // whose key pairs a time.Rotating re-creates (tls.PrivateKey into jwks), owned in Okta by the
        // platform-team group.
        name: "the same state with the key rotating and the Okta credentials replaced after the incident (fixed)",
        args: ["--state", path.join(STATES, "prod-rotated.json"), "--at", "2024-06-01"],
        settings: OKTA_INCIDENT,
        expected: [],
    },
];

describe("the breach, replayed (end to end, real pack process)", function () {
    this.timeout(180_000);

    it("expects only policies the pack has", () => {
        assert.deepEqual(cases.flatMap((c) => c.expected.map((e) => e.policy)).filter((p) => !present.has(p)), []);
    });

    for (const c of cases) {
        describe(c.name, function () {
            let report: JsonReport;
            let code: number | null;
            before(async function () {
                const settings = c.settings ? ["--config", c.settings] : [];
                const result = await runCli(["check", ...c.args, ...settings, "--format", "json", "--quiet"]);
                code = result.code;
                report = json(result);
            });

            it(`${c.expected.length > 0 ? "fails with exit code 1" : "passes with exit code 0"}`, () => {
                assert.equal(code, c.expected.length > 0 ? 1 : 0, JSON.stringify(report.stacks.flatMap((s) => s.findings), null, 2));
            });

            it(`reports exactly ${c.expected.length === 0 ? "nothing mandatory" : c.expected.map((e) => `${e.policy} on ${e.name}`).join(", ")}`, () => {
                const reported = report.stacks
                    .flatMap((s) => s.findings)
                    .filter((f) => f.level === "mandatory")
                    .map((f) => ({ policy: f.policy, type: f.resourceType, name: f.resourceName }));
                const key = (e: Expected) => `${e.policy} ${e.type} ${e.name}`;
                assert.deepEqual([...new Set(reported.map(key))].sort(), c.expected.map(key).sort());
            });

            const explained = c.expected.filter((e) => e.message !== undefined);
            if (explained.length > 0) {
                it(`says why, in the words a user reads, for ${explained.map((e) => `${e.policy} on ${e.name}`).join(", ")}`, () => {
                    const findings = report.stacks.flatMap((s) => s.findings);
                    for (const e of explained) {
                        const messages = findings.filter((f) => f.policy === e.policy && f.resourceType === e.type && f.resourceName === e.name).map((f) => f.message);
                        assert.deepEqual(messages, [e.message]);
                    }
                });
            }
        });
    }
});

import { strict as assert } from "node:assert";
import { ConfigurationError } from "../../src/errors";
import { readStackSettings } from "../../src/settings";

/** Config as the CLI passes it: strings, structured values as JSON. */
function getter(config: Record<string, unknown>): (key: string) => string | undefined {
    return (key) => {
        const value = config[key];
        if (value === undefined) return undefined;
        return typeof value === "string" ? value : JSON.stringify(value);
    };
}

function problemsOf(config: Record<string, unknown>): readonly string[] {
    try {
        readStackSettings(getter(config));
    } catch (error) {
        assert.ok(error instanceof ConfigurationError);
        return error.problems;
    }
    assert.fail("expected a ConfigurationError");
}

const minimal = { owner: "platform-team" };

describe("stack settings", () => {
    it("fills in two zones, no NAT, 90-day flow logs and no credentials by default", () => {
        assert.deepEqual(readStackSettings(getter({ ...minimal, environment: "test" })), {
            environment: "test",
            owner: "platform-team",
            availabilityZones: 2,
            nat: "none",
            flowLogRetentionDays: 90,
            credentials: { accessKeys: [], secrets: [], oktaServiceApps: [] },
        });
    });

    it("reads every setting as the CLI passes it", () => {
        const credentials = {
            accessKeys: [{ name: "ci-deployer", owner: "platform-team", rotationDays: 30, policyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] }],
            secrets: [{ name: "webhook-key", owner: "payments-team", description: "Signs webhooks." }],
            oktaServiceApps: [{ name: "inventory-sync", owner: "identity-team", rotationDays: 60 }],
        };
        const settings = readStackSettings(getter({ ...minimal, availabilityZones: "3", nat: "perAz", flowLogRetentionDays: "365", credentials }));
        assert.deepEqual({ ...settings, environment: undefined }, {
            environment: undefined,
            owner: "platform-team",
            availabilityZones: 3,
            nat: "perAz",
            flowLogRetentionDays: 365,
            credentials,
        });
    });

    const refused: [string, Record<string, unknown>, string[]][] = [
        ["a stack without an owner", {}, ["blastwall:owner is not set; set it to the team that owns this stack's resources (pulumi config set blastwall:owner platform-team)."]],
        [
            "an owner that is not a team name",
            { owner: "Platform Team!" },
            ['blastwall:owner is "Platform Team!", not a team name (letters, digits, . _ - @, at most 64); set it to the team that owns this stack\'s resources (pulumi config set blastwall:owner platform-team).'],
        ],
        ["a single zone", { ...minimal, availabilityZones: "1" }, ['blastwall:availabilityZones is "1"; use 2 to 8 zones (3 in prod).']],
        ["a NAT mode that does not exist", { ...minimal, nat: "both" }, ['blastwall:nat is "both"; set it to none, single, perAz.']],
        [
            "a retention CloudWatch Logs does not offer",
            { ...minimal, flowLogRetentionDays: "42" },
            ['blastwall:flowLogRetentionDays is "42"; use a period CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653).'],
        ],
        ["credentials that are not a map", { ...minimal, credentials: "[oops" }, ["blastwall:credentials is not an object; write it as a YAML map with accessKeys, secrets and oktaServiceApps lists."]],
        ["an unknown kind of credential", { ...minimal, credentials: { apiTokens: [] } }, ["blastwall:credentials.apiTokens is not a kind of credential; use accessKeys, secrets, oktaServiceApps."]],
        [
            "a credential without an owner",
            { ...minimal, credentials: { accessKeys: [{ name: "ci-deployer" }] } },
            ["blastwall:credentials.accessKeys[0].owner is not set; name the team that answers for this credential (owner: platform-team)."],
        ],
        [
            "a rotation slower than the 90-day limit",
            { ...minimal, credentials: { secrets: [{ name: "db", owner: "data-team", rotationDays: 120 }] } },
            ["blastwall:credentials.secrets[0].rotationDays is 120, longer than the 90-day limit; use 1 to 90."],
        ],
        [
            "two credentials with one name",
            { ...minimal, credentials: { accessKeys: [{ name: "ci", owner: "a" }], secrets: [{ name: "ci", owner: "b" }] } },
            ['blastwall:credentials.secrets[0].name "ci" is used by another credential of this stack; give each credential its own name.'],
        ],
        [
            "a misspelt setting instead of silently using the default",
            { ...minimal, credentials: { accessKeys: [{ name: "ci", owner: "a", rotationdays: 7 }] } },
            ["blastwall:credentials.accessKeys[0].rotationdays is not a setting of accessKeys; use name, owner, rotationDays, policyArns, actions."],
        ],
        [
            "an Okta service app publishing its keys at a URL, where the stack cannot rotate them",
            { ...minimal, credentials: { oktaServiceApps: [{ name: "sync", owner: "a", jwksUri: "https://sync/jwks" }] } },
            ["blastwall:credentials.oktaServiceApps[0].jwksUri is not a setting of oktaServiceApps; use name, owner, rotationDays."],
        ],
    ];
    for (const [behaviour, config, problems] of refused) {
        it(`refuses ${behaviour}, naming the option and the fix`, () => assert.deepEqual(problemsOf(config), problems));
    }

    it("reports every problem at once, so one run shows all there is to fix", () => {
        assert.equal(problemsOf({ nat: "x", availabilityZones: "9" }).length, 3);
    });
});

import { strict as assert } from "node:assert";
import { PolicyInfo } from "../../../cli/analyzer/model";
import { parseUserPolicyConfig, reconcile } from "../../../cli/config/reconcile";

function policy(name: string, overrides: Partial<PolicyInfo> = {}): PolicyInfo {
    return {
        name,
        description: `${name} description`,
        enforcementLevel: "mandatory",
        kind: "resource",
        tags: [],
        configSchema: {
            properties: {
                maxAgeDays: { type: "integer", minimum: 1, default: 90 },
                owners: { type: "object", default: { alice: "active" }, additionalProperties: { type: "string" } },
                now: { type: "string", format: "date" },
            },
            required: [],
        },
        ...overrides,
    };
}

const pack = [policy("credential-max-age"), policy("credential-has-owner", { enforcementLevel: "advisory" })];

describe("config reconcile (the engine's ReconcilePolicyPackConfig)", () => {
    it("gives every policy its own level and its schema defaults when the user says nothing", () => {
        const { config, problems } = reconcile(pack, {}, {});
        assert.deepEqual(problems, []);
        assert.deepEqual(config, {
            "credential-max-age": { enforcementLevel: "mandatory", properties: { maxAgeDays: 90, owners: { alice: "active" } } },
            "credential-has-owner": { enforcementLevel: "advisory", properties: { maxAgeDays: 90, owners: { alice: "active" } } },
        });
    });

    it("applies the pack's initial config over the defaults, then the user's over both", () => {
        const { config } = reconcile(pack, { "credential-max-age": { properties: { maxAgeDays: 60 } } }, { "credential-max-age": { properties: { now: "2027-01-01" } } });
        assert.deepEqual(config["credential-max-age"].properties, { maxAgeDays: 60, owners: { alice: "active" }, now: "2027-01-01" });
    });

    it("replaces a whole object value rather than merging into it (one level deep, as the engine does)", () => {
        const { config } = reconcile(pack, {}, { "credential-has-owner": { properties: { owners: { bob: "departed" } } } });
        assert.deepEqual(config["credential-has-owner"].properties.owners, { bob: "departed" });
    });

    it("sets every policy's level with `all`, and a policy's own level still wins", () => {
        const { config } = reconcile(pack, {}, { all: { enforcementLevel: "advisory", properties: {} }, "credential-has-owner": { enforcementLevel: "disabled", properties: {} } });
        assert.equal(config["credential-max-age"].enforcementLevel, "advisory");
        assert.equal(config["credential-has-owner"].enforcementLevel, "disabled");
        // The engine sends the `all` entry on too.
        assert.equal(config.all.enforcementLevel, "advisory");
    });

    it("names the policy and the key of a value its schema refuses", () => {
        const { problems } = reconcile(pack, {}, { "credential-max-age": { properties: { maxAgeDays: 0, now: "soon" } } });
        assert.deepEqual(problems, ['credential-max-age: maxAgeDays must be >= 1', 'credential-max-age: now must match format "date"']);
    });

    it("refuses properties for a policy the pack does not have, as the engine refuses an entry with no level", () => {
        const { problems } = reconcile(pack, {}, { "credential-max-agee": { properties: { maxAgeDays: 30 } } });
        assert.deepEqual(problems, ["credential-max-agee: has properties but no enforcement level, and the pack has no policy of that name to take one from"]);
    });

    it("sends a level for an unknown policy that has one, as the engine does", () => {
        const { config, problems } = reconcile(pack, {}, { "from-another-pack": { enforcementLevel: "advisory", properties: {} } });
        assert.deepEqual(problems, []);
        assert.deepEqual(config["from-another-pack"], { enforcementLevel: "advisory", properties: {} });
    });

    it("enforces the schema's required keys", () => {
        const strict = [policy("needs-owner", { configSchema: { properties: { owner: { type: "string" } }, required: ["owner"] } })];
        assert.deepEqual(reconcile(strict, {}, {}).problems, ["needs-owner: config must have required property 'owner'"]);
    });
});

describe("parsing a per-policy config document", () => {
    const cases: { name: string; document: Record<string, unknown>; problems: string[] }[] = [
        { name: "a level string", document: { "credential-max-age": "advisory" }, problems: [] },
        { name: "an object with a level and properties", document: { "credential-max-age": { enforcementLevel: "disabled", maxAgeDays: 3 } }, problems: [] },
        { name: "a level that does not exist", document: { "credential-max-age": "warn" }, problems: ['credential-max-age: "warn" is not an enforcement level (advisory, mandatory, remediate, disabled)'] },
        { name: "a level of the wrong type", document: { all: { enforcementLevel: 1 } }, problems: ["all.enforcementLevel: 1 is not an enforcement level (advisory, mandatory, remediate, disabled)"] },
        { name: "a list", document: { "credential-max-age": ["mandatory"] }, problems: ['credential-max-age: must be an enforcement level or an object, not ["mandatory"]'] },
    ];
    for (const c of cases) {
        it(`reports ${c.problems.length === 0 ? "no problem" : "the entry"} for ${c.name}`, () => {
            assert.deepEqual(parseUserPolicyConfig(c.document).problems, c.problems);
        });
    }

    it("splits the level from the properties", () => {
        assert.deepEqual(parseUserPolicyConfig({ p: { enforcementLevel: "advisory", maxAgeDays: 30 } }).config, { p: { enforcementLevel: "advisory", properties: { maxAgeDays: 30 } } });
    });
});

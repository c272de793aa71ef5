import { strict as assert } from "node:assert";
import { detectForm, expandSettings, withEvaluationTime } from "../../../cli/config/settings-document";

const schemas = [
    { name: "credential-max-age", properties: { now: {}, maxAgeDays: {}, incidents: {} } },
    { name: "credential-has-owner", properties: { now: {}, owners: {}, tagKeys: {} } },
    { name: "stack-environment-known", properties: { now: {}, environments: {}, stackEnvironments: {} } },
];
const names = new Set(schemas.map((s) => s.name));

describe("telling a settings document from per-policy config", () => {
    const cases: { name: string; document: Record<string, unknown>; expected: unknown }[] = [
        { name: "a document with policies:", document: { policies: { all: "advisory" } }, expected: { form: "settings" } },
        { name: "settings alone", document: { owners: {}, now: "2027-01-01" }, expected: { form: "settings" } },
        { name: "policy names and all", document: { all: "mandatory", "credential-max-age": { maxAgeDays: 30 } }, expected: { form: "per-policy" } },
        { name: "an empty document", document: {}, expected: { form: "per-policy" } },
        {
            name: "a mix of both",
            document: { owners: {}, "credential-max-age": "advisory" },
            expected: {
                problem:
                    "it mixes policy names (credential-max-age) with other keys (owners); write either a settings document (settings at the top level, levels under `policies:`) or per-policy config (only policy names and `all` at the top level)",
            },
        },
    ];
    for (const c of cases) {
        it(`reads ${c.name} as ${"form" in (c.expected as object) ? (c.expected as { form: string }).form : "ambiguous"}`, () => {
            assert.deepEqual(detectForm(c.document, names), c.expected);
        });
    }
});

describe("expanding a settings document into per-policy config", () => {
    it("gives each policy exactly the settings its schema declares, and the levels", () => {
        const { config, problems } = expandSettings(
            {
                now: "2027-01-01",
                owners: { "platform-team": { status: "active" } },
                maxAgeDays: { default: 60 },
                policies: { all: "mandatory", "credential-has-owner": "advisory", "credential-max-age": { maxAgeDays: { default: 30 } } },
            },
            schemas,
        );
        assert.deepEqual(problems, []);
        assert.deepEqual(config, {
            "credential-max-age": { enforcementLevel: "mandatory", now: "2027-01-01", maxAgeDays: { default: 30 } },
            "credential-has-owner": { enforcementLevel: "advisory", now: "2027-01-01", owners: { "platform-team": { status: "active" } } },
            "stack-environment-known": { enforcementLevel: "mandatory", now: "2027-01-01" },
        });
    });

    it("leaves out a policy the document says nothing about", () => {
        assert.deepEqual(expandSettings({ owners: {} }, schemas).config, { "credential-has-owner": { owners: {} } });
    });

    it("refuses, by name, a setting no policy declares, a policy the pack lacks and an option its policy lacks", () => {
        const { problems } = expandSettings(
            { ownerz: {}, policies: { "credential-max-agee": "advisory", "credential-max-age": { owners: {} }, all: { enforcementLevel: "advisory" } } },
            schemas,
        );
        assert.deepEqual(problems, [
            'unknown setting "ownerz": no policy of the pack declares it, and no policy has that name (settings: environments, incidents, maxAgeDays, now, owners, stackEnvironments, tagKeys; policies: credential-has-owner, credential-max-age, stack-environment-known)',
            'policies.credential-max-agee: the pack has no policy named "credential-max-agee" (policies: credential-has-owner, credential-max-age, stack-environment-known)',
            'policies.credential-max-age.owners: policy credential-max-age has no setting "owners" (its settings: incidents, maxAgeDays, now)',
            'policies.all: must be an enforcement level, not {"enforcementLevel":"advisory"}',
        ]);
    });

    it("refuses a level that does not exist", () => {
        assert.deepEqual(expandSettings({ policies: { "credential-max-age": "strict" } }, schemas).problems, [
            'policies.credential-max-age: "strict" is not an enforcement level (advisory, mandatory, remediate, disabled)',
        ]);
    });
});

describe("--at", () => {
    it("sets now for every policy that declares it, over the config's own", () => {
        const result = withEvaluationTime({ "credential-max-age": { now: "2020-01-01", maxAgeDays: 1 }, "credential-has-owner": "advisory" }, schemas, "2027-01-01");
        assert.deepEqual(result, {
            "credential-max-age": { now: "2027-01-01", maxAgeDays: 1 },
            "credential-has-owner": { enforcementLevel: "advisory", now: "2027-01-01" },
            "stack-environment-known": { now: "2027-01-01" },
        });
    });

    it("changes nothing without --at", () => {
        assert.deepEqual(withEvaluationTime({ all: "advisory" }, schemas, undefined), { all: "advisory" });
    });
});

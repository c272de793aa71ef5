import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { ownershipPolicies } from "../../../policies/ownership";
import { credentialOwnerActive } from "../../../policies/ownership/credentialOwnerActive";
import { registeredOwner, registryProblems } from "../../../policies/ownership/settings";
import * as c from "../../helpers/fixtures/credentials";
import * as o from "../../helpers/fixtures/ownership";
import { engineConfig, messages, runStackPolicy } from "../../helpers/policy-runtime";

const SAMPLE = path.join(__dirname, "../../../examples/blastwall.yaml");

describe("ownership settings", () => {
    it("lists the ownership policies in the order reports show them", () => {
        assert.deepEqual(
            ownershipPolicies.map((p) => p.name),
            ["credential-has-owner", "credential-owner-active", "waiver-valid"],
        );
    });

    it("declares every setting with a description and a default", () => {
        for (const policy of ownershipPolicies) {
            for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
                const described = schema as { description?: string; default?: unknown };
                assert.ok(described.description, `${policy.name}.${key} has no description`);
                if (key !== "now") assert.notEqual(described.default, undefined, `${policy.name}.${key} has no default`);
            }
        }
    });

    const refused: [string, Record<string, unknown>][] = [
        ["a status that is neither active nor departed", { owners: { alice: { status: "on-leave" } } }],
        ["an owner without a status", { owners: { alice: { kind: "person" } } }],
        ["a kind that is neither person nor team", { owners: { alice: { status: "active", kind: "robot" } } }],
        ["a misspelt owner field", { owners: { alice: { status: "active", sucessor: "bob" } } }],
        ["an empty owner name", { owners: { "": { status: "active" } } }],
        ["a claim that is not a list of patterns", { owners: { alice: { status: "active", credentials: "ci-*" } } }],
    ];
    for (const [what, config] of refused) {
        it(`has a schema that makes the engine refuse ${what}`, () => {
            assert.throws(() => engineConfig(credentialOwnerActive, config), /config for credential-owner-active is invalid/);
        });
    }

    it("finds registry entries case-insensitively, ignoring surrounding space", () => {
        const registry = { "Payments-Team": { status: "active" as const } };
        assert.equal(registeredOwner(registry, " payments-team ")?.name, "Payments-Team");
        assert.equal(registeredOwner(registry, "payments"), undefined);
    });

    it("accepts a registry whose departed owners name active successors", () => {
        assert.deepEqual(registryProblems({ alice: { status: "departed", successor: "team" }, team: { status: "active" } }), []);
    });
});

describe("the sample settings document, for the ownership policies", () => {
    const sample = parse(fs.readFileSync(SAMPLE, "utf8")) as Record<string, unknown>;
    const levels = sample.policies as Record<string, string>;
    const configFor = (policy: (typeof ownershipPolicies)[number]) => ({ ...c.settingsFor(policy, { ...sample, now: c.NOW }), enforcementLevel: levels[policy.name] ?? levels.all });

    it("registers every team the shipped stacks name as owner, active, as a team", () => {
        const owners = sample.owners as Record<string, { status: string; kind?: string }>;
        for (const team of Object.keys(o.TEAMS)) assert.deepEqual([owners[team]?.status, owners[team]?.kind], ["active", "team"], team);
    });

    for (const policy of ownershipPolicies) {
        it(`is valid for ${policy.name}, expanded as \`blastwall config expand\` does, and passes the shipped stack shape`, async () => {
            assert.deepEqual(messages(await runStackPolicy(policy as never, o.shippedOwnedShape(), { config: configFor(policy) })), []);
        });
    }

    it("blocks a credential its departed owner still holds, naming the successor", async () => {
        const outcome = await runStackPolicy(credentialOwnerActive, [c.secretsManagerSecret({ tags: { Owner: "alice@blastwall.example" } })], { config: configFor(credentialOwnerActive) });
        assert.match(messages(outcome)[0], /who has departed \(owners registry\), so the credential is orphaned; hand it to an active owner \(platform-team, per owners\["alice@blastwall\.example"\]\.successor\)/);
    });
});

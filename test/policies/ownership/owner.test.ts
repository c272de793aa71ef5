import { strict as assert } from "node:assert";
import { credentialsIn } from "../../../policies/credentials/evidence";
import { defineStackPolicy } from "../../../policies/lib/define";
import { tagKeysSetting } from "../../../policies/lib/settings/common";
import { describeOwner } from "../../../policies/ownership/claims";
import { OwnerResolution, ownerOf } from "../../../policies/ownership/owner";
import { ownerResolutionSettings } from "../../../policies/ownership/settings";
import * as c from "../../helpers/fixtures/credentials";
import * as o from "../../helpers/fixtures/ownership";
import { runStackPolicy, secret, unknown, urnOf, WireResource } from "../../helpers/policy-runtime";

// Owner resolution through the real runtime (wire encodings, secrets, unknowns): a probe policy
// reports, for every credential, what ownerOf decided, as one line a test can compare.

function summary(resolution: OwnerResolution): string {
    switch (resolution.state) {
        case "owned":
            return `${resolution.owners.map((o) => `${describeOwner(o)}${o.kind ? ` (${o.kind})` : ""}`).join(", ")} via ${resolution.via} [${resolution.source}]`;
        case "uncertain":
            return `uncertain: ${resolution.reason}${resolution.fallback ? `; else ${resolution.fallback.owners.map(describeOwner).join(", ")} via ${resolution.fallback.via}` : ""}`;
        case "unowned":
            return `unowned: ${resolution.notes.join(" | ")}`;
    }
}

const probe = defineStackPolicy({
    name: "test-owner-resolution",
    description: "Test probe: reports every credential's resolved owner.",
    severity: "low",
    remediationSteps: "None: test only.",
    settings: [tagKeysSetting, ...ownerResolutionSettings],
    checkStack: (stack, { settings, now }) => credentialsIn(stack, now).map((facts) => ({ message: summary(ownerOf(stack, facts, settings)), urn: facts.resource.urn })),
});

/** The resolution of the credential named `name` among `resources`. */
async function ownerLine(resources: WireResource[], name: string, settings: Record<string, unknown> = {}): Promise<string> {
    const outcome = await runStackPolicy(probe, resources, { config: { now: c.NOW, ...settings } });
    const found = outcome.violations.filter((v) => v.urn?.endsWith(`::${name}`));
    assert.equal(found.length, 1, `expected one credential named ${name}, got ${outcome.violations.map((v) => v.urn).join(", ")}`);
    return found[0].message;
}

const provider = o.awsProvider("platform-team");
const keyComponent = o.component("blastwall:credentials:RotatingAccessKey", "ci-deployer", { owner: "component-team" });
const userUrn = o.urnOfUser();
const appUrn = urnOf(c.TYPES.oktaApp, "deployer-app");

describe("owner resolution: each source on its own", () => {
    const cases: [string, WireResource[], string, string, Record<string, unknown>?][] = [
        ["the credential's own Owner tag", [c.secretsManagerSecret({ tags: { Owner: "payments-team" } })], "db-credentials", "payments-team via its Owner tag [tag]"],
        [
            "an owner tag under the configured key, matched case-insensitively",
            [c.secretsManagerSecret({ tags: { TEAM: "payments-team", Owner: "someone-else" } })],
            "db-credentials",
            "payments-team via its team tag [tag]",
            { tagKeys: { environment: "Environment", owner: "team" } },
        ],
        ["an Owner tag whose value is a Pulumi secret, without printing it", [c.secretsManagerSecret({ tags: { Owner: secret("payments-team") } })], "db-credentials", "an owner whose name is a Pulumi secret via its Owner tag [tag]"],
        ["an access key's IAM user, through the graph", [o.iamUser("platform-team"), o.keyOfUser()], "ci-deployer", "platform-team via its IAM user 'ci-deployer' [principal]"],
        [
            "an access key's IAM user, by its name when no graph edge records it",
            [o.iamUser("platform-team"), o.keyOfUser(userUrn, {}, { dependencies: [], propertyDependencies: {} })],
            "ci-deployer",
            "platform-team via its IAM user 'ci-deployer' [principal]",
        ],
        [
            "an access key's IAM user, through a plain dependency when the source records no property dependencies",
            [o.iamUser("platform-team"), o.keyOfUser(userUrn, { user: unknown }, { dependencies: [userUrn], propertyDependencies: {} })],
            "ci-deployer",
            "platform-team via its IAM user 'ci-deployer' [principal]",
        ],
        [
            "a login profile's IAM user, like an access key's",
            [o.iamUser("security-team", {}, { name: "alice" }), c.loginProfile({}, { propertyDependencies: { user: [o.urnOfUser("alice")] } })],
            "alice-console",
            "security-team via its IAM user 'alice' [principal]",
        ],
        [
            "an Okta API token's user, who is a person",
            [o.oktaUser("alice@example.com"), c.oktaApiToken({}, { propertyDependencies: { userId: [urnOf(o.OWNER_TYPES.oktaUser, "alice")] } })],
            "ci-token",
            "alice@example.com (person) via its Okta user 'alice' [principal]",
        ],
        ["an Okta API token's user, by id", [o.oktaUser("alice@example.com", { id: "00u1abcd" }), c.oktaApiToken()], "ci-token", "alice@example.com (person) via its Okta user 'alice' [principal]"],
        ["an Okta ResourceOwner naming the app, owned by a group", [c.oktaServiceApp(), o.oktaGroup(), o.resourceOwner()], "deployer-app", "identity-team (team) via Okta ResourceOwner 'deployer-app' [okta-resource-owner]"],
        [
            "an Okta ResourceOwner found by the ids at the end of its ORNs when nothing records the graph",
            [c.oktaServiceApp(), o.oktaGroup(), o.resourceOwner({}, { dependencies: [], propertyDependencies: {} })],
            "deployer-app",
            "identity-team (team) via Okta ResourceOwner 'deployer-app' [okta-resource-owner]",
        ],
        [
            "an Okta ResourceOwner owned by a user",
            [c.oktaServiceApp(), o.oktaUser("bob@example.com"), o.resourceOwner({}, { propertyDependencies: { resourceOrns: [appUrn], principalOrns: [urnOf(o.OWNER_TYPES.oktaUser, "alice")] } })],
            "deployer-app",
            "bob@example.com (person) via Okta ResourceOwner 'deployer-app' [okta-resource-owner]",
        ],
        [
            "an Okta ResourceOwner whose owner this stack does not declare, as an owner without a readable name",
            [c.oktaServiceApp(), o.resourceOwner({ principalOrns: secret([o.groupOrn("00gelsewhere")]) }, { propertyDependencies: { resourceOrns: [appUrn] } })],
            "deployer-app",
            "an owner recorded in a form this stack does not declare via Okta ResourceOwner 'deployer-app' [okta-resource-owner]",
        ],
        [
            "an Okta ResourceOwner naming an API token, over the token's user",
            [
                o.oktaUser("alice@example.com", { id: "00u1abcd" }),
                c.oktaApiToken(),
                o.oktaGroup(),
                o.resourceOwner({}, { propertyDependencies: { resourceOrns: [urnOf(c.TYPES.oktaApiToken, "ci-token")], principalOrns: [o.urnOfGroup()] } }),
            ],
            "ci-token",
            "identity-team (team) via Okta ResourceOwner 'deployer-app' [okta-resource-owner]",
        ],
        [
            "an Okta ResourceOwner naming an API service integration by the id at the end of its ORN",
            [c.oktaIntegration({ id: "0oa9siem" }), o.oktaGroup(), o.resourceOwner({ resourceOrns: secret([o.appOrn("0oa9siem")]) }, { dependencies: [], propertyDependencies: {} })],
            "siem-integration",
            "identity-team (team) via Okta ResourceOwner 'deployer-app' [okta-resource-owner]",
        ],
        ["the parent component's owner output", [keyComponent, o.iamUser(null), o.keyOfUser(userUrn, {}, { parent: keyComponent.urn })], "ci-deployer", "component-team via the parent component 'ci-deployer' [component]"],
        [
            "an enclosing component's Owner tag",
            [
                o.component("acme:services:Billing", "billing", { tags: { Owner: "billing-team" } }),
                o.component("blastwall:credentials:RotatedSecret", "db", {}, { parent: urnOf("acme:services:Billing", "billing") }),
                c.secretsManagerSecret({ tags: {} }, { parent: urnOf("blastwall:credentials:RotatedSecret", "db") }),
            ],
            "db-credentials",
            "billing-team via the enclosing component 'billing' [component]",
        ],
        [
            "the component around the credential's IAM user",
            [keyComponent, o.iamUser(null, {}, { parent: keyComponent.urn }), o.keyOfUser()],
            "ci-deployer",
            "component-team via the parent component 'ci-deployer' of its IAM user 'ci-deployer' [component]",
        ],
        [
            "a claim in the owners registry, by name pattern",
            [c.oktaIntegration()],
            "siem-integration",
            "security-team via the owners registry (owners.security-team.credentials) [registry]",
            { owners: { "security-team": { status: "active", kind: "team", credentials: ["siem-*"] } } },
        ],
        [
            "claims of two owners, both",
            [c.oktaIntegration()],
            "siem-integration",
            "security-team, alice@example.com via the owners registry [registry]",
            { owners: { "security-team": { status: "active", credentials: ["siem-*"] }, "alice@example.com": { status: "active", credentials: [urnOf(c.TYPES.oktaIntegration, "siem-integration")] } } },
        ],
        [
            "the provider's default Owner tag, by default (the last fallback)",
            [c.secretsManagerSecret({ tags: undefined }, { provider })],
            "db-credentials",
            "platform-team via the aws provider's default tags [provider-default]",
        ],
        [
            "an Owner only in tagsAll, by default (the last fallback)",
            [c.secretsManagerSecret({ tags: { Team: "x" }, tagsAll: { Owner: "platform-team", Team: "x" } })],
            "db-credentials",
            "platform-team via its tagsAll [provider-default]",
        ],
        [
            "the provider's default Owner tag of an access key's IAM user, by default (the last fallback)",
            [o.iamUser(null, { tagsAll: undefined }, { provider }), o.keyOfUser(userUrn, {}, { provider })],
            "ci-deployer",
            "platform-team via the aws provider's default tags on its IAM user 'ci-deployer' [provider-default]",
        ],
    ];
    for (const [source, resources, name, expected, settings] of cases) {
        it(`finds ${source}`, async () => {
            assert.equal(await ownerLine(resources, name, settings), expected);
        });
    }
});

describe("owner resolution: what does not count, and why", () => {
    const cases: [string, WireResource[], string, string, Record<string, unknown>?][] = [
        [
            "the provider's default Owner tag on its own, when allowProviderDefaultOwner is false",
            [c.secretsManagerSecret({ tags: undefined }, { provider })],
            "db-credentials",
            "unowned: it has no Owner tag | its Owner platform-team comes only from the aws provider's default tags, which stamp every resource of the stack, so it counts only with allowProviderDefaultOwner",
            { allowProviderDefaultOwner: false },
        ],
        [
            "an Owner only in tagsAll, when allowProviderDefaultOwner is false",
            [c.secretsManagerSecret({ tags: {}, tagsAll: { Owner: "platform-team" } })],
            "db-credentials",
            "unowned: it has no Owner tag | its Owner platform-team is only in its tagsAll, where provider default tags land, so it counts only with allowProviderDefaultOwner",
            { allowProviderDefaultOwner: false },
        ],
        ["a blank Owner tag", [c.secretsManagerSecret({ tags: { Owner: "  " } })], "db-credentials", "unowned: it has no Owner tag"],
        [
            "an access key whose IAM user has no Owner tag (only the provider's), when allowProviderDefaultOwner is false",
            [o.iamUser(null, {}, { provider }), o.keyOfUser(userUrn, {}, { provider })],
            "ci-deployer",
            "unowned: its IAM user 'ci-deployer' has no Owner tag | the Owner platform-team of its IAM user 'ci-deployer' is only in its tagsAll, where provider default tags land, so it counts only with allowProviderDefaultOwner",
            { allowProviderDefaultOwner: false },
        ],
        ["an access key whose IAM user the stack does not declare", [c.accessKey({ user: "ci" })], "ci-deployer-key", "unowned: its IAM user 'ci' is not declared in this stack"],
        ["an Okta app no ResourceOwner names", [c.oktaServiceApp(), o.oktaGroup()], "deployer-app", "unowned: no okta.ResourceOwner names it"],
        [
            "an Okta ResourceOwner that lists no owner",
            [c.oktaServiceApp(), o.resourceOwner({ principalOrns: secret([]) }, { propertyDependencies: { resourceOrns: [appUrn] } })],
            "deployer-app",
            "unowned: Okta ResourceOwner 'deployer-app' names it but lists no owner (principalOrns is empty)",
        ],
        ["an Okta API service integration with nothing around it", [c.oktaIntegration()], "siem-integration", "unowned: no okta.ResourceOwner names it"],
        ["a registry claim on another resource", [c.oktaIntegration()], "siem-integration", "unowned: no okta.ResourceOwner names it", { owners: { sec: { status: "active", credentials: ["siem"] } } }],
        ["an owner output on the stack itself, which is as broad as a provider default", [o.component(o.OWNER_TYPES.stack, "blastwall-network-prod", { owner: "platform-team" }), c.kmsKey({}, { parent: urnOf(o.OWNER_TYPES.stack, "blastwall-network-prod") })], "data-key", "unowned: it has no Owner tag"],
    ];
    for (const [what, resources, name, expected, settings] of cases) {
        it(`does not take ${what}`, async () => {
            assert.equal(await ownerLine(resources, name, settings), expected);
        });
    }

    it("survives a parent cycle", async () => {
        const a = o.component("x:y:Z", "a", {}, { parent: urnOf("x:y:Z", "b") });
        const b = o.component("x:y:Z", "b", {}, { parent: a.urn });
        assert.equal(await ownerLine([a, b, c.kmsKey({}, { parent: a.urn })], "data-key"), "unowned: it has no Owner tag");
    });
});

describe("owner resolution: precedence, most specific first", () => {
    const everything = { owners: { bob: { status: "active", credentials: ["*"] } }, allowProviderDefaultOwner: true };
    const cases: [string, WireResource[], string, string, Record<string, unknown>?][] = [
        [
            "the credential's own tag over its component, a registry claim and the provider's default",
            [o.component("a:b:C", "svc", { owner: "component-team" }), c.secretsManagerSecret({ tags: { Owner: "payments-team" } }, { provider, parent: urnOf("a:b:C", "svc") })],
            "db-credentials",
            "payments-team via its Owner tag [tag]",
            everything,
        ],
        [
            "an Okta ResourceOwner over the app's component and a registry claim",
            [o.component("a:b:C", "svc", { owner: "component-team" }), c.oktaServiceApp({}, { parent: urnOf("a:b:C", "svc") }), o.oktaGroup(), o.resourceOwner()],
            "deployer-app",
            "identity-team (team) via Okta ResourceOwner 'deployer-app' [okta-resource-owner]",
            everything,
        ],
        [
            "the IAM user's tag over the key's component, a registry claim and the provider's default",
            [keyComponent, o.iamUser("platform-team", {}, { provider }), o.keyOfUser(userUrn, {}, { provider, parent: keyComponent.urn })],
            "ci-deployer",
            "platform-team via its IAM user 'ci-deployer' [principal]",
            everything,
        ],
        [
            "the key's own component over its IAM user's component",
            [keyComponent, o.component("a:b:Users", "users", { owner: "iam-team" }), o.iamUser(null, {}, { parent: urnOf("a:b:Users", "users") }), o.keyOfUser(userUrn, {}, { parent: keyComponent.urn })],
            "ci-deployer",
            "component-team via the parent component 'ci-deployer' [component]",
            everything,
        ],
        ["the innermost component over the outer ones", [o.component("a:b:Outer", "outer", { owner: "outer-team" }), o.component("a:b:Inner", "inner", { owner: "inner-team" }, { parent: urnOf("a:b:Outer", "outer") }), c.kmsKey({ tags: {} }, { parent: urnOf("a:b:Inner", "inner") })], "data-key", "inner-team via the parent component 'inner' [component]"],
        [
            "a component over a registry claim",
            [o.component("a:b:C", "svc", { owner: "component-team" }), c.oktaIntegration({}, { parent: urnOf("a:b:C", "svc") })],
            "siem-integration",
            "component-team via the parent component 'svc' [component]",
            everything,
        ],
        ["a registry claim over the provider's default", [c.secretsManagerSecret({ tags: undefined }, { provider })], "db-credentials", "bob via the owners registry (owners.bob.credentials) [registry]", everything],
    ];
    for (const [what, resources, name, expected, settings] of cases) {
        it(`takes ${what}`, async () => {
            assert.equal(await ownerLine(resources, name, settings), expected);
        });
    }
});

describe("owner resolution during preview", () => {
    it("resolves an access key's new IAM user through the graph while its name is unknown", async () => {
        const user = o.iamUser("platform-team", { name: unknown, arn: unknown, tagsAll: unknown });
        assert.equal(await ownerLine([user, o.keyOfUser(userUrn, { user: unknown, createDate: unknown })], "ci-deployer"), "platform-team via its IAM user 'ci-deployer' [principal]");
    });

    it("resolves a new Okta app's owner through the graph while its ORNs are unknown", async () => {
        const owner = o.resourceOwner({ resourceOrns: unknown, principalOrns: unknown });
        assert.equal(await ownerLine([c.oktaServiceApp({ clientId: unknown }), o.oktaGroup("identity-team", { id: unknown }), owner], "deployer-app"), "identity-team (team) via Okta ResourceOwner 'deployer-app' [okta-resource-owner]");
    });

    const cases: [string, WireResource[], string, string][] = [
        ["an access key whose user is unknown and unlinked", [c.accessKey({ user: unknown })], "ci-deployer-key", "uncertain: its user is not known until the update runs"],
        [
            "a secret whose tags are unknown, falling back to its component",
            [o.component("a:b:C", "svc", { owner: "component-team" }), c.secretsManagerSecret({ tags: unknown }, { parent: urnOf("a:b:C", "svc") })],
            "db-credentials",
            "uncertain: its tags are not known until the update runs; else component-team via the parent component 'svc'",
        ],
        ["an Okta group whose name is unknown", [c.oktaServiceApp(), o.oktaGroup("identity-team", { name: unknown }), o.resourceOwner()], "deployer-app", "uncertain: the name of Okta group 'identity-team' is not known until the update runs"],
        ["a component whose owner output is unknown", [o.component("a:b:C", "svc", { owner: unknown }), c.kmsKey({}, { parent: urnOf("a:b:C", "svc") })], "data-key", "uncertain: the owner of the parent component 'svc' is not known until the update runs"],
    ];
    for (const [what, resources, name, expected] of cases) {
        it(`is uncertain about ${what}`, async () => {
            assert.equal(await ownerLine(resources, name), expected);
        });
    }
});

describe("owner resolution: computed once", () => {
    it("resolves each credential once per stack view and settings, for every rule that asks", async () => {
        const seen: OwnerResolution[] = [];
        const twice = defineStackPolicy({
            name: "test-owner-resolution-twice",
            description: "Test probe: resolves twice.",
            severity: "low",
            remediationSteps: "None: test only.",
            settings: [tagKeysSetting, ...ownerResolutionSettings],
            checkStack: (stack, { settings, now }) => {
                for (const facts of credentialsIn(stack, now)) seen.push(ownerOf(stack, facts, settings), ownerOf(stack, facts, { ...settings, owners: { ...settings.owners } }));
                return [];
            },
        });
        await runStackPolicy(twice, [c.secretsManagerSecret()], { config: { now: c.NOW } });
        assert.equal(seen.length, 2);
        assert.equal(seen[0], seen[1]);
    });
});

import { strict as assert } from "node:assert";
import { credentialOwnerActive } from "../../../policies/ownership/credentialOwnerActive";
import * as c from "../../helpers/fixtures/credentials";
import * as o from "../../helpers/fixtures/ownership";
import { messages, runStackPolicy, secret, unknown, urnOf, WireResource } from "../../helpers/policy-runtime";
import { messagesOf } from "../credentials/run";

const registry = (extra: Record<string, unknown> = {}) => ({ owners: { ...o.TEAMS, ...extra } });
const appOwnedBy = (principal: WireResource) => [
    c.oktaServiceApp(),
    principal,
    o.resourceOwner({}, { propertyDependencies: { resourceOrns: [urnOf(c.TYPES.oktaApp, "deployer-app")], principalOrns: [principal.urn as string] } }),
];

describe("credential-owner-active", () => {
    const passing: [string, WireResource[], Record<string, unknown>][] = [
        ["the shipped stack shape under the sample registry", o.shippedOwnedShape(), registry()],
        ["the shipped stack shape in the preview that creates it", o.shippedOwnedShapeInPreview(), registry()],
        ["any owner when the registry is empty", [c.secretsManagerSecret({ tags: { Owner: "nobody-knows" } }), ...appOwnedBy(o.oktaUser())], { owners: {} }],
        ["an owner named in another case than the registry's", [c.secretsManagerSecret({ tags: { Owner: " Payments-Team " } })], registry()],
        ["a person owning a kind that requireTeamFor does not list", [c.secretsManagerSecret({ tags: { Owner: "alice@example.com" } })], registry({ "alice@example.com": { status: "active", kind: "person" } })],
        ["a person owning a service app once requireTeamFor is empty", appOwnedBy(o.oktaUser()), { ...registry({ "alice@example.com": { status: "active", kind: "person" } }), requireTeamFor: [] }],
        ["a departed owner's resource that is not a credential", [c.kmsKey({ customerMasterKeySpec: "RSA_4096", tags: { Owner: "alice" } })], registry({ alice: { status: "departed" } })],
        ["a credential with no owner at all (credential-has-owner reports it)", [c.kmsKey()], registry()],
        ["an owner whose name is a Pulumi secret and who is active", [c.secretsManagerSecret({ tags: { Owner: secret("payments-team") } })], registry()],
    ];
    for (const [behaviour, resources, settings] of passing) {
        it(`passes ${behaviour}`, async () => {
            assert.deepEqual(await messagesOf(credentialOwnerActive, resources, settings), []);
        });
    }

    const blocked: [string, WireResource[], Record<string, unknown>, string][] = [
        [
            "an access key whose IAM user's owner has departed, naming the successor",
            [o.iamUser("alice@example.com"), o.keyOfUser()],
            registry({ "alice@example.com": { status: "departed", kind: "person", successor: "platform-team" } }),
            "Access key 'ci-deployer' in prod is owned by alice@example.com (from its IAM user 'ci-deployer'), who has departed (owners registry), so the credential is orphaned; hand it to an active owner (platform-team, per owners[\"alice@example.com\"].successor) and rotate it, since a departed owner may still hold it.",
        ],
        [
            "a secret whose owner has departed",
            [c.secretsManagerSecret({ tags: { Owner: "legacy-team" } })],
            registry({ "legacy-team": { status: "departed", kind: "team" } }),
            "Secrets Manager secret 'db-credentials' in prod is owned by legacy-team (from its Owner tag), who has departed (owners registry), so the credential is orphaned; hand it to an active owner and rotate it, since a departed owner may still hold it.",
        ],
        [
            "an owner that is not in the registry",
            [c.secretsManagerSecret({ tags: { Owner: "paymnets-team" } })],
            registry(),
            "Secrets Manager secret 'db-credentials' in prod is owned by paymnets-team (from its Owner tag), which is not in the owners registry; add paymnets-team to owners with its status, or hand the credential to a registered owner.",
        ],
        [
            "a service app owned by a person, when service apps must be owned by a team",
            appOwnedBy(o.oktaUser()),
            registry({ "alice@example.com": { status: "active", kind: "person" } }),
            "Okta service app 'deployer-app' in prod is owned by alice@example.com (from Okta ResourceOwner 'deployer-app'), a person, but okta-service-app credentials must be owned by a team (requireTeamFor); hand it to a team of the owners registry, so that it is not orphaned when one person leaves.",
        ],
        [
            "a service app owned by an Okta user the registry gives no kind: an Okta user is a person",
            appOwnedBy(o.oktaUser()),
            registry({ "alice@example.com": { status: "active" } }),
            "Okta service app 'deployer-app' in prod is owned by alice@example.com (from Okta ResourceOwner 'deployer-app'), a person, but okta-service-app credentials must be owned by a team (requireTeamFor); hand it to a team of the owners registry, so that it is not orphaned when one person leaves.",
        ],
        [
            "an integration claimed by an owner of unknown kind, when integrations must be owned by a team",
            [c.oktaIntegration()],
            { owners: { sec: { status: "active", credentials: ["siem-*"] } } },
            "Okta API service integration 'siem-integration' in prod is owned by sec (from the owners registry (owners.sec.credentials)), whose kind the owners registry does not give, but okta-api-service-integration credentials must be owned by a team (requireTeamFor); set owners.sec.kind to team if it is one, or hand the credential to a team.",
        ],
        [
            "an access key owned by a person once requireTeamFor lists access keys",
            [o.iamUser("alice"), o.keyOfUser()],
            { ...registry({ alice: { status: "active", kind: "person" } }), requireTeamFor: ["aws-access-key"] },
            "Access key 'ci-deployer' in prod is owned by alice (from its IAM user 'ci-deployer'), a person, but aws-access-key credentials must be owned by a team (requireTeamFor); hand it to a team of the owners registry, so that it is not orphaned when one person leaves.",
        ],
        [
            "a service app whose Okta owner this stack does not declare",
            [c.oktaServiceApp(), o.resourceOwner({ principalOrns: secret([o.groupOrn("00gelsewhere")]) }, { propertyDependencies: { resourceOrns: [urnOf(c.TYPES.oktaApp, "deployer-app")] } })],
            registry(),
            "Okta service app 'deployer-app' in prod is owned by an owner recorded in a form this stack does not declare (from Okta ResourceOwner 'deployer-app'), which cannot be checked against the owners registry; declare the owner's okta.group.Group (or okta.user.User) in this stack and build principalOrns from its id.",
        ],
        [
            "a departed owner whose name is a Pulumi secret, without printing it",
            [c.secretsManagerSecret({ tags: { Owner: secret("legacy-team") } })],
            registry({ "legacy-team": { status: "departed", successor: "payments-team" } }),
            "Secrets Manager secret 'db-credentials' in prod is owned by an owner whose name is a Pulumi secret (from its Owner tag), who has departed (owners registry), so the credential is orphaned; hand it to an active owner and rotate it, since a departed owner may still hold it.",
        ],
        [
            "an unregistered owner whose name is a Pulumi secret, without printing it",
            [c.secretsManagerSecret({ tags: { Owner: secret("shadow-team") } })],
            registry(),
            "Secrets Manager secret 'db-credentials' in prod is owned by an owner whose name is a Pulumi secret (from its Owner tag), which is not in the owners registry; add that owner to owners with its status, or hand the credential to a registered owner.",
        ],
        [
            "a secret whose tags are unknown during preview, at the policy's own level",
            [o.component("a:b:C", "svc", { owner: "payments-team" }), c.secretsManagerSecret({ tags: unknown }, { parent: urnOf("a:b:C", "svc") })],
            registry(),
            "Cannot verify during preview that Secrets Manager secret 'db-credentials' in prod is owned by an active owner of the owners registry: its tags are not known until the update runs; run the check again once the value is known (after `pulumi up`), or declare it with a known value.",
        ],
    ];
    for (const [behaviour, resources, settings, message] of blocked) {
        it(`blocks ${behaviour}`, async () => {
            assert.deepEqual(await messagesOf(credentialOwnerActive, resources, settings), [message]);
        });
    }

    it("reports each departed co-owner of one credential", async () => {
        const owners = { owners: { "security-team": { status: "departed", credentials: ["siem-*"] }, bob: { status: "departed", credentials: ["siem-integration"] } }, requireTeamFor: [] };
        const found = await messagesOf(credentialOwnerActive, [c.oktaIntegration()], owners);
        assert.deepEqual(
            found.map((m) => /owned by (\S+)/.exec(m)?.[1]),
            ["security-team", "bob"],
        );
    });

    it("blocks at the policy's level on the credential's URN", async () => {
        const outcome = await runStackPolicy(credentialOwnerActive, [c.secretsManagerSecret({ tags: { Owner: "legacy-team" } })], {
            config: { now: c.NOW, ...registry({ "legacy-team": { status: "departed" } }) },
        });
        assert.deepEqual(
            outcome.violations.map((v) => [v.urn, v.level]),
            [[urnOf(c.TYPES.secret, "db-credentials"), "mandatory"]],
        );
    });

    const invalid: [string, Record<string, unknown>, string][] = [
        [
            "two owners that differ only in case",
            { owners: { Alice: { status: "active" }, alice: { status: "departed" } } },
            "owners.alice and owners.Alice name the same owner (names match case-insensitively); keep one",
        ],
        ["a successor not in the registry", { owners: { alice: { status: "departed", successor: "bob" } } }, 'owners.alice.successor names "bob", which is not in owners; add it or name another owner'],
        [
            "a successor who has departed too",
            { owners: { alice: { status: "departed", successor: "bob" }, bob: { status: "departed" } } },
            'owners.alice.successor names "bob", who has departed too; name an active owner',
        ],
        ["an owner who succeeds themself", { owners: { alice: { status: "active", successor: "Alice" } } }, "owners.alice.successor names the owner itself; name another, active owner"],
        ["a requireTeamFor that names no credential kind", { requireTeamFor: ["okta-app"] }, 'requireTeamFor[0] "okta-app" is not a credential kind; use one of aws-access-key, aws-console-password, aws-service-credential, aws-signing-certificate, aws-secret, aws-kms-key, aws-database-password, okta-api-token, okta-service-app, okta-api-service-integration'],
    ];
    for (const [what, settings, problem] of invalid) {
        it(`refuses ${what}, naming the key`, async () => {
            const outcome = await runStackPolicy(credentialOwnerActive, [c.kmsKey()], { config: { now: c.NOW, ...settings } });
            assert.deepEqual(messages(outcome), [
                `The configuration of credential-owner-active is invalid: ${problem}; fix the policy pack config (see \`blastwall config expand\`).`,
            ]);
        });
    }

    it("names an owner key that is not a plain word in brackets", async () => {
        const outcome = await runStackPolicy(credentialOwnerActive, [c.kmsKey()], { config: { now: c.NOW, owners: { "a@b.example": { status: "departed", successor: "x" } } } });
        assert.match(messages(outcome)[0], /owners\["a@b\.example"\]\.successor names "x"/);
    });
});

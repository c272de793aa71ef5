import { strict as assert } from "node:assert";
import { credentialHasOwner } from "../../../policies/ownership/credentialHasOwner";
import * as c from "../../helpers/fixtures/credentials";
import * as o from "../../helpers/fixtures/ownership";
import { runStackPolicy, unknown, urnOf, WireResource } from "../../helpers/policy-runtime";
import { messagesOf } from "../credentials/run";

const provider = o.awsProvider("platform-team");
const userUrn = o.urnOfUser();
const tagged = { tags: { Owner: "data-team" } };
const ownedUser = (name: string) => o.iamUser("platform-team", {}, { name });
const RESOURCE_OWNER_FIX = "record its owner in an okta.ResourceOwner (its ORN in resourceOrns, the owner's okta.group.Group in principalOrns)";
const byUser = (name: string, property = "user") => ({ propertyDependencies: { [property]: [o.urnOfUser(name)] } });

describe("credential-has-owner", () => {
    const passing: [string, WireResource[], Record<string, unknown>?][] = [
        ["the shipped stack shape", o.shippedOwnedShape()],
        ["the shipped stack shape in the preview that creates it", o.shippedOwnedShapeInPreview()],
        [
            "every catalog type with an owner from the source that fits it",
            [
                ownedUser("ci-deployer"),
                o.keyOfUser(),
                ownedUser("alice"),
                c.loginProfile({}, byUser("alice")),
                ownedUser("git-user"),
                c.serviceCredential({}, byUser("git-user", "userName")),
                ownedUser("signer"),
                c.signingCertificate({}, byUser("signer", "userName")),
                c.secretsManagerSecret(tagged),
                c.kmsKey(tagged),
                c.rdsInstance(tagged),
                c.rdsCluster(tagged),
                o.oktaUser("alice@example.com", { id: "00u1abcd" }),
                c.oktaApiToken(),
                c.oktaServiceApp(),
                o.oktaGroup(),
                o.resourceOwner(),
                c.oktaIntegration(),
            ],
            { owners: { "security-team": { status: "active", credentials: ["siem-integration"] } } },
        ],
        ["an asymmetric KMS key with no owner, which is not a credential", [c.kmsKey({ customerMasterKeySpec: "RSA_4096" })]],
        ["an Okta web app with no owner, which is not a machine credential", [c.oktaServiceApp({ type: "web" })]],
        ["a secret whose only Owner is the provider's default (the last fallback, on by default)", [c.secretsManagerSecret({ tags: undefined }, { provider })]],
        [
            "a secret whose tags are unknown during preview inside a component that names an owner: someone owns it either way",
            [o.component("a:b:C", "svc", { owner: "data-team" }), c.secretsManagerSecret({ tags: unknown }, { parent: urnOf("a:b:C", "svc") })],
        ],
        ["a stack with no credentials", [o.iamUser(), o.oktaGroup()]],
    ];
    for (const [behaviour, resources, settings] of passing) {
        it(`passes ${behaviour}`, async () => {
            assert.deepEqual(await messagesOf(credentialHasOwner, resources, settings), []);
        });
    }

    const claim = (name: string) => `claim it in the owners registry (owners.<team>.credentials: ["${name}"])`;
    const blocked: [string, WireResource[], string, Record<string, unknown>?][] = [
        [
            "an access key whose IAM user carries only the provider's default Owner, when allowProviderDefaultOwner is false",
            [o.iamUser(null, {}, { provider }), o.keyOfUser(userUrn, {}, { provider })],
            `Access key 'ci-deployer' in prod has no owner: its IAM user 'ci-deployer' has no Owner tag, and the Owner platform-team of its IAM user 'ci-deployer' is only in its tagsAll, where provider default tags land, so it counts only with allowProviderDefaultOwner; tag its IAM user 'ci-deployer' with Owner=<team>, or ${claim("ci-deployer")}.`,
            { allowProviderDefaultOwner: false },
        ],
        [
            "an access key whose IAM user is not in the stack",
            [c.accessKey({ user: "ci" })],
            `Access key 'ci-deployer-key' in prod has no owner: its IAM user 'ci' is not declared in this stack; declare its IAM user 'ci' in this stack with Owner=<team>, or ${claim("ci-deployer-key")}.`,
        ],
        [
            "a console password whose IAM user has no Owner tag",
            [o.iamUser(null, { tagsAll: {} }, { name: "alice" }), c.loginProfile({}, byUser("alice"))],
            `Console password 'alice-console' in prod has no owner: its IAM user 'alice' has no Owner tag; tag its IAM user 'alice' with Owner=<team>, or ${claim("alice-console")}.`,
        ],
        [
            "a service-specific credential whose IAM user is not in the stack",
            [c.serviceCredential()],
            `Service-specific credential 'git-credential' in prod has no owner: its IAM user 'git-user' is not declared in this stack; declare its IAM user 'git-user' in this stack with Owner=<team>, or ${claim("git-credential")}.`,
        ],
        [
            "a signing certificate whose IAM user is not in the stack",
            [c.signingCertificate()],
            `Signing certificate 'signer-cert' in prod has no owner: its IAM user 'signer' is not declared in this stack; declare its IAM user 'signer' in this stack with Owner=<team>, or ${claim("signer-cert")}.`,
        ],
        [
            "a secret whose only Owner is the provider's default, when allowProviderDefaultOwner is false",
            [c.secretsManagerSecret({ tags: undefined }, { provider })],
            `Secrets Manager secret 'db-credentials' in prod has no owner: it has no Owner tag, and its Owner platform-team comes only from the aws provider's default tags, which stamp every resource of the stack, so it counts only with allowProviderDefaultOwner; tag it with Owner=<team>, or ${claim("db-credentials")}.`,
            { allowProviderDefaultOwner: false },
        ],
        ["a KMS key with no Owner tag", [c.kmsKey()], `KMS key 'data-key' in prod has no owner: it has no Owner tag; tag it with Owner=<team>, or ${claim("data-key")}.`],
        [
            "a database master password with no Owner tag",
            [c.rdsCluster()],
            `Master password of database cluster 'ledger-cluster' in prod has no owner: it has no Owner tag; tag it with Owner=<team>, or ${claim("ledger-cluster")}.`,
        ],
        [
            "an Okta API token whose user is not in the stack",
            [c.oktaApiToken()],
            `Okta API token 'ci-token' in prod has no owner: no okta.ResourceOwner names it, and its Okta user '00u1abcd' is not declared in this stack; declare (or import) its Okta user in this stack, ${RESOURCE_OWNER_FIX}, or ${claim("ci-token")}.`,
        ],
        [
            "an Okta service app no ResourceOwner names",
            [c.oktaServiceApp(), o.oktaGroup()],
            `Okta service app 'deployer-app' in prod has no owner: no okta.ResourceOwner names it; ${RESOURCE_OWNER_FIX}, or ${claim("deployer-app")}.`,
        ],
        [
            "an Okta API service integration nothing claims",
            [c.oktaIntegration()],
            `Okta API service integration 'siem-integration' in prod has no owner: no okta.ResourceOwner names it; ${RESOURCE_OWNER_FIX}, or ${claim("siem-integration")}.`,
        ],
        [
            "a KMS key tagged Owner when the owner tag key is Team",
            [c.kmsKey(tagged)],
            `KMS key 'data-key' in prod has no owner: it has no Team tag; tag it with Team=<team>, or ${claim("data-key")}.`,
            { tagKeys: { environment: "Environment", owner: "Team" } },
        ],
        [
            "a KMS key with no owner whose spec is unknown during preview, which may be a credential",
            [c.kmsKey({ customerMasterKeySpec: unknown })],
            `KMS key 'data-key' in prod has no owner: it has no Owner tag; tag it with Owner=<team>, or ${claim("data-key")}.`,
        ],
        [
            "an access key whose user is unknown during preview and unlinked, at the policy's own level",
            [c.accessKey({ user: unknown })],
            "Cannot verify during preview that Access key 'ci-deployer-key' in prod has an owner: its user is not known until the update runs; run the check again once the value is known (after `pulumi up`), or declare it with a known value.",
        ],
    ];
    for (const [behaviour, resources, message, settings] of blocked) {
        it(`blocks ${behaviour}`, async () => {
            assert.deepEqual(await messagesOf(credentialHasOwner, resources, settings), [message]);
        });
    }

    it("reports each credential on its own URN, at the policy's level", async () => {
        const outcome = await runStackPolicy(credentialHasOwner, [c.kmsKey(), c.oktaIntegration()], { config: { now: c.NOW } });
        assert.deepEqual(
            outcome.violations.map((v) => [v.urn, v.level]),
            [
                [urnOf(c.TYPES.kmsKey, "data-key"), "mandatory"],
                [urnOf(c.TYPES.oktaIntegration, "siem-integration"), "mandatory"],
            ],
        );
    });

    it("reports a waived finding as advisory with the waiver's expiry, approver and reason, end to end", async () => {
        const waiver = { policy: "credential-has-owner", resource: "siem-*", reason: "Owner being agreed with the SOC (SEC-412).", approvedBy: "ciso@example.com", expires: "2024-06-20" };
        const outcome = await runStackPolicy(credentialHasOwner, [c.oktaIntegration(), c.kmsKey()], { config: { now: c.NOW, waivers: [waiver] } });
        assert.deepEqual(
            outcome.violations.map((v) => [v.level, v.message]),
            [
                [
                    "advisory",
                    `${credentialHasOwner.description}\nOkta API service integration 'siem-integration' in prod has no owner: no okta.ResourceOwner names it; ${RESOURCE_OWNER_FIX}, or ${claim("siem-integration")}. Waived until 2024-06-20 (waiver #1, approved by ciso@example.com): Owner being agreed with the SOC (SEC-412).`,
                ],
                ["mandatory", `KMS key 'data-key' in prod has no owner: it has no Owner tag; tag it with Owner=<team>, or ${claim("data-key")}.`],
            ],
        );
    });
});

import { strict as assert } from "node:assert";
import { CredentialFacts, credentialsIn, typeLabel } from "../../../policies/credentials/evidence";
import { buildStackView, ResourceView } from "../../../policies/lib/model";
import { NO_SECRETS } from "../../../policies/lib/sdk/wire";
import * as f from "../../helpers/fixtures/credentials";
import { unknown, urnFor, WireResource } from "../../helpers/policy-runtime";

// Facts straight from plain views (no wire encodings; secrets are covered by the policy tests).
const NOW = new Date(f.NOW);

function view(resource: WireResource): ResourceView {
    return {
        urn: urnFor(resource),
        type: resource.type,
        name: resource.name,
        props: (resource.props ?? {}) as Record<string, unknown>,
        secrets: NO_SECRETS,
        provider: resource.provider && { urn: urnFor(resource.provider), type: resource.provider.type, name: resource.provider.name, props: {}, secrets: NO_SECRETS },
        dependencies: resource.dependencies ?? [],
        propertyDependencies: resource.propertyDependencies ?? {},
    };
}

function factsOf(resources: WireResource[], name: string): CredentialFacts {
    const stack = buildStackView(resources.map(view), new Map());
    const found = credentialsIn(stack, NOW).find((c) => c.resource.name === name);
    assert.ok(found, `no credential named ${name}`);
    return found;
}

describe("credential evidence: issue date", () => {
    it("takes an access key's createDate before any other source", () => {
        const facts = factsOf([f.rotating({ rfc3339: "2024-05-20T00:00:00Z" }), f.accessKey({ createDate: "2023-09-01T00:00:00Z" })], "ci-deployer-key");
        assert.deepEqual(facts.issued, { state: "known", date: new Date("2023-09-01T00:00:00Z"), secret: false, source: "its createDate" });
    });

    it("falls back to the state checkpoint, then to the Rotating it depends on", () => {
        const checkpoint = factsOf([f.rotating(), f.accessKey({ createDate: undefined, __blastwallCheckpoint: { created: "2024-02-01T00:00:00Z" } })], "ci-deployer-key");
        assert.equal(checkpoint.issued.state === "known" && checkpoint.issued.source, "the state checkpoint");
        const rotating = factsOf([f.rotating(), f.accessKey({ createDate: undefined })], "ci-deployer-key");
        assert.deepEqual(rotating.issued, { state: "known", date: new Date(f.RECENT), secret: false, source: "time.Rotating 'key-rotation'" });
    });

    it("counts a credential whose provider-set output is unknown as issued by this deployment", () => {
        assert.equal(factsOf([f.newAccessKey()], "ci-deployer-key").issued.state, "fresh");
    });

    it("counts a Rotating being created as re-issuing the credential now", () => {
        const facts = factsOf([f.newRotating(), f.signingCertificate()], "signer-cert");
        assert.deepEqual(facts.issued, { state: "fresh", because: "time.Rotating 'key-rotation' is created by this deployment" });
    });

    it("follows a database password to the Rotating that keeps its RandomPassword", () => {
        const password = f.randomPassword();
        const db = f.rdsInstance({ manageMasterUserPassword: false, password: "r4nd0m-Generated-Passw0rd" }, { dependencies: [urnFor(password)] });
        const facts = factsOf([f.rotating({ rfc3339: "2024-04-01T00:00:00Z" }), password, db], "orders-db");
        assert.equal(facts.issued.state === "known" && facts.issued.source, "time.Rotating 'key-rotation'");
        assert.equal(facts.rotation.state === "automatic" && facts.rotation.mechanism, "deployment");
    });

    it("says which sources were missing when none proves the date", () => {
        const facts = factsOf([f.signingCertificate({}, { dependencies: [] })], "signer-cert");
        assert.deepEqual(facts.issued, { state: "unproven", reason: "no state checkpoint, no time.Rotating that re-issues it" });
    });
});

describe("credential evidence: rotation", () => {
    it("reads a Rotating's period from its outputs once it exists", () => {
        const facts = factsOf([f.rotating({ rfc3339: "2024-01-01T00:00:00Z", rotationRfc3339: "2024-04-01T00:00:00Z" }), f.accessKey()], "ci-deployer-key");
        assert.deepEqual(facts.rotation, { state: "automatic", mechanism: "deployment", intervalDays: 91, describe: "time.Rotating 'key-rotation'" });
    });

    it("reads a new Rotating's period from its inputs, in calendar months from now", () => {
        const facts = factsOf([f.newRotating({ rotationDays: undefined, rotationMonths: 3 }), f.accessKey()], "ci-deployer-key");
        assert.equal(facts.rotation.state === "automatic" && facts.rotation.intervalDays, 92);
    });

    it("lets rotationYears win over rotationDays, as the provider does, at a year's longest (366 days)", () => {
        const facts = factsOf([f.newRotating({ rotationYears: 1 }), f.accessKey()], "ci-deployer-key");
        assert.equal(facts.rotation.state === "automatic" && facts.rotation.intervalDays, 366);
    });

    it("is unknown when a new Rotating's period is itself unknown", () => {
        const facts = factsOf([f.newRotating({ rotationDays: unknown }), f.accessKey()], "ci-deployer-key");
        assert.deepEqual(facts.rotation, { state: "unknown", mechanism: "deployment", reason: "the rotationDays of time.Rotating 'key-rotation' is not known until the update runs" });
    });

    it("finds a secret's SecretRotation through the graph and by its ARN", () => {
        const byGraph = factsOf([f.secretsManagerSecret({ arn: unknown }), f.secretRotation({ secretId: unknown })], "db-credentials");
        assert.equal(byGraph.rotation.state, "automatic");
        const byValue = factsOf([f.secretsManagerSecret(), f.secretRotation({}, { dependencies: [], propertyDependencies: {} })], "db-credentials");
        assert.equal(byValue.rotation.state === "automatic" && byValue.rotation.intervalDays, 30);
    });

    it("lets a SecretRotation on an RDS-managed secret override RDS's seven-day default", () => {
        const db = f.rdsInstance();
        const rotation = f.secretRotation({ secretId: "arn:aws:secretsmanager:eu-west-1:100000000030:secret:rds!db-1", rotationRules: { automaticallyAfterDays: 120 } }, { dependencies: [urnFor(db)], propertyDependencies: { secretId: [urnFor(db)] } });
        assert.deepEqual(factsOf([db], "orders-db").rotation, { state: "automatic", mechanism: "vendor", intervalDays: 7, describe: "RDS-managed master password rotation" });
        assert.deepEqual(factsOf([db, rotation], "orders-db").rotation, { state: "automatic", mechanism: "vendor", intervalDays: 120, describe: "its SecretRotation" });
    });

    it("takes the slowest of two SecretRotations that fight over one secret", () => {
        const second = f.secretRotation({ rotationRules: { automaticallyAfterDays: 200 } }, { name: "second-rotation" });
        const facts = factsOf([f.secretsManagerSecret(), f.secretRotation(), second], "db-credentials");
        assert.equal(facts.rotation.state === "automatic" && facts.rotation.intervalDays, 200);
    });

    it("uses an account password policy only under the same provider", () => {
        const provider = { type: "pulumi:providers:aws", name: "other-account", props: {} };
        assert.equal(factsOf([f.passwordPolicy(), f.loginProfile()], "alice-console").rotation.state, "automatic");
        assert.equal(factsOf([f.passwordPolicy({}, { provider }), f.loginProfile()], "alice-console").rotation.state, "none");
    });

    it("explains every way a credential could have rotated when none does", () => {
        // autoKeyRotation rotates the keys Okta signs with, never the client's own key pair.
        const facts = factsOf([f.oktaServiceApp({ autoKeyRotation: true })], "deployer-app");
        assert.deepEqual(facts.rotation, { state: "none", reason: "no time.Rotating that re-issues it" });
    });
});

describe("credential evidence: applicability and status", () => {
    const cases: [string, WireResource, CredentialFacts["applicability"]["applies"]][] = [
        ["a symmetric KMS key", f.kmsKey(), true],
        ["a KMS key with no spec (the default is symmetric)", f.kmsKey({ customerMasterKeySpec: undefined }), true],
        ["an asymmetric KMS key", f.kmsKey({ customerMasterKeySpec: "RSA_2048" }), false],
        ["a KMS key whose spec is unknown", f.kmsKey({ customerMasterKeySpec: unknown }), "unknown"],
        ["a database with a static password", f.rdsInstance({ manageMasterUserPassword: false, password: "x" }), true],
        ["a replica with no password of its own", f.rdsInstance({ manageMasterUserPassword: undefined, replicateSourceDb: "orders" }), false],
        ["an Okta web app", f.oktaServiceApp({ type: "web" }), false],
        ["an Okta service app with no client credential", f.oktaServiceApp({ tokenEndpointAuthMethod: "none" }), false],
    ];
    for (const [behaviour, resource, applies] of cases) {
        it(`judges ${behaviour}: ${applies}`, () => {
            assert.equal(factsOf([resource], resource.name).applicability.applies, applies);
        });
    }

    it("reads inactive statuses case-insensitively and a disabled KMS key as disabled", () => {
        assert.deepEqual(factsOf([f.accessKey({ status: "INACTIVE" })], "ci-deployer-key").status, { state: "inactive", word: "inactive" });
        assert.deepEqual(factsOf([f.kmsKey({ isEnabled: false })], "data-key").status, { state: "inactive", word: "disabled" });
        assert.deepEqual(factsOf([f.serviceCredential({ status: "Expired" })], "git-credential").status, { state: "inactive", word: "expired" });
        assert.deepEqual(factsOf([f.accessKey({ status: unknown })], "ci-deployer-key").status, { state: "unknown" });
    });

    it("names types in messages by catalog label, else by package, module and class", () => {
        assert.equal(typeLabel("aws:iam/accessKey:AccessKey"), "Access key");
        assert.equal(typeLabel("aws:lambda/function:Function"), "aws.lambda.Function");
        assert.equal(typeLabel("random:index/randomPassword:RandomPassword"), "random.RandomPassword");
        assert.equal(typeLabel("pulumi:providers:aws"), "aws provider");
    });
});

describe("credential evidence: computed once per stack", () => {
    it("reuses the facts for every policy of one evaluation, and recomputes them for another time", () => {
        const stack = buildStackView([f.rotating(), f.accessKey()].map(view), new Map());
        const first = credentialsIn(stack, NOW);
        assert.equal(credentialsIn(stack, new Date(NOW.getTime() + 5)), first);
        assert.notEqual(credentialsIn(stack, new Date("2025-01-01T00:00:00Z")), first);
    });
});

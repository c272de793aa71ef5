import { strict as assert } from "node:assert";
import { noPlaintextCredentials } from "../../../policies/credentials/noPlaintextCredentials";
import { isSensitiveName, looksLikeMaterial } from "../../../policies/credentials/material";
import * as f from "../../helpers/fixtures/credentials";
import { secret, unknown, urnFor, WireResource } from "../../helpers/policy-runtime";
import { messagesOf, run } from "./run";

const SECRET_FIX = "make it a Pulumi secret (pulumi.secret(), or a config value set with `pulumi config set --secret`)";
const FREE_FORM_FIX = "remove it, or pass it as a Pulumi secret, and better read it at runtime from Secrets Manager or SSM";
const plaintext = (subject: string, what: string, where: string, fix: string) =>
    `${subject} has ${what} in ${where} that is not a Pulumi secret, so it is written to the state in plaintext (credential material must be a Pulumi secret); ${fix}.`;

const lambda = (variables: Record<string, unknown>) => f.resource("aws:lambda/function:Function", "api", { runtime: "nodejs20.x", environment: { variables } });
const instance = (userData: string) => f.resource("aws:ec2/instance:Instance", "bastion", { instanceType: "t3.micro", userData });

const EXAMPLE_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
const PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----";

describe("no-plaintext-credentials", () => {
    const passing: [string, WireResource][] = [
        ["an RDS password passed as a Pulumi secret", f.rdsInstance({ manageMasterUserPassword: false, password: secret("Sup3r-secret-pw") })],
        ["a secret version whose value is a Pulumi secret", f.resource("aws:secretsmanager/secretVersion:SecretVersion", "v1", { secretId: f.SECRET_ARN, secretString: secret('{"password":"x"}') })],
        ["Lambda variables that reference secrets rather than hold them", lambda({ DB_PASSWORD_SECRET_ARN: f.SECRET_ARN, TOKEN_TTL: "3600", LOG_LEVEL: "debug", DB_PASSWORD: "{{resolve:secretsmanager:db}}" })],
        ["a Lambda password variable that is a Pulumi secret", lambda({ DB_PASSWORD: secret("hunter22-but-secret") })],
        ["a whole environment that is a Pulumi secret", f.resource("aws:lambda/function:Function", "api", { environment: secret({ variables: { API_TOKEN: "tok_live_123456" } }) })],
        ["tags that name owners and environments", f.secretsManagerSecret({ tags: { Owner: "team-data", Environment: "prod", PasswordPolicy: "strict" } })],
        ["a tag named like a secret whose value is a plain word", f.secretsManagerSecret({ tags: { Secret: "confidential", DataSecret: "internal" } })],
        ["an SSM String parameter (not a SecureString)", f.resource("aws:ssm/parameter:Parameter", "endpoint", { type: "String", value: "https://api.example.com" })],
        ["user data that reads its password from a variable", instance('#!/bin/bash\nexport DB_PASSWORD="$(aws secretsmanager get-secret-value --secret-id db)"\npsql "postgres://app:${DB_PASSWORD}@db/app"')],
        ["an access key's PGP public key", f.accessKey({ pgpKey: "-----BEGIN PGP PUBLIC KEY BLOCK-----\nmQEN\n-----END PGP PUBLIC KEY BLOCK-----" })],
        ["a password being generated during preview as a secret", f.rdsInstance({ manageMasterUserPassword: false, password: secret(unknown) })],
    ];
    for (const [behaviour, resource] of passing) {
        it(`passes ${behaviour}`, async () => {
            assert.deepEqual(await messagesOf(noPlaintextCredentials, [resource]), []);
        });
    }

    describe("inputs too large or too deep to read whole", () => {
        const nested = (depth: number): unknown => (depth === 0 ? "plain" : { next: nested(depth - 1) });
        const cutMessage = (reason: string) =>
            `aws.lambda.Function 'api' in prod could not be checked whole for plaintext credentials: its inputs hold ${reason}, past what the scan reads; make any credential material in them a Pulumi secret and the inputs smaller, or waive this finding for the resource.`;

        it("blocks inputs nested deeper than the scan reads, rather than passing what it did not see", async () => {
            assert.deepEqual(await messagesOf(noPlaintextCredentials, [lambda({ CONFIG: "x", deep: nested(40) } as Record<string, unknown>)]), [
                cutMessage("values nested deeper than 32 levels"),
            ]);
        });

        it("blocks inputs with more values than the scan reads", async () => {
            const many = Object.fromEntries(Array.from({ length: 20_500 }, (_, i) => [`k${i}`, "v"]));
            assert.deepEqual(await messagesOf(noPlaintextCredentials, [lambda(many)]), [cutMessage("more than 20,000 values")]);
        });

        it("reads a deep value that is a Pulumi secret no further, and does not count it as cut", async () => {
            assert.deepEqual(await messagesOf(noPlaintextCredentials, [lambda({ deep: secret(nested(40)) } as Record<string, unknown>)]), []);
        });
    });

    it("passes every resource of the shipped stack shape, existing or being created", async () => {
        assert.deepEqual(await messagesOf(noPlaintextCredentials, [...f.shippedShape(), ...f.shippedShapeInPreview()]), []);
    });

    const blocked: [string, WireResource, string[]][] = [
        [
            "a database master password in plaintext",
            f.rdsInstance({ manageMasterUserPassword: false, password: "Sup3r-plain-pw" }),
            [plaintext("Master password of database 'orders-db' in prod", "the master password", "password", SECRET_FIX)],
        ],
        [
            "a secret version holding its value in plaintext",
            f.resource("aws:secretsmanager/secretVersion:SecretVersion", "v1", { secretId: f.SECRET_ARN, secretString: '{"password":"hunter22"}' }),
            [plaintext("aws.secretsmanager.SecretVersion 'v1' in prod", "the secret value", "secretString", SECRET_FIX)],
        ],
        [
            "a Lambda environment holding an access key id and a password",
            lambda({ AWS_ACCESS_KEY_ID: EXAMPLE_KEY_ID, DB_PASSWORD: "hunter22" }),
            [
                plaintext("aws.lambda.Function 'api' in prod", "a value named like a password, secret or token", "environment.variables.DB_PASSWORD", FREE_FORM_FIX),
                plaintext("aws.lambda.Function 'api' in prod", "an AWS access key id", "environment.variables.AWS_ACCESS_KEY_ID", FREE_FORM_FIX),
            ],
        ],
        [
            "a token in a tag",
            f.kmsKey({ tags: { Owner: "team-a", "deploy-token": "ghp_abcdefghijklmnop" } }),
            [plaintext("KMS key 'data-key' in prod", "a value named like a password, secret or token", "tags.deploy-token", FREE_FORM_FIX)],
        ],
        [
            "an ECS container definition with a literal secret variable",
            f.resource("aws:ecs/taskDefinition:TaskDefinition", "web", {
                family: "web",
                containerDefinitions: JSON.stringify([{ name: "web", environment: [{ name: "STRIPE_SECRET", value: "sk_live_51Habcdef" }, { name: "PORT", value: "8080" }] }]),
            }),
            [plaintext("aws.ecs.TaskDefinition 'web' in prod", "a value named like a password, secret or token", "containerDefinitions[0].environment (STRIPE_SECRET)", FREE_FORM_FIX)],
        ],
        [
            "a CodeBuild plaintext variable, not one read from Parameter Store",
            f.resource("aws:codebuild/project:Project", "build", {
                environment: { environmentVariables: [{ name: "NPM_TOKEN", value: "npm_abcdef123456", type: "PLAINTEXT" }, { name: "GH_TOKEN", value: "/ci/gh-token", type: "PARAMETER_STORE" }] },
            }),
            [plaintext("aws.codebuild.Project 'build' in prod", "a value named like a password, secret or token", "environment.environmentVariables[0] (NPM_TOKEN)", FREE_FORM_FIX)],
        ],
        [
            "base64 user data that exports a password and embeds a private key",
            f.resource("aws:ec2/launchTemplate:LaunchTemplate", "workers", { userData: Buffer.from(`#!/bin/bash\nexport ADMIN_PASSWORD='correct-horse'\ncat > key.pem <<EOF\n${PEM}\nEOF\n`).toString("base64") }),
            [
                plaintext("aws.ec2.LaunchTemplate 'workers' in prod", "a private key", "userData", FREE_FORM_FIX),
                plaintext("aws.ec2.LaunchTemplate 'workers' in prod", "a value named like a password, secret or token", "userData line 2 (ADMIN_PASSWORD)", FREE_FORM_FIX),
            ],
        ],
        [
            "a password on a command line in user data, and one in a URL",
            instance("#!/bin/bash\nmysql --password=hunter2222 -e 'select 1'\ncurl https://deploy:s3cr3tpass@repo.example.com/artifact"),
            [
                plaintext("aws.ec2.Instance 'bastion' in prod", "a password in a URL", "userData", FREE_FORM_FIX),
                plaintext("aws.ec2.Instance 'bastion' in prod", "a value named like a password, secret or token", "userData line 2 (--password)", FREE_FORM_FIX),
            ],
        ],
        [
            "an Okta API token in a provider's inputs",
            f.resource("pulumi:providers:okta", "okta-prod", { orgName: "acme", baseUrl: "okta.com", apiToken: "00abcdefghijklmnopqrstuvwxyz0123456789ABCD" }),
            [plaintext("okta provider 'okta-prod' in prod", "the API token", "apiToken", SECRET_FIX)],
        ],
        [
            "an access key id used as a tag key, without printing the key",
            f.secretsManagerSecret({ tags: { [EXAMPLE_KEY_ID]: "rotated" } }),
            [plaintext("Secrets Manager secret 'db-credentials' in prod", "an AWS access key id", "tags[withheld key]", FREE_FORM_FIX)],
        ],
        [
            "a plaintext password that is unknown during preview, at the policy's own level",
            lambda({ DB_PASSWORD: unknown }),
            [
                "Cannot verify during preview that aws.lambda.Function 'api' in prod keeps a value named like a password, secret or token in environment.variables.DB_PASSWORD a Pulumi secret: the value is not known until the update runs and is not marked secret; run the check again once the value is known (after `pulumi up`), or declare it with a known value.",
            ],
        ],
    ];
    for (const [behaviour, resource, expected] of blocked) {
        it(`blocks ${behaviour}`, async () => {
            const outcome = await run(noPlaintextCredentials, [resource]);
            assert.deepEqual(
                outcome.violations.map((v) => v.message),
                expected,
            );
            assert.ok(outcome.violations.every((v) => v.level === "mandatory" && v.urn === urnFor(resource)));
        });
    }
});

describe("what counts as credential material", () => {
    const names: [string, boolean][] = [
        ["DB_PASSWORD", true],
        ["githubToken", true],
        ["x-api-key", true],
        ["AWS_SECRET_ACCESS_KEY", true],
        ["DBPassword", true],
        ["ssh_private_key", true],
        ["SecretArn", false],
        ["TOKEN_TTL", false],
        ["PasswordPolicy", false],
        ["bypass", false],
        ["Owner", false],
    ];
    for (const [name, sensitive] of names) {
        it(`${sensitive ? "treats" : "does not treat"} ${name} as a credential's name`, () => assert.equal(isSensitiveName(name), sensitive));
    }

    const values: [string, boolean][] = [
        ["hunter22", true],
        ["abc", false],
        ["3600", false],
        ["true", false],
        ["arn:aws:secretsmanager:eu-west-1:1:secret:x", false],
        ["${DB_PASSWORD}", false],
        ["$DB_PASSWORD", false],
        ["https://vault.example.com/v1/secret", false],
    ];
    for (const [value, material] of values) {
        it(`${material ? "treats" : "does not treat"} "${value}" as a literal credential`, () => assert.equal(looksLikeMaterial(value), material));
    }

    const tagValues: [string, boolean][] = [
        ["confidential", false],
        ["changeme", false],
        ["hunter22", true],
        ["tok_live", true],
        ["aBcDeFgH", true],
        ["abcdefghijklmnopqrst", true],
    ];
    for (const [value, material] of tagValues) {
        it(`${material ? "treats" : "does not treat"} the tag value "${value}" as shaped like a credential`, () => assert.equal(looksLikeMaterial(value, true), material));
    }
});

// What the engine could send a pack, as fast-check arbitraries: resource types the pack knows and
// types it has never seen, property bags with the keys rules read holding values of every shape
// (deep nesting, huge strings, unknowns, secrets, wrong types, NaN, empty objects), and settings
// documents that are valid, odd or wrong. Every secret holds a marker no rule could print by
// chance, so a leak is a substring search.

import fc from "fast-check";
import { UNKNOWN_WIRE_VALUE } from "../../policies/lib/props";
import { wireSignatures } from "../../policies/lib/sdk/wire";
import { ResourceSpec } from "./pack";

export const SECRET_MARKER = "Zq9SECRETx";

const KNOWN_TYPES = [
    "aws:iam/accessKey:AccessKey",
    "aws:iam/userLoginProfile:UserLoginProfile",
    "aws:iam/serviceSpecificCredential:ServiceSpecificCredential",
    "aws:iam/signingCertificate:SigningCertificate",
    "aws:secretsmanager/secret:Secret",
    "aws:secretsmanager/secretRotation:SecretRotation",
    "aws:kms/key:Key",
    "aws:rds/instance:Instance",
    "aws:rds/cluster:Cluster",
    "okta:index/apiToken:ApiToken",
    "okta:app/oAuth:OAuth",
    "okta:index/apiServiceIntegration:ApiServiceIntegration",
    "time:index/rotating:Rotating",
    "aws:ec2/vpc:Vpc",
    "aws:ec2/securityGroup:SecurityGroup",
    "aws:ec2/securityGroupRule:SecurityGroupRule",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    "aws:ec2/networkAcl:NetworkAcl",
    "aws:ec2/route:Route",
    "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
    "aws:iam/role:Role",
    "aws:s3/bucketPolicy:BucketPolicy",
    "aws:lambda/function:Function",
    "pulumi:pulumi:StackReference",
    "pulumi:pulumi:Stack",
    "pulumi:providers:aws",
    "pulumi:providers:okta",
];

const KEYS = [
    "tags", "tagsAll", "Environment", "Owner", "createDate", "status", "secret", "user", "cidrBlock", "cidrBlocks", "ipv6CidrBlocks",
    "cidrIpv4", "ingress", "egress", "fromPort", "toPort", "protocol", "type", "policy", "assumeRolePolicy", "allowedAccountIds",
    "defaultTags", "assumeRole", "roleArn", "orgName", "baseUrl", "name", "enableKeyRotation", "customerMasterKeySpec", "rotationRules",
    "automaticallyAfterDays", "rfc3339", "rotationDays", "tokenEndpointAuthMethod", "autoKeyRotation", "password", "userData",
    "environment", "variables", "peerOwnerId", "peerVpcId", "manageMasterUserPassword", "__blastwallCheckpoint", "created", "modified",
];

const INTERESTING_STRINGS = [
    "", " ", "prod", "staging", "test", "10.30.0.0/16", "10.20.0.0/16", "0.0.0.0/0", "::/0", "10.0.0.0/8", "999.1.1.1/33", "10.20.0.0/99",
    "fe80::/10", "100000000020", "100000000030", "arn:aws:iam::100000000020:root", "*", "2023-02-30", "2023-10-20", "2020-01-01T00:00:00Z",
    "not a date", "Active", "Inactive", "client_secret_basic", "private_key_jwt", "AKIAIOSFODNN7EXAMPLE", "-----BEGIN RSA PRIVATE KEY-----",
    '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::100000000020:root"}}]}', "{not json", '{"tags":{"Environment":"staging"}}',
    '["100000000020"]', UNKNOWN_WIRE_VALUE,
];

const secretMarker = fc.stringMatching(/^[A-Za-z0-9]{4,12}$/).map((tail) => `${SECRET_MARKER}${tail}`);

function secretOf(inner: unknown): Record<string, unknown> {
    return { [wireSignatures.key]: wireSignatures.secret, value: inner };
}

const leaf = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...INTERESTING_STRINGS) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 0, 1, 65535, -1, 2 ** 53, 1.5) },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant(UNKNOWN_WIRE_VALUE) },
    // A large string: rules scan strings with regular expressions.
    { weight: 1, arbitrary: fc.constantFrom("x".repeat(100_000), "10.20.".repeat(20_000), "AKIA".repeat(25_000)) },
);

const { value: wireValue } = fc.letrec<{ value: unknown; secretValue: unknown }>((tie) => ({
    value: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        { weight: 5, arbitrary: leaf },
        { weight: 1, arbitrary: tie("secretValue") },
        { weight: 2, arbitrary: fc.array(tie("value"), { maxLength: 4 }) },
        { weight: 2, arbitrary: fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })), tie("value"), { maxKeys: 5 }) },
        { weight: 1, arbitrary: fc.constant({}) },
    ),
    // A secret holds a marker, alone, in a list or in an object, or an unknown.
    secretValue: fc
        .oneof(
            secretMarker,
            fc.array(secretMarker, { minLength: 1, maxLength: 3 }),
            fc.dictionary(fc.constantFrom(...KEYS), secretMarker, { minKeys: 1, maxKeys: 3 }),
            fc.constant(UNKNOWN_WIRE_VALUE),
        )
        .map(secretOf),
}));

/** Deep nesting: a chain of objects and lists far deeper than any provider schema. */
const deep = fc.integer({ min: 20, max: 200 }).map((depth) => {
    let value: unknown = secretOf(`${SECRET_MARKER}deep`);
    for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { tags: value } : [value];
    return value;
});

export const propertyBag: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
    { weight: 6, arbitrary: fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })), wireValue, { maxKeys: 8 }) },
    { weight: 1, arbitrary: fc.record({ tags: deep, cidrBlocks: deep }) },
    { weight: 1, arbitrary: fc.constant({}) },
);

export const resourceType = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...KNOWN_TYPES) }, { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 30 }) });

const providerSpec: fc.Arbitrary<ResourceSpec | undefined> = fc.option(
    fc.record({ type: fc.constantFrom("pulumi:providers:aws", "pulumi:providers:okta"), name: fc.constantFrom("p1", "p2"), props: propertyBag }),
    { nil: undefined, freq: 2 },
);

/** A stack of up to six resources with unique names (the engine's URNs are unique). */
export const resources: fc.Arbitrary<ResourceSpec[]> = fc
    .array(fc.record({ type: resourceType, props: propertyBag, provider: providerSpec }), { minLength: 1, maxLength: 6 })
    .map((specs) => {
        // One provider per name, whatever props each resource drew for it.
        const providers = new Map<string, ResourceSpec>();
        return specs.map((spec, i) => {
            const provider = spec.provider ? (providers.get(`${spec.provider.type}/${spec.provider.name}`) ?? spec.provider) : undefined;
            if (provider) providers.set(`${provider.type}/${provider.name}`, provider);
            return { type: spec.type, name: `r${i}`, props: spec.props, provider };
        });
    });

const date = fc.constantFrom("2023-11-20", "2024-06-01T00:00:00Z", "2026-01-01", "1970-01-01", "2999-12-31");

const waiver = fc.oneof(
    fc.record(
        {
            policy: fc.constantFrom("credential-max-age", "no-plaintext-credentials", "credential-rotated-after-incident", "waiver-valid", "no-such-policy", ""),
            resource: fc.constantFrom("r0", "r*", "*", "urn:pulumi:prod::hardening::aws:iam/accessKey:AccessKey::r0", ""),
            reason: fc.constantFrom("migrating", ""),
            approvedBy: fc.constantFrom("security-team", ""),
            expires: fc.oneof(date, fc.constantFrom("2023-02-30", "tomorrow", ""), fc.integer()),
        },
        { requiredKeys: [] },
    ),
    // Anything a YAML or JSON file can hold.
    fc.jsonValue({ maxDepth: 2 }),
);

const incident = fc.record({
    id: fc.constantFrom("okta-2023-10", "other"),
    date,
    scope: fc.oneof(fc.constant({ vendors: ["okta"] }), fc.constant({ kinds: ["aws-access-key"] }), fc.constant({ types: ["okta:index/apiToken:ApiToken"] }), fc.constant({ vendors: ["nobody"] })),
});

/** A settings document as a user writes one: mostly valid, sometimes odd, sometimes wrong. */
export const settingsDocument: fc.Arbitrary<Record<string, unknown>> = fc.record(
    {
        now: date,
        maxAgeDays: fc.oneof(fc.record({ default: fc.integer({ min: 1, max: 400 }) }), fc.constant({ "aws-access-key": 30, default: 90 })),
        warnDays: fc.integer({ min: 0, max: 60 }),
        maxWaiverDays: fc.integer({ min: 1, max: 366 }),
        allowIncidentWaivers: fc.boolean(),
        waivers: fc.array(waiver, { maxLength: 4 }),
        incidents: fc.array(incident, { maxLength: 3 }),
        stackEnvironments: fc.oneof(fc.constant({}), fc.constant({ "prod*": "prod" }), fc.constant({ "*": "nowhere" })),
        tagKeys: fc.constantFrom({ environment: "Environment", owner: "Owner" }, { environment: "env", owner: "team" }),
    },
    { requiredKeys: ["now"] },
);

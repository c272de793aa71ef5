import { strict as assert } from "node:assert";
import fc from "fast-check";
import type { Policy, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { SCANNED_COMPONENT_TYPES } from "../../../policies/components/containers";
import { credentialPolicies } from "../../../policies/credentials";
import { CATALOG, PASSWORD_POLICY_TYPE, ROTATING_TYPE, SECRET_ROTATION_TYPE } from "../../../policies/credentials/catalog";
import { REDACTED } from "../../../policies/lib/redact";
import { NOW, OKTA_INCIDENT, settingsFor } from "../../helpers/fixtures/credentials";
import { Outcome, runResourcePolicy, runStackPolicy, secret, unknown, urnOf, WireResource } from "../../helpers/policy-runtime";

// For arbitrary property bags (unknowns, secrets, wrong types, nesting) no credential rule throws,
// and no message carries a secret value. Through the runtime, a thrown rule shows as define.ts's
// "could not evaluate" finding and an interpolated secret as the redaction marker, so both are
// visible. Secret payloads are values that no message prints on its own: distinctive strings,
// credentials, and dates from before 2023 (messages print only later dates of their own making).
// Words that are also label text (a status "service", "Inactive") are not made secret: a message
// that says "Okta service app" is not leaking a secret type "service".

const SEED = 20231020;

const TYPES = [
    ...CATALOG.map((e) => e.type),
    ROTATING_TYPE,
    SECRET_ROTATION_TYPE,
    PASSWORD_POLICY_TYPE,
    "random:index/randomPassword:RandomPassword",
    "aws:lambda/function:Function",
    "aws:ecs/taskDefinition:TaskDefinition",
    "aws:ec2/instance:Instance",
    "aws:secretsmanager/secretVersion:SecretVersion",
    "aws:ssm/parameter:Parameter",
    "pulumi:providers:okta",
    ...SCANNED_COMPONENT_TYPES,
];

/** Every property name some rule reads, so that bags hit the interesting paths. */
const KEYS = [
    ...new Set([
        ...CATALOG.flatMap((e) => [
            ...e.freshWhenUnknown,
            ...e.secretMaterial.map((m) => String(m.path[0])),
            ...(e.status ? [e.status.property] : []),
            ...e.issuedFrom.flatMap((s) => (s.from === "output" ? [s.property] : [])),
        ]),
        "__blastwallCheckpoint", "customerMasterKeySpec", "enableKeyRotation", "rotationPeriodInDays", "manageMasterUserPassword", "masterUserSecrets",
        "type", "tokenEndpointAuthMethod", "autoKeyRotation", "grantTypes", "refreshTokenRotation", "secretId", "rotationRules", "rotationEnabled",
        "maxPasswordAge", "rfc3339", "rotationRfc3339", "rotationDays", "rotationMonths", "rotationYears", "rotationHours", "tags", "tagsAll",
        "environment", "containerDefinitions", "userData", "userDataBase64", "name", "arn", "keepers",
        "taskDefinitionArgs", "container", "containers", "nodeUserData", "nodeUserDataOverride",
    ]),
];

/** Properties the catalog's own readers look at, for any type. */
const OWN_KEYS = ["__blastwallCheckpoint", "customerMasterKeySpec", "enableKeyRotation", "rotationPeriodInDays", "isEnabled", "manageMasterUserPassword", "masterUserSecrets", "type", "tokenEndpointAuthMethod", "autoKeyRotation", "grantTypes", "refreshTokenRotation", "arn", "name", "tags"];

const distinctive = fc.stringMatching(/^[A-Za-z0-9]{6,16}$/).map((s) => `Zq${s}`);
// Three disjoint eras, so that a date a message prints can never equal a secret date by chance.
const secretDate = fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2009-12-31T00:00:00Z"), noInvalidDate: true });
const oldDate = fc.date({ min: new Date("2010-01-01T00:00:00Z"), max: new Date("2022-12-31T00:00:00Z"), noInvalidDate: true });
const recentDate = fc.date({ min: new Date("2023-01-01T00:00:00Z"), max: new Date("2024-12-31T00:00:00Z"), noInvalidDate: true });

const secretPayload: fc.Arbitrary<unknown> = fc.oneof(
    distinctive,
    secretDate.map((d) => d.toISOString()),
    secretDate.map((d) => d.toISOString().slice(0, 10)),
    distinctive.map((s) => `-----BEGIN PRIVATE KEY-----\n${s}\n-----END PRIVATE KEY-----`),
    distinctive.map((s) => JSON.stringify([{ name: "DB_PASSWORD", value: s }])),
    distinctive.map((s) => ({ variables: { API_TOKEN: s }, nested: [s] })),
    fc.constant(unknown),
);

const MEANINGFUL = [
    "Active", "Inactive", "INACTIVE", "Expired", "service", "web", "private_key_jwt", "client_secret_basic", "none", "SYMMETRIC_DEFAULT",
    "RSA_2048", "rate(30 days)", "rate(12 hours)", "cron(0 0 1 */3 ? *)", "cron(0 0 ? * MON#1 *)", "cron(bad)", "ROTATE", "STATIC", "refresh_token",
    "SecureString", "true", "false", "", " ", "AKIAIOSFODNN7EXAMPLE", "postgres://u:pw123456@db/app", "2023-02-30", "yesterday",
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
];

const leaf: fc.Arbitrary<unknown> = fc.oneof(
    fc.constantFrom(...MEANINGFUL),
    recentDate.map((d) => d.toISOString()),
    recentDate.map((d) => d.toISOString().slice(0, 10)),
    fc.integer({ min: -5, max: 400 }),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.boolean(),
    fc.constant(null),
    secretPayload.map((v) => secret(v)),
);

const key = fc.oneof(fc.constantFrom(...KEYS), fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,12}$/));

const value: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, fc.array(tie("value"), { maxLength: 3 }), fc.dictionary(key, tie("value"), { maxKeys: 4 })),
})).value;

/** Timestamps get their own mix, so that dates (old, recent, secret, unknown, malformed) are common. */
const DATE_KEYS = new Set(["createDate", "created", "rfc3339", "rotationRfc3339"]);
const dateValue = fc.oneof(
    recentDate.map((d) => d.toISOString()),
    oldDate.map((d) => d.toISOString()),
    secretDate.map((d) => secret(d.toISOString())),
    secretDate.map((d) => secret(d.toISOString().slice(0, 10))),
    fc.constantFrom(unknown, "2023-02-30", "soon", 42, null),
);
const checkpoint = fc.oneof(fc.record({ created: dateValue, modified: dateValue }, { requiredKeys: [] }), value);

/** A bag where each of `keys` may appear with a value fit to test it, plus arbitrary others. */
function bagOf(keys: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
    const known = fc.record(Object.fromEntries(keys.map((k) => [k, k === "__blastwallCheckpoint" ? checkpoint : DATE_KEYS.has(k) ? dateValue : value])), { requiredKeys: [] });
    return fc.tuple(known, fc.dictionary(key, value, { maxKeys: 3 })).map(([named, extra]) => ({ ...extra, ...named }) as Record<string, unknown>);
}

const bag = bagOf(KEYS);
const ROTATING_KEYS = ["rfc3339", "rotationRfc3339", "rotationDays", "rotationMonths", "rotationYears", "rotationHours"];
const ROTATION_KEYS = ["secretId", "rotationRules", "rotationEnabled"];

function stackOf(types: string[], bags: Record<string, unknown>[], links: number[][], withProvider: boolean[]): WireResource[] {
    const provider: WireResource = { type: "pulumi:providers:aws", name: "p0", props: { region: "eu-west-1" } };
    const urns = types.map((type, i) => urnOf(type, `r${i}`));
    return types.map((type, i) => {
        const dependencies = (links[i] ?? []).map((j) => urns[j % urns.length]).filter((u) => u !== urns[i]);
        const firstKey = Object.keys(bags[i])[0];
        return {
            type,
            name: `r${i}`,
            urn: urns[i],
            props: bags[i],
            dependencies,
            propertyDependencies: firstKey ? { [firstKey]: dependencies } : {},
            provider: withProvider[i] ? provider : undefined,
        };
    });
}

const stacks = fc
    .integer({ min: 1, max: 5 })
    .chain((n) =>
        fc.tuple(
            fc.array(fc.constantFrom(...TYPES), { minLength: n, maxLength: n }),
            fc.array(bag, { minLength: n, maxLength: n }),
            fc.array(fc.array(fc.nat(9), { maxLength: 3 }), { minLength: n, maxLength: n }),
            fc.array(fc.boolean(), { minLength: n, maxLength: n }),
        ),
    )
    .map(([types, bags, links, providers]) => stackOf(types, bags, links, providers));

const SETTINGS = { now: NOW, incidents: [OKTA_INCIDENT, { id: "everything", date: "2024-05-20", scope: { vendors: ["aws", "okta"] } }], warnDays: 30 };

/** Every string inside every secret envelope of the stack, as the redactor would collect it. */
function secretStrings(resources: readonly WireResource[]): string[] {
    const found: string[] = [];
    const visit = (v: unknown, inSecret: boolean): void => {
        if (typeof v === "string" || typeof v === "number") {
            if (inSecret && String(v).length >= 4) found.push(String(v));
        } else if (Array.isArray(v)) v.forEach((x) => visit(x, inSecret));
        else if (v && typeof v === "object") {
            const record = v as Record<string, unknown>;
            const isSecret = record["4dabf18193072939515e22adb298388d"] === "1b47061264138c4ac30d75fd1eb44270";
            for (const [k, x] of Object.entries(record)) if (!isSecret || k === "value") visit(x, inSecret || isSecret);
        }
    };
    resources.forEach((r) => visit(r.props, false));
    return found;
}

async function evaluate(policy: Policy, resources: WireResource[]): Promise<Outcome> {
    const config = settingsFor(policy, SETTINGS);
    if ("validateStack" in policy) return runStackPolicy(policy as StackValidationPolicy, resources, { config });
    const outcomes = await Promise.all(resources.map((r) => runResourcePolicy(policy as ResourceValidationPolicy, r, { config })));
    return { violations: outcomes.flatMap((o) => o.violations) };
}

function assertSafe(outcome: Outcome, resources: WireResource[]): void {
    const secrets = secretStrings(resources);
    for (const { message } of outcome.violations) {
        assert.doesNotMatch(message, /could not evaluate/, "a rule threw");
        assert.ok(!message.includes(REDACTED), `a message interpolated a secret: ${message}`);
        for (const s of secrets) assert.ok(!message.includes(s), `a message contains the secret ${s}`);
    }
}

describe("credential policies on arbitrary inputs", () => {
    for (const policy of credentialPolicies) {
        it(`${policy.name} never throws and never prints a secret, on arbitrary stacks`, async () => {
            await fc.assert(
                fc.asyncProperty(stacks, async (resources) => assertSafe(await evaluate(policy, resources), resources)),
                { seed: SEED, numRuns: 100 },
            );
        });
    }

    for (const { type } of CATALOG) {
        it(`every credential policy is safe on arbitrary ${type} bags, next to a Rotating and a SecretRotation`, async () => {
            const entry = CATALOG.find((e) => e.type === type);
            const own = [
                ...(entry?.freshWhenUnknown ?? []),
                ...(entry?.secretMaterial.map((m) => String(m.path[0])) ?? []),
                ...(entry?.status ? [entry.status.property] : []),
                ...(entry?.issuedFrom.flatMap((s) => (s.from === "output" ? [s.property] : [])) ?? []),
                ...OWN_KEYS,
            ];
            const typed = fc
                .tuple(bagOf(own), bagOf(ROTATING_KEYS), bagOf(ROTATION_KEYS))
                .map(([own, rotating, rotation]) => stackOf([type, ROTATING_TYPE, SECRET_ROTATION_TYPE], [own, rotating, rotation], [[1, 2], [], [0]], [false, false, false]));
            await fc.assert(
                fc.asyncProperty(typed, async (resources) => {
                    for (const policy of credentialPolicies) assertSafe(await evaluate(policy, resources), resources);
                }),
                { seed: SEED, numRuns: 40 },
            );
        });
    }
});

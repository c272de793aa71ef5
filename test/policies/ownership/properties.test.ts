import { strict as assert } from "node:assert";
import fc from "fast-check";
import { CATALOG } from "../../../policies/credentials/catalog";
import { REDACTED } from "../../../policies/lib/redact";
import { credentialHasOwner } from "../../../policies/ownership/credentialHasOwner";
import { credentialOwnerActive } from "../../../policies/ownership/credentialOwnerActive";
import * as c from "../../helpers/fixtures/credentials";
import { OWNER_TYPES } from "../../helpers/fixtures/ownership";
import { Outcome, runStackPolicy, secret, unknown, urnOf, WireResource } from "../../helpers/policy-runtime";

// For arbitrary stacks (owner tags, principals, Okta owners, components, providers' default tags,
// unknowns, secrets, wrong types, parent cycles) and arbitrary registries, neither ownership rule
// throws, and no message carries a secret value. A thrown rule shows as define.ts's "could not
// evaluate" finding, an interpolated secret as the redaction marker. Secret payloads are
// distinctive strings no message prints on its own; owner names come from a small pool of plain
// words so that registries and owners meet. No plain value equals a secret one: a plain owner that
// happened to equal a secret elsewhere would be redacted, which is the safety net working.

const SEED = 20231020;
const POLICIES = [credentialHasOwner, credentialOwnerActive];

const TYPES = [
    ...CATALOG.map((e) => e.type),
    OWNER_TYPES.iamUser,
    OWNER_TYPES.oktaGroup,
    OWNER_TYPES.oktaUser,
    OWNER_TYPES.resourceOwner,
    OWNER_TYPES.stack,
    "blastwall:credentials:RotatingAccessKey",
    "aws:ec2/vpc:Vpc",
];
/** Properties the graph links through. */
const LINKS = ["user", "userName", "userId", "resourceOrns", "principalOrns", "tags"];

const OWNER_NAMES = ["platform-team", "Payments-Team", "alice@example.com", "bob", " spaced ", ""];
const distinctive = fc.stringMatching(/^[A-Za-z0-9]{6,16}$/).map((s) => `Zq${s}`);
const ownerName = fc.constantFrom(...OWNER_NAMES);
const ORNS = ["orn:okta:idp:00o1:apps:oidc_client:0oa1serviceapp", "orn:okta:directory:00o1:groups:00g1", "orn:okta:directory:00o1:users:00u1abcd"];
const plain = fc.oneof(ownerName, fc.constantFrom("service", "web", "SYMMETRIC_DEFAULT", "RSA_4096", "0oa1serviceapp", "00u1abcd", "00g1"), fc.integer(), fc.boolean(), fc.constant(null));
const leaf: fc.Arbitrary<unknown> = fc.oneof(plain, fc.constant(unknown), distinctive.map((s) => secret(s)), fc.constant(secret(unknown)));
const tagKey = fc.constantFrom("Owner", "owner", "OWNER", "Team", "Environment");
const tagMap = fc.dictionary(tagKey, fc.oneof(ownerName, leaf), { maxKeys: 3 });
/** A whole tag map that is a secret: its values are distinctive, like every secret here. */
const secretTagMap = fc.dictionary(tagKey, distinctive, { maxKeys: 3 }).map((t) => secret(t));

const value: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("value"), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 6 }), tie("value"), { maxKeys: 3 })),
})).value;

const KEYS = ["tags", "tagsAll", "owner", "Owner", "name", "login", "email", "id", "clientId", "user", "userName", "userId", "resourceOrns", "principalOrns", "type", "tokenEndpointAuthMethod", "customerMasterKeySpec", "manageMasterUserPassword"];
const bag = fc.record(
    Object.fromEntries(
        KEYS.map((k) => [
            k,
            k === "tags" || k === "tagsAll"
                ? fc.oneof(tagMap, fc.constant(unknown), secretTagMap, value)
                : k.endsWith("Orns")
                  ? fc.oneof(fc.array(fc.oneof(leaf, fc.constantFrom(...ORNS)), { maxLength: 2 }), leaf, fc.subarray(ORNS).map((v) => secret(v)))
                  : fc.oneof(leaf, value),
        ]),
    ),
    { requiredKeys: [] },
);

const providerArb = fc.option(
    fc.record({ defaultTags: fc.oneof(fc.record({ tags: tagMap }), fc.constant(unknown), tagMap.map((t) => JSON.stringify({ tags: t })), value) }, { requiredKeys: [] }),
    { nil: undefined },
);

function stackOf(types: string[], bags: Record<string, unknown>[], links: [number, number][], parents: (number | undefined)[], providerProps: Record<string, unknown> | undefined): WireResource[] {
    const provider: WireResource | undefined = providerProps && { type: "pulumi:providers:aws", name: "p0", props: providerProps };
    const urns = types.map((type, i) => urnOf(type, `r${i}`));
    return types.map((type, i) => {
        const propertyDependencies: Record<string, string[]> = {};
        links.forEach(([from, to], j) => {
            if (from % types.length !== i) return;
            const key = LINKS[j % LINKS.length];
            (propertyDependencies[key] ??= []).push(urns[to % urns.length]);
        });
        const parent = parents[i];
        return {
            type,
            name: `r${i}`,
            urn: urns[i],
            props: bags[i],
            dependencies: Object.values(propertyDependencies).flat(),
            propertyDependencies,
            parent: parent === undefined ? undefined : urns[parent % urns.length],
            provider: i % 2 === 0 ? provider : undefined,
        };
    });
}

const stacks = fc
    .integer({ min: 1, max: 6 })
    .chain((n) =>
        fc.tuple(
            fc.array(fc.constantFrom(...TYPES), { minLength: n, maxLength: n }),
            fc.array(bag, { minLength: n, maxLength: n }),
            fc.array(fc.tuple(fc.nat(9), fc.nat(9)), { maxLength: 8 }),
            fc.array(fc.option(fc.nat(9), { nil: undefined }), { minLength: n, maxLength: n }),
            providerArb,
        ),
    )
    .map(([types, bags, links, parents, provider]) => stackOf(types, bags, links, parents, provider));

const registry = fc.dictionary(
    fc.constantFrom("platform-team", "payments-team", "alice@example.com", "bob", "carol"),
    fc.record(
        {
            status: fc.constantFrom("active", "departed"),
            kind: fc.constantFrom("person", "team"),
            credentials: fc.array(fc.constantFrom("r0", "r*", "*", "urn:pulumi:prod::*::okta:*"), { maxLength: 2 }),
        },
        { requiredKeys: ["status"] },
    ),
    { maxKeys: 4 },
);
const settings = fc.record({ owners: registry, allowProviderDefaultOwner: fc.boolean(), requireTeamFor: fc.subarray(["okta-service-app", "aws-access-key", "aws-secret"]) });

function secretStrings(resources: readonly WireResource[]): string[] {
    const found: string[] = [];
    const visit = (v: unknown, inSecret: boolean): void => {
        if (typeof v === "string" || typeof v === "number") {
            if (inSecret && String(v).length >= 4 && String(v).startsWith("Zq")) found.push(String(v));
        } else if (Array.isArray(v)) v.forEach((x) => visit(x, inSecret));
        else if (v && typeof v === "object") {
            const record = v as Record<string, unknown>;
            const isSecret = record["4dabf18193072939515e22adb298388d"] === "1b47061264138c4ac30d75fd1eb44270";
            for (const [k, x] of Object.entries(record)) if (!isSecret || k === "value") visit(x, inSecret || isSecret);
        }
    };
    resources.forEach((r) => {
        visit(r.props, false);
        visit(r.provider?.props, false);
    });
    return found;
}

function assertSafe(outcome: Outcome, resources: WireResource[]): void {
    const secrets = secretStrings(resources);
    for (const { message } of outcome.violations) {
        assert.doesNotMatch(message, /could not evaluate|is invalid/, message);
        assert.ok(!message.includes(REDACTED), `a message interpolated a secret: ${message}`);
        for (const s of secrets) assert.ok(!message.includes(s), `a message contains the secret ${s}`);
    }
}

describe("ownership policies on arbitrary inputs", () => {
    for (const policy of POLICIES) {
        it(`${policy.name} never throws and never prints a secret, on arbitrary stacks and registries`, async () => {
            await fc.assert(
                fc.asyncProperty(stacks, settings, async (resources, config) => {
                    assertSafe(await runStackPolicy(policy, resources, { config: c.settingsFor(policy, { now: c.NOW, ...config }) }), resources);
                }),
                { seed: SEED, numRuns: 150 },
            );
        });
    }

    it("both rules agree on every credential: owner-active never judges one has-owner finds unowned", async () => {
        await fc.assert(
            fc.asyncProperty(stacks, settings, async (resources, config) => {
                const unowned = new Set((await runStackPolicy(credentialHasOwner, resources, { config: c.settingsFor(credentialHasOwner, { now: c.NOW, ...config }) })).violations.filter((v) => / has no owner: /.test(v.message)).map((v) => v.urn));
                const active = await runStackPolicy(credentialOwnerActive, resources, { config: { now: c.NOW, ...config } });
                for (const v of active.violations) assert.ok(!unowned.has(v.urn), `${v.urn} is both unowned and ${v.message}`);
            }),
            { seed: SEED, numRuns: 100 },
        );
    });
});

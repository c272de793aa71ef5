// Strict mocks for the network program: every resource type and every invoke the program uses
// has a mock that returns what the provider would (ids, ARNs, createDate, tagsAll merged from the
// provider's defaultTags...), and anything else throws, so a new resource type cannot slip into
// the program without a test that knows what it is.

import { createHash } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";

type Inputs = Record<string, unknown>;
type State = Record<string, unknown>;

export interface ProviderConfig {
    readonly region: string;
    readonly accountId: string;
    readonly defaultTags: Record<string, string>;
    readonly inputs: Inputs;
}

interface MockContext {
    readonly name: string;
    readonly inputs: Inputs;
    readonly provider?: ProviderConfig;
    /** A stable short hex id for this resource. */
    readonly hex: string;
}

interface TypeMock {
    /** Whether the type has `tags`, so the provider's defaultTags reach it as `tagsAll`. */
    readonly taggable: boolean;
    readonly outputs: (ctx: MockContext) => { id: string; state?: State };
}

/** Creation time of every mocked credential: a fixed instant, so tests are exact. */
export const MOCK_CREATE_DATE = "2026-01-05T10:00:00Z";

const arn = (ctx: MockContext, service: string, resource: string, region = true) =>
    `arn:aws:${service}:${region ? ctx.provider?.region ?? "" : ""}:${ctx.provider?.accountId ?? ""}:${resource}`;

const physical = (ctx: MockContext) => `${ctx.name}-${ctx.hex.slice(0, 7)}`;

const ec2 = (prefix: string, kind: string, extra: (ctx: MockContext, id: string) => State = () => ({})): TypeMock => ({
    taggable: true,
    outputs: (ctx) => {
        const id = `${prefix}-${ctx.hex}`;
        return { id, state: { arn: arn(ctx, "ec2", `${kind}/${id}`), ownerId: ctx.provider?.accountId, ...extra(ctx, id) } };
    },
});

const plain = (id: (ctx: MockContext) => string): TypeMock => ({ taggable: false, outputs: (ctx) => ({ id: id(ctx) }) });

export const RESOURCE_MOCKS: Readonly<Record<string, TypeMock>> = {
    "aws:ec2/vpc:Vpc": ec2("vpc", "vpc", (ctx) => ({
        defaultNetworkAclId: `acl-${ctx.hex.slice(0, 8)}`,
        defaultSecurityGroupId: `sg-${ctx.hex.slice(0, 8)}`,
        defaultRouteTableId: `rtb-${ctx.hex.slice(0, 8)}`,
        mainRouteTableId: `rtb-${ctx.hex.slice(0, 8)}`,
    })),
    "aws:ec2/subnet:Subnet": ec2("subnet", "subnet"),
    "aws:ec2/routeTable:RouteTable": ec2("rtb", "route-table"),
    "aws:ec2/internetGateway:InternetGateway": ec2("igw", "internet-gateway"),
    "aws:ec2/eip:Eip": ec2("eipalloc", "elastic-ip", (ctx, id) => ({ allocationId: id, publicIp: `198.51.100.${parseInt(ctx.hex.slice(0, 2), 16) % 250}` })),
    "aws:ec2/natGateway:NatGateway": ec2("nat", "natgateway", () => ({ connectivityType: "public" })),
    "aws:ec2/networkAcl:NetworkAcl": ec2("acl", "network-acl"),
    "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": {
        taggable: true,
        outputs: (ctx) => ({ id: String(ctx.inputs.defaultNetworkAclId), state: { ingress: [], egress: [], subnetIds: [] } }),
    },
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": ec2("sg", "security-group", () => ({ ingress: [], egress: [] })),
    "aws:ec2/flowLog:FlowLog": ec2("fl", "vpc-flow-log"),
    "aws:ec2/route:Route": plain((ctx) => `r-${ctx.inputs.routeTableId}${ctx.hex.slice(0, 6)}`),
    "aws:ec2/routeTableAssociation:RouteTableAssociation": plain((ctx) => `rtbassoc-${ctx.hex}`),
    "aws:cloudwatch/logGroup:LogGroup": {
        taggable: true,
        outputs: (ctx) => {
            const name = String(ctx.inputs.name ?? physical(ctx));
            return { id: name, state: { name, arn: arn(ctx, "logs", `log-group:${name}`) } };
        },
    },
    "aws:iam/role:Role": {
        taggable: true,
        outputs: (ctx) => {
            const name = String(ctx.inputs.name ?? physical(ctx));
            return { id: name, state: { name, arn: arn(ctx, "iam", `role/${name}`, false), uniqueId: `AROA${ctx.hex.slice(0, 16).toUpperCase()}`, createDate: MOCK_CREATE_DATE } };
        },
    },
    "aws:iam/rolePolicy:RolePolicy": plain((ctx) => `${ctx.inputs.role}:${physical(ctx)}`),
    "aws:iam/user:User": {
        taggable: true,
        outputs: (ctx) => {
            const name = String(ctx.inputs.name ?? physical(ctx));
            return { id: name, state: { name, arn: arn(ctx, "iam", `user${ctx.inputs.path ?? "/"}${name}`, false), uniqueId: `AIDA${ctx.hex.slice(0, 16).toUpperCase()}` } };
        },
    },
    "aws:iam/userPolicy:UserPolicy": plain((ctx) => `${ctx.inputs.user}:${physical(ctx)}`),
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": plain((ctx) => `${ctx.inputs.user}-${ctx.hex.slice(0, 8)}`),
    "aws:iam/accessKey:AccessKey": {
        taggable: false,
        outputs: (ctx) => ({
            id: `AKIA${ctx.hex.slice(0, 16).toUpperCase()}`,
            state: { secret: `mock-secret-${ctx.hex}`, status: "Active", createDate: MOCK_CREATE_DATE },
        }),
    },
    "aws:secretsmanager/secret:Secret": {
        taggable: true,
        outputs: (ctx) => {
            const name = String(ctx.inputs.name ?? physical(ctx));
            const secretArn = arn(ctx, "secretsmanager", `secret:${name}-${ctx.hex.slice(0, 6)}`);
            return { id: secretArn, state: { name, arn: secretArn } };
        },
    },
    "aws:secretsmanager/secretRotation:SecretRotation": {
        taggable: false,
        outputs: (ctx) => ({ id: String(ctx.inputs.secretId), state: { rotationEnabled: true } }),
    },
    "aws:lambda/function:Function": {
        taggable: true,
        outputs: (ctx) => {
            const name = String(ctx.inputs.name ?? physical(ctx));
            const functionArn = arn(ctx, "lambda", `function:${name}`);
            return { id: name, state: { arn: functionArn, invokeArn: `${functionArn}/invocations`, version: "$LATEST", lastModified: MOCK_CREATE_DATE } };
        },
    },
    "aws:lambda/permission:Permission": plain((ctx) => String(ctx.inputs.statementId ?? physical(ctx))),
    "time:index/rotating:Rotating": {
        taggable: false,
        outputs: (ctx) => {
            const days = Number(ctx.inputs.rotationDays);
            const rotatesAt = new Date(Date.parse(MOCK_CREATE_DATE) + days * 86_400_000).toISOString().replace(".000Z", "Z");
            return { id: MOCK_CREATE_DATE, state: { rfc3339: MOCK_CREATE_DATE, rotationRfc3339: rotatesAt } };
        },
    },
    "okta:app/oAuth:OAuth": {
        taggable: false,
        outputs: (ctx) => ({ id: `0oa${ctx.hex.slice(0, 17)}`, state: { clientId: `0oa${ctx.hex.slice(0, 17)}`, name: "oidc_client", status: "ACTIVE" } }),
    },
    "tls:index/privateKey:PrivateKey": {
        taggable: false,
        // One fixed public key: the program derives the JWK Okta gets from it.
        outputs: (ctx) => ({ id: ctx.hex, state: { publicKeyPem: MOCK_PUBLIC_KEY_PEM, privateKeyPem: "mock-private-key", publicKeyFingerprintSha256: `SHA256:${ctx.hex}` } }),
    },
    "okta:group/group:Group": plain((ctx) => `00g${ctx.hex.slice(0, 17)}`),
    "okta:index/resourceOwner:ResourceOwner": plain((ctx) => `ro-${ctx.hex.slice(0, 12)}`),
};

export const COMPONENT_PACKAGE = "blastwall:";

export const PROVIDER_TYPES: readonly string[] = ["pulumi:providers:aws", "pulumi:providers:okta", "pulumi:providers:time", "pulumi:providers:tls"];

const MOCK_PUBLIC_KEY_PEM = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAuxh0DSIMbALSmCpqevvP\nBG5y1speu88TwdQRgY/HLjdF/xH9HrsDkTkn0CnsYtSuwZ86FrfVnyDGQuTi+IYw\noOdlFc8nwVwnAURBU4OobpZ9Zy0tYbQs6+NcmAvxm54/I8JImNvQQnpph8Wib39K\n91mjI473q+w1Ylh/A9v6ecGsXFYyHn1mD+NM+tPBXDbmnbgENNHi26NS9lMEXCdu\n2bYVoBPeod3ZBcsSxVEk0QQTk4N70N2uVxKf76vT/qspO1jM/rg28lCtGldRYK9O\nQaBsSH46orDV5gKLDqfVZp1hOUk8AGW2fF61seD+LzpoMhFEd/9aK+SX+EiLwNcl\nDQIDAQAB\n-----END PUBLIC KEY-----\n";

/** The id part of a provider reference ("<urn>::<id>"). */
export function providerIdOf(reference: string | undefined): string | undefined {
    if (!reference) return undefined;
    const at = reference.lastIndexOf("::");
    return at < 0 ? undefined : reference.slice(at + 2);
}

function jsonOr<T>(value: unknown, fallback: T): T {
    if (typeof value !== "string") return (value as T) ?? fallback;
    try {
        return JSON.parse(value) as T;
    } catch {
        return fallback;
    }
}

const hexOf = (...parts: string[]) => createHash("sha256").update(parts.join("\0")).digest("hex").slice(0, 17);

export function strictMocks(): pulumi.runtime.Mocks {
    const providers = new Map<string, ProviderConfig>();
    const providerOf = (reference: string | undefined) => providers.get(providerIdOf(reference) ?? "");

    return {
        newResource(args) {
            if (PROVIDER_TYPES.includes(args.type)) {
                const id = `${args.name}-${hexOf(args.type, args.name).slice(0, 8)}`;
                const defaultTags = jsonOr<{ tags?: Record<string, string> }>(args.inputs.defaultTags, {}).tags ?? {};
                const accountId = jsonOr<string[]>(args.inputs.allowedAccountIds, [])[0] ?? "";
                providers.set(id, { region: String(args.inputs.region ?? ""), accountId, defaultTags, inputs: args.inputs });
                return { id, state: args.inputs };
            }
            // Our own components: they have no provider and no outputs of their own.
            if (!args.custom && args.type.startsWith(COMPONENT_PACKAGE)) return { id: "", state: {} };
            const mock = RESOURCE_MOCKS[args.type];
            if (!mock) throw new Error(`No mock for resource type ${args.type} ('${args.name}'): add one to test/src/harness/mocks.ts.`);
            const provider = providerOf(args.provider);
            const { id, state } = mock.outputs({ name: args.name, inputs: args.inputs, provider, hex: hexOf(args.type, args.name) });
            const tags = { ...(provider?.defaultTags ?? {}), ...((args.inputs.tags as Record<string, string> | undefined) ?? {}) };
            return { id, state: { ...args.inputs, ...(mock.taggable ? { tagsAll: tags } : {}), ...state } };
        },
        call(args) {
            const provider = providerOf(args.provider);
            switch (args.token) {
                case "aws:index/getAvailabilityZones:getAvailabilityZones": {
                    const region = provider?.region ?? "";
                    const letters = ["a", "b", "c", "d", "e", "f"];
                    return { id: region, names: letters.map((l) => `${region}${l}`), zoneIds: letters.map((_, i) => `use1-az${i + 1}`), groupNames: [region] };
                }
                case "okta:index/getOrgMetadata:getOrgMetadata":
                    return { id: `00o${hexOf(String(provider?.inputs.orgName)).slice(0, 17)}`, pipeline: "idx" };
                default:
                    throw new Error(`No mock for invoke ${args.token}: add one to test/src/harness/mocks.ts.`);
            }
        },
    };
}

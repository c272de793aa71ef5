// The per-type knowledge behind the mocks: the id the cloud assigns, the outputs only the cloud
// knows, the outputs settled at planning (defaults, derived values), autonamed properties and
// secret outputs. Adding a type is one entry.

import { UNKNOWN_WIRE_VALUE } from "../../policies/lib/props";
import type { MockRequest } from "./mocks";
import { awsKeyId, hex, oktaId, secretText, uuid } from "./mock-values";

export interface Context extends MockRequest {
    /** True when cloud-assigned values are known. */
    readonly known: boolean;
    readonly seed: string;
}

type Generator = (context: Context, id: string) => unknown;

export interface TypeMock {
    /** The id the cloud assigns. */
    readonly id?: (context: Context) => string;
    /** Outputs only the cloud knows (unknown in a preview of a new resource). */
    readonly assigned?: Readonly<Record<string, Generator>>;
    /** Outputs settled at planning time (schema defaults, derived values). */
    readonly planned?: Readonly<Record<string, Generator>>;
    /** The property the provider autonames when the program leaves it out. */
    readonly autoname?: string;
    /** Outputs the provider marks secret. */
    readonly secretOutputs?: readonly string[];
    /** An AWS resource that takes tags (the provider computes its tagsAll). */
    readonly taggable?: boolean;
}

function input(context: Context, key: string): unknown {
    return context.inputs[key];
}

function str(context: Context, key: string): string | undefined {
    const value = input(context, key);
    return typeof value === "string" && value !== UNKNOWN_WIRE_VALUE ? value : undefined;
}

function serviceOf(type: string): string {
    const module = type.split(":")[1] ?? "";
    return module.split("/")[0] || "aws";
}

function arnOf(context: Context, resource: string, global = false): string {
    const region = global ? "" : context.provider.region;
    return `arn:aws:${serviceOf(context.type)}:${region}:${context.provider.accountId}:${resource}`;
}

function prefixedId(prefix: string, length = 17): (context: Context) => string {
    return (context) => `${prefix}-${hex(length, context.seed)}`;
}

function numberInput(context: Context, key: string): number | undefined {
    const value = input(context, key);
    return typeof value === "number" && Number.isInteger(value) && value > 0 && value <= 4096 ? value : undefined;
}

const nameOrLogical = (context: Context) => str(context, "name") ?? context.name;

export const MOCKS: Readonly<Record<string, TypeMock>> = {
    "aws:iam/user:User": {
        taggable: true,
        id: nameOrLogical,
        assigned: { arn: (c) => arnOf(c, `user${str(c, "path") ?? "/"}${nameOrLogical(c)}`, true), uniqueId: (c) => awsKeyId("AIDA", c.seed) },
        planned: { path: () => "/", forceDestroy: () => false },
    },
    "aws:iam/role:Role": {
        taggable: true,
        id: nameOrLogical,
        autoname: "name",
        assigned: { arn: (c) => arnOf(c, `role/${nameOrLogical(c)}`, true), uniqueId: (c) => awsKeyId("AROA", c.seed), createDate: () => undefined },
        planned: { path: () => "/", maxSessionDuration: () => 3600 },
    },
    "aws:iam/accessKey:AccessKey": {
        id: (c) => awsKeyId("AKIA", c.seed),
        assigned: {
            secret: (c) => secretText(40, c.seed),
            sesSmtpPasswordV4: (c) => secretText(44, "smtp", c.seed),
            createDate: () => undefined,
        },
        planned: { status: () => "Active" },
        secretOutputs: ["secret", "sesSmtpPasswordV4"],
    },
    "aws:iam/userLoginProfile:UserLoginProfile": {
        id: (c) => str(c, "user") ?? c.name,
        assigned: { password: (c) => secretText(20, c.seed) },
        secretOutputs: ["password"],
    },
    "aws:iam/serviceSpecificCredential:ServiceSpecificCredential": {
        taggable: true,
        id: (c) => `${str(c, "serviceName") ?? "codecommit.amazonaws.com"}:${str(c, "userName") ?? c.name}:${awsKeyId("ACCA", c.seed)}`,
        assigned: {
            serviceSpecificCredentialId: (c) => awsKeyId("ACCA", c.seed),
            servicePassword: (c) => secretText(44, c.seed),
            serviceUserName: (c) => `${str(c, "userName") ?? c.name}-at-${c.provider.accountId}`,
            createDate: () => undefined,
        },
        planned: { status: () => "Active" },
        secretOutputs: ["servicePassword"],
    },
    "aws:iam/signingCertificate:SigningCertificate": {
        id: (c) => `${awsKeyId("", c.seed)}:${str(c, "userName") ?? c.name}`,
        assigned: { certificateId: (c) => awsKeyId("", c.seed) },
        planned: { status: () => "Active" },
    },
    "aws:secretsmanager/secret:Secret": {
        taggable: true,
        id: (c) => arnOf(c, `secret:${nameOrLogical(c)}-${hex(6, c.seed)}`),
        autoname: "name",
        assigned: { arn: (c, id) => id },
        planned: { recoveryWindowInDays: () => 30, forceOverwriteReplicaSecret: () => false },
    },
    "aws:secretsmanager/secretRotation:SecretRotation": {
        id: (c) => str(c, "secretId") ?? c.name,
        planned: { rotationEnabled: () => true },
    },
    "aws:kms/key:Key": {
        taggable: true,
        id: (c) => uuid(c.seed),
        assigned: { arn: (c, id) => arnOf(c, `key/${id}`), keyId: (_c, id) => id },
        planned: {
            keyUsage: () => "ENCRYPT_DECRYPT",
            customerMasterKeySpec: () => "SYMMETRIC_DEFAULT",
            isEnabled: () => true,
            enableKeyRotation: () => false,
        },
    },
    "aws:rds/instance:Instance": {
        taggable: true,
        id: (c) => `db-${hex(26, c.seed).toUpperCase()}`,
        assigned: {
            arn: (c) => arnOf(c, `db:${str(c, "identifier") ?? c.name}`),
            endpoint: (c) => `${str(c, "identifier") ?? c.name}.${hex(12, c.seed)}.${c.provider.region}.rds.amazonaws.com:5432`,
            resourceId: (c) => `db-${hex(26, c.seed).toUpperCase()}`,
        },
        autoname: "identifier",
    },
    "aws:rds/cluster:Cluster": {
        taggable: true,
        id: (c) => str(c, "clusterIdentifier") ?? `${c.name}-${hex(7, c.seed)}`,
        assigned: { arn: (c, id) => arnOf(c, `cluster:${id}`), clusterResourceId: (c) => `cluster-${hex(26, c.seed).toUpperCase()}` },
        autoname: "clusterIdentifier",
    },
    "aws:ec2/vpc:Vpc": {
        taggable: true,
        id: prefixedId("vpc"),
        assigned: {
            arn: (c, id) => arnOf(c, `vpc/${id}`),
            ownerId: (c) => c.provider.accountId,
            defaultSecurityGroupId: (c) => `sg-${hex(17, "default", c.seed)}`,
            mainRouteTableId: (c) => `rtb-${hex(17, "main", c.seed)}`,
            defaultNetworkAclId: (c) => `acl-${hex(17, "default", c.seed)}`,
        },
        planned: { enableDnsSupport: () => true, instanceTenancy: () => "default" },
    },
    "aws:ec2/subnet:Subnet": { taggable: true, id: prefixedId("subnet"), assigned: { arn: (c, id) => arnOf(c, `subnet/${id}`), ownerId: (c) => c.provider.accountId } },
    "aws:ec2/securityGroup:SecurityGroup": {
        taggable: true,
        id: prefixedId("sg"),
        autoname: "name",
        assigned: { arn: (c, id) => arnOf(c, `security-group/${id}`), ownerId: (c) => c.provider.accountId },
        planned: { revokeRulesOnDelete: () => false },
    },
    "aws:ec2/securityGroupRule:SecurityGroupRule": { id: prefixedId("sgrule", 10), assigned: { securityGroupRuleId: (c) => `sgr-${hex(17, c.seed)}` } },
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {
        taggable: true,
        id: prefixedId("sgr"),
        assigned: { arn: (c, id) => arnOf(c, `security-group-rule/${id}`), securityGroupRuleId: (_c, id) => id },
    },
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": {
        taggable: true,
        id: prefixedId("sgr"),
        assigned: { arn: (c, id) => arnOf(c, `security-group-rule/${id}`), securityGroupRuleId: (_c, id) => id },
    },
    "aws:ec2/vpcPeeringConnection:VpcPeeringConnection": { taggable: true, id: prefixedId("pcx"), assigned: { acceptStatus: () => "pending-acceptance" } },
    "aws:ec2/routeTable:RouteTable": {
        taggable: true, id: prefixedId("rtb"), assigned: { arn: (c, id) => arnOf(c, `route-table/${id}`), ownerId: (c) => c.provider.accountId } },
    "aws:ec2/route:Route": { id: (c) => `r-${str(c, "routeTableId") ?? "rtb"}${hex(9, c.seed)}` },
    "aws:ec2/internetGateway:InternetGateway": { taggable: true, id: prefixedId("igw"), assigned: { arn: (c, id) => arnOf(c, `internet-gateway/${id}`), ownerId: (c) => c.provider.accountId } },
    "aws:ec2/natGateway:NatGateway": {
        taggable: true, id: prefixedId("nat") },
    "aws:ec2/networkAcl:NetworkAcl": { taggable: true, id: prefixedId("acl"), assigned: { arn: (c, id) => arnOf(c, `network-acl/${id}`), ownerId: (c) => c.provider.accountId } },
    "aws:ec2/networkAclRule:NetworkAclRule": { id: prefixedId("nacl", 10) },
    "aws:ec2transitgateway/transitGateway:TransitGateway": { taggable: true, id: prefixedId("tgw"), assigned: { arn: (c, id) => arnOf(c, `transit-gateway/${id}`), ownerId: (c) => c.provider.accountId } },
    "aws:ec2transitgateway/vpcAttachment:VpcAttachment": {
        taggable: true, id: prefixedId("tgw-attach") },
    "aws:ec2/vpnConnection:VpnConnection": { taggable: true, id: prefixedId("vpn") },
    "aws:s3/bucket:Bucket": {
        taggable: true, id: (c) => str(c, "bucket") ?? c.name, autoname: "bucket", assigned: { arn: (c, id) => `arn:aws:s3:::${id}` } },
    "aws:s3/bucketV2:BucketV2": { taggable: true, id: (c) => str(c, "bucket") ?? c.name, autoname: "bucket", assigned: { arn: (c, id) => `arn:aws:s3:::${id}` } },
    "okta:app/oAuth:OAuth": {
        id: (c) => oktaId("0oa", c.seed),
        assigned: {
            clientId: (_c, id) => id,
            clientSecret: (c) => (str(c, "tokenEndpointAuthMethod") ?? "client_secret_basic").startsWith("client_secret") ? secretText(40, c.seed) : undefined,
        },
        secretOutputs: ["clientSecret"],
    },
    "okta:index/apiServiceIntegration:ApiServiceIntegration": {
        id: (c) => oktaId("0oa", c.seed),
        assigned: { clientId: (_c, id) => id, clientSecret: (c) => secretText(40, c.seed) },
        secretOutputs: ["clientSecret"],
    },
    "okta:index/apiToken:ApiToken": { id: (c) => str(c, "idProperty") ?? oktaId("00T", c.seed), assigned: { created: () => undefined } },
    "time:index/rotating:Rotating": {
        id: (c) => str(c, "rfc3339") ?? "",
        // The rotation instant follows from a stated base time at planning; without one both are
        // set by the provider when it creates the resource.
        planned: { rotationRfc3339: (c) => rotationInstant(c) },
        assigned: { rfc3339: () => undefined, rotationRfc3339: () => undefined },
    },
    // Generated values: unknown until created; known ones are fakes with the right shape.
    "random:index/randomPassword:RandomPassword": {
        id: () => "none",
        assigned: { result: (c) => secretText(numberInput(c, "length") ?? 16, c.seed), bcryptHash: (c) => `$2a$10$${secretText(53, "bcrypt", c.seed)}` },
        secretOutputs: ["result", "bcryptHash"],
    },
    "random:index/randomString:RandomString": { id: (c) => secretText(numberInput(c, "length") ?? 16, c.seed), assigned: { result: (c, id) => id } },
    "random:index/randomId:RandomId": {
        id: (c) => Buffer.from(hex((numberInput(c, "byteLength") ?? 8) * 2, c.seed), "hex").toString("base64url"),
        assigned: { hex: (c) => hex((numberInput(c, "byteLength") ?? 8) * 2, c.seed), b64Url: (_c, id) => id, dec: (c) => BigInt(`0x${hex((numberInput(c, "byteLength") ?? 8) * 2, c.seed)}`).toString() },
    },
    "tls:index/privateKey:PrivateKey": {
        // The key is made when the resource is created: its halves are unknown in a preview.
        assigned: {
            publicKeyPem: () => undefined,
            publicKeyOpenssh: () => undefined,
            publicKeyFingerprintMd5: () => undefined,
            publicKeyFingerprintSha256: () => undefined,
            privateKeyPem: () => undefined,
            privateKeyOpenssh: () => undefined,
            privateKeyPemPkcs8: () => undefined,
        },
        secretOutputs: ["privateKeyPem", "privateKeyOpenssh", "privateKeyPemPkcs8"],
    },
    // Another stack's outputs cannot be read offline: unknown, so that values built from them keep
    // their dependency on the reference's URN (an undefined output would drop it), as in a real run.
    "pulumi:pulumi:StackReference": { id: (c) => str(c, "name") ?? c.name, assigned: { outputs: () => UNKNOWN_WIRE_VALUE, secretOutputNames: () => [] } },
};

function rotationInstant(context: Context): string | undefined {
    const base = str(context, "rfc3339");
    const start = base ? new Date(base) : undefined;
    if (!start || Number.isNaN(start.getTime())) return undefined;
    const amount = (key: string) => {
        const value = input(context, key);
        return typeof value === "number" ? value : 0;
    };
    const next = new Date(start.getTime());
    next.setUTCFullYear(next.getUTCFullYear() + amount("rotationYears"));
    next.setUTCMonth(next.getUTCMonth() + amount("rotationMonths"));
    next.setUTCDate(next.getUTCDate() + amount("rotationDays"));
    next.setUTCHours(next.getUTCHours() + amount("rotationHours"));
    next.setUTCMinutes(next.getUTCMinutes() + amount("rotationMinutes"));
    if (next.getTime() === start.getTime()) return undefined;
    return next.toISOString().replace(/\.000Z$/, "Z");
}

/** Resources of a package blastwall has no entry for: a plausible id, an ARN for AWS. */
export function genericMock(type: string): TypeMock {
    if (type.startsWith("pulumi:providers:")) return { id: (c) => uuid(c.seed) };
    if (type.startsWith("aws:")) return { id: (c) => `${c.name}-${hex(7, c.seed)}`, assigned: { arn: (c, id) => arnOf(c, `${type.split(":")[2]?.toLowerCase() ?? "resource"}/${id}`) } };
    return { id: (c) => `${c.name}-${hex(7, c.seed)}` };
}

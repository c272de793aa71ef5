// Synthetic stacks for the benchmark, generated deterministically from a seed: the same size
// gives the same resources, byte for byte, on every run and machine. A stack is the engine's view
// of one deployment (the root, the providers, then repeated "cells" of a realistic mix: a network
// segment with its VPC pieces, security groups and rules, IAM users with access keys, secrets with
// rotation, KMS keys, roles, Okta service apps), mostly compliant with a few findings of each kind
// so that the pack also pays for reporting.

import { EngineResource, PropertyBag, ResourceOptions, StackInput } from "../cli/analyzer/model";
import { wireSignatures } from "../policies/lib/sdk/wire";

export const BENCH_STACK = "prod";
export const BENCH_PROJECT = "bench";
/** Every credential date is relative to this evaluation time (passed as the `now` setting). */
export const BENCH_NOW = "2026-01-01T00:00:00Z";

const PROD = { cidr: "10.30.0.0/16", account: "100000000030", okta: "blastwall" };
const STAGING_RANGE = "10.20.0.0/16";
const STAGING_ACCOUNT = "100000000020";

const OPTIONS: ResourceOptions = { protect: false, ignoreChanges: [], additionalSecretOutputs: [], aliases: [], customTimeouts: { create: 0, update: 0, delete: 0 } };

/** mulberry32: small, fast and deterministic. */
export function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

function secret(value: unknown): Record<string, unknown> {
    return { [wireSignatures.key]: wireSignatures.secret, value };
}

function urnOf(type: string, name: string, parentType?: string): string {
    const path = parentType ? `${parentType}$${type}` : type;
    return `urn:pulumi:${BENCH_STACK}::${BENCH_PROJECT}::${path}::${name}`;
}

interface Declared {
    readonly type: string;
    readonly name: string;
    readonly inputs: PropertyBag;
    /** Outputs beyond the inputs (ids, ARNs, dates the provider sets). */
    readonly computed?: PropertyBag;
    readonly parent?: EngineResource;
    readonly provider?: EngineResource;
    /** Property name to the resources its value came from. */
    readonly from?: Readonly<Record<string, readonly EngineResource[]>>;
    /** Plain dependencies (dependsOn), beyond those of `from`. */
    readonly dependsOn?: readonly EngineResource[];
    readonly custom?: boolean;
}

function declare(d: Declared): EngineResource {
    const propertyDependencies: Record<string, string[]> = {};
    const dependencies = new Set<string>();
    for (const [key, sources] of Object.entries(d.from ?? {})) {
        propertyDependencies[key] = sources.map((s) => s.urn);
        sources.forEach((s) => dependencies.add(s.urn));
    }
    d.dependsOn?.forEach((s) => dependencies.add(s.urn));
    const parentType = d.parent && d.parent.type !== "pulumi:pulumi:Stack" ? d.parent.type : undefined;
    return {
        urn: urnOf(d.type, d.name, parentType),
        type: d.type,
        name: d.name,
        custom: d.custom ?? true,
        inputs: d.inputs,
        outputs: { ...d.inputs, ...d.computed },
        parent: d.parent?.urn,
        dependencies: [...dependencies],
        propertyDependencies,
        provider: d.provider?.urn,
        options: OPTIONS,
    };
}

function isoDaysBefore(days: number): string {
    return new Date(Date.parse(BENCH_NOW) - days * 86_400_000).toISOString().replace(".000Z", "Z");
}

interface Providers {
    readonly root: EngineResource;
    readonly aws: EngineResource;
    readonly okta: EngineResource;
    readonly time: EngineResource;
}

function providers(): Providers {
    const root = declare({ type: "pulumi:pulumi:Stack", name: `${BENCH_PROJECT}-${BENCH_STACK}`, inputs: {}, custom: false });
    const aws = declare({
        type: "pulumi:providers:aws",
        name: "prod-aws",
        parent: root,
        // Providers keep non-string inputs as JSON strings, as the engine holds them.
        inputs: { region: "us-east-1", allowedAccountIds: JSON.stringify([PROD.account]), defaultTags: JSON.stringify({ tags: { Environment: "prod", Owner: "platform-team" } }) },
    });
    const okta = declare({ type: "pulumi:providers:okta", name: "prod-okta", parent: root, inputs: { orgName: PROD.okta, baseUrl: "okta.com", apiToken: secret("00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcd") } });
    const time = declare({ type: "pulumi:providers:time", name: "default_0_1_1", parent: root, inputs: {} });
    return { root, aws, okta, time };
}

/** One network segment with its credentials and their permissions (CELL_SIZE resources). `i` numbers it; `pick` draws the findings. */
function cell(i: number, p: Providers, pick: () => number): EngineResource[] {
    const octet = i % 250;
    const cidr = `10.30.${octet}.0/24`;
    const on = { provider: p.aws };
    const segment = declare({ type: "blastwall:network:Segment", name: `seg-${i}`, parent: p.root, inputs: {}, custom: false });
    const inSegment = { ...on, parent: segment };
    const tags = { Environment: "prod", Owner: `team-${i % 17}` };
    const vpc = declare({ ...inSegment, type: "aws:ec2/vpc:Vpc", name: `vpc-${i}`, inputs: { cidrBlock: cidr, enableDnsHostnames: true, tags }, computed: { id: `vpc-${i}`, arn: `arn:aws:ec2:us-east-1:${PROD.account}:vpc/vpc-${i}` } });
    const inVpc = { ...inSegment, from: { vpcId: [vpc] } };
    const subnets = [0, 1, 2].map((z) =>
        declare({ ...inVpc, type: "aws:ec2/subnet:Subnet", name: `subnet-${i}-${z}`, inputs: { vpcId: `vpc-${i}`, cidrBlock: `10.30.${octet}.${z * 64}/26`, availabilityZone: `us-east-1${"abc"[z]}`, tags }, computed: { id: `subnet-${i}-${z}` } }),
    );
    const igw = declare({ ...inVpc, type: "aws:ec2/internetGateway:InternetGateway", name: `igw-${i}`, inputs: { vpcId: `vpc-${i}`, tags }, computed: { id: `igw-${i}` } });
    const table = declare({ ...inVpc, type: "aws:ec2/routeTable:RouteTable", name: `rtb-${i}`, inputs: { vpcId: `vpc-${i}`, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: `igw-${i}` }], tags }, computed: { id: `rtb-${i}` } });
    const route = declare({ ...inSegment, type: "aws:ec2/route:Route", name: `route-${i}`, from: { routeTableId: [table], gatewayId: [igw] }, inputs: { routeTableId: `rtb-${i}`, destinationCidrBlock: "0.0.0.0/0", gatewayId: `igw-${i}` } });
    const denyOthers = [
        { action: "deny", ruleNo: 100, protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "10.10.0.0/16" },
        { action: "deny", ruleNo: 110, protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: STAGING_RANGE },
        { action: "allow", ruleNo: 200, protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" },
    ];
    const acl = declare({ ...inVpc, type: "aws:ec2/networkAcl:NetworkAcl", name: `acl-${i}`, inputs: { vpcId: `vpc-${i}`, ingress: denyOthers, egress: denyOthers, tags }, computed: { id: `acl-${i}` } });
    const aclRule = declare({ ...inSegment, type: "aws:ec2/networkAclRule:NetworkAclRule", name: `acl-rule-${i}`, from: { networkAclId: [acl] }, inputs: { networkAclId: `acl-${i}`, ruleNumber: 300, egress: false, protocol: "tcp", fromPort: 443, toPort: 443, ruleAction: "allow", cidrBlock: PROD.cidr } });
    // About one security group rule in 40 admits the staging range: a mixed-environment finding.
    const admitted = pick() < 0.025 ? STAGING_RANGE : PROD.cidr;
    const group = declare({
        ...inVpc,
        type: "aws:ec2/securityGroup:SecurityGroup",
        name: `sg-${i}`,
        inputs: {
            vpcId: `vpc-${i}`,
            description: "web tier",
            ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [PROD.cidr], description: "https" }],
            egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
            tags,
        },
        computed: { id: `sg-${i}`, arn: `arn:aws:ec2:us-east-1:${PROD.account}:security-group/sg-${i}` },
    });
    const onGroup = { ...inSegment, from: { securityGroupId: [group] } };
    const ruleIn = declare({ ...onGroup, type: "aws:ec2/securityGroupRule:SecurityGroupRule", name: `sg-${i}-in`, inputs: { type: "ingress", securityGroupId: `sg-${i}`, protocol: "tcp", fromPort: 8443, toPort: 8443, cidrBlocks: [admitted] } });
    const ruleOut = declare({ ...onGroup, type: "aws:ec2/securityGroupRule:SecurityGroupRule", name: `sg-${i}-out`, inputs: { type: "egress", securityGroupId: `sg-${i}`, protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: [cidr] } });
    const ingress = declare({ ...onGroup, type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name: `sg-${i}-ssh`, inputs: { securityGroupId: `sg-${i}`, ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: `10.30.${octet}.0/28`, tags } });
    const egress = declare({ ...onGroup, type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", name: `sg-${i}-all`, inputs: { securityGroupId: `sg-${i}`, ipProtocol: "-1", cidrIpv4: "0.0.0.0/0", tags } });

    const user = declare({ ...inSegment, type: "aws:iam/user:User", name: `svc-${i}`, inputs: { name: `svc-${i}`, path: "/service/", tags }, computed: { arn: `arn:aws:iam::${PROD.account}:user/service/svc-${i}`, uniqueId: `AIDA${i}` } });
    const rotation = declare({ ...inSegment, provider: p.time, type: "time:index/rotating:Rotating", name: `svc-${i}-rotation`, inputs: { rotationDays: 90 }, computed: { rfc3339: isoDaysBefore(10 + (i % 60)), rotationRfc3339: isoDaysBefore(-80 + (i % 60)) } });
    // About one access key in 50 is old and outside any rotation: an unrotated-credential finding.
    const stale = pick() < 0.02;
    const keyDays = stale ? 400 + (i % 300) : 10 + (i % 60);
    const key = declare({
        ...inSegment,
        type: "aws:iam/accessKey:AccessKey",
        name: `svc-${i}-key`,
        from: { user: [user] },
        dependsOn: stale ? [] : [rotation],
        inputs: { user: `svc-${i}`, status: "Active" },
        computed: { id: `AKIA${String(i).padStart(16, "0")}`, createDate: isoDaysBefore(keyDays), secret: secret(`wJalrXUtnFEMI/K7MDENG/bPxRfiCY${String(i).padStart(10, "0")}`), sesSmtpPasswordV4: secret(`BLd3bq2PVk7o${String(i).padStart(8, "0")}`) },
    });
    const secretArn = `arn:aws:secretsmanager:us-east-1:${PROD.account}:secret:db-${i}-AbCdEf`;
    const dbSecret = declare({ ...inSegment, type: "aws:secretsmanager/secret:Secret", name: `db-${i}`, inputs: { name: `db-${i}`, recoveryWindowInDays: 7, tags }, computed: { arn: secretArn, id: secretArn } });
    const secretRotation = declare({
        ...inSegment,
        type: "aws:secretsmanager/secretRotation:SecretRotation",
        name: `db-${i}-rotation`,
        from: { secretId: [dbSecret] },
        inputs: { secretId: secretArn, rotationLambdaArn: `arn:aws:lambda:us-east-1:${PROD.account}:function:rotate`, rotationRules: { automaticallyAfterDays: 30 } },
        computed: { rotationEnabled: true },
    });
    const keyPolicy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${PROD.account}:root` }, Action: "kms:*", Resource: "*" }] });
    const kms = declare({ ...inSegment, type: "aws:kms/key:Key", name: `data-${i}`, inputs: { description: "data", enableKeyRotation: pick() >= 0.02, policy: keyPolicy, tags }, computed: { arn: `arn:aws:kms:us-east-1:${PROD.account}:key/${i}`, keyId: `${i}`, isEnabled: true, customerMasterKeySpec: "SYMMETRIC_DEFAULT", keyUsage: "ENCRYPT_DECRYPT" } });
    const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }, { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${PROD.account}:root` }, Action: "sts:AssumeRole" }] });
    const roleArn = `arn:aws:iam::${PROD.account}:role/app-${i}`;
    const role = declare({ ...inSegment, type: "aws:iam/role:Role", name: `app-${i}`, inputs: { assumeRolePolicy: trust, tags }, computed: { arn: roleArn, id: `app-${i}`, name: `app-${i}` } });
    const app = declare({
        parent: segment,
        provider: p.okta,
        type: "okta:app/oAuth:OAuth",
        name: `deployer-${i}`,
        inputs: { label: `deployer-${i}`, type: "service", tokenEndpointAuthMethod: "private_key_jwt", autoKeyRotation: true, grantTypes: ["client_credentials"], jwks: [{ kid: `k-${i}`, kty: "RSA", e: "AQAB", n: "xGOr-H7A-PWG3v0" }], omitSecret: true },
        computed: { clientId: `0oa${i}`, status: "ACTIVE" },
    });
    return [segment, vpc, ...subnets, igw, table, route, acl, aclRule, group, ruleIn, ruleOut, ingress, egress, user, rotation, key, dbSecret, secretRotation, kms, role, app, ...permissions(i, inSegment, user, role)];
}

const document = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

/**
 * What the cell's access key may do, for the reach model (policies/reach): an inline least-privilege
 * policy within prod's account that may also assume the cell's role (which trusts prod's account),
 * a managed policy attached to the user, and the role's own inline policy. One cell in 50 (i % 50
 * === 17, drawn from `i` so that the other findings' draws do not move) lets the key assume a role
 * in staging's account instead: a credential that reaches another environment.
 */
function permissions(i: number, inSegment: { provider: EngineResource; parent: EngineResource }, user: EngineResource, role: EngineResource): EngineResource[] {
    const assumable = i % 50 === 17 ? `arn:aws:iam::${STAGING_ACCOUNT}:role/deploy` : `arn:aws:iam::${PROD.account}:role/app-${i}`;
    const inline = declare({
        ...inSegment,
        type: "aws:iam/userPolicy:UserPolicy",
        name: `svc-${i}-least-privilege`,
        from: { user: [user] },
        inputs: {
            user: `svc-${i}`,
            policy: document(
                { Sid: "Describe", Effect: "Allow", Action: ["ec2:DescribeVpcs", "ec2:DescribeSubnets", "cloudwatch:GetMetricData"], Resource: "*", Condition: { StringEquals: { "aws:ResourceAccount": PROD.account } } },
                { Sid: "Assume", Effect: "Allow", Action: "sts:AssumeRole", Resource: assumable },
            ),
        },
        computed: { id: `svc-${i}:svc-${i}-least-privilege` },
    });
    const policyArn = `arn:aws:iam::${PROD.account}:policy/service/svc-${i}-read`;
    const managed = declare({
        ...inSegment,
        type: "aws:iam/policy:Policy",
        name: `svc-${i}-read`,
        inputs: { name: `svc-${i}-read`, path: "/service/", policy: document({ Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: [`arn:aws:s3:::prod-data-${i}`, `arn:aws:s3:::prod-data-${i}/*`] }), tags: user.inputs.tags },
        computed: { arn: policyArn, id: policyArn },
    });
    const attachment = declare({
        ...inSegment,
        type: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
        name: `svc-${i}-read`,
        from: { user: [user], policyArn: [managed] },
        inputs: { user: `svc-${i}`, policyArn },
    });
    const rolePolicy = declare({
        ...inSegment,
        type: "aws:iam/rolePolicy:RolePolicy",
        name: `app-${i}`,
        from: { role: [role] },
        inputs: { role: `app-${i}`, policy: document({ Effect: "Allow", Action: ["kms:Decrypt", "secretsmanager:GetSecretValue"], Resource: "*", Condition: { StringEquals: { "aws:ResourceAccount": PROD.account } } }) },
    });
    return [inline, managed, attachment, rolePolicy];
}

/** Resources per segment, counted rather than written down. */
export const CELL_SIZE = cell(0, providers(), () => 0.5).length;

/** A stack of exactly `size` resources (root and providers included), the same for the same size. */
export function syntheticStack(size: number, seed = 20231020): StackInput {
    const p = providers();
    const pick = random(seed);
    const resources: EngineResource[] = [p.root, p.aws, p.okta, p.time];
    for (let i = 0; resources.length < size; i++) resources.push(...cell(i, p, pick));
    resources.length = size;
    return {
        stack: BENCH_STACK,
        project: BENCH_PROJECT,
        organization: "bench",
        dryRun: false,
        config: {},
        configSecretKeys: [],
        tags: { "pulumi:project": BENCH_PROJECT, "pulumi:runtime": "nodejs" },
        resources,
    };
}

/** How many resources of each type: the mix, for RESULTS.md. */
export function typeMix(input: StackInput): Array<[string, number]> {
    const counts = new Map<string, number>();
    for (const r of input.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

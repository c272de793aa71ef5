// One environment's network: a VPC on the environment's range with public, private and isolated
// subnets, network ACLs that deny every other environment's range in both directions, a default
// security group with no rules, flow logs, and no route, peering or transit gateway towards
// another environment. The maths lives in subnets.ts and nacl.ts; this file only declares.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Environment } from "../environment";
import { ConfigurationError } from "../errors";
import type { NatMode } from "../settings";
import { VpcFlowLogs } from "./flowLogs";
import { segmentationRules } from "./nacl";
import { MAX_ZONES, SUBNET_TIERS, SubnetTier, subnetLayout } from "./subnets";

export interface SegmentedNetworkArgs {
    readonly environment: Environment;
    /** 2 to 8; zones are taken in the order AWS lists them for the account. */
    readonly availabilityZones: number;
    /** none: private subnets reach nothing outside the VPC; single: one NAT gateway; perAz: one per zone. */
    readonly nat: NatMode;
    readonly flowLogRetentionDays: number;
    /** Default true. Without public subnets there is no internet gateway, and nat must be none. */
    readonly publicSubnets?: boolean;
}

type SubnetsByTier = Record<SubnetTier, pulumi.Output<string>[]>;

export class SegmentedNetwork extends pulumi.ComponentResource {
    readonly vpcId: pulumi.Output<string>;
    readonly subnetIds: SubnetsByTier;
    readonly natGatewayIds: pulumi.Output<string>[];
    readonly flowLogId: pulumi.Output<string>;

    constructor(name: string, args: SegmentedNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("blastwall:network:SegmentedNetwork", name, {}, opts);
        const env = args.environment;
        const zones = args.availabilityZones;
        const withPublic = args.publicSubnets ?? true;
        checkArgs(name, args, withPublic);
        const child = { parent: this };

        const vpc = new aws.ec2.Vpc(name, { cidrBlock: env.vpcCidr, enableDnsSupport: true, enableDnsHostnames: true, tags: { Name: name } }, child);
        // Managing the defaults with no rules strips what AWS puts there: a security group that
        // admits its own members, and an ACL that allows everything to subnets left unassociated.
        new aws.ec2.DefaultSecurityGroup(name, { vpcId: vpc.id, tags: { Name: `${name}-default` } }, child);
        // Every subnet is moved to its tier's ACL (below); AWS puts a new subnet in the default one
        // first, and a subnet cannot be "removed" from it, so its association list is AWS's to keep.
        new aws.ec2.DefaultNetworkAcl(name, { defaultNetworkAclId: vpc.defaultNetworkAclId, tags: { Name: `${name}-default` } }, { parent: this, ignoreChanges: ["subnetIds"] });

        const zoneNames = aws.getAvailabilityZonesOutput({ state: "available" }, child).names.apply((names) => {
            if (names.length < zones) {
                throw new ConfigurationError([
                    `SegmentedNetwork '${name}': availabilityZones is ${zones} but ${env.region} has ${names.length} available zones in account ` +
                        `${env.accountId} (${names.join(", ")}); set blastwall:availabilityZones to ${names.length} or fewer.`,
                ]);
            }
            return names;
        });

        const tiers = SUBNET_TIERS.filter((tier) => tier !== "public" || withPublic);
        const subnetIds: SubnetsByTier = { public: [], private: [], isolated: [] };
        for (const planned of subnetLayout(env.vpcCidr, zones, tiers)) {
            const subnet = new aws.ec2.Subnet(
                `${name}-${planned.tier}-${planned.zoneIndex}`,
                {
                    vpcId: vpc.id,
                    cidrBlock: planned.cidr,
                    availabilityZone: zoneNames.apply((names) => names[planned.zoneIndex]),
                    // Public subnets too: an instance asks for a public address, it is not handed one.
                    mapPublicIpOnLaunch: false,
                    tags: { Name: `${name}-${planned.tier}-${planned.zoneIndex}`, Tier: planned.tier },
                },
                child,
            );
            subnetIds[planned.tier].push(subnet.id);
        }

        const routeTable = (suffix: string, subnets: pulumi.Output<string>[]) => {
            const table = new aws.ec2.RouteTable(`${name}-${suffix}`, { vpcId: vpc.id, tags: { Name: `${name}-${suffix}` } }, child);
            subnets.forEach((subnetId, i) => new aws.ec2.RouteTableAssociation(`${name}-${suffix}-${i}`, { routeTableId: table.id, subnetId }, child));
            return table;
        };
        const internetRoute = (table: aws.ec2.RouteTable, suffix: string, target: { gatewayId?: pulumi.Input<string>; natGatewayId?: pulumi.Input<string> }) =>
            new aws.ec2.Route(`${name}-${suffix}-internet`, { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", ...target }, child);

        this.natGatewayIds = [];
        if (withPublic) {
            const gateway = new aws.ec2.InternetGateway(name, { vpcId: vpc.id, tags: { Name: name } }, child);
            internetRoute(routeTable("public", subnetIds.public), "public", { gatewayId: gateway.id });
            const natZones = args.nat === "perAz" ? zones : args.nat === "single" ? 1 : 0;
            for (let zone = 0; zone < natZones; zone++) {
                const address = new aws.ec2.Eip(`${name}-nat-${zone}`, { domain: "vpc", tags: { Name: `${name}-nat-${zone}` } }, child);
                const nat = new aws.ec2.NatGateway(
                    `${name}-nat-${zone}`,
                    { allocationId: address.allocationId, subnetId: subnetIds.public[zone], tags: { Name: `${name}-nat-${zone}` } },
                    { parent: this, dependsOn: [gateway] },
                );
                this.natGatewayIds.push(nat.id);
            }
        }
        // One private table per zone, whatever the NAT mode, so that changing the mode changes
        // routes and never re-associates subnets.
        subnetIds.private.forEach((subnetId, zone) => {
            const table = routeTable(`private-${zone}`, [subnetId]);
            const nat = this.natGatewayIds[Math.min(zone, this.natGatewayIds.length - 1)];
            if (nat) internetRoute(table, `private-${zone}`, { natGatewayId: nat });
        });
        routeTable("isolated", subnetIds.isolated);

        for (const tier of tiers) {
            const rules = segmentationRules(env.plan, env.name, tier);
            new aws.ec2.NetworkAcl(
                `${name}-${tier}`,
                { vpcId: vpc.id, subnetIds: subnetIds[tier], ingress: [...rules.ingress], egress: [...rules.egress], tags: { Name: `${name}-${tier}`, Tier: tier } },
                child,
            );
        }

        const flowLogs = new VpcFlowLogs(
            `${name}-flow-logs`,
            { vpcId: vpc.id, environment: env.name, accountId: env.accountId, region: env.region, retentionInDays: args.flowLogRetentionDays },
            child,
        );

        this.vpcId = vpc.id;
        this.subnetIds = subnetIds;
        this.flowLogId = flowLogs.flowLogId;
        this.registerOutputs({ vpcId: this.vpcId, subnetIds: this.subnetIds, natGatewayIds: this.natGatewayIds, flowLogId: this.flowLogId });
    }
}

function checkArgs(name: string, args: SegmentedNetworkArgs, withPublic: boolean): void {
    const problems: string[] = [];
    if (!Number.isInteger(args.availabilityZones) || args.availabilityZones < 2 || args.availabilityZones > MAX_ZONES) {
        problems.push(`SegmentedNetwork '${name}': availabilityZones is ${args.availabilityZones}; use 2 to ${MAX_ZONES} (blastwall:availabilityZones).`);
    }
    if (!withPublic && args.nat !== "none") {
        problems.push(`SegmentedNetwork '${name}': nat is "${args.nat}" but publicSubnets is false, and NAT gateways live in public subnets; set nat to none or publicSubnets to true.`);
    }
    if (problems.length > 0) throw new ConfigurationError(problems);
}

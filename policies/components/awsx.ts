// What the children of awsx 2+ components (pulumi/pulumi-awsx, `awsx/schema-types.ts`) would
// declare, read from the components' arguments. Only what a blastwall rule judges on the child's
// own type is written here; the rest of the arguments builds resources no rule judges.

import type { ResourceView } from "../lib/model";
import { get, getBoolean, isRecord } from "../lib/props";
import type { PartSpec } from "./part";

/** awsx builds the VPC on this range when `cidrBlock` is not given (and no IPAM pool is). */
export const AWSX_DEFAULT_VPC_CIDR = "10.0.0.0/16";

const VPC = "aws:ec2/vpc:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";
const VPC_ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
const ECS_SERVICE = "aws:ecs/service:Service";

function vpcParts(component: ResourceView): PartSpec[] {
    const props = component.props;
    const parts: PartSpec[] = [
        {
            type: VPC,
            placements: ["cidrBlock", "ipv6CidrBlock", "ipv4IpamPoolId", "ipv6IpamPoolId"].map((key) => ({ from: [key], to: [key] })),
        },
    ];
    const specs = get(props, "subnetSpecs");
    if (Array.isArray(specs)) {
        specs.forEach((spec, i) => {
            const blocks = get(spec, "cidrBlocks");
            if (!Array.isArray(blocks)) return;
            blocks.forEach((_, j) => parts.push({ type: SUBNET, at: ["subnetSpecs", i, "cidrBlocks", j], placements: [{ from: ["subnetSpecs", i, "cidrBlocks", j], to: ["cidrBlock"] }] }));
        });
    }
    const endpoints = get(props, "vpcEndpointSpecs");
    if (Array.isArray(endpoints)) {
        endpoints.forEach((_, i) => parts.push({ type: VPC_ENDPOINT, at: ["vpcEndpointSpecs", i], placements: [{ from: ["vpcEndpointSpecs", i, "serviceName"], to: ["serviceName"] }] }));
    }
    return parts;
}

/** The VPC's range as awsx will choose it: the default when none is given. */
export function withAwsxDefaults(component: ResourceView): ResourceView {
    const props = component.props;
    if (component.type !== "awsx:ec2:Vpc" || Object.keys(props).length === 0) return component;
    if (get(props, "cidrBlock") !== undefined || get(props, "ipv4IpamPoolId") !== undefined) return component;
    return { ...component, props: { ...props, cidrBlock: AWSX_DEFAULT_VPC_CIDR } };
}

/** The security group awsx creates for a load balancer from `defaultSecurityGroup.args`. */
function loadBalancerParts(component: ResourceView): PartSpec[] {
    const group = get(component.props, "defaultSecurityGroup");
    if (!isRecord(group) || getBoolean(group, "skip") === true || !isRecord(get(group, "args"))) return [];
    const from = ["defaultSecurityGroup", "args"];
    return [
        {
            type: SECURITY_GROUP,
            at: from,
            placements: ["ingress", "egress", "vpcId"].map((key) => ({ from: [...from, key], to: [key] })),
        },
    ];
}

/** The load balancer itself: its subnets (as ids, Subnet resources or mappings) and security groups. */
function loadBalancer(component: ResourceView): PartSpec {
    let next = 0;
    const subnets = ["subnetIds", "subnets"].flatMap((key) => {
        const list = get(component.props, key);
        if (Array.isArray(list)) return list.map((_, i) => ({ from: [key, i], to: ["subnets", next++] }));
        return list === undefined ? [] : [{ from: [key], to: ["subnets"] }];
    });
    return {
        type: LOAD_BALANCER,
        placements: [...subnets, { from: ["subnetMappings"], to: ["subnetMappings"] }, { from: ["securityGroups"], to: ["securityGroups"] }],
    };
}

/** The ECS service's placement: `networkConfiguration` is the service's own argument. */
function serviceParts(): PartSpec[] {
    return [{ type: ECS_SERVICE, placements: [{ from: ["networkConfiguration"], to: ["networkConfiguration"] }] }];
}

export const AWSX_PARTS: Readonly<Record<string, (component: ResourceView) => PartSpec[]>> = {
    "awsx:ec2:Vpc": vpcParts,
    "awsx:lb:ApplicationLoadBalancer": (component) => [loadBalancer(component), ...loadBalancerParts(component)],
    "awsx:lb:NetworkLoadBalancer": (component) => [loadBalancer(component)],
    "awsx:ecs:FargateService": serviceParts,
    "awsx:ecs:EC2Service": serviceParts,
};

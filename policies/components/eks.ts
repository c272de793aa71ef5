// What the children of eks 2+ components (pulumi/pulumi-eks, `provider/cmd/pulumi-resource-eks`
// schema) would declare, read from the components' arguments: the EKS cluster's network (its
// VPC, subnets and public endpoint ranges), the node groups' subnets, and who is given access
// to the cluster (role and user mappings, access entries).

import type { ResourceView } from "../lib/model";
import { get, getBoolean, isRecord, PathStep } from "../lib/props";
import type { PartSpec } from "./part";

const EKS_CLUSTER = "aws:eks/cluster:Cluster";
const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
const ACCESS_ENTRY = "aws:eks/accessEntry:AccessEntry";
// Access entries become AccessEntry resources, which no-cross-environment-trust judges. Role and
// user mappings become the aws-auth ConfigMap, which no rule reads: only an AccessEntry child
// hides them, so that a mapping is judged once, never zero times.
function principalPart(from: readonly PathStep[], at: readonly PathStep[]): PartSpec {
    return { type: ACCESS_ENTRY, at, placements: [{ from, to: ["principalArn"] }] };
}

function accessParts(props: ResourceView["props"]): PartSpec[] {
    const parts: PartSpec[] = [];
    for (const [list, key] of [["roleMappings", "roleArn"], ["userMappings", "userArn"]] as const) {
        const mappings = get(props, list);
        if (Array.isArray(mappings)) mappings.forEach((_, i) => parts.push(principalPart([list, i, key], [list, i])));
    }
    const entries = get(props, "accessEntries");
    if (isRecord(entries)) for (const name of Object.keys(entries)) parts.push(principalPart(["accessEntries", name, "principalArn"], ["accessEntries", name]));
    return parts;
}

function clusterParts(component: ResourceView): PartSpec[] {
    const props = component.props;
    // The cluster's subnets are all three lists together; a list unknown during preview is placed
    // whole only when it is the one list given.
    let next = 0;
    const subnets = ["subnetIds", "publicSubnetIds", "privateSubnetIds"].flatMap((key) => {
        const list = get(props, key);
        if (Array.isArray(list)) return list.map((_, i) => ({ from: [key, i], to: ["vpcConfig", "subnetIds", next++] }));
        return list === undefined ? [] : [{ from: [key], to: ["vpcConfig", "subnetIds"] }];
    });
    // A private-only endpoint admits nothing from outside the VPC, whatever the CIDRs say.
    const publicEndpoint = getBoolean(props, "endpointPublicAccess") !== false;
    const cluster: PartSpec = {
        type: EKS_CLUSTER,
        placements: [
            { from: ["vpcId"], to: ["vpcConfig", "vpcId"] },
            ...(publicEndpoint ? [{ from: ["publicAccessCidrs"], to: ["vpcConfig", "publicAccessCidrs"] }] : []),
            ...subnets,
        ],
    };
    return [cluster, ...accessParts(props)];
}

function nodeGroupParts(subnetKey: string): (component: ResourceView) => PartSpec[] {
    // Self-managed groups become autoscaling groups or CloudFormation stacks, which no rule reads.
    return () => [{ type: NODE_GROUP, placements: [{ from: [subnetKey], to: ["subnetIds"] }] }];
}

export const EKS_PARTS: Readonly<Record<string, (component: ResourceView) => PartSpec[]>> = {
    "eks:index:Cluster": clusterParts,
    "eks:index:NodeGroup": nodeGroupParts("nodeSubnetIds"),
    "eks:index:NodeGroupV2": nodeGroupParts("nodeSubnetIds"),
    "eks:index:ManagedNodeGroup": nodeGroupParts("subnetIds"),
};

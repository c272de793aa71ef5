// Every way a network path can be declared, as data: for each resource type, where it keeps
// the endpoints it lets traffic reach. Property names are those of @pulumi/aws 7 (inputs and
// outputs share them). Adding a type is one entry here; the judgment is written once (judge.ts).

import { get, getBoolean, getNumber, getString, PathStep, PropertyBag, UNKNOWN } from "../../lib/props";
import { account, Action, blocks, Endpoint, many, NaclPosition, one, principal, range, reference, targetOf } from "./endpoints";

const onlyRanges = (verb: string, fix: string): Action => ({ verb, fix: (own, ranges) => `${fix} ${own} ranges (${ranges})` });

export const ADMITS = onlyRanges("admits", "admit only");
export const EGRESS = onlyRanges("allows egress to", "allow egress only to");
export const ROUTES = onlyRanges("routes", "route only");
export const USES = onlyRanges("uses", "use only");
export const TUNNELS = onlyRanges("tunnels", "tunnel only");
const ROUTES_VIA: Action = { verb: "routes through", fix: (own) => `route only through ${own}'s own gateways and peerings` };
const PEERS: Action = { verb: "peers with", fix: (own, ranges, accounts) => `peer only with ${own} VPCs (${ranges}, account ${accounts})` };
const ACCEPTS: Action = { verb: "accepts a peering from", fix: PEERS.fix };
const ATTACHES: Action = { verb: "attaches", fix: (own, ranges, accounts) => `attach only ${own} VPCs and transit gateways (${ranges}, account ${accounts})` };
const CONNECTS: Action = { verb: "connects to", fix: (own, ranges, accounts) => `connect only to ${own} networks and services (${ranges}, account ${accounts})` };
const ALLOWS: Action = { verb: "allows", fix: (own, _ranges, accounts) => `allow only ${own}'s account (${accounts})` };
const CREATED_IN: Action = { verb: "is created in", fix: (own, ranges) => `create it in a ${own} VPC (${ranges})` };
const CHANGES: Action = { verb: "changes", fix: (own) => `change ${own} network resources only, from a ${own} stack` };
const GUARDED_BY: Action = { verb: "uses", fix: (own) => `use only ${own}'s own security groups` };

const VPC = targetOf("VPC", "aws:ec2/vpc:Vpc", "aws:ec2/defaultVpc:DefaultVpc");
const SECURITY_GROUP = targetOf("security group", "aws:ec2/securityGroup:SecurityGroup", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
const PREFIX_LIST = targetOf("prefix list", "aws:ec2/managedPrefixList:ManagedPrefixList");
const TRANSIT_GATEWAY = targetOf("transit gateway", "aws:ec2transitgateway/transitGateway:TransitGateway");
const PEERING = targetOf("VPC peering connection", "aws:ec2/vpcPeeringConnection:VpcPeeringConnection", "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter");
const TGW_ATTACHMENT = targetOf(
    "transit gateway attachment",
    "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
    "aws:ec2transitgateway/vpcAttachmentAccepter:VpcAttachmentAccepter",
    "aws:ec2transitgateway/peeringAttachment:PeeringAttachment",
);
const CUSTOMER_GATEWAY = targetOf("customer gateway", "aws:ec2/customerGateway:CustomerGateway");
const ENDPOINT_SERVICE = targetOf("endpoint service", "aws:ec2/vpcEndpointService:VpcEndpointService");
const NETWORK_ACL = targetOf("network ACL", "aws:ec2/networkAcl:NetworkAcl", "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl");
const ROUTE_TABLE = targetOf("route table", "aws:ec2/routeTable:RouteTable", "aws:ec2/defaultRouteTable:DefaultRouteTable");
const SUBNET = targetOf("subnet", "aws:ec2/subnet:Subnet");

type Extract = (props: PropertyBag) => Endpoint[];

const createdIn: Extract = (props) => one(props, ["vpcId"], reference(VPC, CREATED_IN));

/** The sources of one security-group rule, wherever it is declared. */
function securityGroupSources(props: unknown, at: readonly PathStep[], action: Action, names: { v4: string; v6: string; prefixLists: string; groups: string; list: boolean }): Endpoint[] {
    const read = names.list ? many : one;
    return [
        ...read(props, [...at, names.v4], range(action)),
        ...read(props, [...at, names.v6], range(action)),
        ...read(props, [...at, names.prefixLists], reference(PREFIX_LIST, action)),
        ...read(props, [...at, names.groups], reference(SECURITY_GROUP, action)),
    ];
}

const INLINE_RULE = { v4: "cidrBlocks", v6: "ipv6CidrBlocks", prefixLists: "prefixListIds", groups: "securityGroups", list: true };

const inlineSecurityGroup: Extract = (props) => [
    ...blocks(props, "ingress", range(ADMITS), (at) => securityGroupSources(props, at, ADMITS, INLINE_RULE)),
    ...blocks(props, "egress", range(EGRESS), (at) => securityGroupSources(props, at, EGRESS, INLINE_RULE)),
    ...createdIn(props),
];

const vpcSecurityGroupRule = (action: Action): Extract => (props) => [
    ...securityGroupSources(props, [], action, { v4: "cidrIpv4", v6: "cidrIpv6", prefixLists: "prefixListId", groups: "referencedSecurityGroupId", list: false }),
    ...one(props, ["securityGroupId"], reference(SECURITY_GROUP, CHANGES)),
];

function naclPosition(block: unknown, acl: NaclPosition["acl"], egress: boolean, ruleNoKey: string): NaclPosition {
    const number = (key: string) => {
        const value = getNumber(block, key);
        return typeof value === "number" ? value : undefined;
    };
    const protocol = getString(block, "protocol");
    return { acl, egress, ruleNo: number(ruleNoKey), protocol: typeof protocol === "string" ? protocol : undefined, fromPort: number("fromPort"), toPort: number("toPort") };
}

/** Deny entries keep other environments out; only an allow (or an unknown action) is a path. */
function isAllow(action: unknown): boolean {
    return action === UNKNOWN || (typeof action === "string" && action.trim().toLowerCase() === "allow");
}

const inlineNetworkAcl: Extract = (props) => {
    const entries = (key: "ingress" | "egress") =>
        blocks(props, key, range(key === "ingress" ? ADMITS : EGRESS), (at, block) => {
            if (!isAllow(get(block, "action"))) return [];
            const action = key === "ingress" ? ADMITS : EGRESS;
            const nacl = naclPosition(block, "self", key === "egress", "ruleNo");
            return [...one(props, [...at, "cidrBlock"], range(action, { nacl })), ...one(props, [...at, "ipv6CidrBlock"], range(action, { nacl }))];
        });
    return [...entries("ingress"), ...entries("egress"), ...createdIn(props)];
};

const networkAclRule: Extract = (props) => {
    const changes = one(props, ["networkAclId"], reference(NETWORK_ACL, CHANGES));
    if (!isAllow(get(props, "ruleAction"))) return changes;
    const egress = getBoolean(props, "egress") === true;
    const action = egress ? EGRESS : ADMITS;
    const nacl = naclPosition(props, "networkAclId", egress, "ruleNumber");
    return [...one(props, ["cidrBlock"], range(action, { nacl })), ...one(props, ["ipv6CidrBlock"], range(action, { nacl })), ...changes];
};

/** Destinations and targets of one route, inline or a Route resource. */
function routeEndpoints(props: unknown, at: readonly PathStep[], names: { v4: string; v6: string }): Endpoint[] {
    return [
        ...one(props, [...at, names.v4], range(ROUTES)),
        ...one(props, [...at, names.v6], range(ROUTES)),
        ...one(props, [...at, "destinationPrefixListId"], reference(PREFIX_LIST, ROUTES)),
        ...one(props, [...at, "transitGatewayId"], reference(TRANSIT_GATEWAY, ROUTES_VIA)),
        ...one(props, [...at, "vpcPeeringConnectionId"], reference(PEERING, ROUTES_VIA)),
    ];
}

const inlineRouteTable: Extract = (props) => [
    ...blocks(props, "routes", range(ROUTES), (at) => routeEndpoints(props, at, { v4: "cidrBlock", v6: "ipv6CidrBlock" })),
    ...createdIn(props),
];

const IPAM_POOL = targetOf("IPAM pool", "aws:ec2/vpcIpamPool:VpcIpamPool");

const addressSpace = (...properties: string[]): Extract => (props) => [
    ...properties.flatMap((p) => one(props, [p], range(USES, { quietWhenUnknown: true }))),
    ...["ipv4IpamPoolId", "ipv6IpamPoolId"].flatMap((p) => one(props, [p], reference(IPAM_POOL, USES))),
];

export const DECLARATIONS: Readonly<Record<string, Extract>> = {
    "aws:ec2/securityGroup:SecurityGroup": inlineSecurityGroup,
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": inlineSecurityGroup,
    "aws:ec2/securityGroupRule:SecurityGroupRule": (props) => {
        const action = getString(props, "type") === "egress" ? EGRESS : ADMITS;
        return [
            ...many(props, ["cidrBlocks"], range(action)),
            ...many(props, ["ipv6CidrBlocks"], range(action)),
            ...many(props, ["prefixListIds"], reference(PREFIX_LIST, action)),
            ...one(props, ["sourceSecurityGroupId"], reference(SECURITY_GROUP, action)),
            ...one(props, ["securityGroupId"], reference(SECURITY_GROUP, CHANGES)),
        ];
    },
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": vpcSecurityGroupRule(ADMITS),
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": vpcSecurityGroupRule(EGRESS),
    "aws:ec2/networkAcl:NetworkAcl": inlineNetworkAcl,
    "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": inlineNetworkAcl,
    "aws:ec2/networkAclRule:NetworkAclRule": networkAclRule,
    "aws:ec2/route:Route": (props) => [
        ...routeEndpoints(props, [], { v4: "destinationCidrBlock", v6: "destinationIpv6CidrBlock" }),
        ...one(props, ["routeTableId"], reference(ROUTE_TABLE, CHANGES)),
    ],
    "aws:ec2/routeTable:RouteTable": inlineRouteTable,
    "aws:ec2/defaultRouteTable:DefaultRouteTable": inlineRouteTable,
    "aws:ec2/vpcPeeringConnection:VpcPeeringConnection": (props) => [
        ...one(props, ["peerVpcId"], reference(VPC, PEERS, { decidedBy: ["peerOwnerId"] })),
        ...one(props, ["peerOwnerId"], account(PEERS)),
        ...createdIn(props),
    ],
    "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter": (props) => [
        ...one(props, ["vpcPeeringConnectionId"], reference(PEERING, ACCEPTS)),
        ...one(props, ["peerVpcId"], reference(VPC, ACCEPTS, { quietWhenUnknown: true })),
        ...one(props, ["peerOwnerId"], account(ACCEPTS, { quietWhenUnknown: true })),
        ...one(props, ["vpcId"], reference(VPC, CREATED_IN, { quietWhenUnknown: true })),
    ],
    "aws:ec2transitgateway/vpcAttachment:VpcAttachment": (props) => [
        ...one(props, ["vpcId"], reference(VPC, ATTACHES)),
        ...one(props, ["transitGatewayId"], reference(TRANSIT_GATEWAY, ATTACHES)),
        ...one(props, ["vpcOwnerId"], account(ATTACHES, { quietWhenUnknown: true })),
    ],
    "aws:ec2transitgateway/vpcAttachmentAccepter:VpcAttachmentAccepter": (props) => [
        ...one(props, ["transitGatewayAttachmentId"], reference(TGW_ATTACHMENT, ATTACHES)),
        ...one(props, ["vpcId"], reference(VPC, ATTACHES, { quietWhenUnknown: true })),
        ...one(props, ["vpcOwnerId"], account(ATTACHES, { quietWhenUnknown: true })),
    ],
    "aws:ec2transitgateway/peeringAttachment:PeeringAttachment": (props) => [
        ...one(props, ["peerTransitGatewayId"], reference(TRANSIT_GATEWAY, ATTACHES, { decidedBy: ["peerAccountId"] })),
        ...one(props, ["peerAccountId"], account(ATTACHES)),
        ...one(props, ["transitGatewayId"], reference(TRANSIT_GATEWAY, ATTACHES)),
    ],
    "aws:ec2transitgateway/route:Route": (props) => [
        ...one(props, ["destinationCidrBlock"], range(ROUTES)),
        ...one(props, ["transitGatewayAttachmentId"], reference(TGW_ATTACHMENT, ROUTES_VIA)),
    ],
    "aws:ec2/vpnConnection:VpnConnection": (props) => [
        ...["localIpv4NetworkCidr", "localIpv6NetworkCidr", "remoteIpv4NetworkCidr", "remoteIpv6NetworkCidr"].flatMap((p) => one(props, [p], range(TUNNELS))),
        ...one(props, ["customerGatewayId"], reference(CUSTOMER_GATEWAY, TUNNELS)),
        ...one(props, ["transitGatewayId"], reference(TRANSIT_GATEWAY, ATTACHES)),
    ],
    "aws:ec2/vpnConnectionRoute:VpnConnectionRoute": (props) => one(props, ["destinationCidrBlock"], range(ROUTES)),
    "aws:ec2/customerGateway:CustomerGateway": (props) => one(props, ["ipAddress"], range(CONNECTS)),
    "aws:ec2/vpcEndpointService:VpcEndpointService": (props) => many(props, ["allowedPrincipals"], principal(ALLOWS)),
    "aws:ec2/vpcEndpointServiceAllowedPrinciple:VpcEndpointServiceAllowedPrinciple": (props) => [
        ...one(props, ["principalArn"], principal(ALLOWS)),
        ...one(props, ["vpcEndpointServiceId"], reference(ENDPOINT_SERVICE, CHANGES)),
    ],
    "aws:ec2/vpcEndpoint:VpcEndpoint": (props) => [...one(props, ["serviceName"], reference(ENDPOINT_SERVICE, CONNECTS)), ...createdIn(props)],
    "aws:ec2/vpc:Vpc": addressSpace("cidrBlock", "ipv6CidrBlock"),
    "aws:ec2/subnet:Subnet": (props) => [...addressSpace("cidrBlock", "ipv6CidrBlock")(props), ...createdIn(props)],
    "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation": (props) => [
        ...addressSpace("cidrBlock")(props),
        ...one(props, ["vpcId"], reference(VPC, CHANGES)),
    ],
    "aws:ec2/vpcIpv6CidrBlockAssociation:VpcIpv6CidrBlockAssociation": (props) => [
        ...addressSpace("ipv6CidrBlock")(props),
        ...one(props, ["vpcId"], reference(VPC, CHANGES)),
    ],
    // AWS fills in what is not given (the subnets' VPC, public access from anywhere): quiet when unknown.
    "aws:eks/cluster:Cluster": (props) => [
        ...many(props, ["vpcConfig", "publicAccessCidrs"], range(ADMITS, { quietWhenUnknown: true })),
        ...many(props, ["vpcConfig", "subnetIds"], reference(SUBNET, CREATED_IN, { quietWhenUnknown: true })),
        ...one(props, ["vpcConfig", "vpcId"], reference(VPC, CREATED_IN, { quietWhenUnknown: true })),
    ],
    "aws:eks/nodeGroup:NodeGroup": (props) => many(props, ["subnetIds"], reference(SUBNET, CREATED_IN, { quietWhenUnknown: true })),
    "aws:lb/loadBalancer:LoadBalancer": (props) => [
        ...many(props, ["subnets"], reference(SUBNET, CREATED_IN, { quietWhenUnknown: true })),
        ...blocks(props, "subnetMappings", reference(SUBNET, CREATED_IN, { quietWhenUnknown: true }), (at) => one(props, [...at, "subnetId"], reference(SUBNET, CREATED_IN, { quietWhenUnknown: true }))),
        ...many(props, ["securityGroups"], reference(SECURITY_GROUP, GUARDED_BY, { quietWhenUnknown: true })),
    ],
    "aws:ecs/service:Service": (props) => [
        ...many(props, ["networkConfiguration", "subnets"], reference(SUBNET, CREATED_IN, { quietWhenUnknown: true })),
        ...many(props, ["networkConfiguration", "securityGroups"], reference(SECURITY_GROUP, GUARDED_BY, { quietWhenUnknown: true })),
    ],
};

/** The endpoints a resource declares; none for types that declare no network path. */
export function endpointsOf(type: string, props: PropertyBag): readonly Endpoint[] {
    const extract = DECLARATIONS[type];
    return extract ? extract(props) : [];
}

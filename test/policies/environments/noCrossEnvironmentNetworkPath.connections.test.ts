import {
    ACCOUNT,
    customerGateway,
    endpointService,
    endpointServicePrincipal,
    peering,
    peeringAccepter,
    root,
    route,
    routeTable,
    stackReference,
    tgwAttachment,
    tgwPeering,
    tgwRoute,
    transitGateway,
    vpc,
    vpcEndpoint,
    vpnConnection,
    vpnRoute,
} from "../../helpers/fixtures/environments";
import { table } from "./network-table";

const stagingNetwork = stackReference({ name: "acme/network/staging" });
const stagingRef = "stack reference 'network' (staging: stack acme/network/staging)";

describe("no-cross-environment-network-path: routes and connections", () => {
    table("routes", [
        ["blocks a route to staging's range", [route({ destinationCidrBlock: "10.20.0.0/16", natGatewayId: undefined, vpcPeeringConnectionId: "pcx-1" })], ["Route 'default' in prod routes 10.20.0.0/16 (staging); route only prod ranges (10.30.0.0/16)."]],
        [
            "blocks an inline route table route to test's range",
            [routeTable({ routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" }, { cidrBlock: "10.10.0.0/16", transitGatewayId: "tgw-1" }] })],
            ["Route table 'private' in prod routes 10.10.0.0/16 (test) in routes[1]; route only prod ranges (10.30.0.0/16)."],
        ],
        [
            "blocks a route through a transit gateway staging's stack exports",
            [stagingNetwork, route({ natGatewayId: undefined, transitGatewayId: "tgw-0staging" }, { dependsOn: { transitGatewayId: [stagingNetwork] } })],
            [`Route 'default' in prod routes through a transit gateway from ${stagingRef}; route only through prod's own gateways and peerings.`],
        ],
        ["passes the default route to the internet", [route(), routeTable()], []],
    ]);

    table("VPC peering", [
        [
            "blocks a staging network peered into prod",
            [peering({ peerVpcId: "vpc-0prod", peerOwnerId: ACCOUNT.prod }, { stack: "staging" })],
            ["VPC peering connection 'peer' in staging peers with account 100000000030 (prod); peer only with staging VPCs (10.20.0.0/16, account 100000000020)."],
        ],
        [
            "blocks a peering with a VPC of this stack that has staging's range",
            (() => {
                const legacy = vpc({ cidrBlock: "10.20.0.0/16", tags: {} }, { name: "legacy" });
                return [legacy, peering({ peerVpcId: "vpc-legacy", peerOwnerId: undefined }, { dependsOn: { peerVpcId: [legacy] } })];
            })(),
            [
                "VPC 'legacy' in prod uses 10.20.0.0/16 (staging); use only prod ranges (10.30.0.0/16).",
                "VPC peering connection 'peer' in prod peers with VPC 'legacy' (staging: 10.20.0.0/16); peer only with prod VPCs (10.30.0.0/16, account 100000000030).",
            ],
        ],
        [
            "blocks a staging peering whose peer VPC comes from prod's stack",
            (() => {
                const prodNetwork = stackReference({ name: "acme/network/prod" }, { stack: "staging" });
                return [prodNetwork, peering({ peerVpcId: "vpc-0prod", peerOwnerId: undefined }, { stack: "staging", dependsOn: { peerVpcId: [prodNetwork] } })];
            })(),
            ["VPC peering connection 'peer' in staging peers with a VPC from stack reference 'network' (prod: stack acme/network/prod); peer only with staging VPCs (10.20.0.0/16, account 100000000020)."],
        ],
        ["passes a peering with a VPC outside the stack in its own account", [peering()], []],
        ["passes a peering whose owner defaults to the provider's account", [peering({ peerOwnerId: undefined })], []],
        [
            "blocks accepting a peering requested from staging's account",
            [peeringAccepter({ peerOwnerId: ACCOUNT.staging })],
            ["VPC peering accepter 'accept' in prod accepts a peering from account 100000000020 (staging); peer only with prod VPCs (10.30.0.0/16, account 100000000030)."],
        ],
    ]);

    table("transit gateways", [
        [
            "blocks attaching a VPC of this stack tagged for staging",
            (() => {
                const other = vpc({ cidrBlock: undefined, tags: { environment: "Staging" } }, { name: "other" });
                return [other, tgwAttachment({ vpcId: "vpc-other" }, { dependsOn: { vpcId: [other] } })];
            })(),
            ["Transit gateway VPC attachment 'attach' in prod attaches VPC 'other' (staging: tagged environment=Staging); attach only prod VPCs and transit gateways (10.30.0.0/16, account 100000000030)."],
        ],
        [
            "blocks attaching to a transit gateway of this stack deployed to staging's account",
            (() => {
                const hub = transitGateway({ tags: {}, ownerId: ACCOUNT.staging }, { name: "hub" });
                return [hub, tgwAttachment({ transitGatewayId: "tgw-hub" }, { dependsOn: { transitGatewayId: [hub] } })];
            })(),
            ["Transit gateway VPC attachment 'attach' in prod attaches transit gateway 'hub' (staging: account 100000000020); attach only prod VPCs and transit gateways (10.30.0.0/16, account 100000000030)."],
        ],
        [
            "blocks an attachment whose VPC owner, known after deployment, is staging's account",
            [tgwAttachment({ vpcOwnerId: ACCOUNT.staging })],
            ["Transit gateway VPC attachment 'attach' in prod attaches account 100000000020 (staging); attach only prod VPCs and transit gateways (10.30.0.0/16, account 100000000030)."],
        ],
        ["blocks a transit gateway route to staging", [tgwRoute({ destinationCidrBlock: "10.20.0.0/16" })], ["Transit gateway route 'tgw-route' in prod routes 10.20.0.0/16 (staging); route only prod ranges (10.30.0.0/16)."]],
        [
            "blocks a transit gateway peering with staging's account",
            [tgwPeering({ peerAccountId: ACCOUNT.staging })],
            ["Transit gateway peering attachment 'tgw-peer' in prod attaches account 100000000020 (staging); attach only prod VPCs and transit gateways (10.30.0.0/16, account 100000000030)."],
        ],
        ["passes attachments, routes and peerings within prod", [transitGateway(), tgwAttachment(), tgwRoute(), tgwPeering()], []],
    ]);

    table("VPN", [
        ["blocks a VPN tunnel to staging's range", [vpnConnection({ remoteIpv4NetworkCidr: "10.20.0.0/16" })], ["VPN connection 'office' in prod tunnels 10.20.0.0/16 (staging); tunnel only prod ranges (10.30.0.0/16)."]],
        ["blocks a static VPN route to test's range", [vpnRoute({ destinationCidrBlock: "10.10.0.0/16" })], ["VPN connection route 'office-route' in prod routes 10.10.0.0/16 (test); route only prod ranges (10.30.0.0/16)."]],
        [
            "blocks a customer gateway inside staging's range",
            [customerGateway({ ipAddress: "10.20.1.1" })],
            ["Customer gateway 'office-gw' in prod connects to 10.20.1.1 (staging); connect only to prod networks and services (10.30.0.0/16, account 100000000030)."],
        ],
        ["passes an office VPN into prod", [vpnConnection(), vpnRoute(), customerGateway()], []],
    ]);

    table("PrivateLink", [
        [
            "blocks an endpoint service that allows staging's account",
            [endpointService({ allowedPrincipals: [root(ACCOUNT.prod), root(ACCOUNT.staging)] })],
            ["Endpoint service 'api' in prod allows arn:aws:iam::100000000020:root (staging account 100000000020); allow only prod's account (100000000030)."],
        ],
        [
            "blocks an endpoint service open to every account",
            [endpointService({ allowedPrincipals: ["*"] })],
            ["Endpoint service 'api' in prod allows '*' (every account, including test, staging); allow only prod's account (100000000030)."],
        ],
        [
            "blocks an endpoint service permission for a role in test's account",
            [endpointServicePrincipal({ principalArn: `arn:aws:iam::${ACCOUNT.test}:role/consumer` })],
            ["Endpoint service permission 'api-consumer' in prod allows arn:aws:iam::100000000010:role/consumer (test account 100000000010); allow only prod's account (100000000030)."],
        ],
        [
            "blocks an interface endpoint to a service staging's stack exports",
            [stagingNetwork, vpcEndpoint({ serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0staging" }, { dependsOn: { serviceName: [stagingNetwork] } })],
            [`VPC endpoint 'api' in prod connects to an endpoint service from ${stagingRef}; connect only to prod networks and services (10.30.0.0/16, account 100000000030).`],
        ],
        ["passes a service and an endpoint within prod", [endpointService(), endpointServicePrincipal(), vpcEndpoint()], []],
    ]);

});

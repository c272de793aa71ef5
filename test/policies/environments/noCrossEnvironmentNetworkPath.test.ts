import { strict as assert } from "node:assert";
import { noCrossEnvironmentNetworkPath } from "../../../policies/environments/noCrossEnvironmentNetworkPath";
import { shippedPlan } from "../../../policies/lib/plan";
import {
    ACCOUNT,
    customerGateway,
    egressRule,
    endpointService,
    endpointServicePrincipal,
    ingressRule,
    networkAcl,
    networkAclRule,
    peering,
    peeringAccepter,
    prefixList,
    prefixListEntry,
    root,
    route,
    routeTable,
    securityGroup,
    securityGroupRule,
    stackReference,
    subnet,
    tgwAttachment,
    tgwPeering,
    tgwRoute,
    transitGateway,
    vpc,
    vpcEndpoint,
    vpnConnection,
    vpnRoute,
} from "../../helpers/fixtures/environments";
import { messages, runStackPolicy, unknown, WireResource } from "../../helpers/policy-runtime";

const PROD_RANGES = "admit only prod ranges (10.30.0.0/16)";
const stagingNetwork = stackReference({ name: "acme/network/staging" });
const stagingRef = "stack reference 'network' (staging: stack acme/network/staging)";

/** The shipped plan with an IPv6 range per environment, for the IPv6 forms. */
const dualStack = {
    environments: {
        test: { ...shippedPlan.test, cidrs: ["10.10.0.0/16", "fd00:10::/32"] },
        staging: { ...shippedPlan.staging, cidrs: ["10.20.0.0/16", "fd00:20::/32"] },
        prod: { ...shippedPlan.prod, cidrs: ["10.30.0.0/16", "fd00:30::/32"] },
    },
};

type Case = [behaviour: string, resources: WireResource[], expected: string[], config?: Record<string, unknown>];

async function check([, resources, expected, config]: Case): Promise<void> {
    const outcome = await runStackPolicy(noCrossEnvironmentNetworkPath, resources, { config });
    assert.deepEqual(messages(outcome), expected);
    for (const violation of outcome.violations) assert.equal(violation.level, "mandatory");
}

function table(title: string, cases: Case[]): void {
    describe(title, () => {
        for (const entry of cases) it(entry[0], () => check(entry));
    });
}

describe("no-cross-environment-network-path", () => {
    table("security groups", [
        [
            "blocks an inline ingress rule admitting staging's range",
            [securityGroup({ ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.20.0.0/16"] }] })],
            [`Security group 'web' in prod admits 10.20.0.0/16 (staging) in ingress[0]; ${PROD_RANGES}.`],
        ],
        [
            "blocks a prod security group rule admitting the test range",
            [securityGroupRule({ cidrBlocks: ["10.10.0.0/16"] })],
            [`Security group rule 'web-in' in prod admits 10.10.0.0/16 (test); ${PROD_RANGES}.`],
        ],
        [
            "blocks a subnet of staging's range, found by prefix maths rather than string comparison",
            [securityGroupRule({ cidrBlocks: ["10.30.1.0/24", "10.20.4.0/24"] })],
            [`Security group rule 'web-in' in prod admits 10.20.4.0/24 (staging); ${PROD_RANGES}.`],
        ],
        [
            "blocks 10.0.0.0/8, which covers every other environment",
            [securityGroupRule({ cidrBlocks: ["10.0.0.0/8"] })],
            [`Security group rule 'web-in' in prod admits 10.0.0.0/8 (test, staging); ${PROD_RANGES}.`],
        ],
        [
            "blocks 0.0.0.0/1: only the any-address range is left to public-exposure controls",
            [securityGroupRule({ cidrBlocks: ["0.0.0.0/1"] })],
            [`Security group rule 'web-in' in prod admits 0.0.0.0/1 (test, staging); ${PROD_RANGES}.`],
        ],
        [
            "blocks an egress SecurityGroupRule towards staging",
            [securityGroupRule({ type: "egress", cidrBlocks: ["10.20.0.0/16"] }, { name: "web-out" })],
            ["Security group rule 'web-out' in prod allows egress to 10.20.0.0/16 (staging); allow egress only to prod ranges (10.30.0.0/16)."],
        ],
        [
            "blocks an inline IPv6 egress rule towards staging's IPv6 range",
            [securityGroup({ egress: [{ protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["fd00:20:1::/64"] }] })],
            ["Security group 'web' in prod allows egress to fd00:20:1::/64 (staging) in egress[0]; allow egress only to prod ranges (10.30.0.0/16, fd00:30::/32)."],
            dualStack,
        ],
        [
            "blocks a vpc.SecurityGroupIngressRule admitting staging",
            [ingressRule({ cidrIpv4: "10.20.0.0/16" })],
            [`Security group ingress rule 'web-in' in prod admits 10.20.0.0/16 (staging); ${PROD_RANGES}.`],
        ],
        [
            "blocks a vpc.SecurityGroupEgressRule towards test's IPv6 range",
            [egressRule({ cidrIpv4: undefined, cidrIpv6: "fd00:10::/48" })],
            ["Security group egress rule 'web-out' in prod allows egress to fd00:10::/48 (test); allow egress only to prod ranges (10.30.0.0/16, fd00:30::/32)."],
            dualStack,
        ],
        [
            "blocks a reference to a security group another environment's stack exports",
            [stagingNetwork, ingressRule({ cidrIpv4: undefined, referencedSecurityGroupId: "sg-0staging" }, { dependsOn: { referencedSecurityGroupId: [stagingNetwork] } })],
            [`Security group ingress rule 'web-in' in prod admits a security group from ${stagingRef}; ${PROD_RANGES}.`],
        ],
        [
            "blocks a reference to a security group of a peered VPC in staging's account",
            [securityGroup({ ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, securityGroups: ["100000000020/sg-0abc"] }] })],
            [`Security group 'web' in prod admits account 100000000020 (staging) in ingress[0]; ${PROD_RANGES}.`],
        ],
        [
            "blocks a security group referencing an in-stack group tagged for staging",
            (() => {
                const legacy = securityGroup({ ingress: [], tags: { Environment: "staging" } }, { name: "legacy" });
                return [legacy, securityGroupRule({ cidrBlocks: undefined, sourceSecurityGroupId: "sg-legacy" }, { dependsOn: { sourceSecurityGroupId: [legacy] } })];
            })(),
            [`Security group rule 'web-in' in prod admits security group 'legacy' (staging: tagged Environment=staging); ${PROD_RANGES}.`],
        ],
        [
            "blocks a referenced prefix list that lists staging's range",
            (() => {
                const partners = prefixList({ entries: [{ cidr: "10.30.9.0/24" }, { cidr: "10.20.0.0/16" }] }, { name: "partners" });
                return [partners, ingressRule({ cidrIpv4: undefined, prefixListId: "pl-partners" }, { dependsOn: { prefixListId: [partners] } })];
            })(),
            [`Security group ingress rule 'web-in' in prod admits prefix list 'partners' (staging: 10.20.0.0/16); ${PROD_RANGES}.`],
        ],
        [
            "blocks a referenced prefix list whose staging entry is a separate ManagedPrefixListEntry",
            (() => {
                const partners = prefixList({ entries: [] }, { name: "partners" });
                const entry = prefixListEntry({ cidr: "10.20.8.0/24" }, { dependsOn: { prefixListId: [partners] } });
                return [partners, entry, securityGroup({ ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: ["pl-partners"] }] }, { dependsOn: { ingress: [partners] } })];
            })(),
            [`Security group 'web' in prod admits prefix list 'partners' (staging: 10.20.8.0/24) in ingress[0]; ${PROD_RANGES}.`],
        ],
        [
            "blocks a rule that changes a security group another environment's stack exports",
            [stagingNetwork, securityGroupRule({ securityGroupId: "sg-0staging" }, { dependsOn: { securityGroupId: [stagingNetwork] } })],
            [`Security group rule 'web-in' in prod changes a security group from ${stagingRef}; change prod network resources only, from a prod stack.`],
        ],
        [
            "passes a group that admits its own ranges and leaves egress to the internet",
            [securityGroup({ ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.30.4.0/24"] }] }), securityGroupRule(), ingressRule(), egressRule()],
            [],
        ],
        ["passes an AWS-managed prefix list outside the stack", [ingressRule({ cidrIpv4: undefined, prefixListId: "pl-63a5400a" })], []],
    ]);

    table("network ACLs", [
        [
            "blocks an inline allow of staging's range",
            [networkAcl({ ingress: [{ action: "allow", ruleNo: 100, protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "10.20.0.0/16" }] })],
            [`Network ACL 'private' in prod admits 10.20.0.0/16 (staging) in ingress[0]; ${PROD_RANGES}.`],
        ],
        ["passes deny entries for every other environment followed by an allow of the internet", [networkAcl()], []],
        [
            "passes an allow of 10.0.0.0/8 that lower-numbered denies keep staging and test out of",
            [networkAcl({ egress: [{ action: "deny", ruleNo: 100, protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "10.20.0.0/16" }, { action: "deny", ruleNo: 110, protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "10.10.0.0/16" }, { action: "allow", ruleNo: 200, protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "10.0.0.0/8" }] })],
            [],
        ],
        [
            "blocks an allow of 10.0.0.0/8 numbered before the denies",
            [networkAcl({ ingress: [{ action: "deny", ruleNo: 100, protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "10.20.0.0/16" }, { action: "allow", ruleNo: 50, protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "10.0.0.0/8" }] })],
            [`Network ACL 'private' in prod admits 10.0.0.0/8 (test, staging) in ingress[1]; ${PROD_RANGES}.`],
        ],
        [
            "blocks an allow the only deny covers for one port",
            [networkAcl({ ingress: [{ action: "deny", ruleNo: 100, protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "10.20.0.0/16" }, { action: "allow", ruleNo: 200, protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlock: "10.20.0.0/16" }] })],
            [`Network ACL 'private' in prod admits 10.20.0.0/16 (staging) in ingress[1]; ${PROD_RANGES}.`],
        ],
        [
            "blocks a NetworkAclRule that allows egress to staging",
            [networkAclRule({ egress: true, cidrBlock: "10.20.0.0/16" })],
            ["Network ACL rule 'allow-own' in prod allows egress to 10.20.0.0/16 (staging); allow egress only to prod ranges (10.30.0.0/16)."],
        ],
        [
            "passes a NetworkAclRule allow of 10.0.0.0/8 shadowed by NetworkAclRule denies of the same ACL",
            (() => {
                const acl = networkAcl({ ingress: [], egress: [] });
                const on = { dependsOn: { networkAclId: [acl] } };
                return [
                    acl,
                    networkAclRule({ ruleAction: "deny", ruleNumber: 100, cidrBlock: "10.20.0.0/16" }, { ...on, name: "deny-staging" }),
                    networkAclRule({ ruleAction: "DENY", ruleNumber: 110, cidrBlock: "10.10.0.0/16" }, { ...on, name: "deny-test" }),
                    networkAclRule({ ruleNumber: 200, cidrBlock: "10.0.0.0/8" }, { ...on, name: "allow-private" }),
                ];
            })(),
            [],
        ],
        ["passes a NetworkAclRule that denies staging", [networkAclRule({ ruleAction: "deny", cidrBlock: "10.20.0.0/16" })], []],
    ]);

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

    table("address space", [
        ["blocks a VPC with staging's range", [vpc({ cidrBlock: "10.20.0.0/16" })], ["VPC 'vpc' in prod uses 10.20.0.0/16 (staging); use only prod ranges (10.30.0.0/16)."]],
        ["blocks a subnet inside test's range", [subnet({ cidrBlock: "10.10.3.0/24" })], ["Subnet 'private-a' in prod uses 10.10.3.0/24 (test); use only prod ranges (10.30.0.0/16)."]],
        [
            "blocks a VPC whose range comes from an IPAM pool staging's stack exports",
            [stagingNetwork, vpc({ cidrBlock: unknown, ipv4IpamPoolId: "ipam-pool-0staging", ipv4NetmaskLength: 20 }, { dependsOn: { ipv4IpamPoolId: [stagingNetwork] } })],
            [`VPC 'vpc' in prod uses an IPAM pool from ${stagingRef}; use only prod ranges (10.30.0.0/16).`],
        ],
        ["passes an IPAM-allocated VPC whose range is not known until deployment", [vpc({ cidrBlock: unknown, ipv4IpamPoolId: "ipam-pool-0prod", ipv4NetmaskLength: 20 })], []],
        ["passes prod's own VPC and subnet", [vpc(), subnet()], []],
    ]);
});

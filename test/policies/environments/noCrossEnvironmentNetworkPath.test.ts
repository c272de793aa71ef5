import { shippedPlan } from "../../../policies/lib/plan";
import {
    egressRule,
    ingressRule,
    networkAcl,
    networkAclRule,
    prefixList,
    prefixListEntry,
    securityGroup,
    securityGroupRule,
    stackReference,
    subnet,
    vpc,
} from "../../helpers/fixtures/environments";
import { unknown } from "../../helpers/policy-runtime";
import { table } from "./network-table";

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

describe("no-cross-environment-network-path: filters and address space", () => {
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

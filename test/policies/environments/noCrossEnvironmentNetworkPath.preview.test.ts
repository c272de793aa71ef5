// During preview, values other resources compute are unknown. The rule follows them through
// propertyDependencies to the resource that computes them and judges that resource; only what
// nothing in the stack explains is "cannot verify during preview", at the policy's own level.

import { strict as assert } from "node:assert";
import { noCrossEnvironmentNetworkPath } from "../../../policies/environments/noCrossEnvironmentNetworkPath";
import { ACCOUNT, ingressRule, networkAcl, peering, securityGroup, securityGroupRule, stackReference, tgwAttachment, vpc } from "../../helpers/fixtures/environments";
import { messages, runStackPolicy, unknown, WireResource } from "../../helpers/policy-runtime";

const PEER_FIX = "peer only with prod VPCs (10.30.0.0/16, account 100000000030)";
const CANNOT_VERIFY =
    "cannot verify during preview that it stays within prod (10.30.0.0/16, account 100000000030): set them from a literal, config or a resource of this stack, or check the exported state after the update.";

type Case = [behaviour: string, resources: () => WireResource[], expected: string[]];

const cases: Case[] = [
    [
        "passes an unknown peer VPC id computed by prod's own VPC in this stack",
        () => {
            const own = vpc({}, { name: "tools" });
            return [own, peering({ peerVpcId: unknown, peerOwnerId: unknown }, { dependsOn: { peerVpcId: [own], peerOwnerId: [own] } })];
        },
        [],
    ],
    [
        "blocks an unknown peer VPC id computed by a VPC of this stack with staging's range",
        () => {
            const legacy = vpc({ cidrBlock: "10.20.0.0/16", tags: {} }, { name: "legacy" });
            return [legacy, peering({ peerVpcId: unknown, peerOwnerId: undefined }, { dependsOn: { peerVpcId: [legacy] } })];
        },
        [
            "VPC 'legacy' in prod uses 10.20.0.0/16 (staging); use only prod ranges (10.30.0.0/16).",
            `VPC peering connection 'peer' in prod peers with VPC 'legacy' (staging: 10.20.0.0/16); ${PEER_FIX}.`,
        ],
    ],
    [
        "blocks an unknown peer VPC id whose VPC range is itself computed from staging's stack",
        () => {
            const staging = stackReference({ name: "acme/network/staging" });
            const imported = vpc({ cidrBlock: unknown, tags: {} }, { name: "imported", dependsOn: { cidrBlock: [staging] } });
            return [staging, imported, peering({ peerVpcId: unknown }, { dependsOn: { peerVpcId: [imported] } })];
        },
        [
            "VPC 'imported' in prod uses a value from stack reference 'network' (staging: stack acme/network/staging); use only prod ranges (10.30.0.0/16).",
            `VPC peering connection 'peer' in prod peers with VPC 'imported' (staging: stack acme/network/staging); ${PEER_FIX}.`,
        ],
    ],
    [
        "blocks an unknown peer VPC id of a VPC whose range is unknown but whose tag says staging",
        () => {
            const ipam = vpc({ cidrBlock: unknown, ipv4IpamPoolId: "ipam-pool-1", tags: { Environment: "staging" } }, { name: "ipam" });
            return [ipam, peering({ peerVpcId: unknown }, { dependsOn: { peerVpcId: [ipam] } })];
        },
        [`VPC peering connection 'peer' in prod peers with VPC 'ipam' (staging: tagged Environment=staging); ${PEER_FIX}.`],
    ],
    [
        "lets a known peer account decide when the peer VPC id is unknown and computed outside the stack",
        () => [peering({ peerVpcId: unknown, peerOwnerId: ACCOUNT.prod })],
        [],
    ],
    [
        "blocks by account when the peer VPC id is unknown but the peer account is staging's",
        () => [peering({ peerVpcId: unknown, peerOwnerId: ACCOUNT.staging })],
        [`VPC peering connection 'peer' in prod peers with account 100000000020 (staging); ${PEER_FIX}.`],
    ],
    [
        "cannot verify a peering whose peer VPC and account are both unknown and computed outside the stack",
        () => [peering({ peerVpcId: unknown, peerOwnerId: unknown })],
        [`VPC peering connection 'peer' in prod has peerVpcId and peerOwnerId unknown during preview and no resource in this stack computes them; ${CANNOT_VERIFY}`],
    ],
    [
        "blocks an unknown CIDR computed from staging's stack",
        () => {
            const staging = stackReference({ name: "acme/network/staging" });
            return [staging, securityGroupRule({ cidrBlocks: [unknown] }, { dependsOn: { cidrBlocks: [staging] } })];
        },
        ["Security group rule 'web-in' in prod admits a value from stack reference 'network' (staging: stack acme/network/staging); admit only prod ranges (10.30.0.0/16)."],
    ],
    [
        "passes an unknown CIDR computed from prod's own VPC",
        () => {
            const own = vpc();
            return [own, securityGroupRule({ cidrBlocks: [unknown] }, { dependsOn: { cidrBlocks: [own] } })];
        },
        [],
    ],
    [
        "cannot verify a whole list of inline rules unknown during preview",
        () => [securityGroup({ ingress: unknown })],
        [
            "Security group 'web' in prod has ingress unknown during preview and no resource in this stack computes it; cannot verify during preview that it stays within prod (10.30.0.0/16, account 100000000030): set it from a literal, config or a resource of this stack, or check the exported state after the update.",
        ],
    ],
    [
        "passes an unknown security group id computed by a group of this stack",
        () => {
            const group = securityGroup();
            return [group, ingressRule({ securityGroupId: unknown }, { dependsOn: { securityGroupId: [group] } })];
        },
        [],
    ],
    [
        "judges a security group of this stack in its VPC: a group in a staging-range VPC is staging's",
        () => {
            const legacy = vpc({ cidrBlock: "10.20.0.0/16", tags: {} }, { name: "legacy" });
            const group = securityGroup({ vpcId: unknown, ingress: [], egress: [] }, { name: "legacy-web", dependsOn: { vpcId: [legacy] } });
            return [legacy, group, ingressRule({ cidrIpv4: undefined, referencedSecurityGroupId: unknown }, { dependsOn: { referencedSecurityGroupId: [group] } })];
        },
        [
            "VPC 'legacy' in prod uses 10.20.0.0/16 (staging); use only prod ranges (10.30.0.0/16).",
            "Security group 'legacy-web' in prod is created in VPC 'legacy' (staging: 10.20.0.0/16); create it in a prod VPC (10.30.0.0/16).",
            "Security group ingress rule 'web-in' in prod admits security group 'legacy-web' (staging: 10.20.0.0/16); admit only prod ranges (10.30.0.0/16).",
        ],
    ],
    [
        "finds a known reference by id when the graph has no dependency (exported state)",
        () => [
            securityGroup({ id: "sg-legacy", ingress: [], egress: [], tags: { Environment: "test" } }, { name: "legacy" }),
            ingressRule({ cidrIpv4: undefined, referencedSecurityGroupId: "sg-legacy" }),
        ],
        ["Security group ingress rule 'web-in' in prod admits security group 'legacy' (test: tagged Environment=test); admit only prod ranges (10.30.0.0/16)."],
    ],
    [
        "does not report owner ids AWS fills in only after deployment",
        () => {
            const own = vpc();
            return [own, tgwAttachment({ vpcId: unknown, vpcOwnerId: unknown }, { dependsOn: { vpcId: [own] } })];
        },
        [],
    ],
    [
        "treats a NACL entry whose action is unknown as an allow",
        () => [networkAcl({ ingress: [{ action: unknown, ruleNo: 100, protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "10.20.0.0/16" }] })],
        ["Network ACL 'private' in prod admits 10.20.0.0/16 (staging) in ingress[0]; admit only prod ranges (10.30.0.0/16)."],
    ],
];

describe("no-cross-environment-network-path during preview", () => {
    for (const [behaviour, resources, expected] of cases) {
        it(behaviour, async () => {
            assert.deepEqual(messages(await runStackPolicy(noCrossEnvironmentNetworkPath, resources())), expected);
        });
    }

    it("reports what it cannot verify at the policy's own level", async () => {
        const resources = [peering({ peerVpcId: unknown, peerOwnerId: unknown })];
        const mandatory = await runStackPolicy(noCrossEnvironmentNetworkPath, resources);
        const advisory = await runStackPolicy(noCrossEnvironmentNetworkPath, resources, { config: { enforcementLevel: "advisory" } });
        assert.deepEqual(
            [mandatory.violations[0].level, advisory.violations[0].level],
            ["mandatory", "advisory"],
        );
    });

    it("reports on the resource's URN", async () => {
        const rule = securityGroupRule({ cidrBlocks: ["10.20.0.0/16"] });
        const outcome = await runStackPolicy(noCrossEnvironmentNetworkPath, [rule]);
        assert.equal(outcome.violations[0].urn, rule.urn);
    });

    it("declares itself not applicable to a stack of unknown environment, which stack-environment-known blocks", async () => {
        const outcome = await runStackPolicy(noCrossEnvironmentNetworkPath, [securityGroupRule({ cidrBlocks: ["10.20.0.0/16"] }, { stack: "sandbox" })]);
        assert.deepEqual(outcome, {
            violations: [],
            notApplicable:
                "the environment of stack 'sandbox' is not known (neither a stack tag, a stackEnvironments pattern nor its name names an environment); stack-environment-known reports it",
        });
    });
});

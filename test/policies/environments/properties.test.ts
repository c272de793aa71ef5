// Over arbitrary resources and property bags (unknowns, secrets, wrong types, policy documents,
// ranges, accounts, dependencies between them), no environment rule throws and no message
// carries a value that arrived as a secret.

import { strict as assert } from "node:assert";
import fc from "fast-check";
import { environmentPolicies } from "../../../policies/environments";
import { JUDGED_COMPONENT_TYPES } from "../../../policies/components";
import { DECLARATIONS } from "../../../policies/environments/network/declarations";
import * as fixtures from "../../helpers/fixtures/environments";
import { messages, runStackPolicy, secret, unknown, urnOf, WireResource } from "../../helpers/policy-runtime";

const TYPES = [
    ...Object.keys(DECLARATIONS),
    "aws:iam/role:Role",
    "aws:s3/bucketPolicy:BucketPolicy",
    "aws:kms/key:Key",
    "aws:kms/grant:Grant",
    "aws:lambda/permission:Permission",
    "aws:s3/bucket:Bucket",
    "pulumi:providers:aws",
    "pulumi:providers:okta",
    "pulumi:pulumi:StackReference",
    "pulumi:pulumi:Stack",
    "my:component:Thing",
    ...JUDGED_COMPONENT_TYPES,
];

const KEYS = [
    "ingress", "egress", "cidrBlocks", "ipv6CidrBlocks", "prefixListIds", "securityGroups", "cidrBlock", "ipv6CidrBlock", "cidrIpv4", "cidrIpv6",
    "prefixListId", "referencedSecurityGroupId", "sourceSecurityGroupId", "securityGroupId", "type", "action", "ruleAction", "ruleNo", "ruleNumber",
    "protocol", "fromPort", "toPort", "routes", "destinationCidrBlock", "transitGatewayId", "vpcPeeringConnectionId", "peerVpcId", "peerOwnerId",
    "vpcId", "vpcOwnerId", "peerAccountId", "allowedPrincipals", "principalArn", "serviceName", "entries", "cidr", "id", "ownerId",
    "policy", "assumeRolePolicy", "Statement", "Effect", "Principal", "NotPrincipal", "AWS", "Federated", "Condition", "StringEquals",
    "aws:PrincipalAccount", "granteePrincipal", "principal", "sourceAccount", "name", "tags", "tagsAll", "Environment", "allowedAccountIds",
    "assumeRoles", "assumeRole", "roleArn", "orgName", "baseUrl", "defaultTags", "ipAddress", "ipv4IpamPoolId",
    // Component arguments (awsx, eks).
    "subnetSpecs", "vpcEndpointSpecs", "defaultSecurityGroup", "args", "skip", "publicAccessCidrs", "endpointPublicAccess", "subnetIds",
    "publicSubnetIds", "privateSubnetIds", "nodeSubnetIds", "roleMappings", "userMappings", "userArn", "accessEntries",
];

const LEAVES = [
    unknown, "10.20.0.0/16", "10.20.4.0/24", "10.0.0.0/8", "0.0.0.0/0", "::/0", "fd00::/8", "100000000020", "100000000030",
    "arn:aws:iam::100000000020:root", "arn:aws:iam::*:root", "*", "allow", "deny", "ingress", "egress", "-1", "tcp", "staging", "prod",
    "acme/network/staging", "100000000020/sg-1", "sg-1", "vpc-1", "pl-1", "", "{", '{"Statement":{"Effect":"Allow","Principal":"*"}}',
];

const SECRET_VALUES = ["hunter2-secret-value", "AKIAIOSFODNN7EXAMPLE", "10.20.99.0/24", "arn:aws:iam::100000000020:role/secret-role"];

const leaf = fc.oneof(fc.constantFrom(...LEAVES), fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null));

const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        leaf,
        leaf,
        fc.array(tie("value"), { maxLength: 3 }),
        fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 })), tie("value"), { maxKeys: 4 }),
        fc.constantFrom(...SECRET_VALUES).map((s) => secret(s)),
        tie("value").map((v) => JSON.stringify(v ?? null)),
    ),
}));

const props = fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 8 });

// Compliant fixtures with some properties replaced reach deeper than bags built from nothing.
const BUILDERS: ((props?: Record<string, unknown>) => WireResource)[] = [
    fixtures.awsProvider, fixtures.oktaProvider, fixtures.vpc, fixtures.subnet, fixtures.securityGroup, fixtures.securityGroupRule, fixtures.ingressRule,
    fixtures.egressRule, fixtures.networkAcl, fixtures.networkAclRule, fixtures.route, fixtures.routeTable, fixtures.peering, fixtures.peeringAccepter,
    fixtures.transitGateway, fixtures.tgwAttachment, fixtures.tgwRoute, fixtures.tgwPeering, fixtures.vpnConnection, fixtures.vpnRoute,
    fixtures.customerGateway, fixtures.endpointService, fixtures.endpointServicePrincipal, fixtures.vpcEndpoint, fixtures.prefixList,
    fixtures.prefixListEntry, fixtures.iamRole, fixtures.bucketPolicy, fixtures.kmsKey, fixtures.kmsGrant, fixtures.secretResource, fixtures.topic,
    fixtures.queue, fixtures.lambdaPermission, fixtures.stackReference, fixtures.bucket,
];

const resourceShape = fc.oneof(
    fc.record({ type: fc.constantFrom(...TYPES), props }),
    fc.record({ build: fc.constantFrom(...BUILDERS), overrides: props }).map(({ build, overrides }) => {
        const built = build(overrides);
        return { type: built.type, props: built.props ?? {} };
    }),
);

const stackArbitrary = fc
    .record({
        stack: fc.constantFrom("prod", "staging", "acme-test", "prod-eu", "sandbox"),
        resources: fc.array(fc.record({ shape: resourceShape, deps: fc.array(fc.tuple(fc.constantFrom(...KEYS), fc.nat(7)), { maxLength: 3 }) }).map(({ shape, deps }) => ({ ...shape, deps })), {
            minLength: 1,
            maxLength: 8,
        }),
        tagged: fc.option(fc.constantFrom("prod", "staging", "Production"), { nil: undefined }),
    })
    .map(({ stack, resources, tagged }) => {
        const urns = resources.map((r, i) => urnOf(r.type, `r${i}`, stack));
        const wire: WireResource[] = resources.map((r, i) => {
            const propertyDependencies: Record<string, string[]> = {};
            for (const [key, target] of r.deps) (propertyDependencies[key] ??= []).push(urns[target % urns.length]);
            return { type: r.type, name: `r${i}`, urn: urns[i], props: r.props as Record<string, unknown>, propertyDependencies };
        });
        return { wire, stackTags: tagged ? { environment: tagged } : undefined };
    });

describe("environment policies over arbitrary stacks", () => {
    for (const policy of environmentPolicies) {
        it(`${policy.name} never throws and never prints a secret`, async () => {
            await fc.assert(
                fc.asyncProperty(stackArbitrary, async ({ wire, stackTags }) => {
                    const outcome = await runStackPolicy(policy, wire, { stackTags });
                    for (const message of messages(outcome)) {
                        assert.doesNotMatch(message, /could not evaluate/);
                        for (const secretValue of SECRET_VALUES) assert.ok(!message.includes(secretValue), message);
                    }
                }),
                { seed: 424242, numRuns: 150 },
            );
        });
    }
});

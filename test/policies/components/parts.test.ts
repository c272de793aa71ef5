// The mapping from a component's arguments to the parts the rules judge: what each component
// type stands for, secrets and property dependencies carried over, and never a fact twice.
import { strict as assert } from "node:assert";
import { AWSX_DEFAULT_VPC_CIDR } from "../../../policies/components/awsx";
import { componentContainers } from "../../../policies/components/containers";
import { partsOf } from "../../../policies/components/index";
import { buildStackView, ResourceView } from "../../../policies/lib/model";
import { NO_SECRETS } from "../../../policies/lib/sdk/wire";

const URN = (type: string, name: string) => `urn:pulumi:test::shop::${type}::${name}`;

function component(type: string, name: string, props: Record<string, unknown>, extra: Partial<ResourceView> = {}): ResourceView {
    return { urn: URN(type, name), type, name, props, secrets: NO_SECRETS, dependencies: [], propertyDependencies: {}, ...extra };
}

const brief = (parts: readonly ResourceView[]) => parts.map((p) => [p.type, p.name, p.props]);

describe("component parts", () => {
    describe("awsx:ec2:Vpc", () => {
        it("stands for a VPC on its cidrBlock, one subnet per explicit subnet range and one endpoint per endpoint spec", () => {
            const vpc = component("awsx:ec2:Vpc", "main", {
                cidrBlock: "10.30.0.0/16",
                subnetSpecs: [{ type: "Private", cidrBlocks: ["10.30.1.0/24", "10.30.2.0/24"] }, { type: "Public", cidrMask: 24 }],
                vpcEndpointSpecs: [{ serviceName: "com.amazonaws.us-east-1.s3" }],
            });
            assert.deepEqual(brief(partsOf(undefined, vpc)), [
                ["aws:ec2/vpc:Vpc", "main (awsx:ec2:Vpc)", { cidrBlock: "10.30.0.0/16" }],
                ["aws:ec2/subnet:Subnet", "main (awsx:ec2:Vpc subnetSpecs[0].cidrBlocks[0])", { cidrBlock: "10.30.1.0/24" }],
                ["aws:ec2/subnet:Subnet", "main (awsx:ec2:Vpc subnetSpecs[0].cidrBlocks[1])", { cidrBlock: "10.30.2.0/24" }],
                ["aws:ec2/vpcEndpoint:VpcEndpoint", "main (awsx:ec2:Vpc vpcEndpointSpecs[0])", { serviceName: "com.amazonaws.us-east-1.s3" }],
            ]);
        });

        it("stands for a VPC on awsx's default range when no range or IPAM pool is given", () => {
            assert.deepEqual(brief(partsOf(undefined, component("awsx:ec2:Vpc", "main", { numberOfAvailabilityZones: 2 }))), [
                ["aws:ec2/vpc:Vpc", "main (awsx:ec2:Vpc)", { cidrBlock: AWSX_DEFAULT_VPC_CIDR }],
            ]);
            assert.deepEqual(brief(partsOf(undefined, component("awsx:ec2:Vpc", "main", { ipv4IpamPoolId: "ipam-pool-1" }))), [
                ["aws:ec2/vpc:Vpc", "main (awsx:ec2:Vpc)", { ipv4IpamPoolId: "ipam-pool-1" }],
            ]);
        });

        it("keeps secrets and property dependencies at the part's own paths", () => {
            const vpc = component(
                "awsx:ec2:Vpc",
                "main",
                { cidrBlock: "10.30.0.0/16", subnetSpecs: [{ type: "Private", cidrBlocks: ["10.30.1.0/24"] }] },
                {
                    secrets: { paths: new Set(["/subnetSpecs/0/cidrBlocks/0"]), values: new Set(["10.30.1.0/24"]) },
                    propertyDependencies: { subnetSpecs: ["urn:pulumi:test::shop::pulumi:pulumi:StackReference::net"] },
                },
            );
            const subnet = partsOf(undefined, vpc).find((p) => p.type === "aws:ec2/subnet:Subnet");
            assert.deepEqual([...(subnet?.secrets.paths ?? [])], ["/cidrBlock"]);
            assert.deepEqual(subnet?.propertyDependencies, { cidrBlock: ["urn:pulumi:test::shop::pulumi:pulumi:StackReference::net"] });
            assert.equal(subnet?.urn, vpc.urn);
        });
    });

    it("awsx:lb:ApplicationLoadBalancer stands for the security group awsx creates from defaultSecurityGroup.args, unless skipped", () => {
        const ingress = [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.20.0.0/16"] }];
        const alb = component("awsx:lb:ApplicationLoadBalancer", "web", { defaultSecurityGroup: { args: { vpcId: "vpc-1", ingress } } });
        assert.deepEqual(brief(partsOf(undefined, alb)), [["aws:ec2/securityGroup:SecurityGroup", "web (awsx:lb:ApplicationLoadBalancer defaultSecurityGroup.args)", { vpcId: "vpc-1", ingress }]]);
        const skipped = component("awsx:lb:ApplicationLoadBalancer", "web", { defaultSecurityGroup: { skip: true, args: { ingress } } });
        assert.deepEqual(partsOf(undefined, skipped), []);
    });

    it("awsx load balancers stand for the load balancer on their subnets (ids, Subnet resources, mappings) and security groups", () => {
        const nlb = component("awsx:lb:NetworkLoadBalancer", "edge", { subnetIds: ["subnet-a"], subnets: ["subnet-b"], subnetMappings: [{ subnetId: "subnet-c" }], securityGroups: ["sg-1"] });
        assert.deepEqual(brief(partsOf(undefined, nlb)), [
            ["aws:lb/loadBalancer:LoadBalancer", "edge (awsx:lb:NetworkLoadBalancer)", { subnets: ["subnet-a", "subnet-b"], subnetMappings: [{ subnetId: "subnet-c" }], securityGroups: ["sg-1"] }],
        ]);
    });

    for (const type of ["awsx:ecs:FargateService", "awsx:ecs:EC2Service"]) {
        it(`${type} stands for the ECS service on its networkConfiguration`, () => {
            const service = component(type, "api", { networkConfiguration: { subnets: ["subnet-a"], securityGroups: ["sg-1"] }, taskDefinitionArgs: { container: { name: "api", image: "nginx" } } });
            assert.deepEqual(brief(partsOf(undefined, service)), [["aws:ecs/service:Service", `api (${type})`, { networkConfiguration: { subnets: ["subnet-a"], securityGroups: ["sg-1"] } }]]);
        });
    }

    describe("eks", () => {
        it("eks:index:Cluster stands for the EKS cluster's network and one access entry per role mapping, user mapping and access entry", () => {
            const cluster = component("eks:index:Cluster", "k8s", {
                vpcId: "vpc-1",
                publicSubnetIds: ["subnet-a"],
                privateSubnetIds: ["subnet-b", "subnet-c"],
                publicAccessCidrs: ["203.0.113.0/24"],
                roleMappings: [{ roleArn: "arn:aws:iam::100000000030:role/admin", username: "admin", groups: ["system:masters"] }],
                userMappings: [{ userArn: "arn:aws:iam::100000000010:user/dev", username: "dev", groups: [] }],
                accessEntries: { ci: { principalArn: "arn:aws:iam::100000000010:role/ci" } },
            });
            assert.deepEqual(brief(partsOf(undefined, cluster)), [
                ["aws:eks/cluster:Cluster", "k8s (eks:index:Cluster)", { vpcConfig: { vpcId: "vpc-1", publicAccessCidrs: ["203.0.113.0/24"], subnetIds: ["subnet-a", "subnet-b", "subnet-c"] } }],
                ["aws:eks/accessEntry:AccessEntry", "k8s (eks:index:Cluster roleMappings[0])", { principalArn: "arn:aws:iam::100000000030:role/admin" }],
                ["aws:eks/accessEntry:AccessEntry", "k8s (eks:index:Cluster userMappings[0])", { principalArn: "arn:aws:iam::100000000010:user/dev" }],
                ["aws:eks/accessEntry:AccessEntry", "k8s (eks:index:Cluster accessEntries.ci)", { principalArn: "arn:aws:iam::100000000010:role/ci" }],
            ]);
        });

        it("leaves out the public access ranges of a cluster whose public endpoint is off", () => {
            const cluster = component("eks:index:Cluster", "k8s", { endpointPublicAccess: false, publicAccessCidrs: ["10.20.0.0/16"], subnetIds: ["subnet-a"] });
            assert.deepEqual(brief(partsOf(undefined, cluster)), [["aws:eks/cluster:Cluster", "k8s (eks:index:Cluster)", { vpcConfig: { subnetIds: ["subnet-a"] } }]]);
        });

        for (const [type, key] of [["eks:index:NodeGroup", "nodeSubnetIds"], ["eks:index:NodeGroupV2", "nodeSubnetIds"], ["eks:index:ManagedNodeGroup", "subnetIds"]] as const) {
            it(`${type} stands for a node group on its ${key}`, () => {
                assert.deepEqual(brief(partsOf(undefined, component(type, "workers", { [key]: ["subnet-a"] }))), [["aws:eks/nodeGroup:NodeGroup", `workers (${type})`, { subnetIds: ["subnet-a"] }]]);
            });
        }
    });

    describe("never the same fact twice", () => {
        const vpcArgs = { cidrBlock: "10.30.0.0/16", subnetSpecs: [{ type: "Private", cidrBlocks: ["10.30.1.0/24"] }] };

        it("judges nothing of a registration without properties (the provider's own, in a real preview)", () => {
            assert.deepEqual(partsOf(undefined, component("awsx:ec2:Vpc", "main", {})), []);
            assert.deepEqual(partsOf(undefined, component("eks:index:Cluster", "k8s", {})), []);
        });

        it("leaves out each part whose child is in the stack, and keeps the others", () => {
            const vpc = component("awsx:ec2:Vpc", "main", vpcArgs);
            // A real VPC child below the component (through an intermediate component): the VPC part goes.
            const middle = component("my:index:Wrapper", "inner", {}, { parent: vpc.urn });
            const child = component("aws:ec2/vpc:Vpc", "main", { cidrBlock: "10.30.0.0/16" }, { parent: middle.urn });
            const stack = buildStackView([vpc, middle, child], new Map());
            assert.deepEqual(
                partsOf(stack, vpc).map((p) => p.type),
                ["aws:ec2/subnet:Subnet"],
            );
        });

        it("still judges the arguments when the program parents an unrelated resource to the component", () => {
            const vpc = component("awsx:ec2:Vpc", "main", vpcArgs);
            const mine = component("aws:ec2/securityGroup:SecurityGroup", "web", {}, { parent: vpc.urn });
            const stack = buildStackView([vpc, mine], new Map());
            assert.deepEqual(
                partsOf(stack, vpc).map((p) => p.type),
                ["aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet"],
            );
        });

        it("keeps the role mappings beside the aws-auth ConfigMap, which no rule reads, and leaves them out beside access entries", () => {
            const cluster = component("eks:index:Cluster", "k8s", { roleMappings: [{ roleArn: "arn:aws:iam::100000000030:role/admin" }], subnetIds: ["subnet-a"] });
            const configMap = component("kubernetes:core/v1:ConfigMap", "k8s-nodeAccess", {}, { parent: cluster.urn });
            assert.deepEqual(
                partsOf(buildStackView([cluster, configMap], new Map()), cluster).map((p) => p.type),
                ["aws:eks/cluster:Cluster", "aws:eks/accessEntry:AccessEntry"],
            );
            const entry = component("aws:eks/accessEntry:AccessEntry", "k8s-admin", {}, { parent: cluster.urn });
            assert.deepEqual(
                partsOf(buildStackView([cluster, entry], new Map()), cluster).map((p) => p.type),
                ["aws:eks/cluster:Cluster"],
            );
        });
    });

    describe("containers the plaintext scan reads", () => {
        it("finds every awsx container's environment, under a service's taskDefinitionArgs or a task definition's own arguments", () => {
            const env = [{ name: "A", value: "b" }];
            assert.deepEqual(componentContainers("awsx:ecs:FargateService", { taskDefinitionArgs: { container: { environment: env }, containers: { side: { environment: env } } } }), [
                { path: ["taskDefinitionArgs", "container", "environment"], form: "name-value-list" },
                { path: ["taskDefinitionArgs", "containers", "side", "environment"], form: "name-value-list" },
            ]);
            assert.deepEqual(componentContainers("awsx:ecs:EC2TaskDefinition", { containers: { app: { environment: env } } }), [{ path: ["containers", "app", "environment"], form: "name-value-list" }]);
            assert.deepEqual(componentContainers("awsx:ecs:FargateService", {}), []);
        });
    });
});

describe("component parts of odd inputs", () => {
    it("finds nothing for type names that are Object.prototype's own keys, and never throws", () => {
        for (const type of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
            const view: ResourceView = { urn: `urn:pulumi:test::shop::${type}::x`, type, name: "x", props: { a: 1 }, secrets: NO_SECRETS, dependencies: [], propertyDependencies: {} };
            assert.deepEqual(partsOf(undefined, view), []);
            assert.deepEqual(componentContainers(type, { a: 1 }), []);
        }
    });

    it("reads arguments of the wrong shapes as absent", () => {
        const odd = (type: string, props: Record<string, unknown>) => partsOf(undefined, component(type, "odd", props));
        assert.deepEqual(odd("awsx:ec2:Vpc", { subnetSpecs: "x", vpcEndpointSpecs: [null, 3], cidrBlock: 7 }).map((p) => p.props), [{ cidrBlock: 7 }]);
        assert.deepEqual(odd("eks:index:Cluster", { roleMappings: [null, "x"], accessEntries: [1], subnetIds: "subnet-a" }).map((p) => p.type), ["aws:eks/cluster:Cluster"]);
        assert.deepEqual(odd("awsx:lb:ApplicationLoadBalancer", { defaultSecurityGroup: "sg-1" }), []);
    });
});

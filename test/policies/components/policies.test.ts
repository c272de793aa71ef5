// The rules that already judge each concern judge the components' arguments, through the SDK's
// own machinery (test/helpers/policy-runtime): blocked and passing twins, messages asserted.
import { strict as assert } from "node:assert";
import { noPlaintextCredentials } from "../../../policies/credentials/noPlaintextCredentials";
import { noCrossEnvironmentNetworkPath } from "../../../policies/environments/noCrossEnvironmentNetworkPath";
import { noCrossEnvironmentTrust } from "../../../policies/environments/noCrossEnvironmentTrust";
import { ACCOUNT, RANGE, securityGroup, subnet } from "../../helpers/fixtures/environments";
import { messages, runResourcePolicy, runStackPolicy, secret, unknown, urnOf, WireResource } from "../../helpers/policy-runtime";

const STACK = "test";

/** A component as the mocks capture it: its arguments as its properties, no provider, no child. */
function component(type: string, name: string, props: Record<string, unknown>, extra: Partial<WireResource> = {}): WireResource {
    return { type, name, urn: urnOf(type, name, STACK), props, ...extra };
}

const network = async (...resources: WireResource[]) => messages(await runStackPolicy(noCrossEnvironmentNetworkPath, resources));
const trust = async (...resources: WireResource[]) => messages(await runStackPolicy(noCrossEnvironmentTrust, resources));
const plaintext = async (resource: WireResource) => messages(await runResourcePolicy(noPlaintextCredentials, resource));

const USE_TEST = `use only test ranges (${RANGE.test})`;

describe("component arguments judged by the existing rules", () => {
    describe("no-cross-environment-network-path", () => {
        const cases: [string, WireResource[], string[]][] = [
            [
                "blocks an awsx VPC on prod's range in a test stack",
                [component("awsx:ec2:Vpc", "main", { cidrBlock: RANGE.prod, numberOfAvailabilityZones: 2 })],
                [`VPC 'main (awsx:ec2:Vpc)' in test uses ${RANGE.prod} (prod); ${USE_TEST}.`],
            ],
            [
                "never prints a range that arrived as a secret, and still blocks it",
                [component("awsx:ec2:Vpc", "main", { subnetSpecs: [{ type: "Private", cidrBlocks: [secret("10.30.7.0/24")] }], cidrBlock: RANGE.test })],
                [`Subnet 'main (awsx:ec2:Vpc subnetSpecs[0].cidrBlocks[0])' in test uses a secret value (prod); ${USE_TEST}.`],
            ],
            ["passes an awsx VPC on test's own range", [component("awsx:ec2:Vpc", "main", { cidrBlock: RANGE.test })], []],
            ["passes an awsx VPC on awsx's default range, which no environment of the plan holds", [component("awsx:ec2:Vpc", "main", {})], []],
            [
                "blocks an explicit subnet range of staging's inside a test VPC",
                [component("awsx:ec2:Vpc", "main", { cidrBlock: RANGE.test, subnetSpecs: [{ type: "Private", cidrBlocks: ["10.10.1.0/24", "10.20.2.0/24"] }] })],
                [`Subnet 'main (awsx:ec2:Vpc subnetSpecs[0].cidrBlocks[1])' in test uses 10.20.2.0/24 (staging); ${USE_TEST}.`],
            ],
            [
                "blocks an awsx load balancer whose default security group admits prod's range",
                [component("awsx:lb:ApplicationLoadBalancer", "web", { defaultSecurityGroup: { args: { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [RANGE.prod] }] } } })],
                [`Security group 'web (awsx:lb:ApplicationLoadBalancer defaultSecurityGroup.args)' in test admits ${RANGE.prod} (prod) in ingress[0]; admit only test ranges (${RANGE.test}).`],
            ],
            [
                "passes an awsx load balancer open to the internet on 443",
                [component("awsx:lb:ApplicationLoadBalancer", "web", { defaultSecurityGroup: { args: { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }] } } })],
                [],
            ],
            [
                "blocks an EKS cluster whose public endpoint admits staging's range",
                [component("eks:index:Cluster", "k8s", { publicAccessCidrs: ["10.20.0.0/20"] })],
                [`EKS cluster 'k8s (eks:index:Cluster)' in test admits 10.20.0.0/20 (staging); admit only test ranges (${RANGE.test}).`],
            ],
            ["passes an EKS cluster whose public endpoint is off, whatever its CIDRs say", [component("eks:index:Cluster", "k8s", { endpointPublicAccess: false, publicAccessCidrs: ["10.20.0.0/20"] })], []],
        ];
        for (const [behaviour, resources, expected] of cases) {
            it(behaviour, async () => assert.deepEqual(await network(...resources), expected));
        }

        it("blocks an EKS node group placed in a prod subnet of the stack, found through the graph", async () => {
            const prodSubnet = subnet({ cidrBlock: "10.30.1.0/24", id: "subnet-prod" }, { stack: STACK, name: "borrowed" });
            const nodes = component("eks:index:ManagedNodeGroup", "workers", { subnetIds: ["subnet-prod"] }, { propertyDependencies: { subnetIds: [prodSubnet.urn as string] } });
            assert.deepEqual(await network(prodSubnet, nodes), [
                `Subnet 'borrowed' in test uses 10.30.1.0/24 (prod); ${USE_TEST}.`,
                `EKS node group 'workers (eks:index:ManagedNodeGroup)' in test is created in subnet 'borrowed' (prod: 10.30.1.0/24); create it in a test VPC (${RANGE.test}).`,
            ]);
        });

        describe("placement of load balancers and ECS services", () => {
            const prodSubnet = subnet({ cidrBlock: "10.30.1.0/24", id: "subnet-prod" }, { stack: STACK, name: "borrowed" });
            const prodGroup = securityGroup({ id: "sg-prod", tags: { Environment: "prod" }, ingress: [], vpcId: undefined }, { stack: STACK, name: "prod-web" });
            const ownSubnet = subnet({ id: "subnet-test" }, { stack: STACK, name: "own" });
            const SUBNET_FINDING = `Subnet 'borrowed' in test uses 10.30.1.0/24 (prod); ${USE_TEST}.`;
            const dependsOn = (key: string, ...on: WireResource[]) => ({ propertyDependencies: { [key]: on.map((r) => r.urn as string) } });

            it("blocks an awsx network load balancer in a prod subnet", async () => {
                const nlb = component("awsx:lb:NetworkLoadBalancer", "edge", { subnetIds: ["subnet-test", "subnet-prod"] }, dependsOn("subnetIds", ownSubnet, prodSubnet));
                assert.deepEqual(await network(prodSubnet, ownSubnet, nlb), [
                    SUBNET_FINDING,
                    `Load balancer 'edge (awsx:lb:NetworkLoadBalancer)' in test is created in subnet 'borrowed' (prod: 10.30.1.0/24); create it in a test VPC (${RANGE.test}).`,
                ]);
            });

            it("blocks an awsx application load balancer using a prod security group, and passes one on its own", async () => {
                const alb = (group: WireResource, id: string) => component("awsx:lb:ApplicationLoadBalancer", "web", { securityGroups: [id] }, dependsOn("securityGroups", group));
                assert.deepEqual(await network(prodGroup, alb(prodGroup, "sg-prod")), [`Load balancer 'web (awsx:lb:ApplicationLoadBalancer)' in test uses security group 'prod-web' (prod: tagged Environment=prod); use only test's own security groups.`]);
                const own = securityGroup({ id: "sg-test" }, { stack: STACK, name: "own-web" });
                assert.deepEqual(await network(own, alb(own, "sg-test")), []);
            });

            it("blocks an awsx Fargate service whose tasks run in a prod subnet", async () => {
                const service = component("awsx:ecs:FargateService", "api", { networkConfiguration: { subnets: ["subnet-prod"], assignPublicIp: false } }, dependsOn("networkConfiguration", prodSubnet));
                assert.deepEqual(await network(prodSubnet, service), [
                    SUBNET_FINDING,
                    `ECS service 'api (awsx:ecs:FargateService)' in test is created in subnet 'borrowed' (prod: 10.30.1.0/24); create it in a test VPC (${RANGE.test}).`,
                ]);
            });

            it("judges a real load balancer the same way (the child a real preview registers)", async () => {
                const lb: WireResource = { type: "aws:lb/loadBalancer:LoadBalancer", name: "edge", urn: urnOf("aws:lb/loadBalancer:LoadBalancer", "edge", STACK), props: { subnets: ["subnet-prod"] }, ...dependsOn("subnets", prodSubnet) };
                assert.deepEqual(await network(prodSubnet, lb), [SUBNET_FINDING, `Load balancer 'edge' in test is created in subnet 'borrowed' (prod: 10.30.1.0/24); create it in a test VPC (${RANGE.test}).`]);
            });
        });

        it("does not judge the arguments again when the provider's children are in the stack (a real preview)", async () => {
            const vpc = component("awsx:ec2:Vpc", "main", { cidrBlock: RANGE.prod });
            const child: WireResource = { type: "aws:ec2/vpc:Vpc", name: "main", urn: urnOf("awsx:ec2:Vpc$aws:ec2/vpc:Vpc", "main", STACK), parent: vpc.urn, props: { cidrBlock: RANGE.prod } };
            assert.deepEqual(await network(vpc, child), [`VPC 'main' in test uses ${RANGE.prod} (prod); ${USE_TEST}.`]);
        });

        it("judges nothing of a component registered without properties", async () => {
            assert.deepEqual(await network(component("awsx:ec2:Vpc", "main", {})), []);
        });
    });

    describe("no-cross-environment-trust", () => {
        const GRANT_FIX = `grant only test's account (${ACCOUNT.test})`;
        it("blocks an EKS cluster that maps a prod role into the test cluster", async () => {
            const cluster = component("eks:index:Cluster", "k8s", { roleMappings: [{ roleArn: `arn:aws:iam::${ACCOUNT.prod}:role/admin`, username: "admin", groups: ["system:masters"] }] });
            assert.deepEqual(await trust(cluster), [`EKS access entry 'k8s (eks:index:Cluster roleMappings[0])' in test grants arn:aws:iam::${ACCOUNT.prod}:role/admin (prod account ${ACCOUNT.prod}); ${GRANT_FIX}.`]);
        });

        it("blocks an access entry for a staging principal", async () => {
            const cluster = component("eks:index:Cluster", "k8s", { accessEntries: { ci: { principalArn: `arn:aws:iam::${ACCOUNT.staging}:role/ci` } } });
            assert.deepEqual(await trust(cluster), [`EKS access entry 'k8s (eks:index:Cluster accessEntries.ci)' in test grants arn:aws:iam::${ACCOUNT.staging}:role/ci (staging account ${ACCOUNT.staging}); ${GRANT_FIX}.`]);
        });

        it("passes role and user mappings of test's own account", async () => {
            const cluster = component("eks:index:Cluster", "k8s", {
                roleMappings: [{ roleArn: `arn:aws:iam::${ACCOUNT.test}:role/admin` }],
                userMappings: [{ userArn: `arn:aws:iam::${ACCOUNT.test}:user/dev` }],
            });
            assert.deepEqual(await trust(cluster), []);
        });

        it("judges a real access entry the same way (the child a real preview registers)", async () => {
            const entry: WireResource = { type: "aws:eks/accessEntry:AccessEntry", name: "ci", urn: urnOf("aws:eks/accessEntry:AccessEntry", "ci", STACK), props: { clusterName: "k8s", principalArn: `arn:aws:iam::${ACCOUNT.staging}:role/ci` } };
            assert.deepEqual(await trust(entry), [`EKS access entry 'ci' in test grants arn:aws:iam::${ACCOUNT.staging}:role/ci (staging account ${ACCOUNT.staging}); ${GRANT_FIX}.`]);
        });
    });

    describe("no-plaintext-credentials", () => {
        const named = (subject: string, where: string) =>
            `${subject} has a value named like a password, secret or token in ${where} that is not a Pulumi secret, so it is written to the state in plaintext (credential material must be a Pulumi secret); remove it, or pass it as a Pulumi secret, and better read it at runtime from Secrets Manager or SSM.`;
        const unverifiable = (subject: string, where: string) =>
            `Cannot verify during preview that ${subject} keeps a value named like a password, secret or token in ${where} a Pulumi secret: the value is not known until the update runs and is not marked secret; run the check again once the value is known (after \`pulumi up\`), or declare it with a known value.`;
        const service = (environment: unknown[], extra: Record<string, unknown> = {}) =>
            component("awsx:ecs:FargateService", "api", { cluster: "arn:aws:ecs:us-east-1:100000000010:cluster/main", taskDefinitionArgs: { container: { name: "api", image: "nginx", environment, ...extra } } });

        it("blocks a Fargate container with ADMIN_PASSWORD in plaintext in its environment", async () => {
            assert.deepEqual(await plaintext(service([{ name: "LOG_LEVEL", value: "debug" }, { name: "ADMIN_PASSWORD", value: "hunter2-prod!" }])), [
                named("awsx.ecs.FargateService 'api' in test", "taskDefinitionArgs.container.environment[1] (ADMIN_PASSWORD)"),
            ]);
        });

        it("passes the same container with the password as a Pulumi secret", async () => {
            assert.deepEqual(await plaintext(service([{ name: "LOG_LEVEL", value: "debug" }, { name: "ADMIN_PASSWORD", value: secret("hunter2-prod!") }])), []);
        });

        it("passes the same container reading the password from Secrets Manager through `secrets`", async () => {
            const secrets = [{ name: "ADMIN_PASSWORD", valueFrom: "arn:aws:secretsmanager:us-east-1:100000000010:secret:admin-AbCdEf" }];
            assert.deepEqual(await plaintext(service([{ name: "LOG_LEVEL", value: "debug" }], { secrets })), []);
        });

        it("blocks a named container of a task definition component, and says it cannot verify an unknown one", async () => {
            const task = component("awsx:ecs:EC2TaskDefinition", "worker", { containers: { app: { name: "app", image: "app", environment: [{ name: "API_TOKEN", value: "tok_live_abcdef123456" }, { name: "DB_PASSWORD", value: unknown }] } } });
            const found = await plaintext(task);
            assert.equal(found.length, 2);
            assert.equal(found[0], named("awsx.ecs.EC2TaskDefinition 'worker' in test", "containers.app.environment[0] (API_TOKEN)"));
            assert.equal(found[1], unverifiable("awsx.ecs.EC2TaskDefinition 'worker' in test", "containers.app.environment[1] (DB_PASSWORD)"));
        });

        // The list form reads values through the readers, which give UNKNOWN rather than the
        // sentinel; an unknown value there used to pass without a word.
        it("says it cannot verify an unknown CodeBuild variable named like a password", async () => {
            const project = component("aws:codebuild/project:Project", "build", { environment: { environmentVariables: [{ name: "NPM_TOKEN", value: unknown }] } });
            assert.deepEqual(await plaintext(project), [unverifiable("aws.codebuild.Project 'build' in test", "environment.environmentVariables[0] (NPM_TOKEN)")]);
        });

        it("blocks a password in an EKS cluster's node user data", async () => {
            const cluster = component("eks:index:Cluster", "k8s", { nodeUserData: "#!/bin/bash\nexport REGISTRY_PASSWORD=s3cr3t-Registry\n" });
            assert.deepEqual(await plaintext(cluster), [named("eks.Cluster 'k8s' in test", "nodeUserData line 2 (REGISTRY_PASSWORD)")]);
        });

        it("judges nothing of a component registered without properties (a real preview: its task definition is judged)", async () => {
            assert.deepEqual(await plaintext(component("awsx:ecs:FargateService", "api", {})), []);
        });
    });
});

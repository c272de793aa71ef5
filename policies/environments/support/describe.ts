// Words for messages: what a resource is called, how a property path and a value are shown
// (never a secret), and how evidence of an environment reads.

import type { ResourceView } from "../../lib/model";
import type { PathStep } from "../../lib/props";
import { isSecretPath } from "../../lib/sdk/wire";
import type { Evidence } from "./evidence";

const NOUNS: Readonly<Record<string, string>> = {
    "aws:ec2/securityGroup:SecurityGroup": "Security group",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "Default security group",
    "aws:ec2/securityGroupRule:SecurityGroupRule": "Security group rule",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "Security group ingress rule",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "Security group egress rule",
    "aws:ec2/networkAcl:NetworkAcl": "Network ACL",
    "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": "Default network ACL",
    "aws:ec2/networkAclRule:NetworkAclRule": "Network ACL rule",
    "aws:ec2/route:Route": "Route",
    "aws:ec2/routeTable:RouteTable": "Route table",
    "aws:ec2/defaultRouteTable:DefaultRouteTable": "Default route table",
    "aws:ec2/vpcPeeringConnection:VpcPeeringConnection": "VPC peering connection",
    "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter": "VPC peering accepter",
    "aws:ec2transitgateway/vpcAttachment:VpcAttachment": "Transit gateway VPC attachment",
    "aws:ec2transitgateway/vpcAttachmentAccepter:VpcAttachmentAccepter": "Transit gateway attachment accepter",
    "aws:ec2transitgateway/peeringAttachment:PeeringAttachment": "Transit gateway peering attachment",
    "aws:ec2transitgateway/route:Route": "Transit gateway route",
    "aws:ec2transitgateway/transitGateway:TransitGateway": "Transit gateway",
    "aws:ec2/vpnConnection:VpnConnection": "VPN connection",
    "aws:ec2/vpnConnectionRoute:VpnConnectionRoute": "VPN connection route",
    "aws:ec2/customerGateway:CustomerGateway": "Customer gateway",
    "aws:ec2/vpcEndpointService:VpcEndpointService": "Endpoint service",
    "aws:ec2/vpcEndpointServiceAllowedPrinciple:VpcEndpointServiceAllowedPrinciple": "Endpoint service permission",
    "aws:ec2/vpcEndpoint:VpcEndpoint": "VPC endpoint",
    "aws:ec2/vpc:Vpc": "VPC",
    "aws:ec2/defaultVpc:DefaultVpc": "Default VPC",
    "aws:ec2/subnet:Subnet": "Subnet",
    "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation": "VPC CIDR association",
    "aws:ec2/vpcIpv6CidrBlockAssociation:VpcIpv6CidrBlockAssociation": "VPC IPv6 CIDR association",
    "aws:ec2/managedPrefixList:ManagedPrefixList": "Prefix list",
    "aws:ec2/managedPrefixListEntry:ManagedPrefixListEntry": "Prefix list entry",
    "aws:iam/role:Role": "IAM role",
    "aws:s3/bucket:Bucket": "S3 bucket",
    "aws:s3/bucketV2:BucketV2": "S3 bucket",
    "aws:s3/bucketPolicy:BucketPolicy": "S3 bucket policy",
    "aws:kms/key:Key": "KMS key",
    "aws:kms/keyPolicy:KeyPolicy": "KMS key policy",
    "aws:kms/grant:Grant": "KMS grant",
    "aws:secretsmanager/secret:Secret": "Secret",
    "aws:secretsmanager/secretPolicy:SecretPolicy": "Secret policy",
    "aws:sns/topic:Topic": "SNS topic",
    "aws:sns/topicPolicy:TopicPolicy": "SNS topic policy",
    "aws:sqs/queue:Queue": "SQS queue",
    "aws:sqs/queuePolicy:QueuePolicy": "SQS queue policy",
    "aws:ecr/repositoryPolicy:RepositoryPolicy": "ECR repository policy",
    "aws:lambda/permission:Permission": "Lambda permission",
    "aws:eks/accessEntry:AccessEntry": "EKS access entry",
    "aws:eks/cluster:Cluster": "EKS cluster",
    "aws:eks/nodeGroup:NodeGroup": "EKS node group",
    "aws:lb/loadBalancer:LoadBalancer": "Load balancer",
    "aws:ecs/service:Service": "ECS service",
    "pulumi:pulumi:StackReference": "Stack reference",
    "pulumi:providers:aws": "AWS provider",
    "pulumi:providers:okta": "Okta provider",
};

/** "Security group", "VPC peering connection"; the type's class name for other types. */
export function nounOf(type: string): string {
    const known = NOUNS[type];
    if (known) return known;
    const name = type.slice(type.lastIndexOf(":") + 1);
    return name || type;
}

/** The noun in the middle of a sentence: "security group", but "VPC" and "KMS key" keep case. */
export function lowerNoun(type: string): string {
    const noun = nounOf(type);
    return /^[A-Z]{2}/.test(noun) ? noun : noun.charAt(0).toLowerCase() + noun.slice(1);
}

/** "Security group 'web' in prod" */
export function subject(resource: ResourceView, environment: string): string {
    return `${nounOf(resource.type)} '${resource.name}' in ${environment}`;
}

/** "ingress[0].cidrBlocks[1]" */
export function pathText(path: readonly PathStep[]): string {
    let text = "";
    for (const step of path) text += typeof step === "number" ? `[${step}]` : text === "" ? step : `.${step}`;
    return text;
}

/** The value as a message may show it: secrets never appear. */
export function shown(resource: Pick<ResourceView, "secrets">, path: readonly PathStep[], value: string): string {
    return isSecretPath(resource.secrets, path) ? "a secret value" : value;
}

/** "staging: 10.20.0.0/16, test: tagged Environment=test", one reason per environment. */
export function evidenceText(evidence: readonly Evidence[]): string {
    const byEnvironment = new Map<string, string>();
    for (const item of evidence) if (!byEnvironment.has(item.environment)) byEnvironment.set(item.environment, item.reason);
    return [...byEnvironment].map(([environment, reason]) => `${environment}: ${reason}`).join(", ");
}

/** "VPC 'peer' (staging: 10.20.0.0/16)", for a resource named in the middle of a sentence. */
export function describeResource(resource: ResourceView, evidence: readonly Evidence[]): string {
    return `${lowerNoun(resource.type)} '${resource.name}' (${evidenceText(evidence)})`;
}

/** "a VPC", "an endpoint service" */
export function withArticle(noun: string): string {
    return `${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}`;
}

/** "a, b and c" */
export function listText(items: readonly string[]): string {
    if (items.length <= 1) return items.join("");
    return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

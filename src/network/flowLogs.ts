// VPC flow logs to CloudWatch Logs: the record of every accepted and rejected connection, which
// is what tells you afterwards whether a stolen key was used to move between networks.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serviceRole } from "../serviceRole";

export interface VpcFlowLogsArgs {
    readonly vpcId: pulumi.Input<string>;
    readonly environment: string;
    /** The account and region the VPC lives in: the role trusts flow logs of this account only. */
    readonly accountId: string;
    readonly region: string;
    /** One of the periods CloudWatch Logs accepts (settings.ts LOG_RETENTION_DAYS). */
    readonly retentionInDays: number;
}

export class VpcFlowLogs extends pulumi.ComponentResource {
    readonly logGroupName: pulumi.Output<string>;
    readonly flowLogId: pulumi.Output<string>;

    constructor(name: string, args: VpcFlowLogsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("blastwall:network:VpcFlowLogs", name, {}, opts);
        const logGroup = new aws.cloudwatch.LogGroup(
            name,
            { name: `/blastwall/${args.environment}/vpc-flow-logs`, retentionInDays: args.retentionInDays },
            { parent: this },
        );
        const { role, policy } = serviceRole(
            name,
            {
                service: "vpc-flow-logs.amazonaws.com",
                accountId: args.accountId,
                sourceArn: `arn:aws:ec2:${args.region}:${args.accountId}:vpc-flow-log/*`,
                statements: [
                    { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"], Resource: pulumi.interpolate`${logGroup.arn}:*` },
                ],
            },
            { parent: this },
        );
        const flowLog = new aws.ec2.FlowLog(
            name,
            {
                vpcId: args.vpcId,
                trafficType: "ALL",
                logDestinationType: "cloud-watch-logs",
                logDestination: logGroup.arn,
                iamRoleArn: role.arn,
                maxAggregationInterval: 60,
            },
            // Without the policy in place the first deliveries fail until it propagates.
            { parent: this, dependsOn: [policy] },
        );
        this.logGroupName = logGroup.name;
        this.flowLogId = flowLog.id;
        this.registerOutputs({ logGroupName: this.logGroupName, flowLogId: this.flowLogId });
    }
}

// The environment's rotation function for generated secrets (secretRotator/index.mjs), with a
// role that can rotate only this environment's blastwall secrets. One per environment; every
// RotatedSecret of the stack points at it.

import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { MANAGED_BY } from "../providers";
import { serviceRole } from "../serviceRole";

export interface SecretRotatorArgs {
    readonly environment: string;
    readonly accountId: string;
    readonly region: string;
    /** Retention of the function's logs, a period CloudWatch Logs accepts. */
    readonly logRetentionDays: number;
}

export const ROTATOR_CODE = path.join(__dirname, "secretRotator", "index.mjs");

export class SecretRotator extends pulumi.ComponentResource {
    readonly functionArn: pulumi.Output<string>;

    constructor(name: string, args: SecretRotatorArgs, opts?: pulumi.ComponentResourceOptions) {
        super("blastwall:credentials:SecretRotator", name, {}, opts);
        const functionName = `blastwall-${args.environment}-${name}`;
        const logGroup = new aws.cloudwatch.LogGroup(name, { name: `/aws/lambda/${functionName}`, retentionInDays: args.logRetentionDays }, { parent: this });
        // Only secrets tagged for this environment and managed here: the function cannot be
        // pointed at another team's secret, nor at another environment's.
        const { role, policy } = serviceRole(
            name,
            {
                service: "lambda.amazonaws.com",
                accountId: args.accountId,
                statements: [
                    {
                        Effect: "Allow",
                        Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"],
                        Resource: `arn:aws:secretsmanager:${args.region}:${args.accountId}:secret:*`,
                        Condition: { StringEquals: { "aws:ResourceTag/Environment": args.environment, "aws:ResourceTag/ManagedBy": MANAGED_BY } },
                    },
                    { Effect: "Allow", Action: "secretsmanager:GetRandomPassword", Resource: "*" },
                    { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: pulumi.interpolate`${logGroup.arn}:*` },
                ],
            },
            { parent: this },
        );
        const fn = new aws.lambda.Function(
            name,
            {
                name: functionName,
                description: `Rotates the generated secrets of ${args.environment} (blastwall RotatedSecret).`,
                runtime: aws.lambda.Runtime.NodeJS22dX,
                handler: "index.handler",
                code: new pulumi.asset.AssetArchive({ "index.mjs": new pulumi.asset.FileAsset(ROTATOR_CODE) }),
                role: role.arn,
                timeout: 30,
                memorySize: 128,
            },
            { parent: this, dependsOn: [policy, logGroup] },
        );
        this.functionArn = fn.arn;
        this.registerOutputs({ functionArn: this.functionArn });
    }
}

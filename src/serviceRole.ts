// An IAM role that one AWS service assumes on behalf of this account only, with its inline
// policy: the shape every service role of the stacks takes. The aws:SourceAccount (and, where
// given, aws:SourceArn) condition stops the service from acting here for another account (the
// confused-deputy problem), and keeps the trust inside the environment.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface ServiceRoleArgs {
    /** The service principal, e.g. "lambda.amazonaws.com". */
    readonly service: string;
    readonly accountId: string;
    /** Narrows the trust to the service's resources matching this ARN pattern. */
    readonly sourceArn?: string;
    readonly statements: pulumi.Input<Record<string, unknown>>[];
}

export interface ServiceRole {
    readonly role: aws.iam.Role;
    readonly policy: aws.iam.RolePolicy;
}

export function serviceRole(name: string, args: ServiceRoleArgs, opts: pulumi.CustomResourceOptions): ServiceRole {
    const condition: Record<string, Record<string, string>> = { StringEquals: { "aws:SourceAccount": args.accountId } };
    if (args.sourceArn) condition.ArnLike = { "aws:SourceArn": args.sourceArn };
    const role = new aws.iam.Role(
        name,
        {
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: args.service }, Action: "sts:AssumeRole", Condition: condition }],
            }),
        },
        opts,
    );
    const policy = new aws.iam.RolePolicy(name, { role: role.id, policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: args.statements }) }, opts);
    return { role, policy };
}

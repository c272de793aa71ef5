// A Secrets Manager secret that rotates itself: Secrets Manager calls the rotation function every
// `rotationDays`, and once right after deployment, which writes the first value. No value ever
// passes through Pulumi, so none is in the program, the state or a preview.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ConfigurationError } from "../errors";
import { DEFAULT_ROTATION_DAYS, credentialArgProblems } from "./limits";

export interface RotatedSecretArgs {
    /** The team that answers for the secret: its Owner tag. */
    readonly owner: string;
    /** The function that rotates it: a SecretRotator's functionArn, or an AWS rotation template's. */
    readonly rotationLambdaArn: pulumi.Input<string>;
    /** 1 to 90; default 30. */
    readonly rotationDays?: number;
    readonly description?: string;
}

export class RotatedSecret extends pulumi.ComponentResource {
    readonly secretArn: pulumi.Output<string>;
    readonly secretName: pulumi.Output<string>;

    constructor(name: string, args: RotatedSecretArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = credentialArgProblems("RotatedSecret", name, args.owner, args.rotationDays);
        if (problems.length > 0) throw new ConfigurationError(problems);
        super("blastwall:credentials:RotatedSecret", name, {}, opts);

        const secret = new aws.secretsmanager.Secret(
            name,
            { description: args.description, recoveryWindowInDays: 7, tags: { Owner: args.owner } },
            { parent: this },
        );
        // Secrets Manager may invoke the function for this secret only.
        const permission = new aws.lambda.Permission(
            name,
            { action: "lambda:InvokeFunction", function: args.rotationLambdaArn, principal: "secretsmanager.amazonaws.com", sourceArn: secret.arn },
            { parent: this },
        );
        new aws.secretsmanager.SecretRotation(
            name,
            {
                secretId: secret.id,
                rotationLambdaArn: args.rotationLambdaArn,
                rotationRules: { automaticallyAfterDays: args.rotationDays ?? DEFAULT_ROTATION_DAYS },
                rotateImmediately: true,
            },
            { parent: this, dependsOn: [permission] },
        );
        this.secretArn = secret.arn;
        this.secretName = secret.name;
        this.registerOutputs({ secretArn: this.secretArn, secretName: this.secretName });
    }
}

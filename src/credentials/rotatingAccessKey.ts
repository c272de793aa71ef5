// An IAM service user with one access key that rotates on a schedule. The time.Rotating resource
// is replaced once `rotationDays` have passed (the next `pulumi up` after that date), and the key
// is declared to be replaced with it: a new key is created, then the old one deleted. Consumers
// read the key from the stack's secret outputs at deploy time, so they pick up the new one.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as time from "@pulumiverse/time";
import { ConfigurationError } from "../errors";
import { DEFAULT_ROTATION_DAYS, credentialArgProblems } from "./limits";

export interface RotatingAccessKeyArgs {
    /** The team that answers for the key: the user's Owner tag, which the key inherits. */
    readonly owner: string;
    /** 1 to 90; default 30. */
    readonly rotationDays?: number;
    /** Managed policies for the service user. */
    readonly policyArns?: readonly string[];
    /**
     * Least privilege: the actions the service user may take, on resources of `accountId` only
     * (an inline policy). What a stolen key could do is then what this list says, in this
     * environment; the policy pack's reach rules check it.
     */
    readonly actions?: readonly string[];
    /** The environment's account; required with `actions`. */
    readonly accountId?: string;
}

/** Only these actions, and only on resources of this account (aws:ResourceAccount). */
export function leastPrivilegePolicy(actions: readonly string[], accountId: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "LeastPrivilege", Effect: "Allow", Action: [...actions], Resource: "*", Condition: { StringEquals: { "aws:ResourceAccount": accountId } } }],
    });
}

export class RotatingAccessKey extends pulumi.ComponentResource {
    readonly userName: pulumi.Output<string>;
    readonly userArn: pulumi.Output<string>;
    /** Secret: an access key id is half a credential and identifies it in logs. */
    readonly accessKeyId: pulumi.Output<string>;
    readonly secretAccessKey: pulumi.Output<string>;
    /** When the next `pulumi up` will replace the key (RFC 3339). */
    readonly rotatesAt: pulumi.Output<string>;

    constructor(name: string, args: RotatingAccessKeyArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = credentialArgProblems("RotatingAccessKey", name, args.owner, args.rotationDays);
        if (problems.length > 0) throw new ConfigurationError(problems);
        super("blastwall:credentials:RotatingAccessKey", name, {}, opts);

        const user = new aws.iam.User(name, { path: "/service/", tags: { Owner: args.owner } }, { parent: this });
        (args.policyArns ?? []).forEach(
            (policyArn, i) => new aws.iam.UserPolicyAttachment(`${name}-${i}`, { user: user.name, policyArn }, { parent: this }),
        );
        if (args.actions && args.actions.length > 0) {
            if (!args.accountId) throw new ConfigurationError([`RotatingAccessKey '${name}': actions need the environment's accountId, so that the policy keeps them in this account.`]);
            new aws.iam.UserPolicy(`${name}-least-privilege`, { user: user.name, policy: leastPrivilegePolicy(args.actions, args.accountId) }, { parent: this });
        }
        const rotation = new time.Rotating(name, { rotationDays: args.rotationDays ?? DEFAULT_ROTATION_DAYS }, { parent: this });
        // replaceWith is what rotates the key; dependsOn states the same link for anyone reading
        // the resource graph (the policy pack takes it as the key's rotation evidence).
        const key = new aws.iam.AccessKey(name, { user: user.name }, { parent: this, dependsOn: [rotation], replaceWith: [rotation] });

        this.userName = user.name;
        this.userArn = user.arn;
        this.accessKeyId = pulumi.secret(key.id);
        this.secretAccessKey = pulumi.secret(key.secret);
        this.rotatesAt = rotation.rotationRfc3339;
        this.registerOutputs({ userName: this.userName, userArn: this.userArn, accessKeyId: this.accessKeyId, secretAccessKey: this.secretAccessKey, rotatesAt: this.rotatesAt });
    }
}

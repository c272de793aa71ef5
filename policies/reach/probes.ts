// Requests the reach model asks the evaluator about, each on a resource of a stated account. The
// resource names are placeholders ("blastwall-probe"): a policy that grants a service's actions on
// every resource of the account grants them on these too, and one limited to named resources
// does not, which is the distinction the model draws.

const REGION = "us-east-1";

/** A placeholder ARN of `service` in `account` ("arn:aws:lambda:us-east-1:100000000030:function:blastwall-probe"). */
export function probeArn(service: string, account: string): string {
    switch (service) {
        case "s3":
            return "arn:aws:s3:::blastwall-probe";
        case "iam-user":
            return `arn:aws:iam::${account}:user/blastwall-probe`;
        case "iam-role":
            return `arn:aws:iam::${account}:role/blastwall-probe`;
        case "iam-group":
            return `arn:aws:iam::${account}:group/blastwall-probe`;
        case "iam-policy":
            return `arn:aws:iam::${account}:policy/blastwall-probe`;
        case "ec2":
            return `arn:aws:ec2:${REGION}:${account}:instance/i-0blastwallprobe`;
        case "lambda":
            return `arn:aws:lambda:${REGION}:${account}:function:blastwall-probe`;
        case "kms":
            return `arn:aws:kms:${REGION}:${account}:key/blastwall-probe`;
        case "secretsmanager":
            return `arn:aws:secretsmanager:${REGION}:${account}:secret:blastwall-probe`;
        case "dynamodb":
            return `arn:aws:dynamodb:${REGION}:${account}:table/blastwall-probe`;
        case "cloudtrail":
            return `arn:aws:cloudtrail:${REGION}:${account}:trail/blastwall-probe`;
        case "ecs":
            return `arn:aws:ecs:${REGION}:${account}:task-definition/blastwall-probe:1`;
        case "glue":
            return `arn:aws:glue:${REGION}:${account}:devEndpoint/blastwall-probe`;
        case "cloudformation":
            return `arn:aws:cloudformation:${REGION}:${account}:stack/blastwall-probe/1`;
        case "codebuild":
            return `arn:aws:codebuild:${REGION}:${account}:project/blastwall-probe`;
        default:
            return "*";
    }
}

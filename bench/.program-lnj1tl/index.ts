import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
for (let i = 0; i < 1667; i++) {
    const user = new aws.iam.User(`user-${i}`, { tags: { Owner: "platform-team" } });
    new aws.iam.AccessKey(`key-${i}`, { user: user.name });
    new aws.iam.UserPolicyAttachment(`attach-${i}`, { user: user.name, policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
}

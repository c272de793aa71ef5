// The compliance controls the credential policies implement. The SDK carries one framework per
// policy; further controls a policy also covers go in its tags as "securityhub:<control>".

import type { PolicyComplianceFramework } from "@pulumi/policy";

const CIS = { name: "CIS AWS Foundations Benchmark", version: "3.0.0" };
const SECURITY_HUB = { name: "AWS Foundational Security Best Practices", version: "1.0.0" };

export const CIS_1_14: PolicyComplianceFramework = { ...CIS, reference: "1.14", specification: "Ensure access keys are rotated every 90 days or less" };

export const SECRETS_MANAGER_1: PolicyComplianceFramework = {
    ...SECURITY_HUB,
    reference: "SecretsManager.1",
    specification: "Secrets Manager secrets should have automatic rotation enabled",
};

export const IAM_8: PolicyComplianceFramework = { ...SECURITY_HUB, reference: "IAM.8", specification: "Unused IAM user credentials should be removed" };

export const CODEBUILD_2: PolicyComplianceFramework = {
    ...SECURITY_HUB,
    reference: "CodeBuild.2",
    specification: "CodeBuild project environment variables should not contain clear text credentials",
};

/** Further Security Hub controls, as tags: IAM.3 (keys rotated in 90 days), KMS.4, SecretsManager.4, ECS.8. */
export const securityHubTag = (control: "IAM.3" | "KMS.4" | "SecretsManager.4" | "ECS.8") => `securityhub:${control}`;

// The controls the reach policies implement. The SDK carries one framework per policy; further
// controls go in tags as "securityhub:<control>".

import type { PolicyComplianceFramework } from "@pulumi/policy";

/** CIS AWS Foundations 3.0 1.15 (Security Hub IAM.1): no policy grants full "*:*" administrative privileges. */
export const CIS_1_15: PolicyComplianceFramework = {
    name: "CIS AWS Foundations Benchmark",
    version: "3.0.0",
    reference: "1.15",
    specification: 'Ensure IAM policies that allow full "*:*" administrative privileges are not attached',
};

/** Least privilege, the control a credential that acts in another environment breaks. */
export const NIST_AC_6: PolicyComplianceFramework = {
    name: "NIST SP 800-53",
    version: "Rev. 5",
    reference: "AC-6",
    specification: "Least Privilege: allow only the accesses necessary to accomplish assigned tasks",
};

/** IAM.1: full administrative privileges; IAM.21: customer managed policies with wildcard service actions. */
export const securityHubTag = (control: "IAM.1" | "IAM.21") => `securityhub:${control}`;

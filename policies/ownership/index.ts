// Concern 3: credentials with no owner.
import type { Policies } from "@pulumi/policy";

export const ownershipPolicies: Policies = [];

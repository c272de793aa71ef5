// Concern 1: unrotated credentials.
import type { Policies } from "@pulumi/policy";

export const credentialPolicies: Policies = [];

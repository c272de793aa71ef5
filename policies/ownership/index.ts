// Concern 3: credentials with no owner, and the waivers that excuse a finding for a while.
import type { Policies } from "@pulumi/policy";
import { credentialHasOwner } from "./credentialHasOwner";
import { credentialOwnerActive } from "./credentialOwnerActive";
import { waiverValid } from "./waiverValid";

export const ownershipPolicies: Policies = [credentialHasOwner, credentialOwnerActive, waiverValid];

// Concern 1: unrotated credentials.
import type { Policies } from "@pulumi/policy";
import { credentialMaxAge } from "./credentialMaxAge";
import { credentialRotatedAfterIncident } from "./credentialRotatedAfterIncident";
import { credentialRotationDueSoon } from "./credentialRotationDueSoon";
import { credentialRotationEnabled } from "./credentialRotationEnabled";
import { credentialUnusedRemoved } from "./credentialUnusedRemoved";
import { noPlaintextCredentials } from "./noPlaintextCredentials";

export const credentialPolicies: Policies = [
    credentialMaxAge,
    credentialRotationEnabled,
    credentialRotatedAfterIncident,
    credentialUnusedRemoved,
    noPlaintextCredentials,
    credentialRotationDueSoon,
];

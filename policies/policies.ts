// Every policy of the pack, in the order reports list them. Importing this file starts nothing,
// so the CLI and the tests can read the policies' metadata and schemas.
import type { Policies } from "@pulumi/policy";
import { credentialPolicies } from "./credentials";
import { environmentPolicies } from "./environments";
import { ownershipPolicies } from "./ownership";
import { reachPolicies } from "./reach";

export const PACK_NAME = "blastwall";

export const allPolicies: Policies = [...credentialPolicies, ...environmentPolicies, ...ownershipPolicies, ...reachPolicies];

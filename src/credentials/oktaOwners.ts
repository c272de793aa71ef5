// Owners of Okta credentials, as Okta itself records them: an Okta group per owner team, and
// Okta resource names (ORNs) to put in okta.ResourceOwner. One directory per stack, shared by
// every OktaServiceApp, so two apps of one team share one group.

import * as okta from "@pulumi/okta";
import * as pulumi from "@pulumi/pulumi";
import type { OktaOrg } from "../../policies/lib/plan";

/** The ORN partition of an org: "oktapreview" for preview orgs, "okta" for production ones. */
export function ornPartition(org: OktaOrg): string {
    return org.baseUrl.toLowerCase() === "oktapreview.com" ? "oktapreview" : "okta";
}

/** The app definition key of OAuth 2.0 / OIDC apps, the `{appName}` part of their ORN. */
export const OAUTH_APP_DEFINITION = "oidc_client";

export interface OktaOwnerDirectoryArgs {
    readonly org: OktaOrg;
    readonly environment: string;
}

export class OktaOwnerDirectory extends pulumi.ComponentResource {
    /** The org's id (00o...), read from the org itself. */
    readonly orgId: pulumi.Output<string>;
    private readonly partition: string;
    private readonly environment: string;
    private readonly groups = new Map<string, okta.group.Group>();

    constructor(name: string, args: OktaOwnerDirectoryArgs, opts?: pulumi.ComponentResourceOptions) {
        super("blastwall:credentials:OktaOwnerDirectory", name, {}, opts);
        this.partition = ornPartition(args.org);
        this.environment = args.environment;
        this.orgId = okta.getOrgMetadataOutput({}, { parent: this }).id;
        this.registerOutputs({ orgId: this.orgId });
    }

    /** The group named after `owner` (created on first use), as an ORN for principalOrns. */
    ownerOrn(owner: string): pulumi.Output<string> {
        let group = this.groups.get(owner);
        if (!group) {
            group = new okta.group.Group(
                owner,
                { name: owner, description: `Owns the ${this.environment} credentials that blastwall declares for ${owner}.` },
                { parent: this },
            );
            this.groups.set(owner, group);
        }
        return pulumi.interpolate`orn:${this.partition}:directory:${this.orgId}:groups:${group.id}`;
    }

    /** The ORN of an OAuth app, for resourceOrns. */
    appOrn(appId: pulumi.Input<string>): pulumi.Output<string> {
        return pulumi.interpolate`orn:${this.partition}:idp:${this.orgId}:apps:${OAUTH_APP_DEFINITION}:${appId}`;
    }
}

// One explicit provider per cloud for the stack's environment. Every resource of the program is
// created through these (the stack files also set pulumi:disable-default-providers), so nothing
// can land in another environment's account or Okta org by falling back to ambient credentials.

import * as aws from "@pulumi/aws";
import * as okta from "@pulumi/okta";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import * as time from "@pulumiverse/time";
import type { Environment } from "./environment";

export const MANAGED_BY = "pulumi/blastwall";

/** The tags every AWS resource carries (through the provider's defaultTags). */
export function standardTags(environment: string, owner: string): Record<string, string> {
    return { Environment: environment, Owner: owner, ManagedBy: MANAGED_BY };
}

export interface EnvironmentProviders {
    readonly aws: aws.Provider;
    readonly okta: okta.Provider;
    readonly time: time.Provider;
    /** Local key generation (Okta service apps' key pairs): no account, but never a default provider either. */
    readonly tls: tls.Provider;
    /** All of them, for a component's `providers` option: its children inherit them. */
    readonly all: pulumi.ProviderResource[];
}

/**
 * Providers bound to `environment`: AWS refuses any account but the environment's
 * (allowedAccountIds) and tags everything with Environment, Owner and ManagedBy; Okta talks to
 * the environment's org. Credentials for both come from the deployer's environment variables
 * (AWS_PROFILE, OKTA_API_TOKEN or OKTA_API_PRIVATE_KEY...), never from config.
 */
export function environmentProviders(environment: Environment, owner: string): EnvironmentProviders {
    const awsProvider = new aws.Provider(`aws-${environment.name}`, {
        region: environment.region as aws.Region,
        allowedAccountIds: [...environment.awsAccountIds],
        defaultTags: { tags: standardTags(environment.name, owner) },
    });
    const oktaProvider = new okta.Provider(`okta-${environment.name}`, {
        orgName: environment.okta.orgName,
        baseUrl: environment.okta.baseUrl,
    });
    const timeProvider = new time.Provider(`time-${environment.name}`);
    const tlsProvider = new tls.Provider(`tls-${environment.name}`);
    return { aws: awsProvider, okta: oktaProvider, time: timeProvider, tls: tlsProvider, all: [awsProvider, oktaProvider, timeProvider, tlsProvider] };
}

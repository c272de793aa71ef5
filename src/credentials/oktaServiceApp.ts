// An Okta service app (OAuth 2.0 client credentials) that authenticates with a signed JWT
// (private_key_jwt) instead of a client secret, and whose owner Okta records. There is no shared
// secret to leak or to forget to rotate: the service keeps its private key and publishes the
// public half at `jwksUri`, so it rotates keys without touching Okta or this stack.

import * as okta from "@pulumi/okta";
import * as pulumi from "@pulumi/pulumi";
import { ConfigurationError } from "../errors";
import { credentialArgProblems } from "./limits";
import type { OktaOwnerDirectory } from "./oktaOwners";

export interface OktaServiceAppArgs {
    /** The team that answers for the app: recorded in Okta as its resource owner. */
    readonly owner: string;
    /** The stack's owner directory: where the owner's group and the ORNs come from. */
    readonly owners: OktaOwnerDirectory;
    /** Where the service publishes its public keys (preferred: it rotates them there). */
    readonly jwksUri?: pulumi.Input<string>;
    /** Or the public keys themselves; rotating means changing this list. */
    readonly publicKeys?: pulumi.Input<okta.types.input.app.OAuthJwk>[];
}

export class OktaServiceApp extends pulumi.ComponentResource {
    readonly appId: pulumi.Output<string>;
    readonly clientId: pulumi.Output<string>;

    constructor(name: string, args: OktaServiceAppArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = credentialArgProblems("OktaServiceApp", name, args.owner, undefined);
        if ((args.jwksUri === undefined) === (args.publicKeys === undefined)) {
            problems.push(`OktaServiceApp '${name}': give exactly one of jwksUri and publicKeys, so that Okta can verify the service's signed JWTs (jwksUri lets the service rotate its keys on its own).`);
        }
        if (problems.length > 0) throw new ConfigurationError(problems);
        super("blastwall:credentials:OktaServiceApp", name, {}, opts);

        const app = new okta.app.OAuth(
            name,
            {
                label: name,
                type: "service",
                grantTypes: ["client_credentials"],
                responseTypes: ["token"],
                tokenEndpointAuthMethod: "private_key_jwt",
                jwksUri: args.jwksUri,
                jwks: args.publicKeys,
                // No client secret is issued or kept in state; Okta rotates its own signing keys.
                omitSecret: true,
                autoKeyRotation: true,
            },
            { parent: this },
        );
        new okta.ResourceOwner(
            name,
            { resourceOrns: [args.owners.appOrn(app.id)], principalOrns: [args.owners.ownerOrn(args.owner)] },
            { parent: this },
        );
        this.appId = app.id;
        this.clientId = app.clientId;
        this.registerOutputs({ appId: this.appId, clientId: this.clientId });
    }
}

// An Okta service app (OAuth 2.0 client credentials) that authenticates with a signed JWT
// (private_key_jwt) instead of a client secret, and whose owner Okta records. Okta holds only the
// public half of the key; the private half is made here (a tls.PrivateKey, kept as a secret in
// the stack's state) and handed to the service through a secret stack output.
//
// Okta's `autoKeyRotation` rotates the keys Okta signs tokens with, not this client's key pair, so
// the key pair rotates on its own schedule: a time.Rotating re-creates the tls.PrivateKey once
// `rotationDays` have passed (the next `pulumi up` after that date), which puts a new public key,
// with a new key id, into the app's `jwks`. The service reads the new private key at its next
// deploy.

import { createHash, createPublicKey } from "node:crypto";
import * as okta from "@pulumi/okta";
import * as pulumi from "@pulumi/pulumi";
import * as time from "@pulumiverse/time";
import * as tls from "@pulumi/tls";
import { ConfigurationError } from "../errors";
import { credentialArgProblems, DEFAULT_ROTATION_DAYS } from "./limits";
import type { OktaOwnerDirectory } from "./oktaOwners";

export interface OktaServiceAppArgs {
    /** The team that answers for the app: recorded in Okta as its resource owner. */
    readonly owner: string;
    /** The stack's owner directory: where the owner's group and the ORNs come from. */
    readonly owners: OktaOwnerDirectory;
    /** How often the client's key pair is re-created: 1 to 90; default 30. */
    readonly rotationDays?: number;
}

/** The public JWK Okta verifies the client's JWTs with, its key id the RFC 7638 thumbprint. */
export function publicJwk(publicKeyPem: string): okta.types.input.app.OAuthJwk {
    const jwk = createPublicKey(publicKeyPem).export({ format: "jwk" });
    if (jwk.kty !== "RSA" || typeof jwk.n !== "string" || typeof jwk.e !== "string") throw new Error("the client key is not an RSA public key");
    const kid = createHash("sha256").update(JSON.stringify({ e: jwk.e, kty: "RSA", n: jwk.n })).digest("base64url");
    return { kty: "RSA", kid, e: jwk.e, n: jwk.n };
}

export class OktaServiceApp extends pulumi.ComponentResource {
    readonly appId: pulumi.Output<string>;
    readonly clientId: pulumi.Output<string>;
    /** Secret: the PEM private key the service signs its client assertions with. */
    readonly privateKeyPem: pulumi.Output<string>;
    /** When the next `pulumi up` will re-create the key pair (RFC 3339). */
    readonly keyRotatesAt: pulumi.Output<string>;

    constructor(name: string, args: OktaServiceAppArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = credentialArgProblems("OktaServiceApp", name, args.owner, args.rotationDays);
        if (problems.length > 0) throw new ConfigurationError(problems);
        super("blastwall:credentials:OktaServiceApp", name, {}, opts);

        const rotation = new time.Rotating(`${name}-key`, { rotationDays: args.rotationDays ?? DEFAULT_ROTATION_DAYS }, { parent: this });
        // replaceWith is what rotates the key; dependsOn states the same link for anyone reading
        // the resource graph (the policy pack takes it as the key's rotation evidence).
        const key = new tls.PrivateKey(`${name}-key`, { algorithm: "RSA", rsaBits: 2048 }, { parent: this, dependsOn: [rotation], replaceWith: [rotation] });
        const app = new okta.app.OAuth(
            name,
            {
                label: name,
                type: "service",
                grantTypes: ["client_credentials"],
                responseTypes: ["token"],
                tokenEndpointAuthMethod: "private_key_jwt",
                jwks: [key.publicKeyPem.apply(publicJwk)],
                // No client secret is issued or kept in state. autoKeyRotation concerns the keys
                // Okta signs tokens with (kept on: Okta rotates them), not this client's key pair.
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
        this.privateKeyPem = pulumi.secret(key.privateKeyPem);
        this.keyRotatesAt = rotation.rotationRfc3339;
        this.registerOutputs({ appId: this.appId, clientId: this.clientId, privateKeyPem: this.privateKeyPem, keyRotatesAt: this.keyRotatesAt });
    }
}

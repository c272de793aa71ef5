// Everything one environment's stack declares: its providers, its segmented network and the
// credentials its stack config lists, each through the reusable components.

import * as pulumi from "@pulumi/pulumi";
import { OktaOwnerDirectory } from "./credentials/oktaOwners";
import { OktaServiceApp } from "./credentials/oktaServiceApp";
import { RotatedSecret } from "./credentials/rotatedSecret";
import { RotatingAccessKey } from "./credentials/rotatingAccessKey";
import { SecretRotator } from "./credentials/secretRotator";
import type { Environment } from "./environment";
import { SegmentedNetwork } from "./network/segmentedNetwork";
import { DEFAULT_ROTATION_DAYS } from "./credentials/limits";
import { environmentProviders } from "./providers";
import type { StackSettings } from "./settings";

export interface CredentialSummary {
    readonly name: string;
    readonly owner: string;
    readonly rotation: string;
}

export interface DeployedEnvironment {
    readonly network: SegmentedNetwork;
    readonly credentials: readonly CredentialSummary[];
    readonly oktaClientIds: Readonly<Record<string, pulumi.Output<string>>>;
    /** Secret: each Okta service app's private key, for the service that signs with it. */
    readonly oktaClientKeys: Readonly<Record<string, pulumi.Output<string>>>;
}

export function deployEnvironment(environment: Environment, settings: StackSettings): DeployedEnvironment {
    const providers = environmentProviders(environment, settings.owner);
    const withProviders = { providers: providers.all };
    const { accessKeys, secrets, oktaServiceApps } = settings.credentials;

    const network = new SegmentedNetwork(
        environment.name,
        {
            environment,
            availabilityZones: settings.availabilityZones,
            nat: settings.nat,
            flowLogRetentionDays: settings.flowLogRetentionDays,
        },
        withProviders,
    );

    const credentials: CredentialSummary[] = [];
    for (const spec of accessKeys) {
        new RotatingAccessKey(
            spec.name,
            { owner: spec.owner, rotationDays: spec.rotationDays, policyArns: spec.policyArns, actions: spec.actions, accountId: environment.accountId },
            withProviders,
        );
        credentials.push({ name: spec.name, owner: spec.owner, rotation: `replaced every ${spec.rotationDays ?? DEFAULT_ROTATION_DAYS} days (time.Rotating)` });
    }

    if (secrets.length > 0) {
        const rotator = new SecretRotator(
            "secret-rotator",
            { environment: environment.name, accountId: environment.accountId, region: environment.region, logRetentionDays: settings.flowLogRetentionDays },
            withProviders,
        );
        for (const spec of secrets) {
            new RotatedSecret(
                spec.name,
                { owner: spec.owner, rotationDays: spec.rotationDays, description: spec.description, rotationLambdaArn: rotator.functionArn },
                withProviders,
            );
            credentials.push({ name: spec.name, owner: spec.owner, rotation: `rotated by Secrets Manager every ${spec.rotationDays ?? DEFAULT_ROTATION_DAYS} days` });
        }
    }

    const oktaClientIds: Record<string, pulumi.Output<string>> = {};
    /** Secret: each service app's private key, for the service that signs with it. */
    const oktaClientKeys: Record<string, pulumi.Output<string>> = {};
    if (oktaServiceApps.length > 0) {
        const owners = new OktaOwnerDirectory("okta-owners", { org: environment.okta, environment: environment.name }, withProviders);
        for (const spec of oktaServiceApps) {
            const app = new OktaServiceApp(spec.name, { owner: spec.owner, owners, rotationDays: spec.rotationDays }, withProviders);
            oktaClientIds[spec.name] = app.clientId;
            oktaClientKeys[spec.name] = app.privateKeyPem;
            credentials.push({ name: spec.name, owner: spec.owner, rotation: `private_key_jwt: key pair re-created every ${spec.rotationDays ?? DEFAULT_ROTATION_DAYS} days` });
        }
    }

    return { network, credentials, oktaClientIds, oktaClientKeys };
}

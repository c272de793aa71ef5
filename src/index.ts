// The network project's program: reads the stack's config (stacks/Pulumi.<stack>.yaml), finds
// its environment in the plan, and declares that environment. A mistake in config stops the
// program with the message alone (which names the option and the fix), not a stack trace.

import * as pulumi from "@pulumi/pulumi";
import { deployEnvironment } from "./deployEnvironment";
import { resolveEnvironment } from "./environment";
import { ConfigurationError } from "./errors";
import { readStackSettings } from "./settings";

function configured<T>(build: () => T): T {
    try {
        return build();
    } catch (error) {
        if (error instanceof ConfigurationError) throw new pulumi.RunError(error.message);
        throw error;
    }
}

const config = new pulumi.Config("blastwall");
const settings = configured(() => readStackSettings((key) => config.get(key)));
const environment = configured(() => resolveEnvironment(settings.environment, pulumi.getStack()));
const deployed = configured(() => deployEnvironment(environment, settings));

export const environmentName = environment.name;
export const region = environment.region;
export const vpcId = deployed.network.vpcId;
export const subnetIds = deployed.network.subnetIds;
export const natGatewayIds = deployed.network.natGatewayIds;
export const flowLogId = deployed.network.flowLogId;
export const credentials = deployed.credentials;
export const oktaClientIds = deployed.oktaClientIds;
export const oktaClientKeys = deployed.oktaClientKeys;

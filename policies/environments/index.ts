// Concern 2: mixed environments.
import { noCrossEnvironmentNetworkPath } from "./noCrossEnvironmentNetworkPath";
import { noCrossEnvironmentStackReference } from "./noCrossEnvironmentStackReference";
import { noCrossEnvironmentTrust } from "./noCrossEnvironmentTrust";
import { providerMatchesEnvironment } from "./providerMatchesEnvironment";
import { resourceEnvironmentMatchesStack } from "./resourceEnvironmentMatchesStack";
import { stackEnvironmentKnown } from "./stackEnvironmentKnown";

export const environmentPolicies = [
    stackEnvironmentKnown,
    resourceEnvironmentMatchesStack,
    noCrossEnvironmentNetworkPath,
    noCrossEnvironmentTrust,
    providerMatchesEnvironment,
    noCrossEnvironmentStackReference,
];

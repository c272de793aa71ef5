// Concern 2: mixed environments.
import { stackEnvironmentKnown } from "./stackEnvironmentKnown";

export const environmentPolicies = [stackEnvironmentKnown];

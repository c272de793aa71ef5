// Concern 4: blast radius (what a stolen credential could reach).
import { credentialNoEscalation } from "./credentialNoEscalation";
import { credentialReachWithinEnvironment } from "./credentialReachWithinEnvironment";

export const reachPolicies = [credentialReachWithinEnvironment, credentialNoEscalation];

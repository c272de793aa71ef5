import { withComponentParts } from "../components";
import { defineStackPolicy, Finding } from "../lib/define";
import type { ResourceView } from "../lib/model";
import type { PathStep } from "../lib/props";
import { environmentsSetting, stackEnvironmentsSetting, tagKeysSetting } from "../lib/settings/common";
import { endpointsOf } from "./network/declarations";
import type { Endpoint } from "./network/endpoints";
import { judgeEndpoint } from "./network/judge";
import { pathText, subject } from "./support/describe";
import { distinct, EnvironmentScope, inEnvironment } from "./support/scope";
import { cannotVerify } from "./support/unknown";

/** Inline lists whose items are rules or routes: a message says which item. */
const BLOCK_KEYS = new Set(["ingress", "egress", "routes"]);

function where(path: readonly PathStep[]): string {
    return BLOCK_KEYS.has(String(path[0])) && typeof path[1] === "number" ? ` in ${path[0]}[${path[1]}]` : "";
}

function fixOf(scope: EnvironmentScope, endpoint: Endpoint): string {
    return endpoint.action.fix(scope.own, scope.plan.rangesOf(scope.own), scope.plan.accountsOf(scope.own));
}

function findingsOf(scope: EnvironmentScope, resource: ResourceView): Finding[] {
    const findings: Finding[] = [];
    const unverifiable: Endpoint[] = [];
    for (const endpoint of endpointsOf(resource.type, resource.props)) {
        const verdict = judgeEndpoint(scope, resource, endpoint);
        if (verdict.kind === "reaches") {
            findings.push({
                message: `${subject(resource, scope.own)} ${endpoint.action.verb} ${verdict.reached}${where(endpoint.path)}; ${fixOf(scope, endpoint)}.`,
                urn: resource.urn,
            });
        } else if (verdict.kind === "unverifiable") {
            unverifiable.push(endpoint);
        }
    }
    if (unverifiable.length > 0) {
        const paths = [...new Set(unverifiable.map((e) => pathText(e.path)))];
        const promise = `it stays within ${scope.own} (${scope.plan.rangesOf(scope.own)}, account ${scope.plan.accountsOf(scope.own)})`;
        findings.push({ message: cannotVerify(scope, resource, paths, promise), urn: resource.urn });
    }
    return findings;
}

export const noCrossEnvironmentNetworkPath = defineStackPolicy({
    name: "no-cross-environment-network-path",
    description:
        "No security group, network ACL, route, VPC peering, transit gateway, VPN or PrivateLink declaration may open a path into or out of another environment's address range or account.",
    severity: "critical",
    remediationSteps:
        "Admit, route, peer and attach only the stack's own environment: its address ranges and its AWS account (see the `environments` setting). Deny rules in network ACLs are fine. Connect environments only through a reviewed, separately governed path outside these stacks.",
    framework: {
        name: "CIS AWS Foundations Benchmark",
        version: "3.0.0",
        reference: "5.5",
        specification: "Ensure routing tables for VPC peering are 'least access'",
    },
    tags: ["environments", "network"],
    settings: [environmentsSetting, stackEnvironmentsSetting, tagKeysSetting],
    checkStack: (stack, { settings }) =>
        inEnvironment(stack, settings, (scope) => distinct(withComponentParts(stack).flatMap((resource) => findingsOf(scope, resource)))),
});

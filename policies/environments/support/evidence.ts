// Which environment a resource of the stack belongs to, judged from what it says about itself:
// a StackReference names a stack; a VPC, subnet, prefix list or customer gateway has addresses;
// a resource may have an owner account, an environment tag, a provider pinned to an account, or
// live in a VPC. Values unknown during preview are followed through the graph to the resources
// that compute them. A resource that shows no evidence is simply in the stack: rules take it to
// be the stack's own (resource-environment-matches-stack and provider-matches-environment judge
// its tags and provider separately).

import { isAnyAddress, parseCidr } from "../../lib/cidr";
import { trace } from "../../lib/graph";
import type { ResourceView } from "../../lib/model";
import { get, getArray, getString, PathStep, UNKNOWN } from "../../lib/props";
import { tagValue } from "../../lib/tags";
import type { EnvironmentScope } from "./scope";

export interface Evidence {
    readonly environment: string;
    /** Why, for messages: "10.20.0.0/16", "account 100000000020", "stack acme/network/staging". */
    readonly reason: string;
}

export const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";
const PREFIX_LIST_TYPE = "aws:ec2/managedPrefixList:ManagedPrefixList";
const PREFIX_LIST_ENTRY_TYPE = "aws:ec2/managedPrefixListEntry:ManagedPrefixListEntry";
const CIDR_ASSOCIATION_TYPES = new Set(["aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation", "aws:ec2/vpcIpv6CidrBlockAssociation:VpcIpv6CidrBlockAssociation"]);

/** Where each address-bearing type keeps its addresses. */
const ADDRESS_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
    "aws:ec2/vpc:Vpc": ["cidrBlock", "ipv6CidrBlock"],
    "aws:ec2/defaultVpc:DefaultVpc": ["cidrBlock", "ipv6CidrBlock"],
    "aws:ec2/subnet:Subnet": ["cidrBlock", "ipv6CidrBlock"],
    "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation": ["cidrBlock"],
    "aws:ec2/vpcIpv6CidrBlockAssociation:VpcIpv6CidrBlockAssociation": ["ipv6CidrBlock"],
    "aws:ec2/managedPrefixListEntry:ManagedPrefixListEntry": ["cidr"],
    "aws:ec2/customerGateway:CustomerGateway": ["ipAddress"],
};

/** Properties that name the network a resource lives in, or the IPAM pool its range comes from. */
const CONTAINER_PROPERTIES = ["vpcId", "ipv4IpamPoolId", "ipv6IpamPoolId"];

export function evidenceOf(scope: EnvironmentScope, resource: ResourceView): readonly Evidence[] {
    if (resource.type === STACK_REFERENCE_TYPE) return stackReferenceEvidence(scope, resource);
    const found: Evidence[] = [];
    const add = (items: readonly Evidence[]) => {
        for (const item of items) {
            if (!found.some((e) => e.environment === item.environment && e.reason === item.reason)) found.push(item);
        }
    };
    for (const property of ADDRESS_PROPERTIES[resource.type] ?? []) add(rangeEvidence(scope, resource, [property]));
    if (resource.type === PREFIX_LIST_TYPE) add(prefixListEvidence(scope, resource));
    if (resource.type === "aws:ec2/vpc:Vpc") {
        for (const association of scope.graph.referrers(resource.urn, "vpcId")) {
            if (CIDR_ASSOCIATION_TYPES.has(association.type)) add(scope.evidence(association));
        }
    }
    add(accountEvidence(scope, getString(resource.props, "ownerId"), "account"));
    add(tagEvidence(scope, resource));
    if (resource.provider?.type === "pulumi:providers:aws") {
        for (const claim of scope.providerAccounts(resource.provider)) {
            if (claim.account !== UNKNOWN) add(accountEvidence(scope, claim.account, "provider account"));
        }
    }
    for (const property of CONTAINER_PROPERTIES) add(referencedEvidence(scope, resource, property));
    return found;
}

function stackReferenceEvidence(scope: EnvironmentScope, resource: ResourceView): readonly Evidence[] {
    const name = getString(resource.props, "name");
    if (typeof name !== "string") return [];
    const resolved = scope.stackNameEnvironment(name);
    return resolved.known ? [{ environment: resolved.environment, reason: `stack ${name}` }] : [];
}

function accountEvidence(scope: EnvironmentScope, account: unknown, label: string): readonly Evidence[] {
    if (typeof account !== "string") return [];
    const environment = scope.plan.environmentOfAccount(account);
    return environment ? [{ environment, reason: `${label} ${account.trim()}` }] : [];
}

function tagEvidence(scope: EnvironmentScope, resource: ResourceView): readonly Evidence[] {
    const tag = tagValue(resource, scope.tagKey);
    if (tag === UNKNOWN || tag === undefined) return [];
    const environment = tag.value.trim().toLowerCase();
    if (!Object.prototype.hasOwnProperty.call(scope.plan.plan, environment)) return [];
    return [{ environment, reason: `tagged ${tag.key}=${tag.value}` }];
}

/** The environments a range property names; an unknown range is traced to its sources. */
export function rangeEvidence(scope: EnvironmentScope, resource: ResourceView, path: readonly PathStep[]): readonly Evidence[] {
    const value = get(resource.props, ...path);
    if (value === UNKNOWN) return tracedEvidence(scope, resource, String(path[0]));
    const cidr = parseCidr(value);
    if (!cidr) return [];
    // Every environment the range touches, the stack's own included: callers filter.
    if (isAnyAddress(cidr)) return [];
    return scope.plan.environmentsOverlapping(cidr).map((environment) => ({ environment, reason: cidr.text }));
}

function prefixListEvidence(scope: EnvironmentScope, list: ResourceView): readonly Evidence[] {
    const found: Evidence[] = [];
    const entries = getArray(list.props, "entries");
    if (entries === UNKNOWN) found.push(...tracedEvidence(scope, list, "entries"));
    else if (entries) entries.forEach((_, i) => found.push(...rangeEvidence(scope, list, ["entries", i, "cidr"])));
    // Entries declared as their own resources point at the list by dependency or by id.
    const id = getString(list.props, "id");
    const separate = [...scope.graph.referrers(list.urn, "prefixListId"), ...(typeof id === "string" ? scope.graph.withOutput("prefixListId", id) : [])];
    for (const entry of new Set(separate)) {
        if (entry.type === PREFIX_LIST_ENTRY_TYPE) found.push(...scope.evidence(entry));
    }
    return found;
}

/** The evidence of the resource a reference property points at: by dependency, else by id. */
function referencedEvidence(scope: EnvironmentScope, resource: ResourceView, property: string): readonly Evidence[] {
    const value = get(resource.props, property);
    if (value === undefined) return [];
    const sources = scope.graph.sources(resource, property);
    if (sources.length > 0) return sources.flatMap((source) => scope.evidence(source));
    if (typeof value !== "string") return [];
    return scope.graph.withOutput("id", value).flatMap((target) => (target === resource ? [] : scope.evidence(target)));
}

/** Evidence of the resources an unknown property will be computed from. */
export function tracedEvidence(scope: EnvironmentScope, resource: ResourceView, property: string): readonly Evidence[] {
    const traced = trace(scope.stack, resource, property, (source) => {
        const evidence = scope.evidence(source);
        return evidence.length > 0 ? { decided: evidence } : undefined;
    });
    return traced.decisions.flatMap((decision) => decision.value);
}

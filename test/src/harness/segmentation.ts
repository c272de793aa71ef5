// What segmentation means, checked over everything a stack registered: no resource that
// connects networks, no route that leaves the VPC except to the internet, network ACLs that
// wholly deny every other environment's range on every subnet, no mention of another
// environment's account, providers bound to this environment. Returns one line per breach.

import { contains, overlaps, parseCidr } from "../../../policies/lib/cidr";
import type { EnvironmentPlan } from "../../../policies/lib/plan";
import { DeniedRange, otherEnvironmentRanges } from "../../../src/network/nacl";
import { CapturedResource, SECRET_SIGNATURE_KEY, StackCapture } from "./capture";

/** Resource types that join a VPC to another network: an environment declares none of them. */
export const CONNECTING_TYPES: readonly string[] = [
    "aws:ec2/vpcPeeringConnection:",
    "aws:ec2/vpcPeeringConnectionAccepter:",
    "aws:ec2transitgateway/",
    "aws:ec2/transitGateway",
    "aws:ec2/vpnConnection:",
    "aws:ec2/vpnGateway",
    "aws:ec2/customerGateway:",
    "aws:ec2/vpcEndpoint",
    "aws:directconnect/",
    "aws:networkmanager/",
];

const INTERNET = ["0.0.0.0/0", "::/0"];
const ROUTE_TARGETS = ["gatewayId", "natGatewayId", "transitGatewayId", "vpcPeeringConnectionId", "vpcEndpointId", "networkInterfaceId", "carrierGatewayId", "coreNetworkArn", "egressOnlyGatewayId", "localGatewayId"];

export interface AclEntry {
    readonly ruleNo: number;
    readonly action: string;
    readonly cidrBlock?: string;
    readonly ipv6CidrBlock?: string;
}

/** A value with every secret wrapper removed (the checks look at what the provider receives). */
export function plain(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(plain);
    if (value !== null && typeof value === "object") {
        const record = value as Record<string, unknown>;
        if (SECRET_SIGNATURE_KEY in record) return plain(record.value);
        return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, plain(v)]));
    }
    return value;
}

function stringLeaves(value: unknown, path: string, out: [string, string][] = []): [string, string][] {
    if (typeof value === "string") out.push([path, value]);
    else if (Array.isArray(value)) value.forEach((v, i) => stringLeaves(v, `${path}[${i}]`, out));
    else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) stringLeaves(v, path ? `${path}.${k}` : k, out);
    return out;
}

/** True when the entries deny every address of `range`: a deny covers it and no allow touching it comes first. */
export function deniesWholly(entries: readonly AclEntry[], range: string): boolean {
    const target = parseCidr(range);
    if (!target) return false;
    const rangeOf = (e: AclEntry) => parseCidr(e.cidrBlock || e.ipv6CidrBlock);
    const touching = entries.filter((e) => {
        const r = rangeOf(e);
        return r !== undefined && overlaps(r, target);
    });
    const deny = touching.find((e) => e.action === "deny" && contains(rangeOf(e)!, target));
    return deny !== undefined && touching.every((e) => e.action === "deny" || e.ruleNo > deny.ruleNo);
}

function routeProblems(name: string, route: Record<string, unknown>, others: readonly DeniedRange[], ids: ReadonlyMap<string, CapturedResource>): string[] {
    const problems: string[] = [];
    if (route.destinationPrefixListId) problems.push(`Route '${name}' sends a prefix list out of the VPC, which cannot be checked against the plan.`);
    const destination = String(route.destinationCidrBlock ?? route.destinationIpv6CidrBlock ?? route.cidrBlock ?? route.ipv6CidrBlock ?? "");
    const parsed = parseCidr(destination);
    for (const other of others) {
        const range = parseCidr(other.cidr);
        if (parsed && range && overlaps(parsed, range) && !INTERNET.includes(destination)) {
            problems.push(`Route '${name}' sends ${destination} (${other.environment}'s ${other.cidr}) out of the VPC.`);
        }
    }
    for (const key of ROUTE_TARGETS) {
        const target = route[key];
        if (target === undefined || target === "") continue;
        const type = ids.get(String(target))?.type;
        const allowed = (key === "gatewayId" && type === "aws:ec2/internetGateway:InternetGateway") || (key === "natGatewayId" && type === "aws:ec2/natGateway:NatGateway");
        if (!allowed) problems.push(`Route '${name}' targets ${key} ${String(target)}, which is not this VPC's internet gateway or NAT gateway.`);
    }
    return problems;
}

export function segmentationViolations(capture: StackCapture, plan: EnvironmentPlan, environment: string): string[] {
    const problems: string[] = [];
    const others = otherEnvironmentRanges(plan, environment);
    const ids = new Map(capture.resources.filter((r) => r.id).map((r) => [r.id, r]));
    const ofType = (type: string) => capture.resources.filter((r) => r.type === type);
    const inputs = (r: CapturedResource) => plain(r.inputs) as Record<string, unknown>;

    for (const r of capture.resources) {
        if (CONNECTING_TYPES.some((prefix) => r.type.startsWith(prefix))) problems.push(`${r.type} '${r.name}' connects the VPC to another network.`);
    }

    for (const r of ofType("aws:ec2/route:Route")) problems.push(...routeProblems(r.name, inputs(r), others, ids));
    for (const r of ofType("aws:ec2/routeTable:RouteTable")) {
        for (const route of (inputs(r).routes as Record<string, unknown>[] | undefined) ?? []) problems.push(...routeProblems(`${r.name} (inline)`, route, others, ids));
    }

    const acls = ofType("aws:ec2/networkAcl:NetworkAcl").map((acl) => {
        const rules = ofType("aws:ec2/networkAclRule:NetworkAclRule").map(inputs).filter((rule) => rule.networkAclId === acl.id);
        const entries = (direction: "ingress" | "egress") => [
            ...((inputs(acl)[direction] as AclEntry[] | undefined) ?? []),
            ...rules.filter((rule) => Boolean(rule.egress) === (direction === "egress")).map((rule) => ({ ...rule, ruleNo: Number(rule.ruleNumber), action: String(rule.ruleAction) }) as AclEntry),
        ];
        return { acl, subnets: ((inputs(acl).subnetIds as string[] | undefined) ?? []), ingress: entries("ingress"), egress: entries("egress") };
    });
    for (const subnet of ofType("aws:ec2/subnet:Subnet")) {
        const covering = acls.filter((a) => a.subnets.includes(subnet.id));
        if (covering.length !== 1) {
            problems.push(`Subnet '${subnet.name}' is in ${covering.length} network ACLs; it needs exactly one that denies the other environments.`);
            continue;
        }
        for (const other of others) {
            for (const direction of ["ingress", "egress"] as const) {
                if (!deniesWholly(covering[0][direction], other.cidr)) {
                    problems.push(`Network ACL '${covering[0].acl.name}' of subnet '${subnet.name}' does not deny ${direction} ${other.cidr} (${other.environment}).`);
                }
            }
        }
    }

    const foreignAccounts = Object.entries(plan).filter(([name]) => name !== environment).flatMap(([name, spec]) => spec.awsAccountIds.map((id) => ({ name, id })));
    for (const r of capture.resources) {
        for (const [path, text] of stringLeaves(inputs(r), "")) {
            for (const account of foreignAccounts) {
                if (text.includes(account.id)) problems.push(`${r.type} '${r.name}' names ${account.name}'s account ${account.id} in ${path}.`);
            }
        }
    }

    const own = plan[environment];
    for (const p of ofType("pulumi:providers:aws")) {
        const allowed = JSON.parse(String(inputs(p).allowedAccountIds ?? "[]")) as string[];
        if (JSON.stringify(allowed) !== JSON.stringify(own.awsAccountIds)) problems.push(`AWS provider '${p.name}' allows accounts ${JSON.stringify(allowed)}, not ${environment}'s ${JSON.stringify(own.awsAccountIds)}.`);
    }
    for (const p of ofType("pulumi:providers:okta")) {
        if (inputs(p).orgName !== own.okta?.orgName || inputs(p).baseUrl !== own.okta?.baseUrl) problems.push(`Okta provider '${p.name}' talks to ${String(inputs(p).orgName)}.${String(inputs(p).baseUrl)}, not ${environment}'s org.`);
    }
    return problems;
}

// Network ACLs are evaluated in rule-number order and the first match wins. The shipped stacks
// deny every other environment's range before a broad allow, so an allow of 10.0.0.0/8 at rule
// 200 after denies of staging and test at 100 and 110 opens no path to them. An allow is
// shadowed for a range when a lower-numbered deny of the same ACL and direction covers that
// range, protocol and ports. Anything unknown shadows nothing (the allow is judged as written).

import { Cidr, contains, parseCidr } from "../../lib/cidr";
import { stackGraph } from "../../lib/graph";
import type { ResourceView, StackView } from "../../lib/model";
import { get, getArray, getBoolean, getNumber, getString, isRecord, UNKNOWN } from "../../lib/props";
import type { NaclPosition } from "./endpoints";

const ACL_TYPES = new Set(["aws:ec2/networkAcl:NetworkAcl", "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl"]);
const ACL_RULE_TYPE = "aws:ec2/networkAclRule:NetworkAclRule";

interface Deny {
    readonly egress: boolean;
    readonly ruleNo: number;
    readonly protocol: string;
    readonly fromPort: number | undefined;
    readonly toPort: number | undefined;
    readonly cidr: Cidr;
}

const PROTOCOL_NUMBERS: Readonly<Record<string, string>> = { all: "-1", tcp: "6", udp: "17", icmp: "1", icmpv6: "58" };

function protocolNumber(protocol: string | undefined): string | undefined {
    if (protocol === undefined) return undefined;
    const lower = protocol.trim().toLowerCase();
    return PROTOCOL_NUMBERS[lower] ?? lower;
}

/** The ACL a NetworkAclRule belongs to: its dependency's URN, else the ACL with that id, else the id. */
function aclKeyOfRule(stack: StackView, rule: ResourceView): string | undefined {
    const graph = stackGraph(stack);
    const source = graph.sources(rule, "networkAclId").find((r) => ACL_TYPES.has(r.type));
    if (source) return source.urn;
    const id = getString(rule.props, "networkAclId");
    if (typeof id !== "string") return undefined;
    const byId = graph.withOutput("id", id).find((r) => ACL_TYPES.has(r.type));
    return byId ? byId.urn : `id:${id}`;
}

function denyOf(entry: unknown, action: unknown, egress: boolean, ruleNo: unknown): Deny[] {
    if (typeof action !== "string" || action.trim().toLowerCase() !== "deny" || typeof ruleNo !== "number") return [];
    const protocol = protocolNumber(typeof get(entry, "protocol") === "string" ? (get(entry, "protocol") as string) : undefined);
    if (protocol === undefined) return [];
    const port = (key: string) => {
        const value = getNumber(entry, key);
        return typeof value === "number" ? value : undefined;
    };
    return ["cidrBlock", "ipv6CidrBlock"].flatMap((key) => {
        const cidr = parseCidr(get(entry, key));
        return cidr ? [{ egress, ruleNo, protocol, fromPort: port("fromPort"), toPort: port("toPort"), cidr }] : [];
    });
}

const indexes = new WeakMap<StackView, Map<string, Deny[]>>();

/** Every deny entry of the stack, by ACL: inline entries and NetworkAclRule resources alike. */
function denyIndex(stack: StackView): Map<string, Deny[]> {
    const cached = indexes.get(stack);
    if (cached) return cached;
    const index = new Map<string, Deny[]>();
    const add = (key: string | undefined, denies: Deny[]) => {
        if (key === undefined || denies.length === 0) return;
        index.set(key, [...(index.get(key) ?? []), ...denies]);
    };
    for (const resource of stack.resources) {
        if (ACL_TYPES.has(resource.type)) {
            for (const key of ["ingress", "egress"] as const) {
                const entries = getArray(resource.props, key);
                if (entries === UNKNOWN || !entries) continue;
                for (const entry of entries) {
                    if (!isRecord(entry)) continue;
                    const ruleNo = getNumber(entry, "ruleNo");
                    add(resource.urn, denyOf(entry, get(entry, "action"), key === "egress", ruleNo));
                }
            }
        } else if (resource.type === ACL_RULE_TYPE) {
            const egress = getBoolean(resource.props, "egress") === true;
            add(aclKeyOfRule(stack, resource), denyOf(resource.props, get(resource.props, "ruleAction"), egress, getNumber(resource.props, "ruleNumber")));
        }
    }
    indexes.set(stack, index);
    return index;
}

function covers(deny: Deny, allow: NaclPosition): boolean {
    if (deny.protocol === "-1") return true;
    const protocol = protocolNumber(allow.protocol);
    if (protocol !== deny.protocol) return false;
    if (protocol !== "6" && protocol !== "17") return true;
    if ([deny.fromPort, deny.toPort, allow.fromPort, allow.toPort].some((p) => p === undefined)) return false;
    return (deny.fromPort as number) <= (allow.fromPort as number) && (deny.toPort as number) >= (allow.toPort as number);
}

/** True when a lower-numbered deny of the same ACL keeps `part` out of this allow entry. */
export function isShadowed(stack: StackView, resource: ResourceView, position: NaclPosition, part: Cidr): boolean {
    if (position.ruleNo === undefined) return false;
    const key = position.acl === "self" ? resource.urn : aclKeyOfRule(stack, resource);
    if (key === undefined) return false;
    const denies = denyIndex(stack).get(key) ?? [];
    return denies.some((deny) => deny.egress === position.egress && deny.ruleNo < (position.ruleNo as number) && contains(deny.cidr, part) && covers(deny, position));
}

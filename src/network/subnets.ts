// Subnet maths for one environment's VPC: pure, no Pulumi, tested with properties.
//
// The VPC range is cut into four equal tier blocks (public, private, isolated, and one kept
// spare), and each block into eight zone slots. A subnet's range depends only on its tier and
// its zone's index, never on how many zones there are: moving a stack from two zones to three
// adds subnets and renumbers none, so no existing subnet (and nothing in it) is replaced.

import ipaddr from "ipaddr.js";

export type SubnetTier = "public" | "private" | "isolated";

/** In block order: the position of a tier in this list is its block in the VPC range. */
export const SUBNET_TIERS: readonly SubnetTier[] = ["public", "private", "isolated"];

const TIER_BLOCK_BITS = 2; // four blocks: three tiers and a spare
const ZONE_SLOT_BITS = 3; // eight zone slots per tier
export const MAX_ZONES = 2 ** ZONE_SLOT_BITS;

// AWS accepts VPC ranges from /16 to /28 and subnets down to /28; five bits of layout below
// the VPC prefix leave /21 subnets in a /16 and /28 subnets in a /23.
export const LARGEST_VPC_PREFIX = 16;
export const SMALLEST_VPC_PREFIX = 28 - TIER_BLOCK_BITS - ZONE_SLOT_BITS;

export interface PlannedSubnet {
    readonly tier: SubnetTier;
    /** Index into the environment's availability zones. */
    readonly zoneIndex: number;
    readonly cidr: string;
}

/**
 * Why `cidr` cannot hold an environment's VPC, as a phrase ("is an IPv6 range"), or undefined
 * when it can.
 */
export function vpcRangeProblem(cidr: string): string | undefined {
    if (!ipaddr.IPv4.isValidCIDRFourPartDecimal(cidr)) {
        return ipaddr.IPv6.isValidCIDR(cidr) ? "is an IPv6 range; the VPC needs an IPv4 range" : "is not an IPv4 range";
    }
    const [address, prefix] = ipaddr.IPv4.parseCIDR(cidr);
    if (prefix < LARGEST_VPC_PREFIX) return `is larger than the /${LARGEST_VPC_PREFIX} AWS allows for a VPC`;
    if (prefix > SMALLEST_VPC_PREFIX) {
        return `is smaller than /${SMALLEST_VPC_PREFIX}, which leaves no room for /28 subnets in three tiers of ${MAX_ZONES} zone slots`;
    }
    const network = ipaddr.IPv4.networkAddressFromCIDR(cidr).toString();
    if (network !== address.toString()) return `is not a network address (the network is ${network}/${prefix})`;
    return undefined;
}

function toNumber(address: ipaddr.IPv4): number {
    return address.toByteArray().reduce((n, byte) => n * 256 + byte, 0);
}

function toAddress(n: number): string {
    const bytes = [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256);
    return ipaddr.fromByteArray(bytes).toString();
}

/** The range of one tier's subnet in one zone slot of `vpcCidr`. */
export function subnetCidr(vpcCidr: string, tier: SubnetTier, zoneIndex: number): string {
    const problem = vpcRangeProblem(vpcCidr);
    if (problem) throw new Error(`The VPC range ${vpcCidr} ${problem}.`);
    if (!Number.isInteger(zoneIndex) || zoneIndex < 0 || zoneIndex >= MAX_ZONES) {
        throw new Error(`Zone index ${zoneIndex} is outside 0..${MAX_ZONES - 1}.`);
    }
    const [address, vpcPrefix] = ipaddr.IPv4.parseCIDR(vpcCidr);
    const subnetPrefix = vpcPrefix + TIER_BLOCK_BITS + ZONE_SLOT_BITS;
    const slot = SUBNET_TIERS.indexOf(tier) * MAX_ZONES + zoneIndex;
    return `${toAddress(toNumber(address) + slot * 2 ** (32 - subnetPrefix))}/${subnetPrefix}`;
}

/** Every subnet of a VPC over `zoneCount` zones: each tier in each zone, tier by tier. */
export function subnetLayout(vpcCidr: string, zoneCount: number, tiers: readonly SubnetTier[] = SUBNET_TIERS): PlannedSubnet[] {
    const layout: PlannedSubnet[] = [];
    for (const tier of tiers) {
        for (let zoneIndex = 0; zoneIndex < zoneCount; zoneIndex++) {
            layout.push({ tier, zoneIndex, cidr: subnetCidr(vpcCidr, tier, zoneIndex) });
        }
    }
    return layout;
}

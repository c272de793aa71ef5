// Address-range maths for the environment plan and the network rules: parse once, compare by
// prefix, IPv4 and IPv6. String comparison would miss that 10.20.4.0/24 lies inside staging's
// 10.20.0.0/16, or that 10.0.0.0/8 covers every environment.

import ipaddr from "ipaddr.js";

export interface Cidr {
    readonly family: 4 | 6;
    readonly address: ipaddr.IPv4 | ipaddr.IPv6;
    readonly prefix: number;
    /** As written by the user, trimmed: what messages show. */
    readonly text: string;
}

const parsed = new Map<string, Cidr | null>();
const PARSE_CACHE_LIMIT = 10_000;

/**
 * Parses "10.20.0.0/16", "2600:1f18::/56", or a bare address (a /32 or /128). Returns undefined
 * for anything else, including non-strings, so rules can pass raw property values.
 */
export function parseCidr(value: unknown): Cidr | undefined {
    if (typeof value !== "string") return undefined;
    const text = value.trim();
    const cached = parsed.get(text);
    if (cached !== undefined) return cached ?? undefined;
    const result = parseUncached(text);
    if (parsed.size >= PARSE_CACHE_LIMIT) parsed.clear();
    parsed.set(text, result ?? null);
    return result;
}

function parseUncached(text: string): Cidr | undefined {
    if (text.length === 0 || text.length > 64) return undefined;
    const withPrefix = text.includes("/") ? text : ipaddr.IPv6.isValid(text) ? `${text}/128` : `${text}/32`;
    try {
        if (ipaddr.IPv4.isValidCIDRFourPartDecimal(withPrefix)) {
            const [address, prefix] = ipaddr.IPv4.parseCIDR(withPrefix);
            return { family: 4, address, prefix, text };
        }
        if (ipaddr.IPv6.isValidCIDR(withPrefix)) {
            const [address, prefix] = ipaddr.IPv6.parseCIDR(withPrefix);
            return { family: 6, address, prefix, text };
        }
    } catch {
        // ipaddr.js throws on malformed input that slips past isValid; treat it as not a CIDR.
    }
    return undefined;
}

/** True when every address of `inner` is in `outer`. Ranges of different families never nest. */
export function contains(outer: Cidr, inner: Cidr): boolean {
    if (outer.family !== inner.family || inner.prefix < outer.prefix) return false;
    return inner.address.kind() === outer.address.kind() && inner.address.match(outer.address, outer.prefix);
}

/** True when the two ranges share at least one address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
    return contains(a, b) || contains(b, a);
}

/** The canonical network form ("10.20.4.7/16" becomes "10.20.0.0/16"). */
export function networkOf(cidr: Cidr): string {
    const network =
        cidr.family === 4
            ? ipaddr.IPv4.networkAddressFromCIDR(`${cidr.address.toString()}/${cidr.prefix}`)
            : ipaddr.IPv6.networkAddressFromCIDR(`${cidr.address.toString()}/${cidr.prefix}`);
    return `${network.toString()}/${cidr.prefix}`;
}

/** True for 0.0.0.0/0 and ::/0: "any address", which names no environment in particular. */
export function isAnyAddress(cidr: Cidr): boolean {
    return cidr.prefix === 0;
}

/**
 * The addresses two ranges share. Prefix ranges either nest or are disjoint, so the shared part
 * is the more specific of the two, or nothing.
 */
export function intersection(a: Cidr, b: Cidr): Cidr | undefined {
    if (contains(a, b)) return b;
    if (contains(b, a)) return a;
    return undefined;
}

// Who counts as a credential, and extra rotation requirements: the small readers the catalog
// entries (catalog.ts) use. Each reads properties through props.ts and never throws.

import { get, getString, PropertyBag, UNKNOWN } from "../lib/props";
import type { Applicability, RotationRequirement } from "./catalog-types";
import { oktaAuthMethod } from "./readings";

export const APPLIES: Applicability = { applies: true };

function present(props: PropertyBag, property: string): boolean {
    const value = get(props, property);
    return value === UNKNOWN || (value !== undefined && value !== null && value !== "");
}

export function kmsApplies(props: PropertyBag): Applicability {
    const spec = getString(props, "customerMasterKeySpec");
    if (spec === UNKNOWN) return { applies: "unknown", reason: "its customerMasterKeySpec is not known until the update runs" };
    if (spec === undefined || spec === "" || spec === "SYMMETRIC_DEFAULT") return APPLIES;
    return { applies: false, reason: "only symmetric encryption keys can rotate automatically" };
}

/** A master password that RDS manages, or a static one in `passwordProperties`. */
export function databasePasswordApplies(...passwordProperties: string[]) {
    return (props: PropertyBag): Applicability => {
        if (passwordProperties.some((p) => present(props, p))) return APPLIES;
        const managed = get(props, "manageMasterUserPassword");
        if (managed === UNKNOWN) return { applies: "unknown", reason: "its manageMasterUserPassword is not known until the update runs" };
        if (managed === true || managed === "true") return APPLIES;
        return { applies: false, reason: "it declares no master password (a replica or restore inherits its source's)" };
    };
}

export function oktaServiceAppApplies(props: PropertyBag): Applicability {
    const type = getString(props, "type");
    if (type === UNKNOWN) return { applies: "unknown", reason: "its app type is not known until the update runs" };
    if (type !== "service") return { applies: false, reason: "only service apps hold a machine credential" };
    const method = oktaAuthMethod(props);
    if (method === UNKNOWN) return { applies: "unknown", reason: "its tokenEndpointAuthMethod is not known until the update runs" };
    if (method === "none") return { applies: false, reason: "it authenticates with no client credential" };
    return APPLIES;
}

export const refreshTokensRotate: RotationRequirement = {
    check: (props) => {
        const grants = get(props, "grantTypes");
        if (grants === UNKNOWN) return { state: "unknown", fact: "its grantTypes are not known until the update runs" };
        if (!Array.isArray(grants) || !grants.includes("refresh_token")) return undefined;
        const rotation = getString(props, "refreshTokenRotation");
        if (rotation === UNKNOWN) return { state: "unknown", fact: "its refreshTokenRotation is not known until the update runs" };
        return rotation?.toUpperCase() === "ROTATE" ? undefined : { state: "violated", fact: "issues refresh tokens that never rotate (refreshTokenRotation is not ROTATE)" };
    },
    fix: 'set refreshTokenRotation: "ROTATE"',
};

/**
 * A private_key_jwt app whose key this deployment replaces: its `jwks` (or a key id in it) is
 * computed from a key created by this deployment, so it is unknown during preview. The key id
 * changing is the evidence that the client's key pair was re-issued.
 */
export function oktaKeyReplaced(props: PropertyBag): string | undefined {
    if (oktaAuthMethod(props) !== "private_key_jwt") return undefined;
    const jwks = get(props, "jwks");
    if (jwks === UNKNOWN) return "its jwks is computed from a key this deployment creates";
    if (!Array.isArray(jwks)) return undefined;
    return jwks.some((key, i) => get(jwks, i, "kid") === UNKNOWN || key === UNKNOWN) ? "the key id in its jwks is computed from a key this deployment creates" : undefined;
}

// The shape of one credential catalog entry. The catalog (catalog.ts) is a table of these, one per
// Pulumi type token; every credential rule reads it instead of knowing about resource types, so
// adding a type is adding one entry. The ownership rules read `owner`.

import type { PathStep, PropertyBag } from "../lib/props";

export const VENDORS = ["aws", "okta"] as const;
export type Vendor = (typeof VENDORS)[number];

export const CREDENTIAL_KINDS = [
    "aws-access-key",
    "aws-console-password",
    "aws-service-credential",
    "aws-signing-certificate",
    "aws-secret",
    "aws-kms-key",
    "aws-database-password",
    "okta-api-token",
    "okta-service-app",
    "okta-api-service-integration",
] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** Whether one resource of a catalog type is a credential the rules judge. */
export type Applicability =
    | { readonly applies: true }
    | { readonly applies: false; readonly reason: string }
    /** During preview: the property that decides is not known yet. */
    | { readonly applies: "unknown"; readonly reason: string };

/** Where the time the credential was issued (or last re-issued) comes from, tried in order. */
export type IssueSource =
    /** An output the provider sets when it issues the credential, e.g. an access key's `createDate`. */
    | { readonly from: "output"; readonly property: string }
    /** The `created` stamp of the state checkpoint (`blastwall check --state`; CHECKPOINT_PROPERTY). */
    | { readonly from: "checkpoint" }
    /**
     * The `rfc3339` of a `time:index/rotating:Rotating` the credential depends on (directly, or
     * through a generated secret such as a RandomPassword): the time it last re-issued it.
     */
    | { readonly from: "rotating" };

/** What a vendor's own rotation (or a companion resource) says, read from properties. */
export type RotationReading =
    | { readonly state: "on"; readonly intervalDays: number; readonly describe: string }
    | { readonly state: "off"; readonly reason: string }
    | { readonly state: "unknown"; readonly reason: string };

/**
 * A resource that rotates the credential from outside it: a Secrets Manager SecretRotation for a
 * secret, an account password policy for console passwords.
 */
export interface CompanionRotation {
    readonly type: string;
    /** "aws.secretsmanager.SecretRotation", for messages. */
    readonly label: string;
    /**
     * How a companion finds its credential. `property`: the companion's property that points at the
     * credential, through the graph (its propertyDependencies name the credential's URN) or by value
     * (it equals the credential's value at one of `matches`). "same-provider": every companion of
     * the type in the stack under the same provider (account-wide settings).
     */
    readonly link: { readonly property: string; readonly matches: readonly (readonly PathStep[])[] } | "same-provider";
    readonly rotation: (companion: PropertyBag) => RotationReading;
}

/** A rotation requirement beyond the credential's own rotation (an OAuth app's refresh tokens). */
export interface RotationRequirement {
    /** "violated" with the fact, "unknown" during preview, or undefined when met or not relevant. */
    readonly check: (props: PropertyBag) => { readonly state: "violated" | "unknown"; readonly fact: string } | undefined;
    readonly fix: string;
}

export interface StatusRule {
    readonly property: string;
    /** Values that mean "kept but not usable"; strings compare case-insensitively. */
    readonly inactive: readonly { readonly value: string | boolean; readonly word: string }[];
}

export interface SecretMaterial {
    readonly path: readonly PathStep[];
    /** "the secret access key", for messages. */
    readonly label: string;
}

/**
 * How a credential's owner is found, for the ownership rules (credential-has-owner). Each field is
 * one way; policies/ownership/owner.ts tries them, with components, registry claims and provider
 * default tags, in its documented precedence (docs/policies-ownership.md).
 */
export interface OwnerLookup {
    /** True when the resource takes AWS tags, so an owner tag can be on it (or in provider default tags). */
    readonly tagged: boolean;
    /**
     * The principal the credential belongs to: the resource of `type` whose `matchProperty` equals
     * this credential's `property` (an access key belongs to the IAM user named by its `user`).
     * Resolve through `propertyDependencies[property]` first (the principal's URN); the value match
     * covers principals declared elsewhere. `matchProperty: "id"` means the principal's provider id,
     * which AnalyzeStack does not carry: only the graph link resolves it.
     */
    readonly principal?: { readonly property: string; readonly type: string; readonly matchProperty: string };
    /**
     * Resources that declare an owner for this credential by naming it: an Okta ResourceOwner lists
     * the app's ORN in `resourceOrns`. Resolve through the graph (the declaring resource's
     * propertyDependencies[property] include this credential's URN) or by value.
     */
    readonly declaredBy?: readonly { readonly type: string; readonly property: string }[];
}

/** How to fix each finding, in the imperative; `{limit}` is replaced by the day limit. */
export interface Fixes {
    /** Rotate or replace it now. */
    readonly rotate: string;
    /** Make it rotate automatically within the limit (also what makes its age provable). */
    readonly automate: string;
    /** Remove it when it is kept but not in use. */
    readonly decommission: string;
}

export interface CatalogEntry {
    /** The Pulumi type token, e.g. "aws:iam/accessKey:AccessKey". */
    readonly type: string;
    readonly kind: CredentialKind;
    /** "Access key": the start of every message about it. */
    readonly label: string;
    readonly vendor: Vendor;
    readonly applies: (props: PropertyBag) => Applicability;
    readonly issuedFrom: readonly IssueSource[];
    /**
     * Outputs only the provider sets. One of them unknown in AnalyzeStack means the resource is
     * created or replaced (or its material re-set) by this deployment: it is issued now.
     */
    readonly freshWhenUnknown: readonly string[];
    /** Another sign that this deployment re-issues it (a key id computed from a new key), as the reason. */
    readonly freshWhen?: (props: PropertyBag) => string | undefined;
    /** The vendor's own scheduled rotation of the credential itself (KMS, RDS-managed passwords). */
    readonly builtinRotation?: (props: PropertyBag) => RotationReading | undefined;
    readonly companions: readonly CompanionRotation[];
    /** True when a deployment can re-issue it, so a time.Rotating it depends on counts as rotation. */
    readonly rotatingReissues: boolean;
    readonly requirements: readonly RotationRequirement[];
    readonly status?: StatusRule;
    /** Properties that hold the credential's secret material (inputs or outputs). */
    readonly secretMaterial: readonly SecretMaterial[];
    readonly owner: OwnerLookup;
    readonly fixes: Fixes;
}

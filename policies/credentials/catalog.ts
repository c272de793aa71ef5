// The credential catalog: one entry per credential-bearing Pulumi type. Rules read only this
// table; adding a type is adding an entry (docs/policies-credentials.md lists them). Type tokens
// and property names are those of @pulumi/aws 7.48, @pulumi/okta 7.0 and @pulumiverse/time 0.1.

import { APPLIES, databasePasswordApplies, kmsApplies, oktaKeyReplaced, oktaServiceAppApplies, refreshTokensRotate } from "./applicability";
import type { Applicability, CatalogEntry, CompanionRotation, CredentialKind, OwnerLookup } from "./catalog-types";
import { kmsRotation, passwordPolicyReading, rdsManagedRotation, secretRotationReading } from "./readings";

export const ROTATING_TYPE = "time:index/rotating:Rotating";
export const SECRET_ROTATION_TYPE = "aws:secretsmanager/secretRotation:SecretRotation";
export const PASSWORD_POLICY_TYPE = "aws:iam/accountPasswordPolicy:AccountPasswordPolicy";
const IAM_USER = "aws:iam/user:User";

const always = (): Applicability => APPLIES;

const iamUserOwner = (property: string): OwnerLookup => ({ tagged: false, principal: { property, type: IAM_USER, matchProperty: "name" } });

/** An okta.ResourceOwner whose resourceOrns name the credential records its owner in Okta. */
const OKTA_RESOURCE_OWNER = [{ type: "okta:index/resourceOwner:ResourceOwner", property: "resourceOrns" }] as const;

/** The automation fix for credentials that a deployment can re-issue on a time.Rotating. */
const rotatingFix = (what: string) =>
    `attach a time.Rotating with a period within {limit} days that ${what} when it rotates (replaceWith or replacementTrigger)`;

const IAM_STATUS = { property: "status", inactive: [{ value: "Inactive", word: "inactive" }] };

const secretRotationCompanion = (matches: readonly (readonly (string | number)[])[]): CompanionRotation => ({
    type: SECRET_ROTATION_TYPE,
    label: "aws.secretsmanager.SecretRotation",
    link: { property: "secretId", matches },
    rotation: secretRotationReading,
});

const ENTRIES: readonly CatalogEntry[] = [
    {
        type: "aws:iam/accessKey:AccessKey",
        kind: "aws-access-key",
        label: "Access key",
        vendor: "aws",
        applies: always,
        issuedFrom: [{ from: "output", property: "createDate" }, { from: "checkpoint" }, { from: "rotating" }],
        freshWhenUnknown: ["createDate"],
        companions: [],
        rotatingReissues: true,
        requirements: [],
        status: IAM_STATUS,
        secretMaterial: [
            { path: ["secret"], label: "the secret access key" },
            { path: ["sesSmtpPasswordV4"], label: "the SES SMTP password" },
        ],
        owner: iamUserOwner("user"),
        fixes: {
            rotate: "rotate it (replace the key; a new aws.iam.AccessKey, then delete the old one)",
            automate: rotatingFix("replaces the key"),
            decommission: "delete it (remove the aws.iam.AccessKey) instead of keeping it inactive",
        },
    },
    {
        type: "aws:iam/userLoginProfile:UserLoginProfile",
        kind: "aws-console-password",
        label: "Console password",
        vendor: "aws",
        applies: always,
        issuedFrom: [{ from: "checkpoint" }, { from: "rotating" }],
        freshWhenUnknown: ["password", "encryptedPassword", "keyFingerprint"],
        companions: [{ type: PASSWORD_POLICY_TYPE, label: "aws.iam.AccountPasswordPolicy", link: "same-provider", rotation: passwordPolicyReading }],
        rotatingReissues: true,
        requirements: [],
        secretMaterial: [{ path: ["password"], label: "the console password" }],
        owner: iamUserOwner("user"),
        fixes: {
            rotate: "reset it (replace the aws.iam.UserLoginProfile, or have the user change the password)",
            automate: "declare an aws.iam.AccountPasswordPolicy with maxPasswordAge <= {limit}",
            decommission: "delete the aws.iam.UserLoginProfile",
        },
    },
    {
        type: "aws:iam/serviceSpecificCredential:ServiceSpecificCredential",
        kind: "aws-service-credential",
        label: "Service-specific credential",
        vendor: "aws",
        applies: always,
        issuedFrom: [{ from: "output", property: "createDate" }, { from: "checkpoint" }, { from: "rotating" }],
        freshWhenUnknown: ["createDate", "serviceSpecificCredentialId"],
        companions: [],
        rotatingReissues: true,
        requirements: [],
        status: { property: "status", inactive: [{ value: "Inactive", word: "inactive" }, { value: "Expired", word: "expired" }] },
        secretMaterial: [
            { path: ["servicePassword"], label: "the service password" },
            { path: ["serviceCredentialSecret"], label: "the service credential secret" },
        ],
        owner: iamUserOwner("userName"),
        fixes: {
            rotate: "rotate it (replace the aws.iam.ServiceSpecificCredential)",
            automate: rotatingFix("replaces the credential"),
            decommission: "delete the aws.iam.ServiceSpecificCredential instead of keeping it",
        },
    },
    {
        type: "aws:iam/signingCertificate:SigningCertificate",
        kind: "aws-signing-certificate",
        label: "Signing certificate",
        vendor: "aws",
        applies: always,
        issuedFrom: [{ from: "checkpoint" }, { from: "rotating" }],
        freshWhenUnknown: ["certificateId"],
        companions: [],
        rotatingReissues: true,
        requirements: [],
        status: IAM_STATUS,
        // The certificate body is public; its private key never reaches Pulumi.
        secretMaterial: [],
        owner: iamUserOwner("userName"),
        fixes: {
            rotate: "rotate it (upload a new certificate from a new key pair and delete this one)",
            automate: rotatingFix("replaces the certificate"),
            decommission: "delete the aws.iam.SigningCertificate instead of keeping it inactive",
        },
    },
    {
        type: "aws:secretsmanager/secret:Secret",
        kind: "aws-secret",
        label: "Secrets Manager secret",
        vendor: "aws",
        applies: always,
        issuedFrom: [{ from: "checkpoint" }],
        freshWhenUnknown: ["arn"],
        companions: [secretRotationCompanion([["arn"], ["name"]])],
        rotatingReissues: false,
        requirements: [],
        // The value lives in SecretVersion resources (see material.ts).
        secretMaterial: [],
        owner: { tagged: true },
        fixes: {
            rotate: "rotate it (aws secretsmanager rotate-secret, or put a new SecretVersion)",
            automate: "add an aws.secretsmanager.SecretRotation for it with rotationRules.automaticallyAfterDays <= {limit}",
            decommission: "delete the secret",
        },
    },
    {
        type: "aws:kms/key:Key",
        kind: "aws-kms-key",
        label: "KMS key",
        vendor: "aws",
        applies: kmsApplies,
        issuedFrom: [{ from: "checkpoint" }],
        freshWhenUnknown: ["arn", "keyId"],
        builtinRotation: kmsRotation,
        companions: [],
        rotatingReissues: false,
        requirements: [],
        status: { property: "isEnabled", inactive: [{ value: false, word: "disabled" }] },
        secretMaterial: [],
        owner: { tagged: true },
        fixes: {
            rotate: "rotate its key material (aws kms rotate-key-on-demand)",
            automate: "set enableKeyRotation: true with rotationPeriodInDays <= {limit}",
            decommission: "schedule its deletion (remove the aws.kms.Key) once nothing is encrypted under it",
        },
    },
    ...(["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"] as const).map((type): CatalogEntry => {
        const cluster = type === "aws:rds/cluster:Cluster";
        const [password, writeOnly] = cluster ? ["masterPassword", "masterPasswordWo"] : ["password", "passwordWo"];
        return {
            type,
            kind: "aws-database-password",
            label: cluster ? "Master password of database cluster" : "Master password of database",
            vendor: "aws",
            applies: databasePasswordApplies(password, writeOnly, `${writeOnly}Version`),
            // The password changes in place: a time.Rotating that regenerates it is the best record.
            issuedFrom: [{ from: "rotating" }, { from: "checkpoint" }],
            freshWhenUnknown: ["arn", password],
            builtinRotation: rdsManagedRotation,
            companions: [secretRotationCompanion([["masterUserSecrets", 0, "secretArn"]])],
            rotatingReissues: true,
            requirements: [],
            secretMaterial: [
                { path: [password], label: "the master password" },
                { path: [writeOnly], label: "the master password" },
            ],
            owner: { tagged: true },
            fixes: {
                rotate: "rotate the master password (set manageMasterUserPassword: true, or set a new password)",
                automate: `set manageMasterUserPassword: true (RDS rotates it), or generate ${password} from a RandomPassword kept by a time.Rotating with a period within {limit} days`,
                decommission: "remove the database or its master password",
            },
        };
    }),
    {
        type: "okta:index/apiToken:ApiToken",
        kind: "okta-api-token",
        label: "Okta API token",
        vendor: "okta",
        applies: always,
        issuedFrom: [{ from: "output", property: "created" }, { from: "checkpoint" }],
        freshWhenUnknown: ["created"],
        companions: [],
        // Import-only: Pulumi cannot create a token, so no deployment re-issues one.
        rotatingReissues: false,
        requirements: [],
        secretMaterial: [],
        owner: { tagged: false, principal: { property: "userId", type: "okta:user/user:User", matchProperty: "id" }, declaredBy: OKTA_RESOURCE_OWNER },
        fixes: {
            rotate: "revoke it and issue a new token in the Okta Admin Console, then import the new one",
            automate: "replace it with an Okta OAuth service app using private_key_jwt, its key pair re-created by a time.Rotating",
            decommission: "revoke it in Okta and remove the okta.ApiToken",
        },
    },
    {
        type: "okta:app/oAuth:OAuth",
        kind: "okta-service-app",
        label: "Okta service app",
        vendor: "okta",
        applies: oktaServiceAppApplies,
        // Okta's autoKeyRotation rotates the keys Okta signs tokens with, never the client's own key
        // pair (private_key_jwt) or secret: only a deployment re-issuing them rotates those. A key
        // replaced in place (a new jwks entry) leaves the app's checkpoint as it was, so the Rotating
        // that re-creates the key is the better evidence.
        issuedFrom: [{ from: "rotating" }, { from: "checkpoint" }],
        freshWhenUnknown: ["clientId"],
        freshWhen: oktaKeyReplaced,
        companions: [],
        rotatingReissues: true,
        requirements: [refreshTokensRotate],
        status: { property: "status", inactive: [{ value: "INACTIVE", word: "inactive" }] },
        secretMaterial: [
            { path: ["clientSecret"], label: "the client secret" },
            { path: ["clientBasicSecret"], label: "the client secret" },
            { path: ["clientBasicSecretWo"], label: "the client secret" },
        ],
        owner: { tagged: false, declaredBy: OKTA_RESOURCE_OWNER },
        fixes: {
            rotate: "rotate its credential (generate a new client secret or key pair and deactivate the old one, or replace the app)",
            automate: rotatingFix("re-creates the app's key pair (a tls.PrivateKey whose public key is in jwks) or replaces its secret"),
            decommission: "delete the app (remove the okta.app.OAuth) instead of keeping it inactive",
        },
    },
    {
        type: "okta:index/apiServiceIntegration:ApiServiceIntegration",
        kind: "okta-api-service-integration",
        label: "Okta API service integration",
        vendor: "okta",
        applies: always,
        issuedFrom: [{ from: "checkpoint" }, { from: "rotating" }],
        // The provider exposes no output only Okta sets, so a new one cannot be told apart in preview.
        freshWhenUnknown: [],
        companions: [],
        rotatingReissues: true,
        requirements: [],
        secretMaterial: [],
        owner: { tagged: false, declaredBy: OKTA_RESOURCE_OWNER },
        fixes: {
            rotate: "rotate its client secret (create a new one, deactivate and delete the old one) or replace the integration",
            automate: rotatingFix("replaces the integration"),
            decommission: "delete the integration",
        },
    },
];

const byType: ReadonlyMap<string, CatalogEntry> = new Map(ENTRIES.map((e) => [e.type, e]));

export const CATALOG: readonly CatalogEntry[] = ENTRIES;

export function catalogEntry(type: string): CatalogEntry | undefined {
    return byType.get(type);
}

export function isCatalogType(type: string): boolean {
    return byType.has(type);
}

export const CATALOG_KINDS: ReadonlySet<CredentialKind> = new Set(ENTRIES.map((e) => e.kind));

import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { CATALOG, catalogEntry, PASSWORD_POLICY_TYPE, ROTATING_TYPE, SECRET_ROTATION_TYPE } from "../../../policies/credentials/catalog";
import { CREDENTIAL_KINDS } from "../../../policies/credentials/catalog-types";
import { MATERIAL_PROPERTIES } from "../../../policies/credentials/material";

// The catalog names types and properties as strings; a typo would silently match nothing. These
// tests read the installed SDKs' files (without loading them, which is slow) to prove every name.

const PACKAGES: Record<string, string> = { aws: "@pulumi/aws", okta: "@pulumi/okta", time: "@pulumiverse/time" };

/** The output properties of the SDK class that registers `type`, read from its .d.ts. */
function sdkProperties(type: string): ReadonlySet<string> {
    const [pkg, modulePath] = type.split(":");
    const root = path.dirname(require.resolve(`${PACKAGES[pkg]}/package.json`));
    const module = modulePath.split("/")[0];
    const dir = module === "index" ? root : path.join(root, module);
    const marker = `__pulumiType = '${type}'`;
    const file = fs.readdirSync(dir).find((f) => f.endsWith(".js") && fs.readFileSync(path.join(dir, f), "utf8").includes(marker));
    assert.ok(file, `${type} is registered by no file in ${dir}`);
    const declaration = fs.readFileSync(path.join(dir, file.replace(/\.js$/, ".d.ts")), "utf8");
    return new Set([...declaration.matchAll(/^\s+readonly (\w+): pulumi\.Output/gm)].map((m) => m[1]));
}

/** Properties each entry's code reads beyond the fields the catalog spells out. */
const READ_BY_CODE: Record<string, string[]> = {
    "aws:kms/key:Key": ["customerMasterKeySpec", "enableKeyRotation", "rotationPeriodInDays"],
    "aws:rds/instance:Instance": ["manageMasterUserPassword", "passwordWoVersion", "masterUserSecrets"],
    "aws:rds/cluster:Cluster": ["manageMasterUserPassword", "masterPasswordWoVersion", "masterUserSecrets"],
    "okta:app/oAuth:OAuth": ["type", "tokenEndpointAuthMethod", "autoKeyRotation", "refreshTokenRotation", "grantTypes"],
    [SECRET_ROTATION_TYPE]: ["secretId", "rotationRules", "rotationEnabled"],
    [PASSWORD_POLICY_TYPE]: ["maxPasswordAge"],
    [ROTATING_TYPE]: ["rfc3339", "rotationRfc3339", "rotationYears", "rotationMonths", "rotationDays", "rotationHours", "rotationMinutes"],
};

describe("credential catalog", () => {
    it("has one entry per type and covers every credential kind", () => {
        assert.equal(new Set(CATALOG.map((e) => e.type)).size, CATALOG.length);
        assert.deepEqual([...new Set(CATALOG.map((e) => e.kind))].sort(), [...CREDENTIAL_KINDS].sort());
    });

    it("covers every type the design names", () => {
        for (const type of [
            "aws:iam/accessKey:AccessKey",
            "aws:iam/userLoginProfile:UserLoginProfile",
            "aws:iam/serviceSpecificCredential:ServiceSpecificCredential",
            "aws:iam/signingCertificate:SigningCertificate",
            "aws:secretsmanager/secret:Secret",
            "aws:kms/key:Key",
            "aws:rds/instance:Instance",
            "aws:rds/cluster:Cluster",
            "okta:index/apiToken:ApiToken",
            "okta:app/oAuth:OAuth",
            "okta:index/apiServiceIntegration:ApiServiceIntegration",
        ]) {
            assert.ok(catalogEntry(type), `${type} is missing from the catalog`);
        }
    });

    for (const entry of CATALOG) {
        it(`names only properties that ${entry.type} has in the installed SDK`, () => {
            const properties = sdkProperties(entry.type);
            const named = [
                ...entry.issuedFrom.flatMap((s) => (s.from === "output" ? [s.property] : [])),
                ...entry.freshWhenUnknown,
                ...(entry.status ? [entry.status.property] : []),
                ...entry.secretMaterial.map((m) => String(m.path[0])),
                ...(entry.owner.principal ? [entry.owner.principal.property] : []),
                ...(READ_BY_CODE[entry.type] ?? []),
            ];
            for (const property of named) assert.ok(properties.has(property), `${entry.type} has no property ${property}`);
            for (const companion of entry.companions) {
                const companionProperties = sdkProperties(companion.type);
                if (companion.link !== "same-provider") assert.ok(companionProperties.has(companion.link.property), `${companion.type} has no ${companion.link.property}`);
            }
            if (entry.owner.principal) sdkProperties(entry.owner.principal.type);
            for (const declarer of entry.owner.declaredBy ?? []) assert.ok(sdkProperties(declarer.type).has(declarer.property));
        });
    }

    it("names only properties that the companion and rotation types have", () => {
        for (const type of [SECRET_ROTATION_TYPE, PASSWORD_POLICY_TYPE, ROTATING_TYPE]) {
            const properties = sdkProperties(type);
            for (const property of READ_BY_CODE[type]) assert.ok(properties.has(property), `${type} has no property ${property}`);
        }
    });

    it("names only real properties of the other types that hold secret material", () => {
        for (const [type, materials] of Object.entries(MATERIAL_PROPERTIES)) {
            if (type.startsWith("pulumi:providers:")) continue;
            const properties = sdkProperties(type);
            for (const material of materials) assert.ok(properties.has(String(material.path[0])), `${type} has no property ${material.path[0]}`);
        }
    });

    it("gives every entry fixes, and a {limit} wherever the fix is about a period", () => {
        for (const entry of CATALOG) {
            assert.ok(entry.fixes.rotate && entry.fixes.automate && entry.fixes.decommission, entry.type);
            if (entry.rotatingReissues) assert.match(entry.fixes.automate, /\{limit\}/, entry.type);
        }
    });

    it("says how to find an owner for every entry, through a principal, a declaring resource or tags", () => {
        for (const entry of CATALOG) {
            const ways = [entry.owner.tagged, entry.owner.principal !== undefined, (entry.owner.declaredBy ?? []).length > 0];
            if (entry.type !== "okta:index/apiServiceIntegration:ApiServiceIntegration") assert.ok(ways.some(Boolean), entry.type);
        }
        assert.deepEqual(catalogEntry("aws:iam/accessKey:AccessKey")?.owner.principal, { property: "user", type: "aws:iam/user:User", matchProperty: "name" });
    });
});

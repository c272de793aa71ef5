import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { credentialPolicies } from "../../../policies/credentials";
import { catalogEntry } from "../../../policies/credentials/catalog";
import { incidentProblems, inScope, maxAgeFor } from "../../../policies/credentials/settings";
import { CatalogEntry } from "../../../policies/credentials/catalog-types";
import * as f from "../../helpers/fixtures/credentials";
import { messages, runResourcePolicy, runStackPolicy } from "../../helpers/policy-runtime";

const SAMPLE = path.join(__dirname, "../../../examples/blastwall.yaml");
const entry = (type: string): CatalogEntry => catalogEntry(type) as CatalogEntry;

describe("credential settings", () => {
    it("takes a kind's own limit, then default, then 90 days", () => {
        assert.equal(maxAgeFor("aws-kms-key", { default: 90, "aws-kms-key": 365 }), 365);
        assert.equal(maxAgeFor("aws-access-key", { default: 60, "aws-kms-key": 365 }), 60);
        assert.equal(maxAgeFor("aws-access-key", { "aws-kms-key": 365 }), 90);
    });

    it("puts a credential in an incident's scope only when it matches every field given", () => {
        const app = entry("okta:app/oAuth:OAuth");
        assert.ok(inScope({ vendors: ["okta"] }, app));
        assert.ok(inScope({ vendors: ["okta"], kinds: ["okta-service-app"] }, app));
        assert.ok(!inScope({ vendors: ["okta"], kinds: ["okta-api-token"] }, app));
        assert.ok(!inScope({ types: ["aws:iam/accessKey:AccessKey"] }, app));
    });

    it("names each problem of an incident list by its key path", () => {
        assert.deepEqual(
            incidentProblems([
                { id: "a", date: "2023-02-30", scope: { types: ["aws:iam/user:User"] } },
                { id: "a", date: "2023-10-20", scope: { vendors: ["okta"] } },
            ]),
            [
                "incidents[0].date is not a real RFC 3339 date",
                'incidents[0].scope.types[0] "aws:iam/user:User" is not a credential type of the catalog; known: aws:iam/accessKey:AccessKey, aws:iam/userLoginProfile:UserLoginProfile, aws:iam/serviceSpecificCredential:ServiceSpecificCredential, aws:iam/signingCertificate:SigningCertificate, aws:secretsmanager/secret:Secret, aws:kms/key:Key, aws:rds/instance:Instance, aws:rds/cluster:Cluster, okta:index/apiToken:ApiToken, okta:app/oAuth:OAuth, okta:index/apiServiceIntegration:ApiServiceIntegration',
                'incidents[1].id "a" is used by an earlier incident; give each incident its own id',
            ],
        );
    });

    it("declares every setting with a description and a default", () => {
        for (const policy of credentialPolicies) {
            for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
                const described = schema as { description?: string; default?: unknown };
                assert.ok(described.description, `${policy.name}.${key} has no description`);
                if (key !== "now") assert.notEqual(described.default, undefined, `${policy.name}.${key} has no default`);
            }
        }
    });
});

describe("the sample settings document (examples/blastwall.yaml)", () => {
    const sample = parse(fs.readFileSync(SAMPLE, "utf8")) as Record<string, unknown>;

    it("ships the October 2023 Okta incident, scoped to Okta credentials", () => {
        const [incident] = sample.incidents as { id: string; date: string; scope: unknown }[];
        assert.deepEqual([incident.id, incident.date, incident.scope], ["okta-2023-10", "2023-10-20", { vendors: ["okta"] }]);
    });

    it("is valid for every credential policy, expanded as `blastwall config expand` does, and passes the shipped stack shape", async () => {
        const levels = sample.policies as Record<string, string>;
        for (const policy of credentialPolicies) {
            const config = { ...f.settingsFor(policy, { ...sample, now: f.NOW }), enforcementLevel: levels[policy.name] ?? levels.all };
            const outcome =
                "validateStack" in policy
                    ? await runStackPolicy(policy, f.shippedShape(), { config })
                    : { violations: (await Promise.all(f.shippedShape().map((r) => runResourcePolicy(policy, r, { config })))).flatMap((o) => o.violations) };
            assert.deepEqual(messages(outcome), [], policy.name);
        }
    });

    it("blocks an Okta token from before the breach under the sample settings", async () => {
        const policy = credentialPolicies[2];
        const outcome = await runStackPolicy(policy as never, [f.oktaApiToken({ created: "2023-09-12T08:00:00Z" })], { config: f.settingsFor(policy, { ...sample, now: f.NOW }) });
        assert.match(messages(outcome)[0], /before incident okta-2023-10 \(2023-10-20\)/);
    });
});

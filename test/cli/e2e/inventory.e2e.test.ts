// `blastwall inventory` over the breach-replay exports (the same ones breach.e2e.test.ts gates):
// every credential with its owner, issue date and evidence, and the rotation plan for the Okta
// October 2023 incident: exactly the exposed credentials, by owner, oldest first. Real CLI, real
// pack process.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { FIXTURES, runCli } from "./cli";

const STATES = path.join(FIXTURES, "states");
const OKTA_INCIDENT = path.join(FIXTURES, "settings", "okta-2023-10.yaml");
const OLD = path.join(STATES, "prod-old-keys.json");
const ROTATED = path.join(STATES, "prod-rotated.json");

interface Row {
    stack: string;
    environment: string;
    kind: string;
    name: string;
    owner: string;
    ownerSource: string;
    issued: string;
    issuedEvidence: string;
    ageDays: number | null;
    rotateBy: string;
    exposedTo: string[];
    verdicts: string[];
}

async function inventory(args: readonly string[]): Promise<{ code: number | null; body: unknown; stderr: string }> {
    // A shared machine under load can take minutes for a pack to start and answer.
    const result = await runCli(["inventory", ...args, "--quiet"], { timeoutMs: 280_000 });
    let body: unknown;
    try {
        body = JSON.parse(result.stdout);
    } catch {
        body = result.stdout;
    }
    return { code: result.code, body, stderr: result.stderr };
}

describe("blastwall inventory over the breach-replay exports (end to end, real pack process)", function () {
    this.timeout(600_000);

    it("lists every credential of the old state with its owner, evidence, age, deadline and verdicts", async () => {
        const { code, body, stderr } = await inventory(["--state", OLD, "--config", OKTA_INCIDENT, "--at", "2023-11-20", "--format", "json"]);
        assert.equal(code, 0, stderr);
        const rows = (body as { credentials: Row[] }).credentials;
        assert.deepEqual(
            rows.map((r) => [r.name, r.kind, r.owner, r.ownerSource, r.issued, r.issuedEvidence, r.ageDays, r.rotateBy, r.exposedTo]),
            [
                ["ci-deployer", "aws-access-key", "platform-team", "principal (its IAM user 'ci-deployer')", "2023-05-02", "its createDate", 201, "2023-07-31", []],
                ["atlassian-sync", "okta-api-token", "", "none", "2023-09-12", "its created", 68, "2023-11-20", ["okta-2023-10"]],
                ["support-portal", "okta-service-app", "", "none", "2023-08-01", "the state checkpoint", 110, "2023-11-20", ["okta-2023-10"]],
            ],
        );
        assert.ok(rows.every((r) => r.stack === "prod" && r.environment === "prod"));
        // credential-no-escalation cannot verify a token whose creating admin the stack does not declare.
        assert.deepEqual(rows[1].verdicts, [
            "credential-has-owner (mandatory)",
            "credential-no-escalation (mandatory)",
            "credential-rotated-after-incident (mandatory)",
            "credential-rotation-enabled (mandatory)",
        ]);
    });

    it("gives the rotation plan for the incident: the exposed credentials by owner, oldest first", async () => {
        const { code, body, stderr } = await inventory(["--state", OLD, "--config", OKTA_INCIDENT, "--at", "2023-11-20", "--format", "json", "--incident", "okta-2023-10"]);
        assert.equal(code, 0, stderr);
        const plan = body as { incident: string; exposed: number; owners: Array<{ owner: string; credentials: Row[] }> };
        assert.equal(plan.exposed, 2);
        assert.deepEqual(
            plan.owners.map((g) => [g.owner, g.credentials.map((c) => `${c.name} ${c.issued}`)]),
            [["(no owner)", ["support-portal 2023-08-01", "atlassian-sync 2023-09-12"]]],
        );
    });

    it("takes an incident from the command line (vendor@date) and finds nothing exposed once the Okta credentials were replaced", async () => {
        const { code, body, stderr } = await inventory(["--state", ROTATED, "--state", OLD, "--at", "2023-11-20", "--format", "json", "--incident", "okta@2023-10-20"]);
        assert.equal(code, 0, stderr);
        const plan = body as { exposed: number; owners: Array<{ owner: string; credentials: Row[] }> };
        // The rotated state's apps were issued after the incident; the old state's were not.
        assert.deepEqual(
            plan.owners.flatMap((g) => g.credentials.map((c) => `${g.owner}: ${c.name} ${c.issued}`)),
            ["(no owner): support-portal 2023-08-01", "(no owner): atlassian-sync 2023-09-12"],
        );
        assert.equal(plan.exposed, 2);
    });

    it("writes CSV with one row per credential, owned by platform-team in the rotated state", async () => {
        const { code, body, stderr } = await inventory(["--state", ROTATED, "--config", OKTA_INCIDENT, "--at", "2024-06-01", "--format", "csv"]);
        assert.equal(code, 0, stderr);
        const lines = (body as string).trimEnd().split("\r\n");
        assert.equal(lines[0], "stack,environment,kind,type,name,owner,owner source,issued,issued evidence,age (days),rotation,rotate by,exposed to,incidents in scope,verdicts");
        assert.equal(lines.length, 4);
        assert.ok(lines.slice(1).every((line) => line.split(",")[5] === "platform-team"), lines.join("\n"));
    });

    it("refuses an incident it does not know, with exit code 2", async () => {
        const { code, stderr } = await inventory(["--state", OLD, "--incident", "nobody-knows"]);
        assert.equal(code, 2);
        assert.match(stderr, /--incident nobody-knows names no incident of the settings/);
    });
});

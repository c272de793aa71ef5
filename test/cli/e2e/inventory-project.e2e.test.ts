// `blastwall inventory --project`: the stacks of a Pulumi project run under mocks exactly as
// `check --project` runs them, one row per credential, the same rows as the inventory of the
// equivalent exports. Real CLI, real programs, real pack process.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import type { StackInput } from "../../../cli/analyzer/model";
import { checkProject } from "../../../cli/check/project-mode";
import { progressReporter } from "../../../cli/check/progress";
import { readConfigFile } from "../../../cli/config/load";
import { defaultPackDir } from "../../../cli/paths";
import { FIXTURES, PROJECTS, REPO, runCli, tempFile } from "./cli";

const OKTA_BREACH = path.join(PROJECTS, "okta-breach");
const OKTA_INCIDENT = path.join(FIXTURES, "settings", "okta-2023-10.yaml");

interface Row {
    stack: string;
    environment: string;
    kind: string;
    name: string;
    urn: string;
    owner: string;
    ownerSource: string;
    issued: string;
    issuedEvidence: string;
    ageDays: number | null;
    exposedTo: string[];
    verdicts: string[];
}

async function inventory(args: readonly string[]): Promise<Row[]> {
    const result = await runCli(["inventory", ...args, "--format", "json", "--quiet"], { timeoutMs: 400_000 });
    assert.equal(result.code, 0, result.stderr);
    return (JSON.parse(result.stdout) as { credentials: Row[] }).credentials;
}

/** The `pulumi stack export` the project's stack would leave, from what the pack was sent (no checkpoint times). */
async function equivalentExport(projectDir: string, stack: string, config: string | undefined, at: string): Promise<string> {
    const inputs: StackInput[] = [];
    await checkProject({ projectDir, stack, packDir: defaultPackDir(), progress: progressReporter({ quiet: true }), config: config ? readConfigFile(config) : undefined, at, onStackInput: (i) => inputs.push(i) });
    assert.equal(inputs.length, 1);
    const ids = new Map(inputs[0].resources.map((r) => [r.urn, r.id]));
    const resources = inputs[0].resources.map((r) => ({
        urn: r.urn,
        type: r.type,
        custom: r.custom,
        id: r.id,
        inputs: r.inputs,
        outputs: r.outputs,
        parent: r.parent,
        dependencies: r.dependencies,
        propertyDependencies: r.propertyDependencies,
        provider: r.provider ? `${r.provider}::${ids.get(r.provider)}` : undefined,
        external: r.external,
    }));
    const file = tempFile(`${stack}-export.json`);
    fs.writeFileSync(file, JSON.stringify({ version: 3, deployment: { manifest: { time: at, version: "v3.200.0" }, resources } }));
    return file;
}

describe("blastwall inventory --project (end to end: programs under mocks, real pack process)", function () {
    this.timeout(900_000);

    it("lists every credential of the shipped stacks with its owner, issued at the evaluation time, and no verdict", async () => {
        const rows = await inventory(["--project", REPO, "--stack", "all", "--at", "2026-12-01"]);
        const fresh = "2026-12-01";
        assert.deepEqual(
            rows.map((r) => [r.stack, r.kind, r.name, r.owner, r.ownerSource]),
            [
                ["prod", "aws-secret", "webhook-signing-key", "payments-team", "tag (its Owner tag)"],
                ["prod", "aws-secret", "session-token-key", "identity-team", "tag (its Owner tag)"],
                ["prod", "aws-access-key", "ci-deployer", "platform-team", "principal (its IAM user 'ci-deployer')"],
                ["prod", "aws-access-key", "metrics-exporter", "observability-team", "principal (its IAM user 'metrics-exporter')"],
                ["prod", "okta-service-app", "inventory-sync", "identity-team", "okta-resource-owner (Okta ResourceOwner 'inventory-sync')"],
                ["prod", "okta-service-app", "billing-reports", "payments-team", "okta-resource-owner (Okta ResourceOwner 'billing-reports')"],
                ["staging", "aws-secret", "webhook-signing-key", "payments-team", "tag (its Owner tag)"],
                ["staging", "aws-access-key", "ci-deployer", "platform-team", "principal (its IAM user 'ci-deployer')"],
                ["staging", "aws-access-key", "metrics-exporter", "observability-team", "principal (its IAM user 'metrics-exporter')"],
                ["staging", "okta-service-app", "inventory-sync", "identity-team", "okta-resource-owner (Okta ResourceOwner 'inventory-sync')"],
                ["test", "aws-secret", "webhook-signing-key", "payments-team", "tag (its Owner tag)"],
                ["test", "aws-access-key", "ci-deployer", "platform-team", "principal (its IAM user 'ci-deployer')"],
                ["test", "okta-service-app", "inventory-sync", "identity-team", "okta-resource-owner (Okta ResourceOwner 'inventory-sync')"],
            ],
        );
        for (const r of rows) {
            assert.equal(r.environment, r.stack);
            // No checkpoint times: what this deployment creates is issued now (--at).
            assert.deepEqual([r.issued, r.ageDays], [fresh, 0], r.urn);
            assert.match(r.issuedEvidence, /is set when this deployment creates it$/, r.urn);
            assert.deepEqual(r.verdicts, [], r.urn);
        }
    });

    it("lists the breach fixture's imported Okta token with its owner, its real issue date, the incident and the gate's verdicts", async () => {
        const rows = await inventory(["--project", OKTA_BREACH, "--stack", "prod", "--config", OKTA_INCIDENT, "--at", "2023-11-20"]);
        assert.deepEqual(
            rows.map((r) => [r.stack, r.environment, r.kind, r.name, r.owner, r.ownerSource, r.issued, r.issuedEvidence, r.ageDays, r.exposedTo, r.verdicts]),
            [
                [
                    "prod",
                    "prod",
                    "okta-api-token",
                    "atlassian-sync",
                    "(an owner the stack does not declare)",
                    "okta-resource-owner (Okta ResourceOwner 'atlassian-sync-owner')",
                    "2023-09-12",
                    "its created",
                    68,
                    ["okta-2023-10"],
                    ["credential-no-escalation (mandatory)", "credential-rotated-after-incident (mandatory)", "credential-rotation-enabled (mandatory)"],
                ],
            ],
        );
    });

    it("gives the same rows as the inventory of the equivalent exports", async () => {
        for (const [project, stack, config, at] of [
            [OKTA_BREACH, "prod-fixed", OKTA_INCIDENT, "2023-11-20"],
            [REPO, "test", undefined, "2026-12-01"],
        ] as const) {
            const fromProject = await inventory(["--project", project, "--stack", stack, "--at", at, ...(config ? ["--config", config] : [])]);
            const exported = await equivalentExport(project, stack, config, at);
            const fromExport = await inventory(["--state", exported, "--at", at, ...(config ? ["--config", config] : [])]);
            assert.ok(fromProject.length > 0, `${stack} has no credentials`);
            assert.deepEqual(fromProject, fromExport, `${project} ${stack}`);
        }
    });

    it("refuses --state with --project, and --stack without --project, with exit 2", async () => {
        const both = await runCli(["inventory", "--project", OKTA_BREACH, "--state", "x.json"]);
        assert.equal(both.code, 2);
        assert.match(both.stderr, /--state and --project cannot be combined/);
        const stackAlone = await runCli(["inventory", "--stack", "prod"]);
        assert.equal(stackAlone.code, 2);
        assert.match(stackAlone.stderr, /inventory needs --state FILE .* or --project DIR/);
    });
});

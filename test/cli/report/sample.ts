// A report to render in reporter tests: two stacks, findings with and without source lines, a
// message with characters every format must escape.
import { Finding, Report } from "../../../cli/report/model";

export function finding(overrides: Partial<Finding> = {}): Finding {
    return {
        stack: "prod",
        project: "deploy-keys",
        policy: "credential-max-age",
        pack: "blastwall",
        packVersion: "0.1.0",
        level: "mandatory",
        severity: "high",
        message: "Access key 'ci-deployer' in prod was issued 2023-05-02, 573 days ago, past the 90-day limit; rotate it.",
        urn: "urn:pulumi:prod::deploy-keys::aws:iam/accessKey:AccessKey::ci-deployer",
        resourceType: "aws:iam/accessKey:AccessKey",
        resourceName: "ci-deployer",
        source: { file: "infra/keys.ts", line: 18, column: 5 },
        ...overrides,
    };
}

export function sampleReport(overrides: Partial<Report> = {}): Report {
    return {
        tool: { name: "blastwall", version: "0.1.0" },
        pack: { name: "blastwall", version: "0.1.0" },
        failOn: "mandatory",
        stacks: [
            {
                stack: "prod",
                project: "deploy-keys",
                mode: "project",
                preview: true,
                resources: 6,
                origin: "infra/stacks/Pulumi.prod.yaml",
                levels: { "credential-max-age": "mandatory", "credential-rotation-due-soon": "advisory", "waiver-valid": "disabled" },
                warnings: ["the program called aws:index/getAmi:getAmi, which blastwall's mocks do not know; it received its own arguments back"],
                findings: [
                    finding(),
                    finding({
                        policy: "credential-rotation-due-soon",
                        level: "advisory",
                        severity: "low",
                        message: 'Key <a & b> | "quoted" will pass 90 days\non 2024-08-01.',
                        urn: "urn:pulumi:prod::deploy-keys::pulumi:pulumi:Stack::deploy-keys-prod",
                        resourceType: "pulumi:pulumi:Stack",
                        resourceName: "deploy-keys-prod",
                        source: undefined,
                    }),
                ],
            },
            { stack: "test", project: "deploy-keys", mode: "project", preview: true, resources: 6, origin: "infra/stacks/Pulumi.test.yaml", levels: { "credential-max-age": "mandatory" }, warnings: [], findings: [] },
        ],
        policies: [
            {
                name: "credential-max-age",
                description: "Credentials are rotated within their maximum age.",
                kind: "stack",
                severity: "high",
                remediationSteps: "Rotate the credential.",
                url: "https://example.invalid/credential-max-age",
                tags: ["credentials"],
                framework: { name: "CIS AWS Foundations", version: "3.0.0", reference: "1.14" },
                pack: "blastwall",
                enforcementLevel: "mandatory",
            },
            { name: "credential-rotation-due-soon", description: "Warns before a limit is reached.", kind: "stack", severity: "low", tags: [], pack: "blastwall", enforcementLevel: "advisory" },
            { name: "waiver-valid", description: "Waivers are valid.", kind: "stack", tags: [], pack: "blastwall", enforcementLevel: "disabled" },
        ],
        ...overrides,
    };
}

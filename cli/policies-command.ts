// `blastwall policies` and `blastwall explain POLICY`: what the pack enforces, read from the pack's
// own policy list (policies/policies.ts), so a policy added there is listed and explained here
// with no other change.

import type { Policy } from "@pulumi/policy";
import { allPolicies } from "../policies/policies";
import { parseCommandLine, SHARED_OPTIONS } from "./command-line";
import { EXIT_OK, InputError, UsageError } from "./errors";
import { exampleSection } from "./explain/example-text";

export const POLICIES_USAGE = `Usage: blastwall policies [--format text|json]
       blastwall explain POLICY

policies   every policy of the pack: name, concern, level, severity, framework control
explain    one policy: what it blocks, the remediation, an example message (the policy's own
           rule run on a small built-in stack that breaks it, so the message is the one the
           pack gives), its settings with their defaults

Options:
  --format text|json   (policies) a table (default) or JSON
  -h, --help           this help
  -v, --version        blastwall's version

Exit codes: 0 listed or explained, 2 bad usage or an unknown policy, 3 internal error.
`;

interface PolicyFacts {
    readonly name: string;
    readonly concern: string;
    readonly level: string;
    readonly severity: string;
    readonly framework?: string;
    readonly kind: "resource" | "stack";
    readonly description: string;
    readonly remediation?: string;
    readonly url?: string;
    readonly settings: ReadonlyArray<{ key: string; description?: string; default?: unknown }>;
}

function facts(policy: Policy): PolicyFacts {
    const framework = policy.framework
        ? [policy.framework.name, policy.framework.version, policy.framework.reference].filter(Boolean).join(" ")
        : undefined;
    const properties = (policy.configSchema?.properties ?? {}) as Record<string, { description?: string; default?: unknown }>;
    return {
        name: policy.name,
        concern: policy.tags?.[0] ?? "other",
        level: policy.enforcementLevel ?? "advisory",
        severity: policy.severity ?? "unspecified",
        framework,
        kind: "validateStack" in policy ? "stack" : "resource",
        description: policy.description,
        remediation: policy.remediationSteps,
        url: policy.url,
        settings: Object.entries(properties).map(([key, schema]) => ({ key, description: schema.description, default: schema.default })),
    };
}

export function policyFacts(): PolicyFacts[] {
    return allPolicies.map(facts);
}

function table(rows: readonly (readonly string[])[]): string {
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join("  ").trimEnd()).join("\n") + "\n";
}

function shortValue(value: unknown): string {
    const text = JSON.stringify(value);
    if (text === undefined) return "none";
    return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

export function explainText(p: PolicyFacts, example: readonly string[] = []): string {
    const lines = [
        `${p.name}  (${p.concern}; ${p.level}; severity ${p.severity}; ${p.kind === "stack" ? "judges the whole stack" : "judges each resource's inputs"})`,
        "",
        `Blocks: ${p.description}`,
    ];
    if (p.framework) lines.push(`Framework: ${p.framework}`);
    if (p.remediation) lines.push("", `Remediation: ${p.remediation}`);
    if (p.url) lines.push(`More: ${p.url}`);
    if (example.length > 0) lines.push("", ...example);
    lines.push("", "Settings (in blastwall.yaml; `blastwall config expand` writes them per policy):");
    for (const s of p.settings) lines.push(`  ${s.key}  (default ${shortValue(s.default)})${s.description ? `\n      ${s.description}` : ""}`);
    lines.push("", `Level: \`policies: { ${p.name}: advisory }\` in blastwall.yaml, or --skip ${p.name} / --only ${p.name} on blastwall check.`);
    return lines.join("\n") + "\n";
}

export async function runPolicies(argv: readonly string[]): Promise<number> {
    const { values } = parseCommandLine("policies", argv, { format: { type: "string" }, help: SHARED_OPTIONS.help });
    if (values.help) {
        process.stdout.write(POLICIES_USAGE);
        return EXIT_OK;
    }
    const all = policyFacts();
    if (values.format === "json") {
        process.stdout.write(JSON.stringify(all, null, 2) + "\n");
        return EXIT_OK;
    }
    if (values.format !== undefined && values.format !== "text") throw new UsageError(`--format ${values.format} is not a format of blastwall policies; use text or json.`);
    const rows = [["POLICY", "CONCERN", "LEVEL", "SEVERITY", "FRAMEWORK"], ...all.map((p) => [p.name, p.concern, p.level, p.severity, p.framework ?? "-"])];
    process.stdout.write(table(rows));
    return EXIT_OK;
}

export async function runExplain(argv: readonly string[]): Promise<number> {
    const parsed = parseCommandLine("explain", argv, { help: SHARED_OPTIONS.help }, true);
    if (parsed.values.help) {
        process.stdout.write(POLICIES_USAGE);
        return EXIT_OK;
    }
    if (parsed.positionals.length !== 1) throw new UsageError("explain takes one policy name: blastwall explain POLICY (blastwall policies lists them).");
    const all = policyFacts();
    const policy = all.find((p) => p.name === parsed.positionals[0]);
    if (!policy) throw new InputError(`no policy named "${parsed.positionals[0]}" in the pack; the policies are: ${all.map((p) => p.name).join(", ")}.`);
    const example = await exampleSection(allPolicies.find((p) => p.name === policy.name) as Policy);
    process.stdout.write(explainText(policy, example));
    return EXIT_OK;
}

// `blastwall init`: a first settings document (blastwall.yaml) from the project's own stacks, so a
// new user never runs against the pack's sample plan by accident. Each stack's environment, AWS
// accounts (aws:allowedAccountIds, assumed roles), region and Okta org come from its config; what
// a stack file cannot say (address ranges, an environment nothing names) is left as a QUESTION
// comment in the document, and `blastwall check` accepts the document as written.

import * as fs from "node:fs";
import * as path from "node:path";
import { ENVIRONMENT_NAME_PATTERN } from "../policies/lib/plan";
import { parseCommandLine, SHARED_OPTIONS } from "./command-line";
import { EXIT_OK, InputError } from "./errors";
import { listStacks, loadProject, loadStackConfig, StackConfig } from "./program/stack-files";

export const INIT_USAGE = `Usage: blastwall init [--project DIR] [--output FILE] [--force]

Writes a first settings document from the project's stacks: each stack's environment (its
\`environment\` stack tag, else its name), AWS accounts (aws:allowedAccountIds, assumed roles),
region and Okta org. What the stack files cannot say is left as a "# QUESTION:" comment to answer.

Options:
  --project DIR    the Pulumi project (default: the current directory)
  --output FILE    where to write it (default: blastwall.yaml in the project)
  --force          overwrite an existing file
  -h, --help       this help
  -v, --version    blastwall's version

Exit codes: 0 written, 2 bad usage or unreadable project (or the file exists without --force),
3 internal error.
`;

const ALIASES: Readonly<Record<string, string>> = { production: "prod", prd: "prod", stage: "staging", stg: "staging", testing: "test", development: "dev" };

interface Environment {
    readonly stacks: string[];
    readonly accounts: string[];
    region?: string;
    okta?: { orgName: string; baseUrl: string };
    readonly questions: string[];
}

function parseList(value: string | undefined): unknown[] {
    if (value === undefined) return [];
    try {
        const parsed = JSON.parse(value) as unknown;
        return Array.isArray(parsed) ? parsed : [parsed];
    } catch {
        return [value];
    }
}

/** Accounts a stack's AWS provider may deploy to: allowedAccountIds, then the accounts of the roles it assumes. */
function accountsOf(config: Readonly<Record<string, string>>): string[] {
    const accounts = parseList(config["aws:allowedAccountIds"]).map(String);
    const roles = [...parseList(config["aws:assumeRole"]), ...parseList(config["aws:assumeRoles"])];
    for (const role of roles) {
        const arn = typeof role === "object" && role !== null ? (role as { roleArn?: unknown }).roleArn : undefined;
        const account = typeof arn === "string" ? /^arn:aws[\w-]*:iam::(\d{12}):/.exec(arn)?.[1] : undefined;
        if (account) accounts.push(account);
    }
    return [...new Set(accounts.filter((a) => /^\d{12}$/.test(a)))];
}

function environmentOf(stack: StackConfig): { name: string; question?: string } {
    const tagged = stack.tags.environment;
    if (tagged && new RegExp(ENVIRONMENT_NAME_PATTERN).test(tagged)) return { name: tagged };
    const last = stack.stack.split("/").pop() ?? stack.stack;
    const lower = last.toLowerCase();
    const known = ALIASES[lower] ?? (["prod", "staging", "test", "dev"].includes(lower) ? lower : undefined);
    if (known) return { name: known };
    const name = lower.replace(/[^a-z0-9-]/g, "-").replace(/^[^a-z]+/, "").slice(0, 32) || "env";
    return { name, question: `is stack ${stack.stack} an environment of its own (${name}), or part of another? Tag it (pulumi stack tag set environment NAME) or map it in stackEnvironments.` };
}

export function initialSettings(projectDir: string): { text: string; questions: number } {
    const project = loadProject(projectDir);
    const environments = new Map<string, Environment>();
    const stackEnvironments: Record<string, string> = {};
    const owner = new Map<string, string>();
    for (const stackName of listStacks(project)) {
        const stack = loadStackConfig(project, stackName);
        const { name, question } = environmentOf(stack);
        const env = environments.get(name) ?? { stacks: [], accounts: [], questions: [] };
        environments.set(name, env);
        env.stacks.push(stackName);
        if (question) env.questions.push(question);
        if (stackName !== name && stack.tags.environment !== name) stackEnvironments[stackName] = name;
        for (const account of accountsOf(stack.config)) {
            const other = owner.get(account);
            if (other !== undefined && other !== name) {
                env.questions.push(`stack ${stackName} deploys to account ${account}, which is also ${other}'s; environments must not share an account. Which one's is it?`);
            } else if (!env.accounts.includes(account)) {
                owner.set(account, name);
                env.accounts.push(account);
            }
        }
        const region = stack.config["aws:region"];
        if (region && env.region === undefined) env.region = region;
        else if (region && env.region !== region) env.questions.push(`stack ${stackName} is in region ${region}, not ${env.region}; the plan holds one region per environment.`);
        const orgName = stack.config["okta:orgName"];
        if (orgName && env.okta === undefined) env.okta = { orgName, baseUrl: stack.config["okta:baseUrl"] ?? "okta.com" };
    }

    const lines = [
        `# blastwall settings for project ${project.name}, written by \`blastwall init\` from its stacks.`,
        "# `blastwall check` reads this file without --config. Answer each QUESTION, then delete it.",
        "# What each setting means: docs/cli.md and examples/blastwall.yaml in blastwall's repository.",
        "",
        "environments:",
    ];
    let questions = 0;
    const q = (text: string) => {
        questions++;
        return `    # QUESTION: ${text}`;
    };
    for (const [name, env] of [...environments.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        lines.push(`  ${name}:`, `    # from stack${env.stacks.length > 1 ? "s" : ""} ${env.stacks.join(", ")}`);
        for (const question of env.questions) lines.push(q(question));
        lines.push(q(`which address ranges are ${name}'s? A stack file does not say; until you list them, no path into or out of ${name} can be checked.`));
        lines.push("    cidrs: []");
        if (env.accounts.length === 0) lines.push(q(`which AWS accounts are ${name}'s? Its stacks set neither aws:allowedAccountIds nor an assumed role.`));
        lines.push(`    awsAccountIds: ${JSON.stringify(env.accounts)}`);
        if (env.region) lines.push(`    region: ${JSON.stringify(env.region)}`);
        if (env.okta) lines.push(`    okta: { orgName: ${JSON.stringify(env.okta.orgName)}, baseUrl: ${JSON.stringify(env.okta.baseUrl)} }`);
    }
    if (Object.keys(stackEnvironments).length > 0) {
        lines.push("", "# Stacks whose name is not their environment's.", "stackEnvironments:");
        for (const [stack, env] of Object.entries(stackEnvironments)) lines.push(`  ${JSON.stringify(stack)}: ${env}`);
    }
    lines.push(
        "",
        "# Who owns credentials: names an Owner tag may give. An empty registry accepts any owner.",
        "owners: {}",
        "",
        "# Breaches to treat as your own (examples/blastwall.yaml ships Okta's of October 2023).",
        "incidents: []",
        "",
    );
    return { text: lines.join("\n"), questions };
}

export async function runInit(argv: readonly string[]): Promise<number> {
    const { project, output: outputOption, help } = SHARED_OPTIONS;
    const { values } = parseCommandLine("init", argv, { project, output: outputOption, help, force: { type: "boolean" } });
    if (values.help) {
        process.stdout.write(INIT_USAGE);
        return EXIT_OK;
    }
    const projectDir = values.project ?? ".";
    const output = values.output ?? path.join(projectDir, "blastwall.yaml");
    if (fs.existsSync(output) && values.force !== true) throw new InputError(`${output} already exists; edit it, or pass --force to write a new one over it.`);
    const { text, questions } = initialSettings(projectDir);
    try {
        fs.writeFileSync(output, text);
    } catch (error) {
        throw new InputError(`cannot write ${output}: ${(error as Error).message}`);
    }
    process.stderr.write(`blastwall: wrote ${output}${questions > 0 ? ` with ${questions} question${questions === 1 ? "" : "s"} to answer (# QUESTION:)` : ""}\n`);
    return EXIT_OK;
}

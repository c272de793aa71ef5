#!/usr/bin/env node
// The `blastwall` command: check, reach, inventory, init, policies, explain, config expand. Exit codes are the contract in DESIGN.md:
// 0 nothing at or above --fail-on, 1 violations, 2 bad usage or unreadable input, 3 internal error.

// First: @pulumi/pulumi's closure-serialization dependency, which the CLI never uses, loads only if used.
import "../policies/lib/startup/defer-arborist";
import { CHECK_USAGE, runCheck } from "./check/command";
import { EXPAND_USAGE, runConfigExpand } from "./config-expand";
import { runInventory } from "./inventory/command";
import { INIT_USAGE, runInit } from "./init";
import { POLICIES_USAGE, runExplain, runPolicies } from "./policies-command";
import { describe, EXIT_OK, EXIT_USAGE, isCommandError, UsageError } from "./errors";
import { runReach } from "./reach/command";
import { safeText } from "./report/terminal";
import { toolVersion } from "./version";

const USAGE = `Usage: blastwall <command> [options]

Commands:
  check                     evaluate a project under mocks, an exported state or an event log
  config expand FILE        per-policy config (for --policy-pack-config) from one settings document
  reach                     what each credential could reach: environments, admin, escalation paths
  inventory                 every credential of exports or a project's stacks; --incident ID: the rotation plan
  init                      write a first blastwall.yaml from the project's stacks
  policies                  every policy: name, concern, level, severity, framework
  explain POLICY            what a policy blocks, its settings and the remediation

Options:
  -h, --help                this help (blastwall COMMAND --help for a command's)
  -v, --version             blastwall's version

Run \`blastwall check --help\` for the options of check.

Exit codes: 0 no violation at or above --fail-on, 1 violations, 2 bad usage or unreadable input,
3 internal error. No failure ever exits 1.
`;

export async function main(argv: readonly string[]): Promise<number> {
    const [command, ...rest] = argv;
    // -v and --version answer after any command too (`blastwall check --version`), as other CLIs do.
    if (argv.includes("--version") || argv.includes("-v")) {
        process.stdout.write(`${toolVersion()}\n`);
        return EXIT_OK;
    }
    switch (command) {
        case "check":
            return runCheck(rest);
        case "reach":
            return runReach(rest);
        case "inventory":
            return runInventory(rest);
        case "init":
            return runInit(rest);
        case "policies":
            return runPolicies(rest);
        case "explain":
            return runExplain(rest);
        case "config":
            if (rest[0] === "expand") return runConfigExpand(rest.slice(1));
            if (rest[0] === undefined || rest[0] === "--help" || rest[0] === "-h") {
                process.stdout.write(EXPAND_USAGE);
                return EXIT_OK;
            }
            throw new UsageError(`unknown config command ${rest[0] === undefined ? "(none)" : `"${rest[0]}"`}; the one there is: config expand SETTINGS_FILE.`);
        case "--version":
        case "version":
            process.stdout.write(`${toolVersion()}\n`);
            return EXIT_OK;
        case undefined:
        case "help":
        case "--help":
        case "-h":
            process.stdout.write(rest[0] === "check" ? CHECK_USAGE : rest[0] === "init" ? INIT_USAGE : rest[0] === "policies" || rest[0] === "explain" ? POLICIES_USAGE : USAGE);
            return EXIT_OK;
        default:
            throw new UsageError(`unknown command "${command}"; blastwall has check, reach, inventory, init, policies, explain and config expand (blastwall --help).`);
    }
}

/** Runs the command and sets the exit code; every failure is 2 (usage, input) or 3 (internal), never 1. */
export function runAndExit(argv: readonly string[]): void {
    main(argv).then(
        (code) => {
            process.exitCode = code;
        },
        (error: unknown) => {
            if (isCommandError(error)) {
                process.stderr.write(`blastwall: error: ${safeText(error.message)}\n`);
                process.exitCode = EXIT_USAGE;
            } else {
                process.stderr.write(`blastwall: internal error: ${safeText(error instanceof Error ? (error.stack ?? error.message) : describe(error))}\n`);
                process.exitCode = 3;
            }
        },
    );
}

if (require.main === module) runAndExit(process.argv.slice(2));

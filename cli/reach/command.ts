// `blastwall reach`: the blast radius of every credential of every stack, from the same
// evaluation `check` runs (the program under mocks, or an export, through the real pack).

import * as fs from "node:fs";
import * as path from "node:path";
import { CheckResult, checkProject } from "../check/project-mode";
import { checkState } from "../check/state-mode";
import { progressReporter } from "../check/progress";
import { readConfigFile } from "../config/load";
import { checkSharedValues, parseCommandLine, SHARED_OPTIONS } from "../command-line";
import { EXIT_OK, UsageError } from "../errors";
import { defaultPackDir } from "../paths";
import { renderMarkdown, renderText, StackReachReport } from "./render";
import type { StackReach } from "./rows";

export const REACH_USAGE = `Usage: blastwall reach [options]

Prints, for every credential of every stack, one row: owner, environment, the environments it can
reach, whether it is administrator-equivalent, and its shortest privilege-escalation path.

  --project DIR        a Pulumi TypeScript project run under mocks (default: the current directory)
    --stack NAME|all   which stack (default: all)
  --state FILE|-       a \`pulumi stack export\` document; - reads stdin
  --config FILE        settings document or per-policy config
  --at DATE            evaluation time (RFC 3339)
  --format FORMAT      text (default), markdown (a Mermaid graph per credential reaching past its
                       environment), json
  --output FILE        write there instead of stdout
  --policy-pack DIR    another policy pack (default: the pack shipped with blastwall)
  --quiet              no progress on stderr

Exit codes: 0 printed, 2 bad usage or unreadable input, 3 internal error.
`;

const FORMATS = ["text", "markdown", "json"] as const;

/** The reach of each stack of a check result; a stack that has none says why. */
export function reachOf(result: CheckResult): StackReachReport[] {
    return result.stacks.map((s) => ({ stack: s.stack, reach: (s as { reach?: StackReach }).reach ?? { unavailable: "the evaluation produced no reach for this stack" } }));
}

export async function runReach(argv: readonly string[]): Promise<number> {
    const { values } = parseCommandLine("reach", argv, { ...SHARED_OPTIONS, state: { type: "string" }, format: { type: "string" } });
    if (values.help) {
        process.stdout.write(REACH_USAGE);
        return EXIT_OK;
    }
    const format = values.format ?? "text";
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format ${format} is not a reach format; use one of ${FORMATS.join(", ")}.`);
    if (values.state !== undefined && (values.project !== undefined || values.stack !== undefined)) throw new UsageError("--state cannot be combined with --project or --stack: show one project or one export at a time.");
    checkSharedValues(values);
    const progress = progressReporter({ quiet: values.quiet === true });
    const packDir = path.resolve(values["policy-pack"] ?? defaultPackDir());
    const config = values.config !== undefined ? readConfigFile(values.config) : undefined;
    const result =
        values.state !== undefined
            ? await checkState({ file: values.state, packDir, config, at: values.at, progress })
            : await checkProject({ projectDir: values.project ?? ".", stack: values.stack ?? "all", packDir, config, at: values.at, progress });
    const stacks = reachOf(result);
    const text = format === "json" ? JSON.stringify({ stacks }, null, 2) + "\n" : format === "markdown" ? renderMarkdown(stacks) + "\n" : renderText(stacks);
    if (values.output !== undefined) fs.writeFileSync(values.output, text);
    else process.stdout.write(text);
    return EXIT_OK;
}

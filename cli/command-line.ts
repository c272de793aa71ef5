// How every command reads its command line: one table of the options commands share, one parser
// that refuses what node's parser lets through, and the checks of shared values, so that the
// commands cannot drift apart in what they accept or how they say no.

import { parseArgs, ParseArgsConfig } from "node:util";
import { parseInstant } from "../policies/lib/settings/clock";
import { UsageError } from "./errors";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Options several commands take, each meaning the same thing wherever it is taken. */
export const SHARED_OPTIONS = {
    project: { type: "string" },
    stack: { type: "string" },
    config: { type: "string" },
    at: { type: "string" },
    output: { type: "string" },
    "policy-pack": { type: "string" },
    quiet: { type: "boolean" },
    help: { type: "boolean", short: "h" },
} as const satisfies Options;

/** What to do instead, for an option users may repeat expecting it to add up. */
const INSTEAD: Readonly<Record<string, string>> = {
    stack: "--stack all takes every stack of the project",
};

/**
 * Parses `argv` strictly against `options`. node's parser keeps the last value of an option given
 * twice: `--stack prod --stack staging` would check staging alone and say nothing of prod, so an
 * option that takes one value and is given more than once is refused, naming every value.
 */
export function parseCommandLine<T extends Options>(command: string, argv: readonly string[], options: T, allowPositionals = false) {
    const help = `See blastwall ${command} --help.`;
    let parsed;
    try {
        parsed = parseArgs({ args: [...argv], strict: true, allowPositionals, options, tokens: true });
    } catch (error) {
        throw new UsageError(`${(error as Error).message}; see blastwall ${command} --help.`);
    }
    const given = new Map<string, string[]>();
    for (const token of parsed.tokens ?? []) {
        // A flag given twice means what it means once; only a value can be lost.
        if (token.kind !== "option" || options[token.name]?.type !== "string" || options[token.name]?.multiple === true) continue;
        given.set(token.name, [...(given.get(token.name) ?? []), token.value ?? ""]);
    }
    for (const [name, values] of given) {
        if (values.length < 2) continue;
        const instead = INSTEAD[name] ? `; ${INSTEAD[name]}` : "";
        throw new UsageError(`--${name} was given ${values.length} times (${values.join(", ")}), but blastwall ${command} takes one --${name}${instead}. ${help}`);
    }
    return { values: parsed.values, positionals: parsed.positionals };
}

/** The values of shared options, checked alike by every command that takes them. */
export function checkSharedValues(values: { readonly at?: string | boolean; readonly stack?: string | boolean }): void {
    if (typeof values.at === "string" && !parseInstant(values.at)) {
        throw new UsageError(`--at ${values.at} is not a date; give an RFC 3339 date (2027-01-01) or date-time (2027-01-01T00:00:00Z).`);
    }
    if (values.stack === "") throw new UsageError("--stack needs a stack name or all.");
}

// Picks the format and writes the report to stdout or --output.

import * as fs from "node:fs";
import * as path from "node:path";
import { InputError, UsageError } from "../errors";
import { renderJson } from "./json";
import { renderJunit } from "./junit";
import { renderMarkdown } from "./markdown";
import { Report } from "./model";
import { FallbackLocation, renderSarif } from "./sarif";
import { renderText } from "./text";

export const FORMATS = ["text", "json", "sarif", "junit", "markdown"] as const;
export type Format = (typeof FORMATS)[number];

export interface WriteOptions {
    readonly format: Format;
    readonly output?: string;
    /** For SARIF results with no source line: the file that best stands for the stack. */
    readonly fallbackLocation?: FallbackLocation;
}

function useColor(output: string | undefined): boolean {
    if (output) return false;
    if (process.env.NO_COLOR) return false;
    if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== "0") return true;
    return process.stdout.isTTY === true;
}

export function render(report: Report, options: WriteOptions): string {
    switch (options.format) {
        case "text":
            return renderText(report, { color: useColor(options.output) });
        case "json":
            return renderJson(report);
        case "sarif":
            return renderSarif(report, options.fallbackLocation ?? (() => undefined));
        case "junit":
            return renderJunit(report);
        case "markdown":
            return renderMarkdown(report);
    }
}

export async function writeReport(report: Report, options: WriteOptions): Promise<void> {
    const text = render(report, options);
    if (options.output) {
        try {
            fs.mkdirSync(path.dirname(path.resolve(options.output)), { recursive: true });
            fs.writeFileSync(options.output, text);
        } catch (error) {
            throw new InputError(`cannot write the report to ${options.output}: ${(error as Error).message}`);
        }
        return;
    }
    await new Promise<void>((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve())));
}

/** One report to write: a format, and the file it goes to (stdout when none). */
export interface ReportTarget {
    readonly format: Format;
    readonly output?: string;
}

/**
 * `--format FORMAT` (repeatable) and `--format FORMAT=FILE`: several reports from one evaluation.
 * At most one report goes to stdout (or to --output); each other one names its file.
 */
export function parseReportTargets(formats: readonly string[], output: string | undefined): ReportTarget[] {
    const targets = (formats.length > 0 ? formats : ["text"]).map((spec): ReportTarget => {
        const equals = spec.indexOf("=");
        const format = (equals < 0 ? spec : spec.slice(0, equals)) as Format;
        const file = equals < 0 ? undefined : spec.slice(equals + 1);
        if (!FORMATS.includes(format)) throw new UsageError(`--format ${spec} is not a report format; use one of ${FORMATS.join(", ")}.`);
        if (file === "") throw new UsageError(`--format ${spec} names no file; write FORMAT=FILE, or FORMAT alone for stdout.`);
        return { format, output: file };
    });
    const plain = targets.filter((t) => t.output === undefined);
    if (plain.length > 1) {
        throw new UsageError(`--format ${plain.map((t) => t.format).join(" and --format ")} would both go to ${output ?? "stdout"}; give the others a file (--format sarif=blastwall.sarif).`);
    }
    return targets.map((t) => (t.output === undefined && output !== undefined ? { ...t, output } : t));
}


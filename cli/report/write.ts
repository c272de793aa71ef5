// Picks the format and writes the report to stdout or --output.

import * as fs from "node:fs";
import * as path from "node:path";
import { InputError } from "../errors";
import { renderJson } from "./json";
import { renderJunit } from "./junit";
import { renderMarkdown } from "./markdown";
import { Report } from "./model";
import { renderSarif } from "./sarif";
import { renderText } from "./text";

export const FORMATS = ["text", "json", "sarif", "junit", "markdown"] as const;
export type Format = (typeof FORMATS)[number];

export interface WriteOptions {
    readonly format: Format;
    readonly output?: string;
    /** For SARIF results with no source line: the file that best stands for the stack. */
    readonly fallbackLocation?: (stack: string) => string | undefined;
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

// The machine-readable report: the Report model as JSON, with a summary and a format version.

import { Report, summarize } from "./model";

export const JSON_REPORT_VERSION = 1;

export function renderJson(report: Report): string {
    return JSON.stringify({ version: JSON_REPORT_VERSION, ...report, summary: summarize(report) }, null, 2) + "\n";
}

// `check --state FILE|-`: an exported stack through the pack, as at the end of the update that
// produced it (not a preview): Analyze with each resource's inputs, AnalyzeStack with outputs and
// checkpoint stamps.

import * as fs from "node:fs";
import { analyzeStack } from "../analyzer/session";
import { ConfigFile, userConfigFor } from "../config/load";
import { InputError } from "../errors";
import { checkFileSize } from "../input/limits";
import { decodeText } from "../input/text";
import { isShippedPack } from "../report/redaction";
import { findingsFromDiagnostics, sortFindings } from "../report/model";
import { readExport } from "../state/export";
import { Progress } from "./progress";
import { CheckResult, DEFAULT_ORGANIZATION } from "./project-mode";

export interface StateCheckOptions {
    readonly file: string;
    readonly packDir: string;
    readonly config?: ConfigFile;
    readonly at?: string;
    readonly progress: Progress;
}

export async function checkState(options: StateCheckOptions): Promise<CheckResult> {
    const origin = options.file === "-" ? "the export on stdin" : options.file;
    let bytes: Uint8Array;
    try {
        if (options.file !== "-") checkFileSize(options.file, origin);
        bytes = options.file === "-" ? fs.readFileSync(0) : fs.readFileSync(options.file);
    } catch (error) {
        if (error instanceof InputError) throw error;
        throw new InputError(`cannot read ${origin}: ${(error as Error).message}`);
    }
    const text = decodeText(bytes, origin);
    const exported = readExport(text, origin);
    options.progress.step(`${exported.stack}: ${exported.resources.length} resources in ${origin}; analyzing`);
    const result = await analyzeStack(
        {
            stack: exported.stack,
            project: exported.project,
            organization: DEFAULT_ORGANIZATION,
            dryRun: false,
            config: {},
            configSecretKeys: [],
            tags: { "pulumi:project": exported.project },
            resources: exported.resources,
        },
        {
            packDir: options.packDir,
            userConfig: (info) => userConfigFor(info, options.config, options.at),
            configSource: options.config?.file,
            onProgress: (message) => options.progress.step(`${exported.stack}: ${message}`),
        },
    );
    const levels = Object.fromEntries(result.info.policies.map((p) => [p.name, result.config[p.name]?.enforcementLevel ?? p.enforcementLevel]));
    return {
        info: result.info,
        stacks: [
            {
                stack: exported.stack,
                project: exported.project,
                mode: "state",
                preview: false,
                resources: exported.resources.length,
                findings: sortFindings(
                    findingsFromDiagnostics(exported, result.diagnostics, exported.resources, result.secretValues, isShippedPack(options.packDir)),
                    exported.resources.map((r) => r.urn),
                ),
                levels,
                origin: options.file === "-" ? "stdin" : options.file,
                warnings: [],
            },
        ],
    };
}

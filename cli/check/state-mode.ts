// `check --state FILE|-`: an exported state evaluated as the end of the update that produced it
// (Analyze with each resource's inputs, AnalyzeStack with outputs and checkpoint stamps), or, with
// --engine-exact, exactly as `pulumi policy analyze` evaluates a stack's state.

import * as fs from "node:fs";
import { analyzeStack, SessionOptions } from "../analyzer/session";
import { ConfigFile, userConfigFor } from "../config/load";
import { reachRows, withReach } from "../reach/rows";
import { InputError } from "../errors";
import { checkFileSize } from "../input/limits";
import { decodeText } from "../input/text";
import { isShippedPack } from "../report/redaction";
import { findingsFromDiagnostics, sortFindings } from "../report/model";
import { ExportedStack, readExport } from "../state/export";
import { Progress } from "./progress";
import { CheckResult, DEFAULT_ORGANIZATION } from "./project-mode";
import { environmentOf } from "./stack-tags";

export interface StateCheckOptions {
    readonly file: string;
    readonly packDir: string;
    readonly config?: ConfigFile;
    readonly at?: string;
    readonly progress: Progress;
    /** The stack's backend tags (--stack-tag): an export carries none. */
    readonly stackTags?: Readonly<Record<string, string>>;
    /**
     * As `pulumi policy analyze` (pkg/resource/deploy/analyze_snapshot.go): no ConfigureStack (it
     * loads packs with no stack options, so no tags either), no checkpoint stamps, remediations
     * reported but not applied, and external (read) resources analyzed like any other.
     */
    readonly engineExact?: boolean;
    /** A pack to use instead of a new one (check/multi-state.ts shares packs between exports). */
    readonly session?: Pick<SessionOptions, "pack" | "keepPack" | "skipRemediate">;
    /** The export of `file` already read as readStateFile reads it (check/multi-state.ts reads each once). */
    readonly exported?: ExportedStack;
}

/** The export in `file` ("-": stdin), read as checkState reads it: bad input is an InputError naming it. */
export function readStateFile(file: string, engineExact: boolean): ExportedStack {
    const origin = file === "-" ? "the export on stdin" : file;
    let bytes: Uint8Array;
    try {
        if (file !== "-") checkFileSize(file, origin);
        bytes = file === "-" ? fs.readFileSync(0) : fs.readFileSync(file);
    } catch (error) {
        if (error instanceof InputError) throw error;
        throw new InputError(`cannot read ${origin}: ${(error as Error).message}`);
    }
    return readExport(decodeText(bytes, origin), origin, { checkpoint: !engineExact });
}

export async function checkState(options: StateCheckOptions): Promise<CheckResult> {
    const origin = options.file === "-" ? "the export on stdin" : options.file;
    const exact = options.engineExact === true;
    const exported = options.exported ?? readStateFile(options.file, exact);
    const reportOrigin = options.file === "-" ? "stdin" : options.file;
    if (exported.resources.length === 0) {
        // `pulumi policy analyze` says "has no resources; nothing to analyze" and succeeds.
        const stack = { stack: "(no resources)", project: "(unknown)", mode: "state" as const, preview: false, resources: 0, findings: [], levels: {}, origin: reportOrigin };
        return { stacks: [{ ...stack, warnings: [`${origin} holds no resources; nothing to analyze (pulumi policy analyze says the same and passes)`] }], policies: [] };
    }
    options.progress.step(`${exported.stack}: ${exported.resources.length} resources in ${origin}; analyzing`);
    const tags = exact ? {} : { "pulumi:project": exported.project, ...options.stackTags };
    const result = await analyzeStack(
        {
            stack: exported.stack,
            project: exported.project,
            organization: DEFAULT_ORGANIZATION,
            dryRun: false,
            config: {},
            configSecretKeys: [],
            tags,
            resources: exported.resources,
        },
        {
            packDir: options.packDir,
            userConfig: (info) => userConfigFor(info, options.config, options.at),
            configSource: options.config?.file,
            onProgress: (message) => options.progress.step(`${exported.stack}: ${message}`),
            ...(exact ? { analyzeReads: true, skipConfigureStack: true, applyRemediations: false } : {}),
            ...options.session,
        },
    );
    const levels = Object.fromEntries(result.info.policies.map((p) => [p.name, result.config[p.name]?.enforcementLevel ?? p.enforcementLevel]));
    return {
        info: result.info,
        stacks: [
            withReach({
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
                origin: reportOrigin,
                warnings: [],
                environment: environmentOf({ stack: exported.stack, project: exported.project, tags }, result.config, () => "--stack-tag"),
            }, () => reachRows(exported.resources, tags, result.config, result.secretValues)),
        ],
    };
}

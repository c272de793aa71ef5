// `check --project DIR --stack NAME|all`: each stack is its own program run (a child process)
// and its own pack process, as each `pulumi preview` is. The pack starts while the program runs.

import * as path from "node:path";
import { AnalyzerInfo, StackInput } from "../analyzer/model";
import { mapLimited } from "../concurrency";
import { startPack } from "../analyzer/pack-process";
import { analyzeStack, packEnvironmentOf } from "../analyzer/session";
import { ConfigFile, userConfigFor } from "../config/load";
import { packageRoot, relativeInside, repositoryRoot } from "../paths";
import { runProgram } from "../program/runner";
import { listStacks, loadProject, loadStackConfig } from "../program/stack-files";
import { synthesize } from "../program/synthesize";
import { findingsFromDiagnostics, ReportPolicy, sortFindings, StackReport } from "../report/model";
import { Progress } from "./progress";

export const DEFAULT_ORGANIZATION = "organization";

export interface ProjectCheckOptions {
    readonly projectDir: string;
    readonly stack: string;
    readonly packDir: string;
    readonly config?: ConfigFile;
    readonly at?: string;
    readonly progress: Progress;
    readonly concurrency?: number;
    readonly programOutput?: (text: string) => void;
}

export interface CheckResult {
    readonly stacks: StackReport[];
    readonly info?: AnalyzerInfo;
    /** Policies and pack known without a pack session (event logs). */
    readonly policies?: ReportPolicy[];
    readonly pack?: { readonly name: string; readonly version: string };
}

export async function checkProject(options: ProjectCheckOptions): Promise<CheckResult> {
    const project = loadProject(options.projectDir);
    const stacks = options.stack === "all" ? listStacks(project) : [options.stack];
    const configs = stacks.map((stack) => loadStackConfig(project, stack));
    const sourceRoot = repositoryRoot(project.dir) ?? process.cwd();
    let info: AnalyzerInfo | undefined;

    const reports = await mapLimited(configs, options.concurrency ?? 2, async (stackConfig): Promise<StackReport> => {
        const stack = stackConfig.stack;
        const base = { stack, project: project.name, organization: DEFAULT_ORGANIZATION, dryRun: true, config: stackConfig.config };
        options.progress.step(`${stack}: running ${path.relative(process.cwd(), project.main) || "."} under mocks`);
        const pack = startPack(options.packDir, packEnvironmentOf(base));
        pack.catch(() => undefined);
        let program;
        try {
            program = await runProgram(
                { projectDir: project.dir, main: project.main, project: project.name, stack, organization: DEFAULT_ORGANIZATION, dryRun: true, config: stackConfig.config, secretKeys: stackConfig.secretKeys },
                { onOutput: options.programOutput },
            );
        } catch (error) {
            pack.then((p) => p.stop(), () => undefined);
            throw error;
        }
        const resources = synthesize(program.resources, program.registeredOutputs, {
            project: project.name,
            stack,
            config: stackConfig.config,
            secretKeys: stackConfig.secretKeys,
            projectDir: project.dir,
            sourceRoot,
            ignoredDirs: [packageRoot()],
        });
        const input: StackInput = { ...base, configSecretKeys: stackConfig.secretKeys, tags: stackConfig.tags, resources };
        options.progress.step(`${stack}: ${resources.length} resources registered in ${(program.durationMs / 1000).toFixed(1)} s; analyzing`);
        const result = await analyzeStack(input, {
            packDir: options.packDir,
            pack,
            userConfig: (packInfo) => userConfigFor(packInfo, options.config, options.at),
            configSource: options.config?.file,
            onProgress: (message) => options.progress.step(`${stack}: ${message}`),
        });
        info ??= result.info;
        const levels = Object.fromEntries(result.info.policies.map((p) => [p.name, result.config[p.name]?.enforcementLevel ?? p.enforcementLevel]));
        const warnings = [
            ...stackConfig.warnings,
            ...program.unmockedCalls.map((token) => `the program called ${token}, which blastwall's mocks do not know; it received its own arguments back`),
        ];
        warnings.forEach((w) => options.progress.warn(`${stack}: ${w}`));
        return {
            stack,
            project: project.name,
            mode: "project",
            preview: true,
            resources: resources.length,
            findings: sortFindings(
                findingsFromDiagnostics({ stack, project: project.name }, result.diagnostics, resources, result.secretValues),
                resources.map((r) => r.urn),
            ),
            levels,
            origin: relativeInside(sourceRoot, stackConfig.file) ?? stackConfig.file,
            warnings,
        };
    });
    return { stacks: reports, info };
}

// `check --project DIR --stack NAME|all`: each stack is its own program run (a child process),
// analyzed by its own pack process, as each `pulumi preview` is, or, with the shipped pack and
// several stacks, by one process serving them in turn (check/project-packs.ts). Either way the
// pack starts while the programs run.

import * as path from "node:path";
import { AnalyzerInfo, StackInput } from "../analyzer/model";
import { mapLimited } from "../concurrency";
import { analyzeStack, packEnvironmentOf } from "../analyzer/session";
import { ConfigFile, userConfigFor } from "../config/load";
import { packageRoot, relativeInside, repositoryRoot } from "../paths";
import { stopAll } from "../process/children";
import { callAnswersFrom } from "../program/call-answers";
import { runProgram } from "../program/runner";
import { listStacks, loadProject, loadStackConfig } from "../program/stack-files";
import { synthesize } from "../program/synthesize";
import { incompleteFindings, unexpandedComponents } from "../report/coverage";
import { isShippedPack } from "../report/redaction";
import { findingsFromDiagnostics, ReportPolicy, sortFindings, StackReport } from "../report/model";
import { toolVersion } from "../version";
import { reachRows, withReach } from "../reach/rows";
import { Progress } from "./progress";
import { stackReferenceWarnings } from "./read-warnings";
import { environmentOf } from "./stack-tags";
import { describeShard, selectShard, Shard } from "./shard";
import { projectPacks } from "./project-packs";

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
    /** The stack's backend tags (--stack-tag), over those derived from the project. */
    readonly stackTags?: Readonly<Record<string, string>>;
    /** A stack with multi-language components offline cannot expand fails (a finding per component). */
    readonly requireComplete?: boolean;
    /** Only this share of the stacks (--shard), by "project/stack". */
    readonly shard?: Shard;
    /** Each stack's resources and tags as the pack was sent them (blastwall inventory builds its rows from them). */
    readonly onStackInput?: (input: StackInput) => void;
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
    const listed = options.stack === "all" ? listStacks(project) : [options.stack];
    const stacks = selectShard(listed, (stack) => `${project.name}/${stack}`, options.shard);
    if (options.shard && stacks.length === 0) options.progress.warn(`${describeShard(options.shard, 0, listed.length)}; nothing for this shard to check (more shards than stacks)`);
    else if (options.shard) options.progress.step(describeShard(options.shard, stacks.length, listed.length));
    const configs = stacks.map((stack) => loadStackConfig(project, stack));
    // Report locations are relative to the repository (git root), else the project, wherever we run from.
    const sourceRoot = repositoryRoot(project.dir) ?? project.dir;
    const callAnswers = callAnswersFrom(options.config?.document, options.config?.file ?? "");
    let info: AnalyzerInfo | undefined;
    const packs = projectPacks(options.packDir, configs.length);
    if (configs.length > 1) options.progress.step(`checking ${configs.length} stacks, ${Math.min(configs.length, options.concurrency ?? 2)} at a time, with ${packs.description}`);

    // The packs end once: at the first failure, so that the other stacks' packs and programs end
    // now rather than at their timeouts; else when the run is done, however it ends.
    let stoppedAtFailure = false;
    const reports = await mapLimited(configs, options.concurrency ?? 2, async (stackConfig): Promise<StackReport> => {
        const stack = stackConfig.stack;
        const base = { stack, project: project.name, organization: DEFAULT_ORGANIZATION, dryRun: true, config: stackConfig.config };
        options.progress.step(`${stack}: running ${path.relative(process.cwd(), project.main) || "."} under mocks`);
        const pack = packs.forStack(packEnvironmentOf(base));
        const started = Date.now();
        // With nothing registered yet, the progress the runner saw was a module loaded: a large SDK
        // takes seconds to load on a busy machine, which "0 resources registered" does not say.
        const onProgress = (registered: number) =>
            options.progress.step(registered === 0 ? `${stack}: loading the program (${Math.round((Date.now() - started) / 1000)} s)` : `${stack}: ${registered} resources registered so far`);
        let program;
        try {
            program = await runProgram(
                { projectDir: project.dir, main: project.main, project: project.name, stack, organization: DEFAULT_ORGANIZATION, dryRun: true, config: stackConfig.config, secretKeys: stackConfig.secretKeys, callAnswers },
                { onOutput: options.programOutput, onProgress },
            );
        } catch (error) {
            pack.abandon();
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
        const tags = { ...stackConfig.tags, ...options.stackTags };
        const input: StackInput = { ...base, configSecretKeys: stackConfig.secretKeys, tags, resources };
        options.onStackInput?.(input);
        options.progress.step(`${stack}: ${resources.length} resources registered in ${(program.durationMs / 1000).toFixed(1)} s; analyzing`);
        const result = await pack.analyze((session) => analyzeStack(input, {
            packDir: options.packDir,
            userConfig: (packInfo) => userConfigFor(packInfo, options.config, options.at),
            configSource: options.config?.file,
            onProgress: (message) => options.progress.step(`${stack}: ${message}`),
            ...session,
        }));
        info ??= result.info;
        const levels = Object.fromEntries(result.info.policies.map((p) => [p.name, result.config[p.name]?.enforcementLevel ?? p.enforcementLevel]));
        const warnings = [
            ...stackConfig.warnings,
            ...program.unmockedCalls.map((token) => `the program called ${token}, which blastwall cannot answer offline; it received its result's declared fields with empty values (answer it under mockCalls in the settings document)`),
            ...stackReferenceWarnings(resources),
            ...(program.placeholderCalls ?? []).map((call) => `the program called ${call.replace(/ \((.*)\)$/, "")}, whose ${call.replace(/^.* \((.*)\)$/, "$1")} only the cloud knows; it received a placeholder (answer it under mockCalls in the settings document)`),
        ];
        warnings.forEach((w) => options.progress.warn(`${stack}: ${w}`));
        const unexpanded = unexpandedComponents(resources);
        if (unexpanded.length > 0) options.progress.warn(`${stack}: ${unexpanded.length} multi-language component(s) not expanded offline; their children were not seen`);
        const completeness = options.requireComplete ? incompleteFindings({ stack, project: project.name }, unexpanded, toolVersion()) : [];
        return withReach({
            stack,
            project: project.name,
            mode: "project",
            preview: true,
            resources: resources.length,
            findings: sortFindings(
                [...findingsFromDiagnostics({ stack, project: project.name }, result.diagnostics, resources, result.secretValues, isShippedPack(options.packDir)), ...completeness],
                resources.map((r) => r.urn),
            ),
            levels,
            origin: relativeInside(sourceRoot, stackConfig.file) ?? stackConfig.file,
            warnings,
            environment: environmentOf({ stack, project: project.name, tags }, result.config, (key) =>
                options.stackTags && key in options.stackTags ? "--stack-tag" : "the pulumi:tags config, as Pulumi Cloud merges it",
            ),
            unexpanded,
        }, () => reachRows(resources, input.tags, result.config, result.secretValues));
    }, () => {
        stoppedAtFailure = true;
        packs.stopAll();
        stopAll();
    }).finally(() => {
        if (!stoppedAtFailure) packs.stopAll();
    });
    return { stacks: reports, info };
}

// AnalyzeStack in one pass for every stack policy.
//
// `@pulumi/policy` 1.21 answers AnalyzeStack by rebuilding the whole stack (objects, property
// proxies, options, providers, dependency lists) once per stack policy: most of what our pack
// costs on a large stack, and most of its memory. Every one of our stack policies is a rule over
// one StackView (define.ts), so we answer the call ourselves: build the view once from the
// request, run each policy's rule over it in the pack's order, and answer with exactly what the
// SDK's own handler would (same diagnostics, levels, not-applicable entries, in the same order).
//
// We detect rather than assume the SDK's internals. While the pack starts we watch
// `server.serve` (to learn the pack's name, version, level and policies as the SDK received them)
// and the gRPC `addService` call (to wrap the analyzer's handlers). We mirror the only state the
// SDK keeps between calls (the Configure config and the ConfigureStack tags) by reading the same
// requests the same way, committing only what the SDK accepted. Whenever anything is not as
// expected (a policy not defined by define.ts, a request the SDK would refuse, state we could not
// mirror, a rule runner that throws) the call goes to the SDK's own handler, unchanged.
// test/hardening/one-pass.test.ts drives both paths over the bench stacks and the fuzz inputs.
// The same wrapper hooks in Analyze and Remediate for the resource policies (one-pass-analyze.ts),
// with the same mirror; what they share is in one-pass-sdk.ts. BLASTWALL_ONE_PASS=off keeps the
// SDK's path for all (the tests' reference); =trace says on stderr, per AnalyzeStack ("blastwall
// one-pass: ..."), Analyze ("blastwall one-pass analyze: ...") and Remediate ("... remediate: ..."),
// which path answered.

import type { Policy } from "@pulumi/policy";
import type { StackView } from "../model";
import { onePassAnalyzeHandler, onePassRemediateHandler } from "./one-pass-analyze";
import {
    Diag,
    Handler,
    keepRequestBytes,
    levelOf,
    Mirror,
    observed,
    ownConfig,
    pushNotApplicable,
    RawRequest,
    readConfigure,
    readConfigureStack,
    reporter,
    SdkModules,
    sdkModules,
    ServedPack,
    toSdk,
} from "./one-pass-sdk";
import { AnalyzerResourceMessage, stackViewOfRequest } from "./stack-request";
import { readAnalyzeStackRequest } from "./stack-wire";

/** What a stack policy's rule does over a view (define.ts registers one per stack policy). */
export type StackRunner = (
    view: () => StackView,
    config: Record<string, unknown>,
    report: (message: string, urn?: string) => void,
) => { readonly notApplicable: string } | undefined;

const runners = new WeakMap<object, StackRunner>();

/** Called by define.ts: `validate` is the policy's validateStack, `runner` the same rule over a view. */
export function registerStackRunner(validate: object, runner: StackRunner): void {
    runners.set(validate, runner);
}

/** The response the SDK would give, or undefined when the SDK's own handler must answer. */
export function answerInOnePass(modules: SdkModules, pack: ServedPack, mirror: Mirror, resources: readonly AnalyzerResourceMessage[]): unknown {
    if (mirror.lost) return undefined;
    const { config, tags } = mirror;
    const ds: Diag[] = [];
    let notApplicable: unknown[] | undefined;
    let view: StackView | undefined;
    const viewOnce = () => (view ??= stackViewOfRequest(resources, tags));
    let sdkReadsTheBags = false;
    for (const policy of pack.policies) {
        const validate = (policy as { validateStack?: unknown }).validateStack;
        let level = levelOf(policy, pack, config);
        if (level === "disabled" || typeof validate !== "function") continue;
        if (level === "remediate") level = "mandatory";
        const runner = runners.get(validate);
        if (!runner) return undefined;
        const pulumiType = (validate as { __pulumiType?: unknown }).__pulumiType;
        if (typeof pulumiType === "string" && pulumiType.length > 0 && !resources.some((r) => r.getType() === pulumiType)) {
            notApplicable = pushNotApplicable(modules, notApplicable, policy.name, `Policy only applies to resources of type '${pulumiType}'`);
            continue;
        }
        sdkReadsTheBags = true;
        const outcome = runner(viewOnce, ownConfig(config, policy.name), reporter(policy, pack, level, ds));
        if (outcome) notApplicable = pushNotApplicable(modules, notApplicable, policy.name, outcome.notApplicable);
    }
    // The bags are read from the bytes when the view is built (stack-wire.ts). The SDK reads every
    // bag for each policy it gets this far with, so when one did and no rule asked for the view
    // (a settings problem, which the configure guard refuses before any AnalyzeStack), build it
    // anyway: a bag the SDK could not read must never be answered here.
    if (sdkReadsTheBags) viewOnce();
    return modules.protoutil.makeAnalyzeResponse(ds, notApplicable);
}

function resourcesOf(request: unknown): readonly AnalyzerResourceMessage[] {
    if (request instanceof RawRequest) return readAnalyzeStackRequest(request.bytes);
    return (request as { getResourcesList(): AnalyzerResourceMessage[] }).getResourcesList();
}

function onePassHandler(modules: SdkModules, pack: ServedPack, mirror: Mirror, sdkHandler: Handler, trace: boolean): Handler {
    return (call, callback) => {
        let response: unknown;
        try {
            response = answerInOnePass(modules, pack, mirror, resourcesOf(call.request));
        } catch {
            response = undefined;
        }
        // stderr, never stdout: the engine reads the port from stdout.
        if (trace) process.stderr.write(`blastwall one-pass: ${response === undefined ? "left to the SDK" : "answered"}\n`);
        if (response !== undefined) return callback(null, response);
        return toSdk(sdkHandler, call, callback);
    };
}

/** Runs `start` (the `new PolicyPack` call) with AnalyzeStack and Analyze answered in one pass. */
export function withOnePassAnalyzeStack(start: () => void): void {
    const setting = process.env.BLASTWALL_ONE_PASS;
    const modules = setting === "off" ? undefined : sdkModules();
    if (!modules) return start();
    const { server, grpcServer } = modules;
    const serve = server.serve;
    const addService = grpcServer.addService;
    let pack: ServedPack | undefined;
    server.serve = function (this: unknown, ...args: unknown[]) {
        const [name, version, level, packArgs] = args as [string, string, string, { policies?: Policy[] }];
        if (typeof name === "string" && typeof version === "string" && typeof level === "string" && Array.isArray(packArgs?.policies)) {
            pack = { name, version, level, policies: [...packArgs.policies] };
        }
        return serve.apply(this, args);
    };
    grpcServer.addService = function (this: unknown, service: unknown, implementation: Record<string, unknown>) {
        const handlers = ["analyzeStack", "configure", "configureStack", "analyze", "remediate"].map((k) => implementation?.[k]);
        if (!pack || !handlers.every((h) => typeof h === "function")) return addService.call(this, service, implementation);
        const [analyzeStack, configure, configureStack, analyze, remediate] = handlers as Handler[];
        // Before any Configure the SDK's config is empty and its tags are empty.
        const mirror: Mirror = { config: {}, tags: new Map(), lost: false };
        return addService.call(this, ["analyzeStack", "analyze", "remediate"].reduce(keepRequestBytes, service), {
            ...implementation,
            configure: observed(configure, readConfigure(modules), mirror),
            configureStack: observed(configureStack, readConfigureStack, mirror),
            analyzeStack: onePassHandler(modules, pack, mirror, analyzeStack, setting === "trace"),
            analyze: onePassAnalyzeHandler(modules, pack, mirror, analyze, setting === "trace"),
            remediate: onePassRemediateHandler(modules, pack, mirror, remediate, setting === "trace"),
        });
    };
    try {
        start();
    } finally {
        server.serve = serve;
        grpcServer.addService = addService;
    }
}

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
// BLASTWALL_ONE_PASS=off keeps the SDK's path (that test's reference); =trace says on stderr, per
// AnalyzeStack, which path answered.

import * as path from "node:path";
import type { Policy } from "@pulumi/policy";
import type { StackView } from "../model";
import { AnalyzerResourceMessage, stackViewOfRequest } from "./stack-request";
import { readAnalyzeStackRequest } from "./stack-wire";

/** grpc.status.INTERNAL */
const INTERNAL = 13;

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

interface Diag {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    message: string;
    urn?: string;
    description: string;
    enforcementLevel: string;
    severity?: string;
}

interface ServedPack {
    readonly name: string;
    readonly version: string;
    readonly level: string;
    readonly policies: readonly Policy[];
}

interface SdkModules {
    readonly server: { serve: (...args: unknown[]) => unknown };
    readonly protoutil: {
        makeAnalyzeResponse(ds: Diag[], notApplicable: unknown[] | undefined): unknown;
        convertEnforcementLevel(level: number): string;
    };
    readonly analyzerPb: { PolicyNotApplicable: new () => { setPolicyName(n: string): void; setReason(r: string): void } };
    readonly grpcServer: { addService(service: unknown, implementation: Record<string, unknown>): void };
}

function sdkModules(): SdkModules | undefined {
    try {
        const sdkDir = path.dirname(require.resolve("@pulumi/policy/package.json"));
        const from = (id: string) => require.resolve(id, { paths: [sdkDir] });
        /* eslint-disable @typescript-eslint/no-require-imports */
        const grpc = require(from("@grpc/grpc-js")) as { Server?: { prototype: SdkModules["grpcServer"] } };
        const modules = {
            server: require("@pulumi/policy/server") as SdkModules["server"],
            protoutil: require("@pulumi/policy/protoutil") as SdkModules["protoutil"],
            analyzerPb: require(from("@pulumi/pulumi/proto/analyzer_pb")) as SdkModules["analyzerPb"],
            grpcServer: grpc.Server?.prototype as SdkModules["grpcServer"],
        };
        /* eslint-enable @typescript-eslint/no-require-imports */
        const ok =
            typeof modules.server?.serve === "function" &&
            typeof modules.protoutil?.makeAnalyzeResponse === "function" &&
            typeof modules.protoutil?.convertEnforcementLevel === "function" &&
            typeof modules.analyzerPb?.PolicyNotApplicable === "function" &&
            typeof modules.grpcServer?.addService === "function";
        return ok ? modules : undefined;
    } catch {
        return undefined;
    }
}

/** The SDK's state between calls, as we mirrored it; `lost` once a call we could not read succeeded. */
interface Mirror {
    config: Record<string, Record<string, unknown>>;
    tags: ReadonlyMap<string, string>;
    lost: boolean;
}

type Callback = (error: unknown, response?: unknown) => void;
type Handler = (call: { request: unknown }, callback: Callback) => unknown;

interface ConfigureRequest {
    getPolicyconfigMap(): { entries(): Iterable<[string, { getEnforcementlevel(): number; getProperties(): { toJavaScript(): Record<string, unknown> } }]> };
}

/** Runs `handler`, then commits `next` to the mirror if the SDK accepted the call. */
function observed(handler: Handler, read: (request: unknown) => (mirror: Mirror) => void, mirror: Mirror): Handler {
    return (call, callback) => {
        let commit: (mirror: Mirror) => void;
        try {
            commit = read(call.request);
        } catch {
            commit = (m) => {
                m.lost = true;
            };
        }
        return handler(call, (error, response) => {
            if (!error) commit(mirror);
            callback(error, response);
        });
    };
}

function readConfigure(modules: SdkModules) {
    return (request: unknown) => {
        // As the SDK's configure: each policy's properties with its level as a word.
        const config: Record<string, Record<string, unknown>> = {};
        for (const [name, entry] of (request as ConfigureRequest).getPolicyconfigMap().entries()) {
            const props = entry.getProperties().toJavaScript();
            props.enforcementLevel = modules.protoutil.convertEnforcementLevel(entry.getEnforcementlevel());
            config[name] = props;
        }
        return (mirror: Mirror) => {
            mirror.config = config;
        };
    };
}

function readConfigureStack(request: unknown) {
    const tags = new Map<string, string>();
    (request as { getTagsMap(): { forEach(f: (v: string, k: string) => void): void } }).getTagsMap().forEach((v, k) => tags.set(k, v));
    return (mirror: Mirror) => {
        mirror.tags = tags;
    };
}

function pushNotApplicable(modules: SdkModules, list: unknown[] | undefined, policyName: string, reason: string | undefined): unknown[] {
    const entry = new modules.analyzerPb.PolicyNotApplicable();
    entry.setPolicyName(policyName);
    if (reason) entry.setReason(reason);
    return [...(list ?? []), entry];
}

/** The SDK's reportViolation for one policy, word for word (server.js makeReportViolationFun). */
function reporter(policy: Policy, pack: ServedPack, level: string, ds: Diag[]) {
    return (message: unknown, urn?: string) => {
        if (typeof message === "object" && message !== null) {
            const info = message as Partial<Diag> & { name?: string };
            ds.push({
                policyName: info.name || policy.name,
                policyPackName: pack.name,
                policyPackVersion: pack.version,
                message: info.message || info.description || policy.description,
                urn: info.urn,
                description: info.description || policy.description,
                enforcementLevel: info.enforcementLevel || level,
                severity: info.severity || policy.severity,
            });
            return;
        }
        ds.push({
            policyName: policy.name,
            policyPackName: pack.name,
            policyPackVersion: pack.version,
            message: message ? `${policy.description}\n${String(message)}` : policy.description,
            urn,
            description: policy.description,
            enforcementLevel: level,
            severity: policy.severity,
        });
    };
}

/** The response the SDK would give, or undefined when the SDK's own handler must answer. */
export function answerInOnePass(modules: SdkModules, pack: ServedPack, mirror: Mirror, resources: readonly AnalyzerResourceMessage[]): unknown {
    if (mirror.lost) return undefined;
    const { config, tags } = mirror;
    const ds: Diag[] = [];
    let notApplicable: unknown[] | undefined;
    let view: StackView | undefined;
    const viewOnce = () => (view ??= stackViewOfRequest(resources, tags));
    for (const policy of pack.policies) {
        const validate = (policy as { validateStack?: unknown }).validateStack;
        let level = (config[policy.name]?.enforcementLevel as string | undefined) || policy.enforcementLevel || pack.level;
        if (level === "disabled" || typeof validate !== "function") continue;
        if (level === "remediate") level = "mandatory";
        const runner = runners.get(validate);
        if (!runner) return undefined;
        const pulumiType = (validate as { __pulumiType?: unknown }).__pulumiType;
        if (typeof pulumiType === "string" && pulumiType.length > 0 && !resources.some((r) => r.getType() === pulumiType)) {
            notApplicable = pushNotApplicable(modules, notApplicable, policy.name, `Policy only applies to resources of type '${pulumiType}'`);
            continue;
        }
        const own = config[policy.name];
        const policyConfig: Record<string, unknown> = {};
        if (own) for (const key of Object.keys(own)) if (key !== "enforcementLevel") policyConfig[key] = own[key];
        const outcome = runner(viewOnce, policyConfig, reporter(policy, pack, level, ds));
        if (outcome) notApplicable = pushNotApplicable(modules, notApplicable, policy.name, outcome.notApplicable);
    }
    return modules.protoutil.makeAnalyzeResponse(ds, notApplicable);
}

/** The request as gRPC handed it over: its bytes, when we took over decoding it (stack-wire.ts). */
class RawStackRequest {
    constructor(
        readonly bytes: Uint8Array,
        readonly decode: (bytes: Uint8Array) => unknown,
    ) {}
}

function resourcesOf(request: unknown): readonly AnalyzerResourceMessage[] {
    if (request instanceof RawStackRequest) return readAnalyzeStackRequest(request.bytes);
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
        if (call.request instanceof RawStackRequest) {
            try {
                call.request = call.request.decode(call.request.bytes);
            } catch (error) {
                // What gRPC answers when it cannot decode a request.
                return callback({ code: INTERNAL, details: `Error deserializing request: ${error instanceof Error ? error.message : String(error)}` });
            }
        }
        return sdkHandler(call, callback);
    };
}

interface MethodDefinition {
    requestDeserialize?: unknown;
}

/** The service with AnalyzeStack's request left as bytes for us to read, when its shape is the expected one. */
function keepStackRequestBytes(service: unknown): unknown {
    const definition = (service as Record<string, MethodDefinition> | undefined)?.analyzeStack;
    const decode = definition?.requestDeserialize;
    if (typeof decode !== "function") return service;
    const requestDeserialize = (bytes: Uint8Array) => new RawStackRequest(bytes, decode as (bytes: Uint8Array) => unknown);
    return { ...(service as object), analyzeStack: { ...definition, requestDeserialize } };
}

/** Runs `start` (the `new PolicyPack` call) with AnalyzeStack answered in one pass. */
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
        const handlers = ["analyzeStack", "configure", "configureStack"].map((k) => implementation?.[k]);
        if (!pack || !handlers.every((h) => typeof h === "function")) return addService.call(this, service, implementation);
        const [analyzeStack, configure, configureStack] = handlers as Handler[];
        // Before any Configure the SDK's config is empty and its tags are empty.
        const mirror: Mirror = { config: {}, tags: new Map(), lost: false };
        return addService.call(this, keepStackRequestBytes(service), {
            ...implementation,
            configure: observed(configure, readConfigure(modules), mirror),
            configureStack: observed(configureStack, readConfigureStack, mirror),
            analyzeStack: onePassHandler(modules, pack, mirror, analyzeStack, setting === "trace"),
        });
    };
    try {
        start();
    } finally {
        server.serve = serve;
        grpcServer.addService = addService;
    }
}

// One real pack process shared by many cases, driven through blastwall check's own analyzer
// client (cli/analyzer): `session` runs a whole engine-ordered session on it (the session's
// attempt to stop the pack is ignored, so the next case reuses it), `configure` sends a raw
// Configure, as the engine does after validating only the JSON schemas.

import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { protoModules, MAX_MESSAGE_BYTES } from "../../cli/analyzer/grpc";
import { analyzerInfo, configureRequest } from "../../cli/analyzer/messages";
import { AnalyzerInfo, EngineResource, PolicyConfigEntry, ResourceOptions, StackInput } from "../../cli/analyzer/model";
import { RunningPack, startPack } from "../../cli/analyzer/pack-process";
import { analyzeStack, SessionResult } from "../../cli/analyzer/session";
import { UserPolicyConfig } from "../../cli/config/reconcile";

export const PACK_DIR = path.resolve(__dirname, "..", "..", "policies");
export const STACK = "prod";
export const PROJECT = "hardening";

const OPTIONS: ResourceOptions = { protect: false, ignoreChanges: [], additionalSecretOutputs: [], aliases: [], customTimeouts: { create: 0, update: 0, delete: 0 } };

export interface ResourceSpec {
    readonly type: string;
    readonly name: string;
    readonly props: Readonly<Record<string, unknown>>;
    readonly provider?: ResourceSpec;
    readonly dependsOn?: readonly string[];
}

export function urnOf(type: string, name: string): string {
    return `urn:pulumi:${STACK}::${PROJECT}::${type}::${name}`;
}

/** A resource whose inputs (Analyze) and outputs (AnalyzeStack) are the same bag. */
export function engineResource(spec: ResourceSpec): EngineResource {
    return {
        urn: urnOf(spec.type, spec.name),
        type: spec.type,
        name: spec.name,
        custom: true,
        inputs: spec.props,
        outputs: spec.props,
        dependencies: [...(spec.dependsOn ?? [])],
        propertyDependencies: {},
        provider: spec.provider ? urnOf(spec.provider.type, spec.provider.name) : undefined,
        options: OPTIONS,
    };
}

/** A stack of these resources, their providers added once each before them. */
export function stackOf(specs: readonly ResourceSpec[]): StackInput {
    const providers = new Map<string, EngineResource>();
    for (const spec of specs) if (spec.provider) providers.set(urnOf(spec.provider.type, spec.provider.name), engineResource(spec.provider));
    return {
        stack: STACK,
        project: PROJECT,
        organization: "hardening",
        dryRun: true,
        config: {},
        configSecretKeys: [],
        tags: {},
        resources: [...providers.values(), ...specs.map(engineResource)],
    };
}

export interface GrpcFailure {
    readonly code: number;
    readonly details: string;
}

export interface SharedPack {
    session(input: StackInput, userConfig: UserPolicyConfig): Promise<SessionResult>;
    info(): Promise<AnalyzerInfo>;
    /** Sends one Configure; resolves with the gRPC error, or undefined when the pack accepted it. */
    configure(config: Readonly<Record<string, PolicyConfigEntry>>): Promise<GrpcFailure | undefined>;
    alive(): boolean;
    stderr(): string;
    stop(): void;
}

export async function startSharedPack(): Promise<SharedPack> {
    const running = await startPack(PACK_DIR, { stack: STACK, project: PROJECT, organization: "hardening", dryRun: true, config: {} });
    const m = protoModules();
    const client = new m.stubs.AnalyzerClient(`127.0.0.1:${running.port}`, m.grpc.credentials.createInsecure(), {
        "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
        "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
    });
    const kept: RunningPack = { ...running, stop: () => undefined };
    return {
        session: (input, userConfig) => analyzeStack(input, { packDir: PACK_DIR, pack: Promise.resolve(kept), userConfig: () => userConfig, concurrency: 4 }),
        info: () =>
            new Promise((resolve, reject) => {
                client.getAnalyzerInfo(new m.Empty() as never, (error: grpcTypes.ServiceError | null, info: analyzerPb.AnalyzerInfo) => (error ? reject(error) : resolve(analyzerInfo(info))));
            }),
        configure: (config) =>
            new Promise((resolve) => {
                client.configure(configureRequest(m, config), (error: grpcTypes.ServiceError | null) => resolve(error ? { code: error.code, details: error.details } : undefined));
            }),
        alive: () => running.process.exitCode === null && running.process.signalCode === null,
        stderr: running.stderr,
        stop() {
            client.close();
            running.stop();
        },
    };
}

/** Starts one pack for the enclosing mocha suite and stops it after; read the fields in tests. */
export function sharedPackForSuite(): { readonly pack: SharedPack; readonly info: AnalyzerInfo } {
    const state = {} as { pack: SharedPack; info: AnalyzerInfo };
    before(async () => {
        state.pack = await startSharedPack();
        state.info = await state.pack.info();
    });
    after(() => state.pack?.stop());
    return state;
}

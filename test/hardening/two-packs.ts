// Two real pack processes for the one-pass equivalence tests: one answering in one pass (and
// tracing which path answered each call), one on the SDK's own path (BLASTWALL_ONE_PASS=off),
// driven over gRPC with the engine's generated stubs.
import { strict as assert } from "node:assert";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { MAX_MESSAGE_BYTES, ProtoModules } from "../../cli/analyzer/grpc";
import { analyzerInfo } from "../../cli/analyzer/messages";
import { AnalyzerInfo } from "../../cli/analyzer/model";
import { RunningPack, startPack } from "../../cli/analyzer/pack-process";
import { userConfigFor } from "../../cli/config/load";
import { reconcile } from "../../cli/config/reconcile";
import { PACK_DIR } from "./pack";

export interface Driven {
    readonly pack: RunningPack;
    readonly client: grpcTypes.Client & Record<string, (...args: unknown[]) => unknown>;
}

export type Answer = { readonly response: unknown } | { readonly error: { code: number; details: string } };

export function unary<Res>(driven: Driven, method: string, request: unknown): Promise<Res> {
    return new Promise((resolve, reject) => {
        driven.client[method](request, (error: grpcTypes.ServiceError | null, response: Res) => (error ? reject(error) : resolve(response)));
    });
}

/** The response as an object, or the error with what stays the same between processes. */
export async function answerOf(call: () => Promise<{ toObject(): unknown }>): Promise<Answer> {
    try {
        return { response: (await call()).toObject() };
    } catch (error) {
        // The SDK's error carries a stack trace whose frames name the handler that called it.
        const e = error as grpcTypes.ServiceError;
        return { error: { code: e.code, details: e.details.split("\n").slice(0, 2).join("\n") } };
    }
}

export async function start(m: ProtoModules, mode: "on" | "trace" | "off", packDir = PACK_DIR): Promise<Driven> {
    const before = process.env.BLASTWALL_ONE_PASS;
    process.env.BLASTWALL_ONE_PASS = mode;
    try {
        const pack = await startPack(packDir, { stack: "prod", project: "hardening", organization: "hardening", dryRun: true, config: {} });
        const client = new m.stubs.AnalyzerClient(`127.0.0.1:${pack.port}`, m.grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
            "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
        }) as unknown as Driven["client"];
        return { pack, client };
    } finally {
        if (before === undefined) delete process.env.BLASTWALL_ONE_PASS;
        else process.env.BLASTWALL_ONE_PASS = before;
    }
}

export function stop(...packs: Array<Driven | undefined>): void {
    for (const driven of packs) {
        driven?.client.close();
        driven?.pack.stop();
    }
}

/** How many times the pack's trace says `line` (one-pass.ts, one-pass-analyze.ts), since a `stderrMark()`. */
export function traced(driven: Driven, line: string, since?: number): number {
    return driven.pack.stderr(since).split("\n").filter((l) => l === line).length;
}

type Config = ReturnType<typeof reconcile>["config"];

/** The two packs of one suite, started before it and stopped after; read the fields in tests. */
export interface TwoPacks {
    readonly onePass: Driven;
    readonly sdkPath: Driven;
    /** The config the engine would send for a settings document (and `--at`). */
    configOf(document: Record<string, unknown> | undefined, at?: string): Config;
}

export function twoPacksForSuite(m: ProtoModules): TwoPacks {
    const state = {} as { onePass: Driven; sdkPath: Driven; info: AnalyzerInfo };
    before(async () => {
        [state.onePass, state.sdkPath] = await Promise.all([start(m, "trace"), start(m, "off")]);
        state.info = analyzerInfo(await unary<analyzerPb.AnalyzerInfo>(state.onePass, "getAnalyzerInfo", new m.Empty()));
    });
    after(() => stop(state.onePass, state.sdkPath));
    return {
        get onePass() {
            return state.onePass;
        },
        get sdkPath() {
            return state.sdkPath;
        },
        configOf(document, at) {
            const user = userConfigFor(state.info, document ? { file: "settings.yaml", document } : undefined, at);
            const reconciled = reconcile(state.info.policies, state.info.initialConfig, user);
            assert.deepEqual(reconciled.problems, []);
            return reconciled.config;
        },
    };
}

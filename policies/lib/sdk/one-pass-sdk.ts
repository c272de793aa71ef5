// What the one-pass handlers (one-pass.ts for AnalyzeStack, one-pass-analyze.ts for Analyze)
// share: the SDK modules they detect, the SDK's state between calls as we mirror it, the SDK's
// own way of reporting a violation and a not-applicable policy, and the request kept as bytes
// until we know which path answers it.

import * as path from "node:path";
import type { Policy } from "@pulumi/policy";

/** grpc.status.INTERNAL */
const INTERNAL = 13;

export interface Diag {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    message: string;
    urn?: string;
    description: string;
    enforcementLevel: string;
    severity?: string;
}

export interface ServedPack {
    readonly name: string;
    readonly version: string;
    readonly level: string;
    readonly policies: readonly Policy[];
}

export interface SdkModules {
    readonly server: { serve: (...args: unknown[]) => unknown };
    readonly protoutil: {
        makeAnalyzeResponse(ds: Diag[], notApplicable: unknown[] | undefined): unknown;
        convertEnforcementLevel(level: number): string;
        makeRemediateResponse?(rs: unknown[], notApplicable: unknown[] | undefined): unknown;
    };
    readonly analyzerPb: { PolicyNotApplicable: new () => { setPolicyName(n: string): void; setReason(r: string): void } };
    readonly grpcServer: { addService(service: unknown, implementation: Record<string, unknown>): void };
}

export function sdkModules(): SdkModules | undefined {
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
export interface Mirror {
    config: Record<string, Record<string, unknown>>;
    tags: ReadonlyMap<string, string>;
    lost: boolean;
}

export type Callback = (error: unknown, response?: unknown) => void;
export type Handler = (call: { request: unknown }, callback: Callback) => unknown;

interface ConfigureRequest {
    getPolicyconfigMap(): { entries(): Iterable<[string, { getEnforcementlevel(): number; getProperties(): { toJavaScript(): Record<string, unknown> } }]> };
}

/** Runs `handler`, then commits `next` to the mirror if the SDK accepted the call. */
export function observed(handler: Handler, read: (request: unknown) => (mirror: Mirror) => void, mirror: Mirror): Handler {
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

export function readConfigure(modules: SdkModules) {
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

export function readConfigureStack(request: unknown) {
    const tags = new Map<string, string>();
    (request as { getTagsMap(): { forEach(f: (v: string, k: string) => void): void } }).getTagsMap().forEach((v, k) => tags.set(k, v));
    return (mirror: Mirror) => {
        mirror.tags = tags;
    };
}

/** The level the SDK's handlers resolve for a policy: its config, its own, the pack's. */
export function levelOf(policy: Policy, pack: ServedPack, config: Mirror["config"]): string {
    return (config[policy.name]?.enforcementLevel as string | undefined) || policy.enforcementLevel || pack.level;
}

/** The policy's config as the SDK's getConfig returns it: its properties without the level. */
export function ownConfig(config: Mirror["config"], policyName: string): Record<string, unknown> {
    const own = config[policyName];
    const result: Record<string, unknown> = {};
    if (own) for (const key of Object.keys(own)) if (key !== "enforcementLevel") result[key] = own[key];
    return result;
}

export function pushNotApplicable(modules: SdkModules, list: unknown[] | undefined, policyName: string, reason: string | undefined): unknown[] {
    const entry = new modules.analyzerPb.PolicyNotApplicable();
    entry.setPolicyName(policyName);
    if (reason) entry.setReason(reason);
    return [...(list ?? []), entry];
}

/** The SDK's reportViolation for one policy, word for word (server.js makeReportViolationFun). */
export function reporter(policy: Policy, pack: ServedPack, level: string, ds: Diag[]) {
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

/** A request as gRPC handed it over: its bytes, when we took over decoding it. */
export class RawRequest {
    constructor(
        readonly bytes: Uint8Array,
        readonly decode: (bytes: Uint8Array) => unknown,
    ) {}
}

interface MethodDefinition {
    requestDeserialize?: unknown;
}

/** The service with `method`'s request left as bytes for us to read, when its shape is the expected one. */
export function keepRequestBytes(service: unknown, method: string): unknown {
    const definition = (service as Record<string, MethodDefinition> | undefined)?.[method];
    const decode = definition?.requestDeserialize;
    if (typeof decode !== "function") return service;
    const requestDeserialize = (bytes: Uint8Array) => new RawRequest(bytes, decode as (bytes: Uint8Array) => unknown);
    return { ...(service as object), [method]: { ...definition, requestDeserialize } };
}

/** Hands the call to the SDK's own handler, decoding kept bytes as gRPC would have. */
export function toSdk(sdkHandler: Handler, call: { request: unknown }, callback: Callback): unknown {
    if (call.request instanceof RawRequest) {
        try {
            call.request = call.request.decode(call.request.bytes);
        } catch (error) {
            // What gRPC answers when it cannot decode a request.
            return callback({ code: INTERNAL, details: `Error deserializing request: ${error instanceof Error ? error.message : String(error)}` });
        }
    }
    return sdkHandler(call, callback);
}

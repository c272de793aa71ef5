// One stack through one policy pack process, in the engine's order: Handshake (the Node SDK
// answers UNIMPLEMENTED, which the engine tolerates), ConfigureStack, GetAnalyzerInfo, Configure
// (reconciled config, every policy with its level), then Remediate and Analyze for each resource
// with its inputs, and AnalyzeStack once with every resource's outputs. The process is killed at
// the end and on any error.

import type * as grpcTypes from "@grpc/grpc-js";
import type * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { mapLimited } from "../concurrency";
import { InputError, describe } from "../errors";
import { reconcile, UserPolicyConfig } from "../config/reconcile";
import { SecretCollector } from "./encode";
import { checkStackSize } from "../input/limits";
import { redactPackOutput } from "../report/redaction";
import { deadlineMessage, packTimeoutSeconds, WAIT_NOTICE_MS } from "./deadline";
import { MAX_MESSAGE_BYTES, ProtoModules, protoModules } from "./grpc";
import { analyzerInfo, configureRequest, diagnostic } from "./messages";
import { AnalyzeRequestWriter } from "./analyze-bytes";
import { AnalyzerInfo, Diagnostic, EngineResource, PolicyConfigEntry, StackInput } from "./model";
import { RunningPack, startPack } from "./pack-process";
import { analyzeStackRequest } from "./stack-bytes";

export interface SessionOptions {
    readonly packDir: string;
    /** The user's per-policy config for this pack (may depend on its policies' schemas). */
    readonly userConfig: (info: AnalyzerInfo) => UserPolicyConfig;
    /** Names the config's origin in error messages ("policy-config.json"). */
    readonly configSource?: string;
    readonly onProgress?: (message: string) => void;
    /** How many resources are in flight at once (the engine analyzes steps in parallel too). */
    readonly concurrency?: number;
    /** A pack already starting for this stack (started early to overlap with other work). */
    readonly pack?: Promise<RunningPack>;
    /**
     * Send read resources (`.get(...)`, StackReference, an export's external resources) to Analyze
     * and AnalyzeStack, as `pulumi policy analyze` does. A preview or update never sends them.
     */
    readonly analyzeReads?: boolean;
    /** Skip ConfigureStack, as `pulumi policy analyze` does (it starts packs with no stack options). */
    readonly skipConfigureStack?: boolean;
    /** Use remediated inputs for Analyze, as a deployment does (default); `pulumi policy analyze` only reports them. */
    readonly applyRemediations?: boolean;
    /** Leave the pack running afterwards, to serve another stack (analyzer/pack-pool.ts). */
    readonly keepPack?: boolean;
    /** Send no Remediate: the pack is known to have no remediation (the shipped one; check/multi-state.ts). */
    readonly skipRemediate?: boolean;
}

export interface SessionResult {
    readonly info: AnalyzerInfo;
    readonly config: Readonly<Record<string, PolicyConfigEntry>>;
    readonly diagnostics: readonly Diagnostic[];
    /** Every plaintext secret value sent to the pack, for redaction in reports. */
    readonly secretValues: ReadonlySet<string>;
    readonly analyzedResources: number;
    readonly timings: {
        readonly startMs: number;
        readonly analyzeMs: number;
        readonly analyzeStackMs: number;
        /** Of analyzeStackMs, what the driver took to write the request (the same for every pack). */
        readonly analyzeStackEncodeMs?: number;
    };
}

type Unary<Req, Res> = (request: Req, metadata: grpcTypes.Metadata, options: grpcTypes.CallOptions, callback: (error: grpcTypes.ServiceError | null, response: Res) => void) => unknown;

function call<Req, Res>(client: object, method: string, request: Req, m: ProtoModules, timeoutMs: number): Promise<Res> {
    const fn = (client as Record<string, Unary<Req, Res>>)[method].bind(client);
    return new Promise<Res>((resolve, reject) => {
        fn(request, new m.grpc.Metadata(), { deadline: Date.now() + timeoutMs }, (error, response) => (error ? reject(error) : resolve(response)));
    });
}


export function rootStackUrn(stack: string, project: string): string {
    return `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack}`;
}

/** The pack's own words (its error, its stderr) may hold the plaintext it was sent: redacted. */
function packFailure(pack: RunningPack, what: string, error: unknown, secretValues: ReadonlySet<string> = new Set()): InputError {
    const redacted = (text: string) => redactPackOutput(text, secretValues);
    if ((error as { code?: number }).code === protoModules().grpc.status.DEADLINE_EXCEEDED) return new InputError(redacted(deadlineMessage(what, packTimeoutSeconds())));
    const stderr = pack.stderr().trim();
    const detail = (error as { details?: string }).details || describe(error);
    const tail = stderr ? `\n    ${stderr.split("\n").slice(-15).join("\n    ")}` : "";
    return new InputError(redacted(`the policy pack failed during ${what}: ${detail}${tail}`));
}

export function packEnvironmentOf(input: Pick<StackInput, "stack" | "project" | "organization" | "dryRun" | "config">) {
    return { stack: input.stack, project: input.project, organization: input.organization, dryRun: input.dryRun, config: input.config };
}

export async function analyzeStack(input: StackInput, options: SessionOptions): Promise<SessionResult> {
    const m = protoModules();
    const started = Date.now();
    const pack = await (options.pack ?? startPack(options.packDir, packEnvironmentOf(input)));
    const startMs = Date.now() - started;
    const client = new m.stubs.AnalyzerClient(`127.0.0.1:${pack.port}`, m.grpc.credentials.createInsecure(), {
        "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
        "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
    });
    try {
        return await converse(m, client, pack, input, options, startMs);
    } finally {
        client.close();
        if (!options.keepPack) pack.stop();
    }
}

async function converse(
    m: ProtoModules,
    client: object,
    pack: RunningPack,
    input: StackInput,
    options: SessionOptions,
    startMs: number,
): Promise<SessionResult> {
    checkStackSize(input, `stack ${input.stack}`);
    const secrets = new SecretCollector();
    const step = async <Res>(what: string, method: string, request: unknown): Promise<Res> => {
        const started = Date.now();
        const notice = setInterval(() => options.onProgress?.(`still waiting for the policy pack to answer ${what} (${Math.round((Date.now() - started) / 1000)} s)`), WAIT_NOTICE_MS);
        try {
            return await call<unknown, Res>(client, method, request, m, packTimeoutSeconds() * 1000);
        } catch (error) {
            throw packFailure(pack, what, error, secrets.values);
        } finally {
            clearInterval(notice);
        }
    };

    const handshake = new m.pb.AnalyzerHandshakeRequest();
    handshake.setEngineAddress("127.0.0.1:0");
    handshake.setRootDirectory(options.packDir);
    handshake.setProgramDirectory(options.packDir);
    try {
        await call(client, "handshake", handshake, m, packTimeoutSeconds() * 1000);
    } catch (error) {
        if ((error as { code?: number }).code !== m.grpc.status.UNIMPLEMENTED) throw packFailure(pack, "Handshake", error);
    }

    if (!options.skipConfigureStack) await configureStackCall(m, client, pack, input);

    const info = analyzerInfo(await step<analyzerPb.AnalyzerInfo>("GetAnalyzerInfo", "getAnalyzerInfo", new m.Empty()));
    const reconciled = reconcile(info.policies, info.initialConfig, options.userConfig(info));
    if (reconciled.problems.length > 0) {
        const source = options.configSource ? ` (from ${options.configSource})` : "";
        throw new InputError(`the policy pack config${source} is invalid:\n    ${reconciled.problems.join("\n    ")}`);
    }
    await step("Configure", "configure", configureRequest(m, reconciled.config));

    const byUrn = new Map(input.resources.map((r) => [r.urn, r] as const));
    const providerOf = (resource: EngineResource) => (resource.provider ? byUrn.get(resource.provider) : undefined);
    const perResource: Diagnostic[][] = input.resources.map(() => []);
    // The engine analyzes only the resources a deployment registers (its "news"), never reads.
    const analyzed = options.analyzeReads ? input.resources : input.resources.filter((r) => !r.external);
    const sent = new Set(analyzed.map((r) => r.urn));
    const indexOf = new Map(input.resources.map((r, i) => [r, i] as const));

    const analyzeStarted = Date.now();
    const requests = new AnalyzeRequestWriter(m, secrets);
    let done = 0;
    await mapLimited(analyzed, options.concurrency ?? 16, async (resource) => {
        const sink = perResource[indexOf.get(resource) ?? 0];
        let inputs: Readonly<Record<string, unknown>> = resource.inputs;
        const provider = providerOf(resource);
        // One request for both calls, rebuilt only if a remediation replaced the inputs.
        const request = requests.request(resource, inputs, provider);
        const remediation = options.skipRemediate ? undefined : await step<analyzerPb.RemediateResponse>(`Remediate of ${resource.urn}`, "remediate", request);
        for (const r of remediation?.getRemediationsList() ?? []) {
            if (r.getDiagnostic()) {
                sink.push({
                    policyName: r.getPolicyname(),
                    policyPackName: r.getPolicypackname(),
                    policyPackVersion: r.getPolicypackversion(),
                    description: r.getDescription(),
                    message: r.getDiagnostic(),
                    enforcementLevel: "advisory",
                    urn: resource.urn,
                    phase: "remediate",
                });
            } else if (r.getProperties() && options.applyRemediations !== false) {
                inputs = r.getProperties()?.toJavaScript() ?? inputs;
            }
        }
        const analyzeRequest = inputs === resource.inputs ? request : requests.request(resource, inputs, provider);
        const response = await step<analyzerPb.AnalyzeResponse>(`Analyze of ${resource.urn}`, "analyze", analyzeRequest);
        for (const d of response.getDiagnosticsList()) {
            // The engine attributes an Analyze diagnostic to the resource analyzed, whatever URN it names.
            const converted = diagnostic(d, resource.urn, "analyze");
            if (converted) sink.push(converted);
        }
        done++;
        if (done % 500 === 0) options.onProgress?.(`analyzed ${done}/${analyzed.length} resources`);
    });
    const analyzeMs = Date.now() - analyzeStarted;

    const stackStarted = Date.now();
    const request = analyzeStackRequest(m, analyzed, providerOf, secrets);
    const analyzeStackEncodeMs = Date.now() - stackStarted;
    const stackResponse = await step<analyzerPb.AnalyzeResponse>("AnalyzeStack", "analyzeStack", request);
    const root = rootStackUrn(input.stack, input.project);
    const stackDiagnostics: Diagnostic[] = [];
    for (const d of stackResponse.getDiagnosticsList()) {
        // A stack diagnostic keeps its URN when it names a resource of the stack, else the root stack's.
        const urn = d.getUrn() && sent.has(d.getUrn()) ? d.getUrn() : root;
        const converted = diagnostic(d, urn, "analyzeStack");
        if (converted) stackDiagnostics.push(converted);
    }
    const analyzeStackMs = Date.now() - stackStarted;

    return {
        info,
        config: reconciled.config,
        diagnostics: [...perResource.flat(), ...stackDiagnostics],
        secretValues: secrets.values,
        analyzedResources: analyzed.length,
        timings: { startMs, analyzeMs, analyzeStackMs, analyzeStackEncodeMs },
    };
}

async function configureStackCall(m: ProtoModules, client: object, pack: RunningPack, input: StackInput): Promise<void> {
    const configureStack = new m.pb.AnalyzerStackConfigureRequest();
    configureStack.setStack(input.stack);
    configureStack.setProject(input.project);
    configureStack.setOrganization(input.organization);
    configureStack.setDryRun(input.dryRun);
    for (const [key, value] of Object.entries(input.config)) configureStack.getConfigMap().set(key, value);
    configureStack.setConfigSecretKeysList([...input.configSecretKeys]);
    for (const [key, value] of Object.entries(input.tags)) configureStack.getTagsMap().set(key, value);
    try {
        await call(client, "configureStack", configureStack, m, packTimeoutSeconds() * 1000);
    } catch (error) {
        if ((error as { code?: number }).code !== m.grpc.status.UNIMPLEMENTED) throw packFailure(pack, "ConfigureStack", error);
    }
}

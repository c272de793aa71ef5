// Analyze answered in one pass for the resource policies defined by define.ts.
//
// The engine sends every resource to Analyze. `@pulumi/policy` 1.21 answers it from the request
// as google-protobuf decoded it (every property a Struct/Value object, walked again by
// `toJavaScript`), then for each resource policy deserializes the bag, wraps it in its
// unknown-checking proxy and builds the rule's arguments, which our rules unwrap at once
// (model.ts). We read the request's bytes once with protobufjs (stack-wire.ts), deserialize the
// bags with the SDK's own deserializer and our wire hook (secrets, unknowns, odd signatures:
// wire.ts), build the ResourceView the rules see once, and run each resource policy's rule over
// it in the pack's order, answering exactly what the SDK's handler would: the same levels
// (per-policy config, then the policy's, then the pack's; disabled skipped, remediate reported as
// mandatory), diagnostics, type fast path and not-applicable entries, in the same order.
//
// The SDK's proxy never throws for our rules (they read the unwrapped bag), so its "can't run
// policy ... during preview" advisory never comes from them; a rule that throws is already a
// finding (define.ts). Whatever else the SDK would answer with an error (a request without
// options or properties, a provider without properties) makes us hand the call to the SDK's own
// handler, as does any policy not registered here (not from define.ts), a lost config mirror, or
// anything that throws. Remediate, sent before each Analyze with the same request, is answered
// here too (answerRemediateInOnePass). one-pass.ts hooks both in with the same mirror of the SDK's
// state; test/hardening/one-pass-analyze.test.ts compares both paths on real pack processes.

import type { Policy } from "@pulumi/policy";
import type { ResourceView } from "../model";
import { Diag, Handler, levelOf, Mirror, ownConfig, pushNotApplicable, RawRequest, reporter, SdkModules, ServedPack, toSdk } from "./one-pass-sdk";
import { AnalyzerResourceMessage, propsOfMessage, providerViewOfMessage, sdkDeserializer } from "./stack-request";
import { readAnalyzeRequest } from "./stack-wire";

/** What a resource policy's rule does over a view (define.ts registers one per resource policy). */
export type ResourceRunner = (
    resource: ResourceView,
    config: Record<string, unknown>,
    report: (message: string, urn?: string) => void,
) => { readonly notApplicable: string } | undefined;

const runners = new WeakMap<object, ResourceRunner>();

/** Called by define.ts: `validate` is the policy's validateResource, `runner` the same rule over a view. */
export function registerResourceRunner(validate: object, runner: ResourceRunner): void {
    runners.set(validate, runner);
}

/** The view model.ts's resourceView makes of the SDK's arguments; throws where the SDK's handler would. */
function resourceViewOfRequest(request: AnalyzerResourceMessage): ResourceView {
    const deserialize = sdkDeserializer();
    // The SDK's order: the properties, then the options (refused when missing), then the provider.
    const { props, secrets } = propsOfMessage(request, deserialize);
    const options = request.getOptions();
    if (!options) throw new Error("an Analyze request without options");
    return {
        urn: request.getUrn(),
        type: request.getType(),
        name: request.getName(),
        props,
        secrets,
        provider: providerViewOfMessage(request.getProvider(), deserialize),
        parent: options.getParent() || undefined,
        dependencies: [],
        propertyDependencies: {},
    };
}

/** `__pulumiType` as the SDK's getPulumiType reads it. */
function pulumiTypeOf(validate: object): string | undefined {
    const pulumiType = (validate as { __pulumiType?: unknown }).__pulumiType;
    return typeof pulumiType === "string" && pulumiType.length > 0 ? pulumiType : undefined;
}

/** The response the SDK would give, or undefined when the SDK's own handler must answer. */
export function answerAnalyzeInOnePass(modules: SdkModules, pack: ServedPack, mirror: Mirror, request: AnalyzerResourceMessage): unknown {
    if (mirror.lost) return undefined;
    const { config } = mirror;
    const type = request.getType();
    const ds: Diag[] = [];
    let notApplicable: unknown[] | undefined;
    let view: ResourceView | undefined;
    for (const policy of pack.policies) {
        const { validateResource, remediateResource } = policy as Policy & { validateResource?: unknown; remediateResource?: unknown };
        let level = levelOf(policy, pack, config);
        // Neither kind of resource policy: the SDK skips it here (a stack policy).
        if (level === "disabled" || (validateResource === undefined && remediateResource === undefined)) continue;
        const runner = typeof validateResource === "function" && remediateResource === undefined ? runners.get(validateResource) : undefined;
        if (!runner) return undefined;
        if (level === "remediate") level = "mandatory";
        const pulumiType = pulumiTypeOf(validateResource as object);
        if (pulumiType && type !== pulumiType) {
            notApplicable = pushNotApplicable(modules, notApplicable, policy.name, `Policy only applies to resources of type '${pulumiType}'`);
            continue;
        }
        // The SDK deserializes before it calls each rule (the wire hook shares the result), so a
        // request it cannot read fails here too, before any rule runs.
        view ??= resourceViewOfRequest(request);
        const outcome = runner(view, ownConfig(config, policy.name), reporter(policy, pack, level, ds));
        if (outcome) notApplicable = pushNotApplicable(modules, notApplicable, policy.name, outcome.notApplicable);
    }
    return modules.protoutil.makeAnalyzeResponse(ds, notApplicable);
}

/**
 * Remediate as the SDK answers it when no policy can remediate: our policies never do, so a
 * policy at the remediate level is reported as not applicable ("Policy does not implement
 * remediateResource"), in the pack's order. The SDK reads the options and deserializes the
 * properties first, outside its error handling (a request without them is never answered), so
 * such a request is left to it; so is any policy not registered here.
 */
export function answerRemediateInOnePass(modules: SdkModules, pack: ServedPack, mirror: Mirror, request: AnalyzerResourceMessage): unknown {
    const respond = modules.protoutil.makeRemediateResponse;
    if (mirror.lost || typeof respond !== "function" || !request.getOptions() || request.getProperties() === undefined) return undefined;
    let notApplicable: unknown[] | undefined;
    for (const policy of pack.policies) {
        const { validateResource, remediateResource } = policy as Policy & { validateResource?: unknown; remediateResource?: unknown };
        if (levelOf(policy, pack, mirror.config) !== "remediate" || (validateResource === undefined && remediateResource === undefined)) continue;
        const ours = typeof validateResource === "function" && remediateResource === undefined && runners.has(validateResource);
        if (!ours) return undefined;
        notApplicable = pushNotApplicable(modules, notApplicable, policy.name, "Policy does not implement remediateResource");
    }
    return respond([], notApplicable);
}

function requestOf(request: unknown): AnalyzerResourceMessage {
    return request instanceof RawRequest ? readAnalyzeRequest(request.bytes) : (request as AnalyzerResourceMessage);
}

type Answerer = (modules: SdkModules, pack: ServedPack, mirror: Mirror, request: AnalyzerResourceMessage) => unknown;

function onePassResourceHandler(answer: Answerer, call: string) {
    return (modules: SdkModules, pack: ServedPack, mirror: Mirror, sdkHandler: Handler, trace: boolean): Handler =>
        (rpc, callback) => {
            let response: unknown;
            try {
                response = answer(modules, pack, mirror, requestOf(rpc.request));
            } catch {
                response = undefined;
            }
            // stderr, never stdout: the engine reads the port from stdout.
            if (trace) process.stderr.write(`blastwall one-pass ${call}: ${response === undefined ? "left to the SDK" : "answered"}\n`);
            if (response !== undefined) return callback(null, response);
            return toSdk(sdkHandler, rpc, callback);
        };
}

export const onePassAnalyzeHandler = onePassResourceHandler(answerAnalyzeInOnePass, "analyze");
export const onePassRemediateHandler = onePassResourceHandler(answerRemediateInOnePass, "remediate");

// Turns a rule (pure logic over plain data) into an SDK policy. Everything every policy needs is
// done here once: reading and validating settings, unwrapping the SDK's proxies, running the rule
// so that it can never throw into the SDK (a throw drops every diagnostic of the resource), and
// delivering findings with no secret in them.

import type {
    EnforcementLevel,
    PolicyComplianceFramework,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { parseUrn, ResourceView, resourceView, StackView, stackView } from "./model";
import { redactExactly, stackSecretValues } from "./redact";
import { registerPolicy } from "./registry";
import { relieveMemoryPressure } from "./sdk/memory";
import { installRawGraphCapture } from "./sdk/raw-graph";
import { registerStackRunner, StackRunner } from "./sdk/one-pass";
import { registerResourceRunner, ResourceRunner } from "./sdk/one-pass-analyze";
import { installWireHook } from "./sdk/wire";
import { nowSetting } from "./settings/common";
import { evaluationTime } from "./settings/clock";
import { SettingDefinition, SettingsOf } from "./settings/define";
import { settingsReader } from "./settings/read";
import { findWaiver, waivedMessage } from "./waivers/apply";
import { maxWaiverDaysSetting, waiverApproversSetting, waiversSetting } from "./waivers/settings";

installWireHook();
installRawGraphCapture();

/** What a rule reports: one sentence naming the resource, the fact, the limit and the fix. */
export interface Finding {
    readonly message: string;
    /** The resource the finding is about. Stack rules set it whenever there is one. */
    readonly urn?: string;
}

/**
 * What a rule returns when it does not apply to this stack or resource (the SDK reports the
 * policy as not applicable, with the reason, instead of silently passing).
 */
export interface NotApplicable {
    readonly notApplicable: string;
}

export function notApplicable(reason: string): NotApplicable {
    return { notApplicable: reason };
}

function isNotApplicable(outcome: readonly Finding[] | NotApplicable): outcome is NotApplicable {
    return !Array.isArray(outcome);
}

export interface PolicyContext<S> {
    readonly policy: string;
    readonly settings: S;
    /** The evaluation time, from the `now` setting (default: when the pack evaluates). */
    readonly now: Date;
}

interface PolicyMetadata<A extends readonly SettingDefinition[]> {
    /** kebab-case; the contract in DESIGN.md names them. */
    readonly name: string;
    readonly description: string;
    readonly severity: Severity;
    readonly remediationSteps: string;
    readonly framework?: PolicyComplianceFramework;
    readonly url?: string;
    readonly tags?: readonly string[];
    /** Default "mandatory": a policy that does not block is not a gate. */
    readonly enforcementLevel?: Extract<EnforcementLevel, "mandatory" | "advisory">;
    /** Every setting this policy reads, shared or its own. `now` and the waiver settings are always included. */
    readonly settings: A;
    /**
     * Whether waivers may cover this policy's findings: always (the default), never (`false`), or
     * only when a boolean setting is true (the incident cutoff: `allowIncidentWaivers`).
     */
    readonly waivable?: false | SettingDefinition<string, boolean>;
}

export interface ResourcePolicySpec<A extends readonly SettingDefinition[]> extends PolicyMetadata<A> {
    /** Resource types the rule applies to; others are reported as not applicable. */
    readonly types?: readonly string[];
    readonly checkResource: (resource: ResourceView, context: PolicyContext<SettingsOf<A>>) => readonly Finding[] | NotApplicable;
}

export interface StackPolicySpec<A extends readonly SettingDefinition[]> extends PolicyMetadata<A> {
    /**
     * The one resource type without which the rule has nothing to judge. The SDK then skips the
     * policy (not applicable) for a stack with no such resource, before building its own copy of
     * the whole stack for it, which is most of what a stack policy costs on a large stack.
     */
    readonly onlyWith?: string;
    readonly checkStack: (stack: StackView, context: PolicyContext<SettingsOf<A>>) => readonly Finding[] | NotApplicable;
}

/** The policy's settings with those every policy reads (time and waivers) in front, once each. */
function allSettings(spec: PolicyMetadata<readonly SettingDefinition[]>): readonly SettingDefinition[] {
    const always: SettingDefinition[] = [nowSetting, waiversSetting, maxWaiverDaysSetting, waiverApproversSetting];
    if (spec.waivable) always.push(spec.waivable);
    const seen = new Set(always.map((s) => s.key));
    return [...always, ...spec.settings.filter((s) => !seen.has(s.key))];
}

function configSchemaOf(settings: readonly SettingDefinition[]) {
    const properties: Record<string, object> = {};
    for (const definition of settings) properties[definition.key] = definition.schema;
    return { properties };
}

function metadataOf<A extends readonly SettingDefinition[]>(spec: PolicyMetadata<A>) {
    return {
        name: spec.name,
        description: spec.description,
        severity: spec.severity,
        remediationSteps: spec.remediationSteps,
        framework: spec.framework,
        url: spec.url,
        tags: spec.tags ? [...spec.tags] : undefined,
        enforcementLevel: spec.enforcementLevel ?? "mandatory",
        configSchema: configSchemaOf(allSettings(spec)),
    };
}

/** Runs the rule; a rule that throws becomes a finding at the policy's own level (fail closed). */
function runRule(
    spec: { name: string },
    subject: { type: string; name: string; urn?: string },
    rule: () => readonly Finding[] | NotApplicable,
): readonly Finding[] | NotApplicable {
    try {
        return rule();
    } catch (error) {
        const kind = error instanceof Error ? error.name : typeof error;
        return [
            {
                message: `${spec.name} could not evaluate ${subject.type} '${subject.name}' (internal ${kind}); treat it as failing and report this blastwall bug with the resource type.`,
                urn: subject.urn,
            },
        ];
    }
}

function settled(outcome: readonly Finding[] | NotApplicable): readonly Finding[] | undefined {
    return isNotApplicable(outcome) ? undefined : outcome;
}

interface Prepared<A extends readonly SettingDefinition[]> {
    readonly context: PolicyContext<SettingsOf<A>>;
    /** Reports findings (already redacted, see redactExactly): waivers consulted. */
    deliver(report: ReportViolation, findings: readonly Finding[], subjectUrn: string | undefined): void;
}

interface WaiverSettings {
    readonly waivers: readonly unknown[];
    readonly maxWaiverDays: number;
    readonly waiverApprovers: readonly string[];
}

function preparer<A extends readonly SettingDefinition[]>(spec: PolicyMetadata<A>) {
    const read = settingsReader<SettingsOf<A>>(allSettings(spec), {});
    registerPolicy({
        name: spec.name,
        waivable: spec.waivable !== false,
        waivableWhen: spec.waivable ? spec.waivable.key : undefined,
        configProblems: (config) => read(config).problems,
    });
    return (config: Readonly<Record<string, unknown>>): Prepared<A> | { readonly problem: string } => {
        const { values, problems } = read(config);
        if (problems.length > 0) {
            return {
                problem: `The configuration of ${spec.name} is invalid: ${problems.join("; ")}; fix the policy pack config (see \`blastwall config expand\`).`,
            };
        }
        const now = evaluationTime((values as { now?: string }).now);
        const { waivers, maxWaiverDays, waiverApprovers } = values as unknown as WaiverSettings;
        const waiverContext = { now, maxWaiverDays, approvers: waiverApprovers, settings: values as Readonly<Record<string, unknown>> };
        return {
            context: { policy: spec.name, settings: values, now },
            deliver(report, findings, subjectUrn) {
                for (const finding of findings) {
                    const urn = finding.urn ?? subjectUrn;
                    const waiver = urn && spec.waivable !== false ? findWaiver(spec.name, urn, parseUrn(urn).name, waivers, waiverContext) : undefined;
                    if (!waiver) {
                        report(finding.message, finding.urn);
                        continue;
                    }
                    // The SDK takes an object to report at another level than the policy's
                    // (undocumented in 1.21); it then prints the message as given, so we prefix
                    // the description as it does for strings.
                    const message = `${spec.description}\n${waivedMessage(finding.message, waiver)}`;
                    (report as unknown as (info: object) => void)({ message, urn: finding.urn, enforcementLevel: "advisory" });
                }
            },
        };
    };
}

export function defineResourcePolicy<const A extends readonly SettingDefinition[]>(spec: ResourcePolicySpec<A>): ResourceValidationPolicy {
    const prepare = preparer(spec);
    const types = spec.types ? new Set(spec.types) : undefined;
    // The rule over a view: the SDK's path (validate) builds the view from its arguments, the
    // one-pass Analyze (sdk/one-pass-analyze.ts) from the request's bytes.
    const run: ResourceRunner = (resource, config, report) => {
        if (types && !types.has(resource.type)) return notApplicable(`applies only to ${[...types].join(", ")}`);
        const prepared = prepare(config);
        if ("problem" in prepared) {
            report(prepared.problem);
            return undefined;
        }
        const findings = runRule(spec, resource, () => spec.checkResource(resource, prepared.context));
        if (isNotApplicable(findings)) return findings;
        const secrets = new Set([...resource.secrets.values, ...(resource.provider?.secrets.values ?? [])]);
        const redacted = redactExactly(findings, secrets, (masker) => {
            const masked = masker.resource(resource);
            return settled(runRule(spec, masked, () => spec.checkResource(masked, prepared.context)));
        });
        prepared.deliver(report, redacted, resource.urn);
        return undefined;
    };
    const validate = (args: ResourceValidationArgs, report: ReportViolation): void => {
        const outcome = run(resourceView(args), args.getConfig<Record<string, unknown>>(), report);
        if (outcome) return args.notApplicable(outcome.notApplicable);
    };
    registerResourceRunner(validate, run);
    // The SDK skips a policy without deserializing anything when the validator carries its type.
    if (spec.types && spec.types.length === 1) {
        (validate as unknown as { __pulumiType: string }).__pulumiType = spec.types[0];
    }
    return { ...metadataOf(spec), validateResource: validate };
}

export function defineStackPolicy<const A extends readonly SettingDefinition[]>(spec: StackPolicySpec<A>): StackValidationPolicy {
    const prepare = preparer(spec);
    // The rule over a view: the SDK's path (validate) builds the view per policy, the one-pass
    // AnalyzeStack (sdk/one-pass.ts) hands every policy the same one.
    const run: StackRunner = (view, config, report) => {
        const prepared = prepare(config);
        if ("problem" in prepared) {
            report(prepared.problem);
            return undefined;
        }
        const stack = view();
        const findings = runRule(spec, { type: "stack", name: stack.stack }, () => spec.checkStack(stack, prepared.context));
        if (isNotApplicable(findings)) return findings;
        // Most stack policies find nothing: the stack's secret values are gathered only when there is a message to redact.
        const redacted =
            findings.length === 0
                ? findings
                : redactExactly(findings, stackSecretValues(stack), (masker) =>
                      settled(runRule(spec, { type: "stack", name: stack.stack }, () => spec.checkStack(masker.stack(stack), prepared.context))),
                  );
        prepared.deliver(report, redacted, undefined);
        return undefined;
    };
    const validate = (args: StackValidationArgs, report: ReportViolation): void => {
        relieveMemoryPressure();
        const outcome = run(() => stackView(args), args.getConfig<Record<string, unknown>>(), report);
        if (outcome) return args.notApplicable(outcome.notApplicable);
    };
    registerStackRunner(validate, run);
    if (spec.onlyWith) (validate as unknown as { __pulumiType: string }).__pulumiType = spec.onlyWith;
    return { ...metadataOf(spec), validateStack: validate };
}

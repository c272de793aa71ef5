// Builds the analyzer protocol messages from our model and reads the pack's answers, field by
// field as pulumi/pulumi's analyzer plugin client does.

import type * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { ProtoModules } from "./grpc";
import { encodeProperties, SecretCollector } from "./encode";
import { AnalyzerInfo, Diagnostic, EngineResource, EnforcementLevel, PolicyConfigEntry, PolicyInfo, Severity } from "./model";

const LEVEL_NAMES: Record<number, EnforcementLevel> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };
const SEVERITY_NAMES: Record<number, Severity | undefined> = { 0: undefined, 1: "low", 2: "medium", 3: "high", 4: "critical" };

export function levelNumber(pb: typeof analyzerPb, level: EnforcementLevel): number {
    switch (level) {
        case "advisory":
            return pb.EnforcementLevel.ADVISORY;
        case "mandatory":
            return pb.EnforcementLevel.MANDATORY;
        case "disabled":
            return pb.EnforcementLevel.DISABLED;
        case "remediate":
            return pb.EnforcementLevel.REMEDIATE;
    }
}

function levelName(value: number): EnforcementLevel {
    const name = LEVEL_NAMES[value];
    if (!name) throw new Error(`the pack sent an unknown enforcement level ${value}`);
    return name;
}

export function resourceOptions(m: ProtoModules, resource: EngineResource): analyzerPb.AnalyzerResourceOptions {
    const options = new m.pb.AnalyzerResourceOptions();
    options.setProtect(resource.options.protect);
    options.setIgnorechangesList([...resource.options.ignoreChanges]);
    options.setDeletebeforereplace(resource.options.deleteBeforeReplace ?? false);
    options.setDeletebeforereplacedefined(resource.options.deleteBeforeReplace !== undefined);
    options.setAdditionalsecretoutputsList([...resource.options.additionalSecretOutputs]);
    options.setAliasesList([...resource.options.aliases]);
    const timeouts = new m.pb.AnalyzerResourceOptions.CustomTimeouts();
    timeouts.setCreate(resource.options.customTimeouts.create);
    timeouts.setUpdate(resource.options.customTimeouts.update);
    timeouts.setDelete(resource.options.customTimeouts.delete);
    options.setCustomtimeouts(timeouts);
    // The engine sets the option's parent in Analyze and AnalyzeStack alike (step_generator.go
    // AnalyzeResources, analyze_snapshot.go). It sends no `read` timeout: marshalResourceOptions
    // fills create, update and delete only, whatever the program set.
    if (resource.parent) options.setParent(resource.parent);
    return options;
}

function providerMessage(m: ProtoModules, provider: EngineResource | undefined, secrets: SecretCollector): analyzerPb.AnalyzerProviderResource | undefined {
    if (!provider) return undefined;
    const message = new m.pb.AnalyzerProviderResource();
    message.setUrn(provider.urn);
    message.setType(provider.type);
    message.setName(provider.name);
    message.setProperties(m.Struct.fromJavaScript(encodeProperties(provider.inputs, secrets)) as never);
    return message;
}

export function analyzeRequest(
    m: ProtoModules,
    resource: EngineResource,
    inputs: Readonly<Record<string, unknown>>,
    provider: EngineResource | undefined,
    secrets: SecretCollector,
): analyzerPb.AnalyzeRequest {
    const request = new m.pb.AnalyzeRequest();
    request.setUrn(resource.urn);
    request.setType(resource.type);
    request.setName(resource.name);
    request.setProperties(m.Struct.fromJavaScript(encodeProperties(inputs, secrets)) as never);
    request.setOptions(resourceOptions(m, resource));
    const providerResource = providerMessage(m, provider, secrets);
    if (providerResource) request.setProvider(providerResource);
    return request;
}

export function stackResource(m: ProtoModules, resource: EngineResource, provider: EngineResource | undefined, secrets: SecretCollector): analyzerPb.AnalyzerResource {
    const message = new m.pb.AnalyzerResource();
    message.setUrn(resource.urn);
    message.setType(resource.type);
    message.setName(resource.name);
    message.setProperties(m.Struct.fromJavaScript(encodeProperties(resource.outputs, secrets)) as never);
    message.setOptions(resourceOptions(m, resource));
    const providerResource = providerMessage(m, provider, secrets);
    if (providerResource) message.setProvider(providerResource);
    if (resource.parent) message.setParent(resource.parent);
    message.setDependenciesList([...resource.dependencies]);
    const map = message.getPropertydependenciesMap();
    for (const [key, urns] of Object.entries(resource.propertyDependencies)) {
        if (urns.length === 0) continue;
        const dependencies = new m.pb.AnalyzerPropertyDependencies();
        dependencies.setUrnsList([...urns]);
        map.set(key, dependencies);
    }
    return message;
}

export function configureRequest(m: ProtoModules, config: Readonly<Record<string, PolicyConfigEntry>>): analyzerPb.ConfigureAnalyzerRequest {
    const request = new m.pb.ConfigureAnalyzerRequest();
    const map = request.getPolicyconfigMap();
    for (const [name, entry] of Object.entries(config)) {
        const policyConfig = new m.pb.PolicyConfig();
        policyConfig.setEnforcementlevel(levelNumber(m.pb, entry.enforcementLevel) as analyzerPb.EnforcementLevel);
        policyConfig.setProperties(m.Struct.fromJavaScript({ ...entry.properties }) as never);
        map.set(name, policyConfig);
    }
    return request;
}

function policyInfo(policy: analyzerPb.PolicyInfo, supportsConfig: boolean): PolicyInfo {
    const schema = policy.getConfigschema();
    const kinds: Record<number, PolicyInfo["kind"]> = { 1: "resource", 2: "stack" };
    const framework = policy.getFramework();
    return {
        name: policy.getName(),
        displayName: policy.getDisplayname() || undefined,
        description: policy.getDescription(),
        enforcementLevel: levelName(policy.getEnforcementlevel()),
        kind: kinds[policy.getPolicyType()] ?? "unknown",
        configSchema:
            supportsConfig || schema
                ? {
                      properties: (schema?.getProperties()?.toJavaScript() ?? {}) as Record<string, Record<string, unknown>>,
                      required: schema?.getRequiredList() ?? [],
                  }
                : undefined,
        severity: SEVERITY_NAMES[policy.getSeverity()],
        remediationSteps: policy.getRemediationSteps() || undefined,
        url: policy.getUrl() || undefined,
        tags: policy.getTagsList(),
        framework: framework
            ? {
                  name: framework.getName() || undefined,
                  version: framework.getVersion() || undefined,
                  reference: framework.getReference() || undefined,
                  specification: framework.getSpecification() || undefined,
              }
            : undefined,
    };
}

export function analyzerInfo(info: analyzerPb.AnalyzerInfo): AnalyzerInfo {
    const initialConfig: Record<string, { enforcementLevel?: EnforcementLevel; properties: Record<string, unknown> }> = {};
    info.getInitialconfigMap().forEach((value: analyzerPb.PolicyConfig, key: string) => {
        initialConfig[key] = {
            enforcementLevel: levelName(value.getEnforcementlevel()),
            properties: (value.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
        };
    });
    const supportsConfig = info.getSupportsconfig();
    return {
        name: info.getName(),
        version: info.getVersion(),
        displayName: info.getDisplayname() || undefined,
        supportsConfig,
        policies: info.getPoliciesList().map((p) => policyInfo(p, supportsConfig)),
        initialConfig,
    };
}

/** The SDK sends "<description>\n<message>"; reports show the message alone. */
export function splitMessage(description: string, message: string): string {
    if (description && message.startsWith(`${description}\n`)) return message.slice(description.length + 1);
    return message;
}

export function diagnostic(d: analyzerPb.AnalyzeDiagnostic, urn: string, phase: Diagnostic["phase"]): Diagnostic | undefined {
    const level = levelName(d.getEnforcementlevel());
    if (level === "disabled") return undefined;
    return {
        policyName: d.getPolicyname(),
        policyPackName: d.getPolicypackname(),
        policyPackVersion: d.getPolicypackversion(),
        description: d.getDescription(),
        message: splitMessage(d.getDescription(), d.getMessage()),
        enforcementLevel: level === "remediate" ? "mandatory" : level,
        urn,
        severity: SEVERITY_NAMES[d.getSeverity()],
        phase,
    };
}

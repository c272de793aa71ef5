// Turns what the mock monitor saw into the resources a real `pulumi preview` would hand the
// analyzers. Mocks differ from the engine in ways policies can see, and this closes them:
//   - URNs carry the full chain of parent types (the mock monitor keeps only the parent's), and
//     every URN the program saw (parents, dependencies, references) is mapped to the real one;
//   - a custom resource with no explicit provider gets the engine's default provider
//     (`pulumi:providers:<pkg>::default_<version>`), registered just before its first user, with
//     the package's stack config as inputs, as the engine builds it;
//   - a component's outputs are what it registered with registerOutputs (else its inputs).
// The pulumi:pulumi:Stack root is registered by the program run itself (runInPulumiStack).

import { fileURLToPath } from "node:url";
import { isRecord, UNKNOWN_WIRE_VALUE } from "../../policies/lib/props";
import { wireSignatures } from "../../policies/lib/sdk/wire";
import { EngineResource, PropertyBag, SourceLocation } from "../analyzer/model";
import { relativeInside } from "../paths";
import { packageConfig } from "./provider-facts";
import type { CapturedResource, Position } from "./records";

export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

export interface SynthesisContext {
    readonly project: string;
    readonly stack: string;
    readonly config: Readonly<Record<string, string>>;
    readonly secretKeys: readonly string[];
    readonly projectDir: string;
    /** Source locations are relative to this directory (the repository root). */
    readonly sourceRoot: string;
    /** Directories whose frames are never the declaring line (blastwall's own code). */
    readonly ignoredDirs?: readonly string[];
}

/** "1h30m", "90s", "5m" -> seconds; anything else 0 (as the engine reads an unset timeout). */
export function durationSeconds(text: string): number {
    if (!text) return 0;
    const pattern = /(\d+(?:\.\d+)?)(h|m|s|ms)/g;
    let total = 0;
    let consumed = 0;
    for (const match of text.matchAll(pattern)) {
        const value = Number(match[1]);
        total += match[2] === "h" ? value * 3600 : match[2] === "m" ? value * 60 : match[2] === "s" ? value : value / 1000;
        consumed += match[0].length;
    }
    return consumed === text.length ? total : 0;
}

export function defaultProviderName(version: string): string {
    return version ? `default_${version.replace(/[.+-]/g, "_")}` : "default";
}

function splitProviderRef(ref: string): { urn: string; id: string } | undefined {
    const at = ref.lastIndexOf("::");
    if (at <= 0) return undefined;
    return { urn: ref.slice(0, at), id: ref.slice(at + 2) };
}

function remapReferences(value: unknown, urns: ReadonlyMap<string, string>): unknown {
    if (Array.isArray(value)) return value.map((item) => remapReferences(item, urns));
    if (!isRecord(value)) return value;
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) result[key] = remapReferences(item, urns);
    if (value[wireSignatures.key] === wireSignatures.resourceReference && typeof value.urn === "string") {
        result.urn = urns.get(value.urn) ?? value.urn;
    }
    return result;
}

function pathOf(position: Position): string | undefined {
    try {
        const file = position.uri.startsWith("file:") ? fileURLToPath(position.uri) : position.uri;
        // An ES module's frames name file URLs, which the SDK wraps in a file URL once more.
        const inner = file.lastIndexOf("file:");
        return inner >= 0 ? fileURLToPath(file.slice(inner)) : file;
    } catch {
        return undefined;
    }
}

/**
 * The line that declared the resource: the SDK's source position when it lies in the project,
 * else the first frame of the registration's stack trace that does (a component from a library
 * points at the program line that created the component).
 */
export function declaringLocation(
    resource: Pick<CapturedResource, "sourcePosition" | "stackFrames">,
    context: Pick<SynthesisContext, "projectDir" | "sourceRoot" | "ignoredDirs">,
): SourceLocation | undefined {
    const candidates = [resource.sourcePosition, ...resource.stackFrames].filter((p): p is Position => p !== undefined);
    for (const candidate of candidates) {
        const file = pathOf(candidate);
        if (!file || file.split(/[\\/]/).includes("node_modules")) continue;
        if (relativeInside(context.projectDir, file) === undefined) continue;
        if ((context.ignoredDirs ?? []).some((dir) => relativeInside(dir, file) !== undefined)) continue;
        const relative = relativeInside(context.sourceRoot, file);
        if (relative) return { file: relative, line: candidate.line, column: candidate.column || undefined };
    }
    return undefined;
}

function secretWrapped(value: string): Record<string, unknown> {
    return { [wireSignatures.key]: wireSignatures.secret, value };
}

export function synthesize(captured: readonly CapturedResource[], registeredOutputs: Readonly<Record<string, PropertyBag>>, context: SynthesisContext): EngineResource[] {
    const prefix = `urn:pulumi:${context.stack}::${context.project}::`;
    const byMockUrn = new Map(captured.map((r) => [r.mockUrn, r] as const));
    const qualified = new Map<string, string>();
    const qualifiedType = (record: CapturedResource): string => {
        const cached = qualified.get(record.mockUrn);
        if (cached) return cached;
        const parent = record.parent ? byMockUrn.get(record.parent) : undefined;
        const result = parent && parent.type !== ROOT_STACK_TYPE ? `${qualifiedType(parent)}$${record.type}` : record.type;
        qualified.set(record.mockUrn, result);
        return result;
    };
    const urns = new Map<string, string>();
    for (const record of captured) urns.set(record.mockUrn, `${prefix}${qualifiedType(record)}::${record.name}`);
    const real = (mockUrn: string) => urns.get(mockUrn) ?? mockUrn;

    const resources: EngineResource[] = [];
    const defaultProviders = new Map<string, string>();
    const secretKeys = new Set(context.secretKeys);

    const defaultProviderFor = (record: CapturedResource): string => {
        const pkg = record.type.split(":")[0];
        const name = defaultProviderName(record.version);
        const urn = `${prefix}pulumi:providers:${pkg}::${name}`;
        if (!defaultProviders.has(urn)) {
            const inputs: Record<string, unknown> = {};
            for (const [key, value] of Object.entries(packageConfig(context.config, pkg))) {
                inputs[key] = secretKeys.has(`${pkg}:${key}`) ? secretWrapped(value) : value;
            }
            if (record.version) inputs.version = record.version;
            resources.push({
                urn,
                type: `pulumi:providers:${pkg}`,
                name,
                custom: true,
                id: UNKNOWN_WIRE_VALUE,
                inputs,
                outputs: inputs,
                dependencies: [],
                propertyDependencies: {},
                options: { protect: false, ignoreChanges: [], additionalSecretOutputs: [], aliases: [], customTimeouts: { create: 0, update: 0, delete: 0 } },
            });
            defaultProviders.set(urn, urn);
        }
        return urn;
    };

    for (const record of captured) {
        const isProvider = record.type.startsWith("pulumi:providers:");
        let provider: string | undefined;
        if (record.custom && !isProvider) {
            const explicit = splitProviderRef(record.provider);
            provider = explicit ? real(explicit.urn) : defaultProviderFor(record);
        }
        const propertyDependencies: Record<string, string[]> = {};
        for (const [key, deps] of Object.entries(record.propertyDependencies)) propertyDependencies[key] = deps.map(real);
        const inputs = remapReferences(record.inputs, urns) as PropertyBag;
        const outputs = record.custom ? record.outputs : (registeredOutputs[record.mockUrn] ?? record.inputs);
        resources.push({
            urn: real(record.mockUrn),
            type: record.type,
            name: record.name,
            custom: record.custom,
            external: record.kind === "read" || undefined,
            id: record.custom ? record.id || UNKNOWN_WIRE_VALUE : undefined,
            inputs,
            outputs: remapReferences(outputs, urns) as PropertyBag,
            parent: record.parent ? real(record.parent) : undefined,
            dependencies: record.dependencies.map(real),
            propertyDependencies,
            provider,
            options: {
                protect: record.protect,
                ignoreChanges: record.ignoreChanges,
                deleteBeforeReplace: record.deleteBeforeReplace,
                additionalSecretOutputs: record.additionalSecretOutputs,
                aliases: record.aliases,
                customTimeouts: {
                    create: durationSeconds(record.customTimeouts.create),
                    update: durationSeconds(record.customTimeouts.update),
                    delete: durationSeconds(record.customTimeouts.delete),
                },
            },
            // The stack root is the language host's, not a line of the program.
            source: record.type === ROOT_STACK_TYPE ? undefined : declaringLocation(record, context),
            ...(record.remote ? { remote: true } : {}),
        });
    }
    return resources;
}

// Reads a `pulumi stack export` document (deployment version 3) into the resources the engine
// would hand a policy pack at the end of the update that produced it: inputs for Analyze, outputs
// for AnalyzeStack, the graph, providers by reference ("<urn>::<id>"). Resources pending deletion
// are left out, as the engine leaves them out. The checkpoint's `created` / `modified` stamps
// travel as the reserved output property CHECKPOINT_PROPERTY, which age rules read.

import { CHECKPOINT_PROPERTY, parseUrn } from "../../policies/lib/model";
import { InputError } from "../errors";
import { EngineResource, SourceLocation } from "../analyzer/model";
import { isRecord } from "../../policies/lib/props";

export interface ExportedStack {
    /** Empty for an export with no resources (its URNs are where the stack's name is). */
    readonly stack: string;
    readonly project: string;
    readonly resources: readonly EngineResource[];
    /** The deployment version the export was written in (1, 2 or 3). */
    readonly version: number;
}

export interface ReadExportOptions {
    /** Leave out the checkpoint stamps (`--engine-exact`: the engine never sends them). */
    readonly checkpoint?: boolean;
}

// The deployment versions the Pulumi CLI reads (apitype/migrate brings 1 and 2 up to 3; the
// resource fields blastwall reads have the same names in all three).
const READABLE_VERSIONS = [1, 2, 3];

// Stack and project hold no "::"; the type path is one or more "$"-joined types, each with at
// least one ":" (pulumi:pulumi:Stack, aws:iam/accessKey:AccessKey); the name is not empty.
const URN_SHAPE = /^urn:pulumi:[^:]+::[^:]+::([^:$]+(:[^:$]+)+)(\$[^:$]+(:[^:$]+)+)*::.+$/s;

function strings(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** "project:///src/index.ts#12,5" -> src/index.ts line 12 column 5 (relative to the project root). */
export function sourceFromState(value: unknown): SourceLocation | undefined {
    if (typeof value !== "string") return undefined;
    const match = /^project:\/\/\/?([^#]+)#(\d+)(?:,(\d+))?$/.exec(value);
    if (!match) return undefined;
    return { file: decodePath(match[1]), line: Number(match[2]), column: match[3] ? Number(match[3]) : undefined };
}

/** The path with its %-escapes decoded; a malformed escape ("%ZZ") is kept as written, not an error. */
function decodePath(text: string): string {
    try {
        return decodeURIComponent(text);
    } catch {
        return text;
    }
}

function providerUrn(reference: unknown): string | undefined {
    if (typeof reference !== "string" || reference === "") return undefined;
    const at = reference.lastIndexOf("::");
    return at > 0 ? reference.slice(0, at) : undefined;
}

function seconds(value: unknown): number {
    return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

export function readExport(text: string, origin: string, options: ReadExportOptions = {}): ExportedStack {
    let document: unknown;
    try {
        document = JSON.parse(text);
    } catch (error) {
        throw new InputError(`${origin} is not a pulumi stack export: it is not JSON (${(error as Error).message}).`);
    }
    if (!isRecord(document) || !isRecord(document.deployment)) {
        throw new InputError(`${origin} is not a pulumi stack export: it has no \`deployment\` object (write one with \`pulumi stack export --file state.json\`).`);
    }
    const version = document.version;
    if (typeof version !== "number" || !READABLE_VERSIONS.includes(version)) {
        throw new InputError(`${origin} is a deployment of version ${JSON.stringify(version)}; blastwall reads versions 1 to 3, as the Pulumi CLI does (upgrade blastwall for a newer one).`);
    }
    const list = document.deployment.resources ?? [];
    if (!Array.isArray(list)) throw new InputError(`${origin}: deployment.resources must be a list.`);

    let stack: string | undefined;
    let project: string | undefined;
    const resources: EngineResource[] = [];
    const live = new Set<string>();
    list.forEach((raw: unknown, index: number) => {
        const where = `${origin}: deployment.resources[${index}]`;
        if (!isRecord(raw)) throw new InputError(`${where} is not an object.`);
        if (typeof raw.urn !== "string" || !raw.urn.startsWith("urn:pulumi:")) throw new InputError(`${where} has no valid urn (${JSON.stringify(raw.urn)}).`);
        if (!URN_SHAPE.test(raw.urn)) {
            throw new InputError(`${where} has a malformed urn ${JSON.stringify(raw.urn)}: a URN is urn:pulumi:<stack>::<project>::<type>::<name>.`);
        }
        if (typeof raw.type !== "string" || raw.type === "") throw new InputError(`${where} (${raw.urn}) has no type.`);
        const parsed = parseUrn(raw.urn);
        if (parsed.type !== raw.type) throw new InputError(`${where} has the urn ${raw.urn}, which names type ${parsed.type}, but its type is ${raw.type}: one of them was edited.`);
        stack ??= parsed.stack;
        project ??= parsed.project;
        if (parsed.stack !== stack || parsed.project !== project) {
            throw new InputError(`${where} (${raw.urn}) belongs to ${parsed.project}/${parsed.stack}, not ${project}/${stack}: an export holds one stack.`);
        }
        // A resource pending deletion shares its URN with its replacement; two live ones cannot.
        if (raw.delete === true) return;
        if (live.has(raw.urn)) throw new InputError(`${where} repeats the urn ${raw.urn}: an export holds each resource once, so this one is corrupt or edited.`);
        live.add(raw.urn);
        if (raw.inputs !== undefined && !isRecord(raw.inputs)) throw new InputError(`${where} (${raw.urn}): inputs must be an object.`);
        if (raw.outputs !== undefined && !isRecord(raw.outputs)) throw new InputError(`${where} (${raw.urn}): outputs must be an object.`);
        const outputs: Record<string, unknown> = { ...((raw.outputs as Record<string, unknown>) ?? {}) };
        const created = typeof raw.created === "string" ? raw.created : undefined;
        const modified = typeof raw.modified === "string" ? raw.modified : undefined;
        if ((options.checkpoint ?? true) && (created || modified)) outputs[CHECKPOINT_PROPERTY] = { ...(created ? { created } : {}), ...(modified ? { modified } : {}) };
        const propertyDependencies: Record<string, string[]> = {};
        if (isRecord(raw.propertyDependencies)) {
            for (const [key, urns] of Object.entries(raw.propertyDependencies)) propertyDependencies[key] = strings(urns);
        }
        const timeouts = isRecord(raw.customTimeouts) ? raw.customTimeouts : {};
        resources.push({
            urn: raw.urn,
            type: raw.type,
            name: parsed.name,
            custom: raw.custom === true,
            external: raw.external === true || undefined,
            id: typeof raw.id === "string" ? raw.id : undefined,
            inputs: (raw.inputs as Record<string, unknown>) ?? {},
            outputs,
            parent: typeof raw.parent === "string" && raw.parent !== "" ? raw.parent : undefined,
            dependencies: strings(raw.dependencies),
            propertyDependencies,
            provider: providerUrn(raw.provider),
            options: {
                protect: raw.protect === true,
                ignoreChanges: strings(raw.ignoreChanges),
                additionalSecretOutputs: strings(raw.additionalSecretOutputs),
                aliases: strings(raw.aliases),
                customTimeouts: { create: seconds(timeouts.create), update: seconds(timeouts.update), delete: seconds(timeouts.delete) },
            },
            source: sourceFromState(raw.sourcePosition),
        });
    });
    return { stack: stack ?? "", project: project ?? "", resources, version };
}

// Inputs too large to evaluate safely are refused up front, with the limit named (exit 2), rather
// than left to crash the command or the pack part-way (V8 aborts on a heap or string limit, and an
// abort is neither a verdict nor a clear error). The limits sit well above what real stacks hold
// and below where the command or the pack was seen to fail.

import * as fs from "node:fs";
import { isRecord } from "../../policies/lib/props";
import type { StackInput } from "../analyzer/model";
import { InputError } from "../errors";

const MiB = 1024 * 1024;

export const LIMITS = {
    /** One property value (a string: user data, a policy document, a certificate). */
    valueBytes: 64 * MiB,
    /** Every value of every resource of one stack together (AnalyzeStack sends them in one message). */
    stackBytes: 256 * MiB,
    /** Waivers in one settings document (each policy is configured with every one). */
    waivers: 20_000,
    /** An export or settings file read whole. */
    fileBytes: 1024 * MiB,
} as const;

function mib(bytes: number): string {
    return `${Math.round(bytes / MiB)} MiB`;
}

/** Refuses a stack holding a value, or values, larger than the limits. */
export function checkStackSize(input: StackInput, origin: string): void {
    let total = 0;
    const visit = (value: unknown, urn: string, path: string, depth: number): void => {
        if (typeof value === "string") {
            if (value.length > LIMITS.valueBytes) {
                throw new InputError(
                    `${origin}: ${urn} has a value of ${mib(value.length)} at ${path}, over the ${mib(LIMITS.valueBytes)} blastwall evaluates in one property; make it smaller (keep large payloads in S3 or SSM and pass a reference).`,
                );
            }
            total += value.length;
            if (total > LIMITS.stackBytes) {
                throw new InputError(`${origin}: the resources of stack ${input.stack} hold more than ${mib(LIMITS.stackBytes)} of property values (at ${urn}), over what blastwall evaluates in one stack; split the stack or make its largest values smaller.`);
            }
            return;
        }
        if (depth > 256 || value === null || typeof value !== "object") return;
        if (Array.isArray(value)) value.forEach((item, i) => visit(item, urn, `${path}[${i}]`, depth + 1));
        else if (isRecord(value)) for (const [key, item] of Object.entries(value)) visit(item, urn, path ? `${path}.${key}` : key, depth + 1);
    };
    for (const resource of input.resources) {
        visit(resource.inputs, resource.urn, "inputs", 0);
        if (resource.outputs !== resource.inputs) visit(resource.outputs, resource.urn, "outputs", 0);
    }
}

/** Refuses a settings document (or per-policy config) with more waivers than the limit. */
export function checkSettingsSize(document: Readonly<Record<string, unknown>>, file: string): void {
    const lists: Array<[string, unknown]> = [["waivers", document.waivers]];
    for (const [key, value] of Object.entries(document)) if (isRecord(value)) lists.push([`${key}.waivers`, value.waivers]);
    if (isRecord(document.policies)) for (const [key, value] of Object.entries(document.policies)) if (isRecord(value)) lists.push([`policies.${key}.waivers`, value.waivers]);
    for (const [where, list] of lists) {
        if (Array.isArray(list) && list.length > LIMITS.waivers) {
            throw new InputError(
                `config file ${file}: ${where} holds ${list.length.toLocaleString("en")} waivers, over the ${LIMITS.waivers.toLocaleString("en")} blastwall accepts; a waiver names specific resources, so a list that long is a sign the policy should be changed (or disabled) instead.`,
            );
        }
    }
}

/** Refuses a file larger than the limit before reading it. */
export function checkFileSize(file: string, origin: string): void {
    let size: number;
    try {
        size = fs.statSync(file).size;
    } catch {
        return; // reading it will say why it cannot be read
    }
    if (size > LIMITS.fileBytes) throw new InputError(`${origin} is ${mib(size)}, over the ${mib(LIMITS.fileBytes)} blastwall reads; it cannot be a stack export or settings document of a size it can evaluate.`);
}

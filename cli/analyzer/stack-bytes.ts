// The AnalyzeStack request written straight to bytes.
//
// Building it as google-protobuf objects (a Struct/Value tree per resource, then serializeBinary)
// took our driver longer than the pack took to judge the stack: at 10,000 resources most of what
// `blastwall check` and the bench saw as AnalyzeStack was our own encoding, which the Go engine
// does in a fraction of the time. We write the same message with protobufjs's writer; only the
// small, repeated parts (each provider, each distinct set of options) still go through the
// generated classes, once each. test/cli/analyzer/stack-bytes.test.ts decodes both with
// google-protobuf and compares them.

import { Writer } from "protobufjs/minimal";
import type * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { encodeProperties, SecretCollector } from "./encode";
import { ProtoModules } from "./grpc";
import { resourceOptions, stackResource } from "./messages";
import { EngineResource } from "./model";

// Tags: field number << 3 | wire type (0 varint, 1 64-bit, 2 length-delimited).
export const LENGTH = (field: number) => (field << 3) | 2;

function writeValue(w: Writer, value: unknown): void {
    if (value === null) w.uint32(1 << 3).int32(0);
    else if (typeof value === "number") w.uint32((2 << 3) | 1).double(value);
    else if (typeof value === "string") w.uint32(LENGTH(3)).string(value);
    else if (typeof value === "boolean") w.uint32(4 << 3).bool(value);
    else if (Array.isArray(value)) {
        w.uint32(LENGTH(6)).fork();
        for (const item of value) {
            w.uint32(LENGTH(1)).fork();
            writeValue(w, item);
            w.ldelim();
        }
        w.ldelim();
    } else if (typeof value === "object") {
        w.uint32(LENGTH(5)).fork();
        writeFields(w, value as Record<string, unknown>);
        w.ldelim();
    } else {
        // google-protobuf's Struct.fromJavaScript refuses it too.
        throw new Error("Unexpected struct type.");
    }
}

export function writeFields(w: Writer, record: Record<string, unknown>): void {
    for (const key of Object.keys(record)) {
        w.uint32(LENGTH(1)).fork();
        w.uint32(LENGTH(1)).string(key);
        w.uint32(LENGTH(2)).fork();
        writeValue(w, record[key]);
        w.ldelim();
        w.ldelim();
    }
}

export function writeString(w: Writer, field: number, value: string | undefined): void {
    if (value) w.uint32(LENGTH(field)).string(value);
}

/**
 * The AnalyzeStack request for these resources, as `stackResource` would build it, already
 * serialized: an AnalyzeStackRequest whose serializeBinary returns the bytes (the generated gRPC
 * stub checks the class, then calls only that).
 */
export function analyzeStackRequest(
    m: ProtoModules,
    resources: readonly EngineResource[],
    providerOf: (resource: EngineResource) => EngineResource | undefined,
    secrets: SecretCollector,
): analyzerPb.AnalyzeStackRequest {
    const providers = new Map<EngineResource, Uint8Array>();
    const options = new Map<string, Uint8Array>();
    const w = Writer.create();
    for (const resource of resources) {
        w.uint32(LENGTH(1)).fork();
        writeString(w, 1, resource.type);
        w.uint32(LENGTH(2)).fork();
        writeFields(w, encodeProperties(resource.outputs, secrets));
        w.ldelim();
        writeString(w, 3, resource.urn);
        writeString(w, 4, resource.name);
        // The options carry the resource's parent too (the engine sets it in AnalyzeStack).
        const optionsKey = JSON.stringify([resource.options, resource.parent ?? ""]);
        let optionBytes = options.get(optionsKey);
        if (!optionBytes) {
            optionBytes = resourceOptions(m, resource).serializeBinary();
            options.set(optionsKey, optionBytes);
        }
        w.uint32(LENGTH(5)).bytes(optionBytes);
        const provider = providerOf(resource);
        if (provider) {
            let providerBytes = providers.get(provider);
            if (!providerBytes) {
                // The provider part of the message stackResource builds, written once per provider.
                providerBytes = stackResource(m, resource, provider, secrets).getProvider()?.serializeBinary() ?? new Uint8Array();
                providers.set(provider, providerBytes);
            }
            w.uint32(LENGTH(6)).bytes(providerBytes);
        }
        writeString(w, 7, resource.parent);
        for (const dependency of resource.dependencies) w.uint32(LENGTH(8)).string(dependency);
        for (const [key, urns] of Object.entries(resource.propertyDependencies)) {
            if (urns.length === 0) continue;
            w.uint32(LENGTH(9)).fork();
            w.uint32(LENGTH(1)).string(key);
            w.uint32(LENGTH(2)).fork();
            for (const urn of urns) w.uint32(LENGTH(1)).string(urn);
            w.ldelim();
            w.ldelim();
        }
        w.ldelim();
    }
    const bytes = w.finish();
    const request = Object.create(m.pb.AnalyzeStackRequest.prototype) as analyzerPb.AnalyzeStackRequest;
    Object.defineProperty(request, "serializeBinary", { value: () => bytes });
    return request;
}

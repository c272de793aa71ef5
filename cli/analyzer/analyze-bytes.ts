// Remediate and Analyze requests written straight to bytes, once per resource.
//
// The engine sends each resource twice, Remediate then Analyze, with the same AnalyzeRequest
// (unless a remediation changed its inputs). Our driver used to build that request twice as
// google-protobuf objects (a Struct/Value tree, the options, the provider with its properties)
// and serialize it twice: at 10,000 resources the driver, not the pack, set the pace of the
// session. Now each request is written once with protobufjs's writer, as stack-bytes.ts does for
// AnalyzeStack, and the same bytes are sent for both calls; each provider's part and each distinct
// set of options is encoded once for the whole session. test/cli/analyzer/analyze-bytes.test.ts
// decodes the bytes with google-protobuf and compares them with what messages.ts builds.

import { Writer } from "protobufjs/minimal";
import type * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { encodeProperties, SecretCollector } from "./encode";
import { ProtoModules } from "./grpc";
import { resourceOptions } from "./messages";
import { EngineResource } from "./model";
import { LENGTH, writeFields, writeString } from "./stack-bytes";

/** A message of class `Class` whose serializeBinary returns these bytes (the stub checks the class, then calls only that). */
export function preserialized<T extends object>(Class: { prototype: T }, bytes: Uint8Array): T {
    const request = Object.create(Class.prototype) as T;
    Object.defineProperty(request, "serializeBinary", { value: () => bytes });
    return request;
}

/** Writes AnalyzeRequests for one session, sharing the encoding of providers and options between resources. */
export class AnalyzeRequestWriter {
    private readonly providers = new Map<EngineResource, Uint8Array>();
    private readonly options = new Map<string, Uint8Array>();

    constructor(
        private readonly m: ProtoModules,
        private readonly secrets: SecretCollector,
    ) {}

    /** The AnalyzeRequest messages.ts's analyzeRequest builds, already serialized. */
    request(resource: EngineResource, inputs: Readonly<Record<string, unknown>>, provider: EngineResource | undefined): analyzerPb.AnalyzeRequest {
        return preserialized(this.m.pb.AnalyzeRequest, this.bytes(resource, inputs, provider));
    }

    bytes(resource: EngineResource, inputs: Readonly<Record<string, unknown>>, provider: EngineResource | undefined): Uint8Array {
        const w = Writer.create();
        writeString(w, 1, resource.type);
        w.uint32(LENGTH(2)).fork();
        writeFields(w, encodeProperties(inputs, this.secrets));
        w.ldelim();
        writeString(w, 3, resource.urn);
        writeString(w, 4, resource.name);
        w.uint32(LENGTH(5)).bytes(this.optionBytes(resource));
        if (provider) w.uint32(LENGTH(6)).bytes(this.providerBytes(provider));
        return w.finish();
    }

    private optionBytes(resource: EngineResource): Uint8Array {
        // resourceOptions reads the options and the parent, nothing else.
        const key = JSON.stringify([resource.options, resource.parent ?? ""]);
        let bytes = this.options.get(key);
        if (!bytes) {
            bytes = resourceOptions(this.m, resource).serializeBinary();
            this.options.set(key, bytes);
        }
        return bytes;
    }

    private providerBytes(provider: EngineResource): Uint8Array {
        let bytes = this.providers.get(provider);
        if (!bytes) {
            // AnalyzerProviderResource{type 1, properties 2, urn 3, name 4}, as messages.ts's providerMessage builds it.
            const w = Writer.create();
            writeString(w, 1, provider.type);
            w.uint32(LENGTH(2)).fork();
            writeFields(w, encodeProperties(provider.inputs, this.secrets));
            w.ldelim();
            writeString(w, 3, provider.urn);
            writeString(w, 4, provider.name);
            bytes = w.finish();
            this.providers.set(provider, bytes);
        }
        return bytes;
    }
}

// Reads an AnalyzeStack request straight from its bytes into plain values.
//
// gRPC hands the SDK's handler the request decoded by google-protobuf: every property of every
// resource becomes a tree of Struct/Value message objects (16 times the request's size on the
// wire: 612 MiB for 50,000 resources), which then `toJavaScript()` walks again. The one pass
// (one-pass.ts) only ever reads plain values, so for it we decode the wire format once, with
// protobufjs's reader, into objects that answer the few accessors stack-request.ts uses. The
// bytes are kept: when the SDK's own handler must answer, it gets google-protobuf's decoding of
// the same bytes. A value google-protobuf would refuse (a Value with no kind) throws here too, and
// the SDK then answers with its own error.
//
// Field numbers from pulumi/pulumi proto/pulumi/analyzer.proto and google/protobuf/struct.proto.

import { Reader } from "protobufjs/minimal";
import type { AnalyzerResourceMessage } from "./stack-request";

/** A Struct read from the wire, shaped like google-protobuf's for the SDK's deserializer. */
class PlainStruct {
    constructor(private readonly value: Record<string, unknown>) {}
    toJavaScript(): Record<string, unknown> {
        return this.value;
    }
}

const WIRE_LENGTH = 2;

function readStruct(reader: Reader, end: number): Record<string, unknown> {
    const entries: Array<[string, unknown]> = [];
    while (reader.pos < end) {
        const tag = reader.uint32();
        if (tag >>> 3 !== 1 || (tag & 7) !== WIRE_LENGTH) {
            reader.skipType(tag & 7);
            continue;
        }
        const entryEnd = reader.uint32() + reader.pos;
        let key = "";
        let value: unknown;
        let hasValue = false;
        while (reader.pos < entryEnd) {
            const t = reader.uint32();
            if (t >>> 3 === 1 && (t & 7) === WIRE_LENGTH) key = reader.string();
            else if (t >>> 3 === 2 && (t & 7) === WIRE_LENGTH) {
                value = readValue(reader, reader.uint32() + reader.pos);
                hasValue = true;
            } else reader.skipType(t & 7);
        }
        if (!hasValue) throw new Error("Unexpected struct type");
        entries.push([key, value]);
    }
    // google-protobuf's map iterates its keys sorted, whatever order they came in.
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const result: Record<string, unknown> = {};
    for (const [key, value] of entries) result[key] = value;
    return result;
}

function readList(reader: Reader, end: number): unknown[] {
    const values: unknown[] = [];
    while (reader.pos < end) {
        const tag = reader.uint32();
        if (tag >>> 3 === 1 && (tag & 7) === WIRE_LENGTH) values.push(readValue(reader, reader.uint32() + reader.pos));
        else reader.skipType(tag & 7);
    }
    return values;
}

function readValue(reader: Reader, end: number): unknown {
    // A oneof: the last kind on the wire wins, as in google-protobuf.
    let kind = 0;
    let value: unknown;
    while (reader.pos < end) {
        const tag = reader.uint32();
        const field = tag >>> 3;
        const wire = tag & 7;
        if (field === 1 && wire === 0) {
            reader.int32();
            value = null;
        } else if (field === 2 && wire === 1) value = reader.double();
        else if (field === 3 && wire === WIRE_LENGTH) value = reader.string();
        else if (field === 4 && wire === 0) value = reader.bool();
        else if (field === 5 && wire === WIRE_LENGTH) value = readStruct(reader, reader.uint32() + reader.pos);
        else if (field === 6 && wire === WIRE_LENGTH) value = readList(reader, reader.uint32() + reader.pos);
        else {
            reader.skipType(wire);
            continue;
        }
        kind = field;
    }
    if (kind === 0) throw new Error("Unexpected struct type");
    return value;
}

interface Provider {
    type: string;
    urn: string;
    name: string;
    properties: PlainStruct | undefined;
}

function readProvider(reader: Reader, end: number): Provider {
    const provider: Provider = { type: "", urn: "", name: "", properties: undefined };
    while (reader.pos < end) {
        const tag = reader.uint32();
        const field = tag >>> 3;
        if ((tag & 7) !== WIRE_LENGTH || field < 1 || field > 4) {
            reader.skipType(tag & 7);
            continue;
        }
        if (field === 1) provider.type = reader.string();
        else if (field === 2) provider.properties = new PlainStruct(readStruct(reader, reader.uint32() + reader.pos));
        else if (field === 3) provider.urn = reader.string();
        else provider.name = reader.string();
    }
    return provider;
}

function readOptionsParent(reader: Reader, end: number): string {
    let parent = "";
    while (reader.pos < end) {
        const tag = reader.uint32();
        if (tag >>> 3 === 8 && (tag & 7) === WIRE_LENGTH) parent = reader.string();
        else reader.skipType(tag & 7);
    }
    return parent;
}

function readUrns(reader: Reader, end: number): string[] {
    const urns: string[] = [];
    while (reader.pos < end) {
        const tag = reader.uint32();
        if (tag >>> 3 === 1 && (tag & 7) === WIRE_LENGTH) urns.push(reader.string());
        else reader.skipType(tag & 7);
    }
    return urns;
}

class PlainResource implements AnalyzerResourceMessage {
    type = "";
    urn = "";
    name = "";
    parent = "";
    properties: PlainStruct | undefined;
    options: { getParent(): string } | undefined;
    provider: Provider | undefined;
    dependencies: string[] = [];
    propertyDependencies = new Map<string, { getUrnsList(): string[] }>();
    getType = () => this.type;
    getUrn = () => this.urn;
    getName = () => this.name;
    getParent = () => this.parent;
    getProperties = () => this.properties;
    getOptions = () => this.options;
    getProvider() {
        const p = this.provider;
        return p ? { getType: () => p.type, getUrn: () => p.urn, getName: () => p.name, getProperties: () => p.properties } : undefined;
    }
    getDependenciesList = () => this.dependencies;
    getPropertydependenciesMap() {
        // google-protobuf's map iterates its keys sorted.
        const sorted = [...this.propertyDependencies.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        return { entries: () => sorted };
    }
}

function readResource(reader: Reader, end: number): PlainResource {
    const r = new PlainResource();
    while (reader.pos < end) {
        const tag = reader.uint32();
        const field = tag >>> 3;
        if ((tag & 7) !== WIRE_LENGTH || field < 1 || field > 9) {
            reader.skipType(tag & 7);
            continue;
        }
        const length = field === 1 || field === 3 || field === 4 || field === 7 || field === 8 ? -1 : reader.uint32();
        switch (field) {
            case 1:
                r.type = reader.string();
                break;
            case 2:
                r.properties = new PlainStruct(readStruct(reader, reader.pos + length));
                break;
            case 3:
                r.urn = reader.string();
                break;
            case 4:
                r.name = reader.string();
                break;
            case 5: {
                const parent = readOptionsParent(reader, reader.pos + length);
                r.options = { getParent: () => parent };
                break;
            }
            case 6:
                r.provider = readProvider(reader, reader.pos + length);
                break;
            case 7:
                r.parent = reader.string();
                break;
            case 8:
                r.dependencies.push(reader.string());
                break;
            case 9: {
                const entryEnd = reader.pos + length;
                let key = "";
                let urns: string[] = [];
                while (reader.pos < entryEnd) {
                    const t = reader.uint32();
                    if (t >>> 3 === 1 && (t & 7) === WIRE_LENGTH) key = reader.string();
                    else if (t >>> 3 === 2 && (t & 7) === WIRE_LENGTH) urns = readUrns(reader, reader.uint32() + reader.pos);
                    else reader.skipType(t & 7);
                }
                const list = urns;
                r.propertyDependencies.set(key, { getUrnsList: () => list });
                break;
            }
        }
    }
    return r;
}

/** The request's resources as plain values. Throws on bytes google-protobuf would not read either. */
export function readAnalyzeStackRequest(bytes: Uint8Array): AnalyzerResourceMessage[] {
    const reader = Reader.create(bytes);
    const resources: AnalyzerResourceMessage[] = [];
    while (reader.pos < reader.len) {
        const tag = reader.uint32();
        if (tag >>> 3 === 1 && (tag & 7) === WIRE_LENGTH) resources.push(readResource(reader, reader.uint32() + reader.pos));
        else reader.skipType(tag & 7);
    }
    return resources;
}

/**
 * An AnalyzeRequest (one resource, for Analyze) as plain values: its fields 1 to 6 (type,
 * properties, urn, name, options, provider) are numbered as AnalyzerResource's, and a request
 * carries none of the others. Throws on bytes google-protobuf would not read either.
 */
export function readAnalyzeRequest(bytes: Uint8Array): AnalyzerResourceMessage {
    const reader = Reader.create(bytes);
    return readResource(reader, reader.len);
}

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

/**
 * A resource's Struct in an AnalyzeStack request, read from the bytes each time it is asked for
 * and never kept. The view copies every bag once (the SDK's deserializer), so the tree read here
 * is garbage at once: built while the view is built, it dies young. Read all at first, 10,000
 * resources' trees outlived the young generation and were copied into the old one, most of the
 * one pass's collection time. The bytes are kept for the call anyway (the SDK's fallback).
 */
class StructOnTheWire {
    constructor(
        private readonly bytes: Uint8Array,
        private readonly start: number,
        private readonly end: number,
    ) {}
    toJavaScript(): Record<string, unknown> {
        const reader = Reader.create(this.bytes);
        reader.pos = this.start;
        return readStruct(reader, this.end);
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

/** What a resource and its provider share on the wire (fields 1 to 4 of both messages), with their accessors. */
class Named {
    type = "";
    urn = "";
    name = "";
    properties: PlainStruct | StructOnTheWire | undefined;
    getType(): string {
        return this.type;
    }
    getUrn(): string {
        return this.urn;
    }
    getName(): string {
        return this.name;
    }
    getProperties(): PlainStruct | StructOnTheWire | undefined {
        return this.properties;
    }
}

class Provider extends Named {}

function readProvider(reader: Reader, end: number): Provider {
    const provider = new Provider();
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

class Options {
    constructor(private readonly parent: string) {}
    getParent(): string {
        return this.parent;
    }
}

// Accessors on the prototype: as per-instance arrow functions they were seven closures per resource.
class PlainResource extends Named implements AnalyzerResourceMessage {
    parent = "";
    options: Options | undefined;
    provider: Provider | undefined;
    dependencies: string[] = [];
    propertyDependencies = new Map<string, { getUrnsList(): string[] }>();
    getParent(): string {
        return this.parent;
    }
    getOptions(): Options | undefined {
        return this.options;
    }
    getProvider(): Provider | undefined {
        return this.provider;
    }
    getDependenciesList(): string[] {
        return this.dependencies;
    }
    getPropertydependenciesMap() {
        // google-protobuf's map iterates its keys sorted.
        const sorted = [...this.propertyDependencies.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        return { entries: () => sorted };
    }
}

/**
 * How an AnalyzeStack request is read: its bags left on the wire until asked for, and each
 * provider read once (the engine sends a copy of the provider with every resource, the same bytes).
 */
interface StackReading {
    readonly bytes: Uint8Array;
    readonly providers: Map<string, Provider>;
}

function readResource(reader: Reader, end: number, stack?: StackReading): PlainResource {
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
                if (stack) {
                    r.properties = new StructOnTheWire(stack.bytes, reader.pos, reader.pos + length);
                    reader.skip(length);
                } else r.properties = new PlainStruct(readStruct(reader, reader.pos + length));
                break;
            case 3:
                r.urn = reader.string();
                break;
            case 4:
                r.name = reader.string();
                break;
            case 5:
                r.options = new Options(readOptionsParent(reader, reader.pos + length));
                break;
            case 6:
                r.provider = stack ? sharedProvider(reader, length, stack) : readProvider(reader, reader.pos + length);
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

function sharedProvider(reader: Reader, length: number, stack: StackReading): Provider {
    const start = reader.pos;
    const key = Buffer.from(stack.bytes.buffer, stack.bytes.byteOffset + start, length).toString("latin1");
    const known = stack.providers.get(key);
    if (known) {
        reader.skip(length);
        return known;
    }
    const provider = readProvider(reader, start + length);
    stack.providers.set(key, provider);
    return provider;
}

/**
 * The request's resources as plain values, each one's bag read from the bytes when it is asked
 * for. Throws on bytes google-protobuf would not read either, the bags' when they are read:
 * a caller that answers must have read every bag (the one pass builds the view).
 */
export function readAnalyzeStackRequest(bytes: Uint8Array): AnalyzerResourceMessage[] {
    const reader = Reader.create(bytes);
    const stack: StackReading = { bytes, providers: new Map() };
    const resources: AnalyzerResourceMessage[] = [];
    while (reader.pos < reader.len) {
        const tag = reader.uint32();
        if (tag >>> 3 === 1 && (tag & 7) === WIRE_LENGTH) resources.push(readResource(reader, reader.uint32() + reader.pos, stack));
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

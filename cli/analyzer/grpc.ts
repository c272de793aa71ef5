// The generated analyzer stubs and messages that ship in @pulumi/pulumi/proto, with the
// @grpc/grpc-js and google-protobuf instances that @pulumi/pulumi itself resolves: the stubs
// check `instanceof` against those exact classes, so a second copy would be refused.

import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import type * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";

export interface StructClass {
    fromJavaScript(value: Record<string, unknown>): { toJavaScript(): Record<string, unknown> };
}

export interface ProtoModules {
    readonly grpc: typeof grpcTypes;
    readonly pb: typeof analyzerPb;
    readonly stubs: typeof analyzerGrpc;
    readonly Struct: StructClass;
    readonly Empty: new () => object;
}

let cached: ProtoModules | undefined;

export function protoModules(): ProtoModules {
    if (cached) return cached;
    const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    const fromPulumi = (id: string) => require.resolve(id, { paths: [pulumiDir] });
    /* eslint-disable @typescript-eslint/no-require-imports */
    cached = {
        grpc: require(fromPulumi("@grpc/grpc-js")) as typeof grpcTypes,
        pb: require(path.join(pulumiDir, "proto", "analyzer_pb.js")) as typeof analyzerPb,
        stubs: require(path.join(pulumiDir, "proto", "analyzer_grpc_pb.js")) as typeof analyzerGrpc,
        Struct: (require(fromPulumi("google-protobuf/google/protobuf/struct_pb")) as { Struct: StructClass }).Struct,
        Empty: (require(fromPulumi("google-protobuf/google/protobuf/empty_pb")) as { Empty: new () => object }).Empty,
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
    return cached;
}

/** The gRPC message limit the engine uses for analyzers. */
export const MAX_MESSAGE_BYTES = 400 * 1024 * 1024;

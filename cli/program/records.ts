// What the program child process reports: every registration the program made, as the mock
// monitor saw it (URNs are the mock monitor's), plus what the program could not be given.

import type { CallAnswer } from "./data-sources";

export interface Position {
    readonly uri: string;
    readonly line: number;
    readonly column: number;
}

export interface CapturedResource {
    readonly kind: "register" | "read";
    readonly mockUrn: string;
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    /** Registered with `remote: true`: a multi-language component its provider would construct. */
    readonly remote?: boolean;
    /** Mock URN of the parent, "" for none. */
    readonly parent: string;
    /** Wire form, as the SDK serialized them (secret envelopes, resource references, unknowns). */
    readonly inputs: Record<string, unknown>;
    /** Wire form of what the mock monitor answered. */
    readonly outputs: Record<string, unknown>;
    readonly id: string;
    readonly dependencies: readonly string[];
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
    /** "<mock provider urn>::<id>" or "". */
    readonly provider: string;
    /** The package version the SDK asks for (names the default provider). */
    readonly version: string;
    readonly importId: string;
    readonly protect: boolean;
    readonly ignoreChanges: readonly string[];
    readonly additionalSecretOutputs: readonly string[];
    readonly aliases: readonly string[];
    readonly customTimeouts: { readonly create: string; readonly update: string; readonly delete: string };
    readonly deleteBeforeReplace?: boolean;
    readonly sourcePosition?: Position;
    readonly stackFrames: readonly Position[];
}

export interface ProgramRequest {
    readonly projectDir: string;
    readonly main: string;
    readonly project: string;
    readonly stack: string;
    readonly organization: string;
    readonly dryRun: boolean;
    readonly config: Readonly<Record<string, string>>;
    readonly secretKeys: readonly string[];
    /** The user's own answers to data sources (settings document `mockCalls`). */
    readonly callAnswers?: readonly CallAnswer[];
}

export interface ProgramResult {
    readonly ok: boolean;
    readonly error?: string;
    readonly resources: readonly CapturedResource[];
    /** Mock URN -> outputs registered with registerOutputs (components, the stack root). */
    readonly registeredOutputs: Readonly<Record<string, Record<string, unknown>>>;
    /** Data sources the mocks do not know; they got their result's declared shape, empty. */
    readonly unmockedCalls: readonly string[];
    /** Data sources answered with stand-ins for values only the cloud knows: "token (fields)". */
    readonly placeholderCalls?: readonly string[];
    readonly durationMs: number;
}

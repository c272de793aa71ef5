// What a program run under mocks registered, as the engine would have received it: every
// resource with its raw inputs (secrets still marked), parent, dependencies, property
// dependencies, provider and options, and every invoke. Plain JSON, so a child process can send it.

export interface CapturedResource {
    readonly urn: string;
    /** The id the mocks gave it; empty for components. */
    readonly id: string;
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    /** Empty for top-level resources. */
    readonly parent: string;
    /** "<provider urn>::<id>", empty for components and providers. */
    readonly provider: string;
    readonly dependencies: readonly string[];
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
    readonly replaceWith: readonly string[];
    /** Outputs the engine stores as secrets whatever the provider returns. */
    readonly additionalSecretOutputs: readonly string[];
    /** Wire form: a secret is {"4dabf18193072939515e22adb298388d": "1b47...", value}. */
    readonly inputs: Readonly<Record<string, unknown>>;
    /** What the mocks returned (wire form). */
    readonly outputs: Readonly<Record<string, unknown>>;
}

export interface CapturedInvoke {
    readonly token: string;
    readonly provider: string;
    readonly args: Readonly<Record<string, unknown>>;
}

export interface StackCapture {
    readonly stack: string;
    readonly resources: readonly CapturedResource[];
    readonly invokes: readonly CapturedInvoke[];
    /** The program's module exports, resolved. */
    readonly exports: Readonly<Record<string, unknown>>;
    /** Set when the program failed: the error the user would read. */
    readonly error?: string;
}

export interface StackRunRequest {
    /** The program to run, relative to the repository; defaults to src (the network project). */
    readonly program?: string;
    /** The stack file to read config from: stacks/Pulumi.<stackFile>.yaml. */
    readonly stackFile: string;
    /** The stack name to run as; defaults to stackFile. */
    readonly stackName?: string;
    /** Config keys to set (a string) or remove (null) on top of the stack file. */
    readonly configOverrides?: Readonly<Record<string, string | null>>;
}

export const SECRET_SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";

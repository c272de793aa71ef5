// Errors that end the command with exit code 2 (bad usage or unreadable input). Each message says
// what is wrong and why, so the user can fix it without reading code.

export const EXIT_OK = 0;
export const EXIT_VIOLATIONS = 1;
export const EXIT_USAGE = 2;

/** The command line itself is wrong: an unknown flag, a missing value, flags that exclude each other. */
export class UsageError extends Error {
    override readonly name = "UsageError";
    readonly exitCode = EXIT_USAGE;
}

/** An input cannot be used: a missing project, a malformed export, a config the pack refuses, a pack that will not start. */
export class InputError extends Error {
    override readonly name = "InputError";
    readonly exitCode = EXIT_USAGE;
}

export function isCommandError(error: unknown): error is UsageError | InputError {
    return error instanceof UsageError || error instanceof InputError;
}

export function describe(error: unknown): string {
    if (error instanceof Error) return error.message;
    return String(error);
}

// A mistake in stack config or in a component's arguments: the message names the option and the
// fix, so the program reports it without a stack trace (see index.ts). Pure modules throw this;
// they do not import Pulumi.

export class ConfigurationError extends Error {
    constructor(readonly problems: readonly string[]) {
        super(problems.join("\n"));
        this.name = "ConfigurationError";
    }
}

/** Throws a ConfigurationError listing every problem, if there is one. */
export function throwIfProblems(problems: readonly string[]): void {
    if (problems.length > 0) throw new ConfigurationError(problems);
}

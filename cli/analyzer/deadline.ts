// How long one call to a policy pack may take before the check gives up on it. The engine sets
// no deadline, so a pack that never answers would hold a preview (and a CI job) forever; we stop
// with a message that names the call and how to allow more time, and say on stderr while we wait.

export const DEFAULT_PACK_TIMEOUT_S = 300;
export const PACK_TIMEOUT_ENV = "BLASTWALL_PACK_TIMEOUT";
/** How often a long wait is reported on stderr. */
export const WAIT_NOTICE_MS = 30_000;

let configuredSeconds: number | undefined;

/** Parses "120" or "120s"; undefined when it is not a positive number of seconds. */
export function parseSeconds(text: string): number | undefined {
    const match = /^\s*(\d+(?:\.\d+)?)\s*s?\s*$/.exec(text);
    const seconds = match ? Number(match[1]) : NaN;
    return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

/** Set by `--pack-timeout`; wins over the environment variable. */
export function setPackTimeoutSeconds(seconds: number | undefined): void {
    configuredSeconds = seconds;
}

export function packTimeoutSeconds(): number {
    if (configuredSeconds !== undefined) return configuredSeconds;
    const fromEnv = process.env[PACK_TIMEOUT_ENV];
    return (fromEnv !== undefined ? parseSeconds(fromEnv) : undefined) ?? DEFAULT_PACK_TIMEOUT_S;
}

export function deadlineMessage(what: string, seconds: number): string {
    return `the policy pack did not answer ${what} within ${seconds} s, the deadline for one call; it may be stuck (an endless loop, a call that never returns). If it is only slow, allow more time with --pack-timeout SECONDS (or ${PACK_TIMEOUT_ENV}).`;
}

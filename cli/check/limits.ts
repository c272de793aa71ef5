// The check's own limits, set from the command line: how long a pack call may take.

import { parseSeconds, setPackTimeoutSeconds } from "../analyzer/deadline";
import { UsageError } from "../errors";

export function applyPackTimeout(flag: string | undefined): void {
    if (flag === undefined) return;
    const seconds = parseSeconds(flag);
    if (seconds === undefined) throw new UsageError(`--pack-timeout ${flag} is not a number of seconds; give a positive number (300).`);
    setPackTimeoutSeconds(seconds);
}

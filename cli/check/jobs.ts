// `--jobs N`: how many stacks a check evaluates at once. Each is a pack process (and, for a
// project, a program process) on its own core, so the default is the machine's core count.

import * as os from "node:os";
import { UsageError } from "../errors";

export const MAX_JOBS = 64;

export function defaultJobs(): number {
    return Math.max(1, os.availableParallelism());
}

export function parseJobs(value: string | undefined): number {
    if (value === undefined) return defaultJobs();
    const jobs = /^\d{1,4}$/.test(value.trim()) ? Number(value.trim()) : NaN;
    if (!(jobs >= 1 && jobs <= MAX_JOBS)) throw new UsageError(`--jobs ${value} is not a number of jobs; give a whole number from 1 to ${MAX_JOBS} (default: the number of CPU cores, ${defaultJobs()}).`);
    return jobs;
}

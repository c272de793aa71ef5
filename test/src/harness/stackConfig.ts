// A stack's config as the Pulumi CLI hands it to the program (PULUMI_CONFIG): every value a
// string, structured values as JSON. Read from the real stack files, so tests see what users deploy.

import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

export const REPO_ROOT = path.resolve(__dirname, "../../..");
export const PROJECT = "blastwall-network";

export function stackConfig(stackFile: string, overrides: Readonly<Record<string, string | null>> = {}): Record<string, string> {
    const document = parse(fs.readFileSync(path.join(REPO_ROOT, "stacks", `Pulumi.${stackFile}.yaml`), "utf8")) as { config?: Record<string, unknown> };
    const config: Record<string, string> = {};
    for (const [key, value] of Object.entries(document.config ?? {})) {
        config[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    for (const [key, value] of Object.entries(overrides)) {
        if (value === null) delete config[key];
        else config[key] = value;
    }
    return config;
}

// Finds the settings document a user keeps next to their project, so that `blastwall check` reads
// it without --config, as Checkov, trivy and conftest find their own files.

import * as fs from "node:fs";
import * as path from "node:path";

export const SETTINGS_FILE_NAMES = ["blastwall.yaml", "blastwall.yml"] as const;

/** The first settings document in `dirs` (in order: the project, then the current directory). */
export function findSettingsFile(dirs: readonly string[]): string | undefined {
    const seen = new Set<string>();
    for (const dir of dirs) {
        const resolved = path.resolve(dir);
        if (seen.has(resolved)) continue;
        seen.add(resolved);
        for (const name of SETTINGS_FILE_NAMES) {
            const file = path.join(resolved, name);
            if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
        }
    }
    return undefined;
}

/** What a run without any settings document tells the user (stderr): the pack's sample plan is not theirs. */
export const DEMO_PLAN_NOTE =
    "blastwall: note: no settings document (no --config, no blastwall.yaml in the project or the current directory): " +
    "using the sample environment plan shipped with the pack (its accounts, address ranges and Okta orgs are blastwall's demo, not yours); " +
    "run `blastwall init` to write a blastwall.yaml from your stacks.\n";

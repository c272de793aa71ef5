// Where things are: this package's root (so the CLI finds the pack it ships, compiled or run
// from source), and the repository root that report locations are relative to.

import * as fs from "node:fs";
import * as path from "node:path";

/** The directory holding blastwall's package.json, found from this file upwards. */
export function packageRoot(): string {
    let dir = __dirname;
    for (;;) {
        const manifest = path.join(dir, "package.json");
        if (fs.existsSync(manifest)) {
            try {
                const name = (JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: unknown }).name;
                if (name === "blastwall") return dir;
            } catch {
                // A malformed package.json above us is not ours; keep looking.
            }
        }
        const parent = path.dirname(dir);
        if (parent === dir) throw new Error(`cannot find blastwall's package.json above ${__dirname}`);
        dir = parent;
    }
}

/** The policy pack blastwall depends on (the blastwall-policies package, a workspace link in this repository). */
export function defaultPackDir(): string {
    try {
        return path.dirname(require.resolve("blastwall-policies/package.json", { paths: [packageRoot()] }));
    } catch {
        throw new Error(`the blastwall-policies package (blastwall's policy pack) is not installed next to ${packageRoot()}: reinstall blastwall, or pass --policy-pack DIR`);
    }
}

/**
 * The root of the repository that contains `dir` (a `.git` directory or worktree file), or
 * undefined. SARIF locations are relative to it, which is what code scanning resolves against.
 */
export function repositoryRoot(dir: string): string | undefined {
    let current = path.resolve(dir);
    for (;;) {
        if (fs.existsSync(path.join(current, ".git"))) return current;
        const parent = path.dirname(current);
        if (parent === current) return undefined;
        current = parent;
    }
}

/** `file` relative to `base` with forward slashes, or undefined when it lies outside `base`. */
export function relativeInside(base: string, file: string): string | undefined {
    const relative = path.relative(base, file);
    if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) return undefined;
    return relative.split(path.sep).join("/");
}

// Which exports `check --state` reads: each value is a file, a directory (its *.json exports), a
// glob (tinyglobby: `exports/**/*.json`), or `-` for one export on stdin. Nothing is skipped
// silently: a value that names nothing, a directory with no export and stdin mixed with files are
// errors naming the value.

import * as fs from "node:fs";
import * as path from "node:path";
import { globSync, isDynamicPattern } from "tinyglobby";
import { InputError, UsageError } from "../errors";

export const STDIN = "-";

function isDirectory(file: string): boolean {
    try {
        return fs.statSync(file).isDirectory();
    } catch {
        return false;
    }
}

/** A directory's exports: its *.json files (not its subdirectories'; a glob reaches those), sorted. */
function exportsIn(dir: string): string[] {
    let entries: fs.Dirent[];
    try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
        throw new InputError(`cannot read the directory ${dir}: ${(error as Error).message}`);
    }
    const files = entries
        .filter((e) => e.name.toLowerCase().endsWith(".json") && (e.isFile() || (e.isSymbolicLink() && !isDirectory(path.join(dir, e.name)))))
        .map((e) => path.join(dir, e.name))
        .sort(byCodeUnit);
    if (files.length === 0) throw new InputError(`--state ${dir} is a directory with no *.json export in it; write exports there with pulumi stack export --file ${path.join(dir, "<stack>.json")}.`);
    return files;
}

function matches(pattern: string): string[] {
    let found: string[];
    try {
        found = globSync([pattern], { onlyFiles: true, expandDirectories: false, absolute: path.isAbsolute(pattern), dot: false });
    } catch (error) {
        throw new InputError(`--state ${pattern} is not a glob blastwall can read: ${(error as Error).message}`);
    }
    if (found.length === 0) throw new InputError(`--state ${pattern} matches no file; check the pattern (quote it, so that the shell does not expand it first).`);
    return found.sort(byCodeUnit);
}

export function byCodeUnit(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The export files the --state values name, each once (the same file named twice, by two globs
 * say, is read once), or [STDIN]. A literal path wins over a glob reading of the same text.
 */
export function resolveStateSources(values: readonly string[]): string[] {
    if (values.includes(STDIN)) {
        if (values.length > 1) throw new UsageError("--state - (an export on stdin) cannot be combined with other --state values: stdin holds one export; write each export to a file to check several.");
        return [STDIN];
    }
    const files: string[] = [];
    const seen = new Set<string>();
    for (const value of values) {
        if (value === "") throw new UsageError("--state needs a file, a directory, a glob or - (stdin).");
        let found: string[];
        if (fs.existsSync(value)) found = isDirectory(value) ? exportsIn(value) : [value];
        else if (isDynamicPattern(value)) found = matches(value);
        // Not there: reading it says so, naming it ("cannot read x.json: ENOENT ...").
        else found = [value];
        for (const file of found) {
            const key = realPath(file);
            if (seen.has(key)) continue;
            seen.add(key);
            files.push(file);
        }
    }
    return files;
}

function realPath(file: string): string {
    try {
        return fs.realpathSync(file);
    } catch {
        return path.resolve(file);
    }
}

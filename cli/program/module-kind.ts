// Whether a program is an ES module, and how to load it, as Pulumi's Node language host decides:
// a `.mts`/`.mjs` entry, or a package.json with `"type": "module"` above the entry. ES module
// TypeScript runs through the project's own loader: `tsx` when the project has it, else
// `ts-node/esm` (the project's ts-node, else blastwall's), transpile-only, with the project's
// tsconfig.json.

import * as fs from "node:fs";
import * as path from "node:path";

function resolveFrom(dir: string, id: string): string | undefined {
    try {
        return require.resolve(id, { paths: [dir] });
    } catch {
        return undefined;
    }
}

function packageType(dir: string, stop: string): string | undefined {
    let current = dir;
    for (;;) {
        const manifest = path.join(current, "package.json");
        if (fs.existsSync(manifest)) {
            try {
                const type = (JSON.parse(fs.readFileSync(manifest, "utf8")) as { type?: unknown }).type;
                return typeof type === "string" ? type : "commonjs";
            } catch {
                return undefined;
            }
        }
        const parent = path.dirname(current);
        if (parent === current || current === stop) return undefined;
        current = parent;
    }
}

/** The entry file of `main` (a file, or a directory with package.json `main` or an index file). */
export function entryFile(main: string): string {
    if (fs.existsSync(main) && fs.statSync(main).isFile()) return main;
    const manifest = path.join(main, "package.json");
    if (fs.existsSync(manifest)) {
        try {
            const declared = (JSON.parse(fs.readFileSync(manifest, "utf8")) as { main?: unknown }).main;
            if (typeof declared === "string" && fs.existsSync(path.join(main, declared))) return path.join(main, declared);
        } catch {
            // Fall through to the index files.
        }
    }
    const index = ["index.ts", "index.mts", "index.js", "index.mjs"].map((f) => path.join(main, f)).find((f) => fs.existsSync(f));
    return index ?? main;
}

export function isEsmProgram(main: string, projectDir: string): boolean {
    const entry = entryFile(main);
    if (/\.m[tj]s$/.test(entry)) return true;
    return packageType(path.dirname(entry), path.parse(projectDir).root) === "module";
}

/** Node options and environment that load the project's ES module TypeScript. */
export function esmLoader(projectDir: string): { execArgv: string[]; env: Record<string, string> } {
    const tsconfig = path.join(projectDir, "tsconfig.json");
    const tsx = resolveFrom(projectDir, "tsx/esm");
    if (tsx) return { execArgv: ["--import", tsx], env: fs.existsSync(tsconfig) ? { TSX_TSCONFIG_PATH: tsconfig } : {} };
    const tsNode = resolveFrom(projectDir, "ts-node/esm") ?? require.resolve("ts-node/esm");
    return {
        execArgv: ["--no-warnings=ExperimentalWarning", "--loader", tsNode],
        env: { TS_NODE_TRANSPILE_ONLY: "true", ...(fs.existsSync(tsconfig) ? { TS_NODE_PROJECT: tsconfig } : {}) },
    };
}

// Imported first by the pack's entry (policies/index.ts), before @pulumi/policy loads @pulumi/pulumi.
//
// @pulumi/pulumi loads @npmcli/arborist as it loads (runtime/closure/codePaths.js), and with it
// pacote, sigstore and npm-registry-fetch: about a fifth of a pack process's start-up, for code
// used only to serialize closures (computeCodePaths), which a policy pack never does. A stand-in
// takes the module's place in Node's module cache; the first read of anything on it loads the real
// module and answers from it, so whoever does use it gets exactly the real module's values.
// Nothing else changes: if the module cannot be found, or is already loaded, this does nothing.

import Module from "node:module";
import * as path from "node:path";

type Exports = Record<PropertyKey, unknown>;

function arboristPath(): string | undefined {
    try {
        // The @pulumi/pulumi that @pulumi/policy loads, and the arborist that one resolves.
        const policy = path.dirname(require.resolve("@pulumi/policy/package.json"));
        const pulumi = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [policy] }));
        return require.resolve("@npmcli/arborist", { paths: [pulumi] });
    } catch {
        return undefined;
    }
}

/** A stand-in for `file` in the module cache, loading the real module at its first use. */
export function deferModule(file: string): boolean {
    if (require.cache[file]) return false;
    let real: Exports | undefined;
    const load = (): Exports => {
        if (real === undefined) {
            delete require.cache[file];
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            real = require(file) as Exports;
        }
        return real;
    };
    const standIn = new Proxy({} as Exports, {
        get: (_target, key) => {
            // TypeScript's `import * as x` (__importStar) reads __esModule as it loads and then keeps
            // the stand-in itself; `import x from` (__importDefault) then reads `default`: the module.
            if (key === "__esModule") return true;
            const module = load();
            return key === "default" && !("default" in module) ? module : module[key];
        },
        has: (_target, key) => key in load(),
        ownKeys: () => Reflect.ownKeys(load()),
        getOwnPropertyDescriptor: (_target, key) => {
            const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
            return descriptor && { ...descriptor, configurable: true };
        },
    });
    const entry = new Module(file, module);
    entry.filename = file;
    entry.loaded = true;
    entry.exports = standIn;
    require.cache[file] = entry;
    return true;
}

const arborist = arboristPath();
if (arborist !== undefined) deferModule(arborist);

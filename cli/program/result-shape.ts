// The declared shape of a data source's result, read from the SDK the program uses: a Pulumi
// package's generated `<module>/<function>.d.ts` declares `interface Get<Name>Result` with every
// field and its type. An unanswered call gets that shape with empty values of the right types
// (and the arguments the provider echoes), never its own arguments as the whole answer.

import * as fs from "node:fs";
import * as path from "node:path";

export type Shape = ReadonlyMap<string, string>;

function resolveFrom(dir: string, id: string): string | undefined {
    try {
        return require.resolve(id, { paths: [dir] });
    } catch {
        return undefined;
    }
}

/** "aws:ssm/getParameter:getParameter" -> the d.ts that declares its result, if installed. */
export function declarationFile(token: string, projectDir: string): string | undefined {
    const [pkg, module = "", name = ""] = token.split(":");
    const dir = module.split("/")[0];
    if (!pkg || !name) return undefined;
    for (const scope of ["@pulumi", "@pulumiverse"]) {
        const manifest = resolveFrom(projectDir, `${scope}/${pkg}/package.json`);
        if (!manifest) continue;
        const file = path.join(path.dirname(manifest), dir === "index" ? "" : dir, `${name}.d.ts`);
        if (fs.existsSync(file)) return file;
    }
    return undefined;
}

export function resultShape(token: string, projectDir: string): Shape | undefined {
    const file = declarationFile(token, projectDir);
    if (!file) return undefined;
    const name = token.split(":")[2] ?? "";
    const interfaceName = `${name.charAt(0).toUpperCase()}${name.slice(1)}Result`;
    const text = fs.readFileSync(file, "utf8");
    const start = text.indexOf(`export interface ${interfaceName} {`);
    if (start < 0) return undefined;
    const end = text.indexOf("\n}", start);
    const body = text.slice(start, end < 0 ? undefined : end);
    const fields = new Map<string, string>();
    for (const match of body.matchAll(/^\s*readonly (\w+)\??: (.+);$/gm)) fields.set(match[1], match[2].trim());
    return fields;
}

/** An empty value of a declared TypeScript type: "" for strings, 0, false, [] or {}. */
export function emptyOf(type: string): unknown {
    if (type.endsWith("[]")) return [];
    if (type === "string" || /^"/.test(type)) return "";
    if (type === "number") return 0;
    if (type === "boolean") return false;
    return {};
}

/** The result an unanswered call gets: the declared fields, echoing the arguments of the same name. */
export function placeholderResult(shape: Shape, args: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const [field, type] of shape) result[field] = args[field] !== undefined ? args[field] : emptyOf(type);
    return result;
}

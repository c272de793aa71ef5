// The licences an adopter takes on: the installed run-time dependency tree of each published
// package (`blastwall` and `blastwall-policies`: their `dependencies`, followed through the
// package.json files node resolves them to) must be permissively licensed, except the copyleft
// packages the project has accepted, named once below and mirrored by the README's "Licences"
// section. A new copyleft dependency (or an accepted one changing its licence) fails here, naming
// the package and its licence.

import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "..", "..");
const PUBLISHED = [path.join(REPO, "cli", "package.json"), path.join(REPO, "policies", "package.json")];

/**
 * Accepted copyleft dependencies: the IAM evaluation libraries of the reach policies
 * (policies/reach/iam/). No permissively licensed evaluator of the same coverage exists, and the
 * design forbids writing one by hand. The README's "Licences" section names each of them.
 */
const ACCEPTED_COPYLEFT: readonly { readonly name: string; readonly licence: string }[] = [
    { name: "@cloud-copilot/iam-expand", licence: "AGPL-3.0-or-later" },
    { name: "@cloud-copilot/iam-policy", licence: "AGPL-3.0-or-later" },
    { name: "@cloud-copilot/iam-simulate", licence: "AGPL-3.0-or-later" },
    { name: "@cloud-copilot/iam-utils", licence: "AGPL-3.0-or-later" },
];

/** Permissive licences, as SPDX identifiers: the ones the tree holds today, and their close kin. */
const PERMISSIVE: ReadonlySet<string> = new Set([
    "MIT",
    "MIT-0",
    "ISC",
    "Apache-2.0",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "0BSD",
    "BlueOak-1.0.0",
    "Unlicense",
    "CC0-1.0",
    // spdx-exceptions: a list of licence identifiers (data), attribution only.
    "CC-BY-3.0",
    // argparse: the Python Software Foundation licence, permissive.
    "Python-2.0",
]);

/** Packages whose package.json points at a file instead of naming a licence, read by hand. */
const REVIEWED: Readonly<Record<string, { readonly licence: string; readonly file: string; readonly opens: RegExp }>> = {
    "@logdna/tail-file": { licence: "MIT", file: "LICENSE", opens: /^The MIT License/ },
};

interface Installed {
    readonly name: string;
    readonly version: string;
    readonly licence: string;
    readonly dir: string;
}

function readJson(file: string): Record<string, unknown> {
    return JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
}

/** The package.json node would load for `name` required from `dir`. */
function resolvePackage(dir: string, name: string): string | undefined {
    for (let at = dir; ; at = path.dirname(at)) {
        const candidate = path.join(at, "node_modules", name, "package.json");
        if (fs.existsSync(candidate)) return fs.realpathSync(candidate);
        if (path.dirname(at) === at) return undefined;
    }
}

function licenceOf(manifest: Record<string, unknown>): string {
    const { license, licenses } = manifest;
    if (typeof license === "string") return license.trim();
    if (license && typeof license === "object" && typeof (license as { type?: unknown }).type === "string") return (license as { type: string }).type;
    if (Array.isArray(licenses)) return licenses.map((l) => (l && typeof l === "object" ? String((l as { type?: unknown }).type) : String(l))).join(" OR ");
    return "";
}

/** Every package the published package needs at run time; problems for what cannot be read. */
function runtimeTree(packageJson: string): { installed: Installed[]; missing: string[] } {
    const installed = new Map<string, Installed>();
    const missing: string[] = [];
    const visit = (file: string) => {
        const manifest = readJson(file);
        const dir = path.dirname(file);
        const required = Object.keys((manifest.dependencies as Record<string, string> | undefined) ?? {});
        const optional = new Set(Object.keys((manifest.optionalDependencies as Record<string, string> | undefined) ?? {}));
        for (const name of [...required, ...optional]) {
            const found = resolvePackage(dir, name);
            if (!found) {
                if (!optional.has(name)) missing.push(`${name} (needed by ${String(manifest.name)})`);
                continue;
            }
            if (installed.has(found)) continue;
            const child = readJson(found);
            installed.set(found, { name: String(child.name), version: String(child.version), licence: licenceOf(child), dir: path.dirname(found) });
            visit(found);
        }
    };
    visit(fs.realpathSync(packageJson));
    return { installed: [...installed.values()], missing };
}

/** Whether an SPDX expression is permissive: one alternative of an OR whose every AND part is. Nested or WITH expressions are not read. */
function permissive(expression: string): boolean {
    const flat = expression.replace(/^\((.*)\)$/, "$1");
    if (/[()]|\bWITH\b/.test(flat)) return false;
    return flat.split(/\s+OR\s+/).some((alternative) => alternative.split(/\s+AND\s+/).every((id) => PERMISSIVE.has(id.trim())));
}

/** One line per package outside the rules: "name@version is licensed LICENCE (dir)". */
function licenceProblems(packageJson: string): string[] {
    const { installed, missing } = runtimeTree(packageJson);
    const problems = missing.map((m) => `${m} is not installed, so its licence cannot be read`);
    for (const pkg of installed) {
        if (ACCEPTED_COPYLEFT.some((a) => a.name === pkg.name && a.licence === pkg.licence)) continue;
        const reviewed = REVIEWED[pkg.name];
        if (reviewed && fs.readFileSync(path.join(pkg.dir, reviewed.file), "utf8").trimStart().match(reviewed.opens) && PERMISSIVE.has(reviewed.licence)) continue;
        if (permissive(pkg.licence)) continue;
        problems.push(`${pkg.name}@${pkg.version} is licensed ${pkg.licence || "(no licence given)"}, which is not in the permissive allowlist nor an accepted copyleft dependency (${path.relative(REPO, pkg.dir)})`);
    }
    return problems;
}

describe("licences of the published packages' run-time dependencies", () => {
    for (const packageJson of PUBLISHED) {
        const name = String(readJson(packageJson).name);
        it(`${name}: every run-time dependency is permissive or an accepted copyleft one`, () => {
            assert.deepEqual(licenceProblems(packageJson), []);
        });
    }

    it("each accepted copyleft package is really in a published package's tree, under the licence named", () => {
        const installed = PUBLISHED.flatMap((p) => runtimeTree(p).installed);
        for (const accepted of ACCEPTED_COPYLEFT) {
            const found = installed.find((i) => i.name === accepted.name);
            assert.ok(found, `${accepted.name} is accepted but no published package depends on it: remove it from the list and the README`);
            assert.equal(found.licence, accepted.licence, `${accepted.name} is now licensed ${found.licence}`);
        }
    });

    it("the README's Licences section names each accepted copyleft package and its licence", () => {
        const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
        const section = /^## Licences\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(readme)?.[1];
        assert.ok(section, "README.md has no '## Licences' section");
        for (const { name, licence } of ACCEPTED_COPYLEFT) {
            assert.ok(section.includes(`\`${name}\``), `README.md's Licences section does not name ${name}`);
            assert.ok(section.includes(licence), `README.md's Licences section does not name the licence ${licence}`);
        }
    });

    it("fails on a new copyleft dependency, naming the package and its licence", () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "blastwall-licences-"));
        try {
            const write = (dir: string, manifest: Record<string, unknown>) => {
                fs.mkdirSync(dir, { recursive: true });
                fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest));
            };
            write(path.join(root, "node_modules", "fine-lib"), { name: "fine-lib", version: "1.0.0", license: "(MIT OR GPL-3.0-only)", dependencies: { "strong-copyleft": "2.0.0" } });
            write(path.join(root, "node_modules", "strong-copyleft"), { name: "strong-copyleft", version: "2.0.0", license: "GPL-3.0-only" });
            write(path.join(root, "node_modules", "@cloud-copilot", "iam-policy"), { name: "@cloud-copilot/iam-policy", version: "9.9.9", license: "SSPL-1.0" });
            fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: "published", version: "1.0.0", dependencies: { "fine-lib": "1.0.0", "@cloud-copilot/iam-policy": "9.9.9", "not-installed": "1.0.0" } }));
            const problems = licenceProblems(path.join(root, "package.json")).map((p) => p.replace(/ \(.*\)$/, ""));
            assert.deepEqual(problems, [
                "not-installed (needed by published) is not installed, so its licence cannot be read",
                "strong-copyleft@2.0.0 is licensed GPL-3.0-only, which is not in the permissive allowlist nor an accepted copyleft dependency",
                "@cloud-copilot/iam-policy@9.9.9 is licensed SSPL-1.0, which is not in the permissive allowlist nor an accepted copyleft dependency",
            ]);
        } finally {
            fs.rmSync(root, { recursive: true, force: true });
        }
    });
});

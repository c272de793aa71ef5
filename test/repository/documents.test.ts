// The repository's own documents, as a reader finds them: merges happen by hand here, and a
// conflict left in a doc or a link to a file that moved is invisible until someone reads it.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "..", "..");

function trackedFiles(): string[] {
    return execFileSync("git", ["ls-files", "-z"], { cwd: REPO, encoding: "utf8" })
        .split("\0")
        .filter((file) => file !== "" && fs.existsSync(path.join(REPO, file)));
}

const TEXT = /\.(md|ts|js|mjs|json|ya?ml|sh)$|(^|\/)(run|LICENSE)$/;
const CONFLICT = /^(<{7} |={7}$|>{7} )/m;

/** Relative link targets of a Markdown document: `[text](target)`, without anchors or URLs. */
export function relativeLinks(markdown: string): string[] {
    const withoutCode = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
    return [...withoutCode.matchAll(/\]\(([^)\s]+)\)/g)]
        .map((match) => match[1])
        .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith("#"))
        .map((target) => decodeURIComponent(target.split("#")[0]));
}

describe("the repository's documents", () => {
    const files = trackedFiles();
    const markdown = files.filter((file) => file.endsWith(".md") && !file.startsWith("test/fixtures/"));

    it("hold no merge-conflict markers", () => {
        const conflicted = files.filter((file) => TEXT.test(file) && CONFLICT.test(fs.readFileSync(path.join(REPO, file), "utf8")));
        assert.deepEqual(conflicted, []);
    });

    it("link only to files that are in the repository", () => {
        const broken = markdown.flatMap((file) =>
            relativeLinks(fs.readFileSync(path.join(REPO, file), "utf8"))
                .filter((target) => !fs.existsSync(path.resolve(REPO, path.dirname(file), target)))
                .map((target) => `${file} -> ${target}`),
        );
        assert.deepEqual(broken, []);
    });

    it("finds a broken link and a conflict when there is one", () => {
        assert.deepEqual(relativeLinks("see [the plan](docs/gone.md#x), [site](https://example.com), `[not](code.md)`"), ["docs/gone.md"]);
        assert.ok(CONFLICT.test("text\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> branch\n"));
    });
});

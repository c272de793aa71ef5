// The pack's start-up skips @pulumi/pulumi's closure-serialization dependency (@npmcli/arborist,
// with pacote and sigstore: about a fifth of a pack's start-up) until something uses it, and
// whoever uses it gets the real module. Checked in fresh Node processes: the real pack process as
// the engine starts it, and a process that loads @pulumi/pulumi behind the stand-in and then uses it.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "..", "..", "..", "..");
const PACK = path.join(REPO, "policies");
const RUN_POLICY_PACK = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [PACK] });
const ARBORIST_FILES = `Object.keys(require.cache).filter((f) => f.includes("${path.sep}@npmcli${path.sep}arborist${path.sep}"))`;

function node(args: readonly string[], cwd = REPO): string {
    const result = spawnSync(process.execPath, [...args], { cwd, encoding: "utf8", timeout: 120_000, stdio: ["ignore", "pipe", "pipe"] });
    assert.equal(result.status, 0, result.stderr);
    return result.stderr;
}

describe("pack start-up: @npmcli/arborist deferred", function () {
    this.timeout(180_000);

    it("is not loaded by the time the real pack process prints its port", () => {
        // A preload that, once the port is printed, says which arborist files are loaded, and exits.
        const preload = [
            `const write = process.stdout.write.bind(process.stdout);`,
            `process.stdout.write = (chunk, ...rest) => { const r = write(chunk, ...rest);`,
            `  if (/^\\d+\\n/.test(String(chunk))) { const loaded = ${ARBORIST_FILES}.filter((f) => require.cache[f].exports === undefined || !require("node:util").types.isProxy(require.cache[f].exports));`,
            `    process.stderr.write("ARBORIST " + JSON.stringify(loaded) + "\\n"); setImmediate(() => process.exit(0)); }`,
            `  return r; };`,
        ].join("\n");
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "blastwall-startup-"));
        const file = path.join(dir, "after-port.js");
        fs.writeFileSync(file, preload);
        let stderr: string;
        try {
            stderr = node(["--require", file, RUN_POLICY_PACK, "127.0.0.1:0", PACK], PACK);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
        const line = /ARBORIST (.*)/.exec(stderr)?.[1];
        assert.ok(line !== undefined, stderr);
        assert.deepEqual(JSON.parse(line), [], "arborist's own files were loaded at start-up");
    });

    it("hands whoever uses it the real module (import * as, import default, require)", () => {
        const script = [
            `require(${JSON.stringify(path.join(PACK, "lib", "startup", "defer-arborist.ts"))});`,
            `const pulumi = require("@pulumi/pulumi");`,
            `const before = ${ARBORIST_FILES}.length;`,
            `const codePaths = require("@pulumi/pulumi/runtime/closure/codePaths");`,
            `const standIn = require("@npmcli/arborist");`,
            `const Arborist = standIn.Arborist;`,
            `const file = require.resolve("@npmcli/arborist", { paths: [require.resolve("@pulumi/pulumi/package.json").replace(/package.json$/, "")] });`,
            `const real = require.cache[file].exports;`,
            `const star = Object.keys(standIn).sort().join(",") === Object.keys(real).sort().join(",");`,
            `const dflt = standIn.default === real || standIn.default === real.default;`,
            `process.stderr.write("RESULT " + JSON.stringify({ before, pulumi: typeof pulumi.Config, codePaths: typeof codePaths.computeCodePaths, arborist: typeof Arborist, same: Arborist === real.Arborist, realLoaded: !require("node:util").types.isProxy(real), star, dflt }) + "\\n");`,
        ].join("\n");
        const stderr = node(["-r", require.resolve("ts-node/register/transpile-only"), "-e", script]);
        const result = JSON.parse(/RESULT (.*)/.exec(stderr)?.[1] ?? "null") as Record<string, unknown>;
        assert.deepEqual(result, { before: 1, pulumi: "function", codePaths: "function", arborist: "function", same: true, realLoaded: true, star: true, dflt: true });
    });
});

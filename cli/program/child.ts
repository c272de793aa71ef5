// Runs one Pulumi program under mocks, in its own process (a program owns its process: globals,
// module caches, the SDK's settings). Started by runner.ts as `node child.js`, the request on stdin.
// It registers TypeScript for the project, sets the stack's config, installs mocks on the
// project's own @pulumi/pulumi, wraps the mock monitor to capture every registration request in
// full, runs the program inside a pulumi:pulumi:Stack as the language host does, waits for
// outstanding work, and sends what it captured back over a pipe (never a file: it holds secrets).

import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { CapturedResource, Position, ProgramRequest, ProgramResult } from "./records";
import { answerCall } from "./data-sources";
import { entryFile } from "./module-kind";
import { mockResource, ProviderFacts } from "./mocks";
import { packageConfig, providerFacts } from "./provider-facts";
import { holdLifeline } from "../process/children";

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */

function resolveFrom(dir: string, id: string): string | undefined {
    try {
        return require.resolve(id, { paths: [dir] });
    } catch {
        return undefined;
    }
}

// As Pulumi's language host does: the project's ts-node and typescript, else the copies its
// @pulumi/pulumi vendors (a Pulumi TypeScript project often installs no ts-node of its own).
function registerTypeScript(projectDir: string, sdk: string): void {
    if ((process as any)[Symbol.for("ts-node.register.instance")]) return;
    const vendored = (name: string) => (fs.existsSync(path.join(sdk, "vendor", name)) ? path.join(sdk, "vendor", name) : undefined);
    const tsNode = resolveFrom(projectDir, "ts-node") ?? vendored("ts-node@7.0.1") ?? require.resolve("ts-node");
    const typescript = resolveFrom(projectDir, "typescript") ?? vendored("typescript@3.8.3/typescript.js") ?? require.resolve("typescript");
    const tsconfig = path.join(projectDir, "tsconfig.json");
    const hasConfig = fs.existsSync(tsconfig);
    // Type errors are not policy findings, and type-checking a program costs seconds: transpile only.
    require(tsNode).register({
        transpileOnly: true,
        compiler: typescript,
        project: hasConfig ? tsconfig : undefined,
        skipProject: !hasConfig,
        compilerOptions: hasConfig ? undefined : { target: "ES2020", module: "commonjs", moduleResolution: "node", sourceMap: true },
    });
}

/**
 * The SDK reads source positions from `new Error().stack` with a pattern that needs a function
 * name ("at fn (file:1:2)"), so the frame of an anonymous callback ("at file:1:2") is dropped and a
 * resource created in `.map(...)` or `.forEach(...)` lands on the line of the call that took the
 * callback. The same pattern, also matching anonymous frames, puts it on its `new` line.
 */
const FRAME_POSITION = /^\s*at (?:.* \()?(?<file>[^()]*?):(?<line>[0-9]+):(?<column>[0-9]+)\)?$/;

function placeCallbackResources(resourceModule: any): void {
    const resource = resourceModule?.Resource;
    if (resource && resource.framePositionRegExp instanceof RegExp) resource.framePositionRegExp = FRAME_POSITION;
}

/** An ES module program: its default export (a function is called, as the language host does). */
async function importProgram(main: string): Promise<unknown> {
    // A real dynamic import: TypeScript would turn `import()` into `require()` in CommonJS output.
    const dynamicImport = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<any>;
    const module = await dynamicImport(pathToFileURL(entryFile(main)).href);
    return module.default ?? module;
}

function position(p: any): Position | undefined {
    if (!p || typeof p.getUri !== "function" || !p.getUri()) return undefined;
    return { uri: p.getUri(), line: p.getLine(), column: p.getColumn() };
}

function frames(trace: any): Position[] {
    if (!trace || typeof trace.getFramesList !== "function") return [];
    return trace
        .getFramesList()
        .map((frame: any) => position(frame.getPc?.()))
        .filter((p: Position | undefined): p is Position => p !== undefined);
}

function propertyDependencies(request: any): Record<string, string[]> {
    const result: Record<string, string[]> = {};
    request.getPropertydependenciesMap?.().forEach((value: any, key: string) => {
        result[key] = value.getUrnsList();
    });
    return result;
}

/** The request, the first line on stdin (runner.ts keeps stdin open after it: our lifeline). */
function readRequest(): Promise<ProgramRequest> {
    return new Promise((resolve, reject) => {
        let text = "";
        process.stdin.setEncoding("utf8");
        const onData = (chunk: string) => {
            text += chunk;
            const newline = text.indexOf("\n");
            if (newline < 0) return;
            process.stdin.off("data", onData);
            try {
                resolve(JSON.parse(text.slice(0, newline)) as ProgramRequest);
            } catch (error) {
                reject(error);
            }
        };
        process.stdin.on("data", onData);
    });
}

/** The result, over the pipe on fd 3: never a file, since it holds the program's secrets in plaintext. */
function sendResult(text: string): Promise<void> {
    return new Promise((resolve, reject) => {
        const out = fs.createWriteStream("", { fd: 3 });
        out.once("error", reject);
        out.end(text, () => resolve());
    });
}

async function main(): Promise<void> {
    holdLifeline();
    const request = await readRequest();
    const started = Date.now();
    const resources: CapturedResource[] = [];
    const registeredOutputs: Record<string, Record<string, unknown>> = {};
    const unmocked = new Set<string>();
    const placeholders = new Set<string>();
    const write = (result: Omit<ProgramResult, "durationMs">) => sendResult(JSON.stringify({ ...result, durationMs: Date.now() - started }));

    // Progress for the runner, which tells a slow program (still loading modules or registering)
    // from a stuck one. Loading counts: a large SDK takes seconds to load on a busy machine.
    const Module = require("node:module");
    const load = Module.prototype.require;
    let loaded = 0;
    let sent = -1;
    let sentAt = 0;
    const beat = () => {
        if (resources.length + loaded !== sent && process.send) {
            sent = resources.length + loaded;
            sentAt = Date.now();
            process.send({ registered: resources.length, progress: sent });
        }
    };
    Module.prototype.require = function (this: unknown, ...args: unknown[]) {
        loaded++;
        // Loading is synchronous: timers do not fire during it, so report from here.
        if (Date.now() - sentAt > 250) beat();
        return load.apply(this, args);
    };
    const heartbeat = setInterval(beat, 250);
    heartbeat.unref();
    // The channel to the runner must not keep a program alive that has nothing left to do.
    (process as any).channel?.unref?.();
    process.send?.({ registered: 0, progress: 0 });

    process.chdir(request.projectDir);
    const pulumiDir = resolveFrom(request.projectDir, "@pulumi/pulumi/package.json");
    if (!pulumiDir) {
        await write({ ok: false, error: `@pulumi/pulumi cannot be found from ${request.projectDir}: install the project's dependencies (npm install) first.`, resources, registeredOutputs, unmockedCalls: [] });
        return;
    }
    const sdk = path.dirname(pulumiDir);
    const pulumi = require(sdk);
    const settings = require(path.join(sdk, "runtime", "settings"));
    const stackModule = require(path.join(sdk, "runtime", "stack"));
    placeCallbackResources(require(path.join(sdk, "resource")));

    // Providers the program declared, by mock URN, and the facts the mocks derive from them.
    const providerSettings = new Map<string, Record<string, unknown>>();
    const factsFor = (providerRef: string, type: string): ProviderFacts => {
        const urn = providerRef.slice(0, providerRef.lastIndexOf("::"));
        const declared = providerRef ? providerSettings.get(urn) : undefined;
        return providerFacts(declared ?? packageConfig(request.config, type.split(":")[0]));
    };

    let pending: { type: string; name: string; response: ReturnType<typeof mockResource> } | undefined;
    await pulumi.runtime.setMocks(
        {
            newResource(args: { type: string; name: string }) {
                // The monitor wrapper computed the answer from the wire request just before.
                if (!pending || pending.type !== args.type || pending.name !== args.name) {
                    throw new Error(`blastwall mocks: no prepared answer for ${args.type} ${args.name}`);
                }
                const { response } = pending;
                pending = undefined;
                return { id: response.id, state: response.state };
            },
            call(args: { token: string; inputs: Record<string, unknown>; provider?: string }) {
                const answer = answerCall(args.token, args.inputs, factsFor(args.provider ?? "", args.token), args.provider, request.projectDir, request.callAnswers ?? []);
                if (answer.kind === "unanswered") unmocked.add(args.token);
                if (answer.kind === "placeholder") placeholders.add(`${args.token} (${(answer.placeholders ?? []).join(", ")})`);
                return answer.result;
            },
        },
        request.project,
        request.stack,
        request.dryRun,
        request.organization,
    );
    require(path.join(sdk, "runtime", "config")).setAllConfig(request.config, request.secretKeys);


    const monitor = settings.getMonitor();
    const capture = (kind: CapturedResource["kind"], original: (req: any, cb: any) => unknown) => (req: any, callback: any) => {
        const type: string = req.getType();
        const name: string = req.getName();
        const inputs = (kind === "register" ? req.getObject?.() : req.getProperties?.())?.toJavaScript() ?? {};
        const providerRef: string = req.getProvider?.() ?? "";
        const importId: string = kind === "read" ? req.getId() : req.getImportid?.() ?? "";
        const custom: boolean = kind === "read" ? true : req.getCustom();
        pending = {
            type,
            name,
            response: custom
                ? mockResource({
                      type,
                      name,
                      inputs,
                      exists: importId !== "",
                      importId,
                      dryRun: request.dryRun,
                      provider: factsFor(providerRef, type),
                      additionalSecretOutputs: req.getAdditionalsecretoutputsList?.() ?? [],
                  })
                : { id: "", state: {} },
        };
        const timeouts = req.getCustomtimeouts?.();
        const record = {
            kind,
            type,
            name,
            custom,
            // Multi-language components: their provider builds the children, which mocks never see.
            remote: kind === "register" && Boolean(req.getRemote?.()),
            parent: req.getParent() ?? "",
            inputs,
            dependencies: kind === "register" ? req.getDependenciesList() : req.getDependenciesList?.() ?? [],
            propertyDependencies: propertyDependencies(req),
            provider: providerRef,
            version: req.getVersion?.() ?? "",
            importId,
            protect: Boolean(req.getProtect?.()),
            ignoreChanges: req.getIgnorechangesList?.() ?? [],
            additionalSecretOutputs: req.getAdditionalsecretoutputsList?.() ?? [],
            aliases: req.getAliasurnsList?.() ?? [],
            customTimeouts: { create: timeouts?.getCreate?.() ?? "", update: timeouts?.getUpdate?.() ?? "", delete: timeouts?.getDelete?.() ?? "" },
            deleteBeforeReplace: req.getDeletebeforereplacedefined?.() ? Boolean(req.getDeletebeforereplace()) : undefined,
            sourcePosition: position(req.getSourceposition?.()),
            stackFrames: frames(req.getStacktrace?.()),
        };
        return original.call(monitor, req, (error: unknown, response: any) => {
            if (!error && response) {
                const mockUrn: string = response.getUrn();
                const outputs = (kind === "register" ? response.getObject() : response.getProperties())?.toJavaScript() ?? {};
                if (type.startsWith("pulumi:providers:")) providerSettings.set(mockUrn, inputs);
                resources.push({ ...record, mockUrn, outputs, id: kind === "register" ? response.getId?.() ?? "" : importId });
            }
            callback(error, response);
        });
    };
    monitor.registerResource = capture("register", monitor.registerResource);
    monitor.readResource = capture("read", monitor.readResource);
    const registerOutputs = monitor.registerResourceOutputs;
    monitor.registerResourceOutputs = (req: any, callback: any) => {
        registeredOutputs[req.getUrn()] = req.getOutputs()?.toJavaScript() ?? {};
        return registerOutputs.call(monitor, req, callback);
    };

    const esm = (request as ProgramRequest & { esm?: boolean }).esm === true;
    // An ES module's TypeScript is loaded by the loader the runner started us with.
    if (!esm) registerTypeScript(request.projectDir, sdk);
    // A program's own error can escape the SDK as an uncaught exception or an unhandled rejection
    // (an async `export =` that throws does): Node would print it and exit 1 with nothing reported.
    // It is the program failing under mocks, and the runner must hear so, with the calls it made.
    let reported: Promise<void> | undefined;
    const fail = (error: unknown): Promise<void> => {
        if (reported) return reported;
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        reported = write({ ok: false, error: message, resources, registeredOutputs, unmockedCalls: [...unmocked].sort(), placeholderCalls: [...placeholders].sort() });
        return reported;
    };
    const failAndExit = (error: unknown) => void fail(error).finally(() => process.exit(0));
    process.on("uncaughtException", failAndExit);
    process.on("unhandledRejection", failAndExit);
    try {
        await stackModule.runInPulumiStack(async () => {
            const loaded = esm ? await importProgram(request.main) : require(request.main);
            const value = loaded instanceof Function ? loaded() : loaded;
            return await value;
        });
        await settings.waitForRPCs();
        // A failure already on its way (an escaped error) is the outcome; wait for it to be sent.
        if (reported) return await reported;
        reported = write({ ok: true, resources, registeredOutputs, unmockedCalls: [...unmocked].sort(), placeholderCalls: [...placeholders].sort() });
        await reported;
    } catch (error) {
        await fail(error);
    }
}

main()
    .then(() => process.exit(0))
    .catch((error) => {
        process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exit(3);
    });

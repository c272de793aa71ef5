// Runs one Pulumi program under mocks, in its own process (a program owns its process: globals,
// module caches, the SDK's settings). Started by runner.ts as `node child.js <request> <result>`.
// It registers TypeScript for the project, sets the stack's config, installs mocks on the
// project's own @pulumi/pulumi, wraps the mock monitor to capture every registration request in
// full, runs the program inside a pulumi:pulumi:Stack as the language host does, waits for
// outstanding work, and writes what it captured.

import * as fs from "node:fs";
import * as path from "node:path";
import type { CapturedResource, Position, ProgramRequest, ProgramResult } from "./records";
import { oktaId } from "./mock-values";
import { mockResource, ProviderFacts } from "./mocks";
import { packageConfig, providerFacts } from "./provider-facts";

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

async function main(): Promise<void> {
    const [requestFile, resultFile] = process.argv.slice(2);
    const request = JSON.parse(fs.readFileSync(requestFile, "utf8")) as ProgramRequest;
    const started = Date.now();
    const resources: CapturedResource[] = [];
    const registeredOutputs: Record<string, Record<string, unknown>> = {};
    const unmocked = new Set<string>();
    const write = (result: Omit<ProgramResult, "durationMs">) =>
        fs.writeFileSync(resultFile, JSON.stringify({ ...result, durationMs: Date.now() - started }));

    process.chdir(request.projectDir);
    const pulumiDir = resolveFrom(request.projectDir, "@pulumi/pulumi/package.json");
    if (!pulumiDir) {
        write({ ok: false, error: `@pulumi/pulumi cannot be found from ${request.projectDir}: install the project's dependencies (npm install) first.`, resources, registeredOutputs, unmockedCalls: [] });
        return;
    }
    const sdk = path.dirname(pulumiDir);
    const pulumi = require(sdk);
    const settings = require(path.join(sdk, "runtime", "settings"));
    const stackModule = require(path.join(sdk, "runtime", "stack"));

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
                const facts = factsFor(args.provider ?? "", args.token);
                switch (args.token) {
                    case "aws:index/getCallerIdentity:getCallerIdentity":
                        return { accountId: facts.accountId, arn: `arn:aws:iam::${facts.accountId}:user/blastwall-check`, userId: "AIDABLASTWALLCHECK00", id: facts.accountId };
                    case "aws:index/getRegion:getRegion":
                        return { name: facts.region, id: facts.region, region: facts.region, description: facts.region, endpoint: `ec2.${facts.region}.amazonaws.com` };
                    case "aws:index/getPartition:getPartition":
                        return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" };
                    case "aws:index/getAvailabilityZones:getAvailabilityZones":
                        return { names: ["a", "b", "c"].map((z) => facts.region + z), zoneIds: [1, 2, 3].map((n) => `az${n}`), id: facts.region };
                    case "okta:index/getOrgMetadata:getOrgMetadata":
                        // The org id feeds Okta resource names (ORNs); one stable fake id per provider.
                        return { id: oktaId("00o", args.provider ?? "default"), pipeline: "idx" };
                    default:
                        unmocked.add(args.token);
                        return { ...args.inputs };
                }
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
                ? mockResource({ type, name, inputs, exists: importId !== "", importId, dryRun: request.dryRun, provider: factsFor(providerRef, type) })
                : { id: "", state: {} },
        };
        const timeouts = req.getCustomtimeouts?.();
        const record = {
            kind,
            type,
            name,
            custom,
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

    registerTypeScript(request.projectDir, sdk);
    try {
        await stackModule.runInPulumiStack(async () => {
            const loaded = require(request.main);
            const value = loaded instanceof Function ? loaded() : loaded;
            return await value;
        });
        await settings.waitForRPCs();
        write({ ok: true, resources, registeredOutputs, unmockedCalls: [...unmocked].sort() });
    } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        write({ ok: false, error: message, resources, registeredOutputs, unmockedCalls: [...unmocked].sort() });
    }
}

main()
    .then(() => process.exit(0))
    .catch((error) => {
        process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exit(3);
    });

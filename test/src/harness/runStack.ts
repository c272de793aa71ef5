// Child-process entry: runs src/index.ts as one stack under strict mocks, with that stack's real
// config file, and sends the parent a StackCapture over IPC. See program.ts for why each stack
// runs in its own process.

import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { CapturedInvoke, CapturedResource, StackCapture, StackRunRequest } from "./capture";
import { strictMocks } from "./mocks";
import { PROJECT, REPO_ROOT, stackConfig } from "./stackConfig";

interface ProtoStruct {
    toJavaScript(): Record<string, unknown>;
}
interface RegisterRequest {
    getType(): string;
    getName(): string;
    getCustom(): boolean;
    getParent(): string;
    getProvider(): string;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): { forEach(fn: (value: { getUrnsList(): string[] }, key: string) => void): void };
    getReplaceWithList(): string[];
    getAdditionalsecretoutputsList(): string[];
    getObject(): ProtoStruct | undefined;
}
interface RegisterResponse {
    getUrn(): string;
    getId(): string;
    getObject(): ProtoStruct | undefined;
}
interface InvokeRequest {
    getTok(): string;
    getProvider(): string;
    getArgs(): ProtoStruct | undefined;
}
type Callback<T> = (error: Error | null, response?: T) => void;
interface Monitor {
    registerResource(request: RegisterRequest, callback: Callback<RegisterResponse>): unknown;
    invoke(request: InvokeRequest, callback: Callback<unknown>): unknown;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as { getMonitor(): Monitor; waitForRPCs(): Promise<void> };

function capture(monitor: Monitor, resources: CapturedResource[], invokes: CapturedInvoke[]): void {
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (request, callback) =>
        register(request, (error, response) => {
            if (!error && response) {
                const propertyDependencies: Record<string, string[]> = {};
                request.getPropertydependenciesMap().forEach((deps, key) => (propertyDependencies[key] = deps.getUrnsList()));
                resources.push({
                    urn: response.getUrn(),
                    id: response.getId(),
                    type: request.getType(),
                    name: request.getName(),
                    custom: request.getCustom(),
                    parent: request.getParent(),
                    provider: request.getProvider(),
                    dependencies: request.getDependenciesList(),
                    propertyDependencies,
                    replaceWith: request.getReplaceWithList(),
                    additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
                    inputs: request.getObject()?.toJavaScript() ?? {},
                    outputs: response.getObject()?.toJavaScript() ?? {},
                });
            }
            callback(error, response);
        });
    const invoke = monitor.invoke.bind(monitor);
    monitor.invoke = (request, callback) => {
        invokes.push({ token: request.getTok(), provider: request.getProvider(), args: request.getArgs()?.toJavaScript() ?? {} });
        return invoke(request, callback);
    };
}

async function settle(): Promise<void> {
    // Registrations chain on each other (parents, dependencies), so drain until nothing new starts.
    for (let i = 0; i < 3; i++) {
        await settings.waitForRPCs();
        await new Promise((resolve) => setTimeout(resolve, 5));
    }
}

export async function runStack(request: StackRunRequest): Promise<StackCapture> {
    const stack = request.stackName ?? request.stackFile;
    const resources: CapturedResource[] = [];
    const invokes: CapturedInvoke[] = [];
    // One failed registration fails everything that depends on it, each with the same cause.
    const errors = new Set<string>();
    const fail = (reason: unknown) => errors.add(reason instanceof Error ? reason.message : String(reason));
    process.on("unhandledRejection", fail);

    await pulumi.runtime.setMocks(strictMocks(), PROJECT, stack, false);
    pulumi.runtime.setAllConfig(stackConfig(request.stackFile, request.configOverrides));
    capture(settings.getMonitor(), resources, invokes);

    // A failed registration leaves the outputs that depend on it pending for ever; Node then runs
    // out of work and says so with beforeExit, which ends the wait.
    const stalled = new Promise<undefined>((resolve) => process.once("beforeExit", () => resolve(undefined)));
    let resolvedExports: Record<string, unknown> = {};
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const program = require(path.join(REPO_ROOT, request.program ?? "src")) as Record<string, unknown>;
        const resolved = new Promise<Record<string, unknown>>((resolve) => pulumi.output(program).apply((value) => resolve(value as Record<string, unknown>)));
        resolvedExports = (await Promise.race([resolved, stalled])) ?? {};
    } catch (error) {
        fail(error);
    }
    await settle();
    return { stack, resources, invokes, exports: resolvedExports, ...(errors.size > 0 ? { error: [...errors].join("\n") } : {}) };
}

if (require.main === module) {
    const request = JSON.parse(process.argv[2]) as StackRunRequest;
    runStack(request).then(
        (result) => process.send?.(result, () => process.exit(0)),
        (error: unknown) => process.send?.({ stack: request.stackFile, resources: [], invokes: [], exports: {}, error: String(error) }, () => process.exit(0)),
    );
}

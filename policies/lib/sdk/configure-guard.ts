// Refuses a bad configuration at Configure, where the engine stops the preview with one clear
// error, instead of letting every policy report it as a violation at evaluation.
//
// The engine validates each policy's block against its JSON schema before Configure, but it
// ignores `additionalProperties` (a misspelt key passes) and cannot check what a schema cannot say
// (overlapping environment ranges, a stackEnvironments entry naming no environment). The SDK's
// own `configure` handler only stores the config and cannot fail. So while the pack starts we wrap
// that handler as the SDK hands it to gRPC (`Server.prototype.addService` of the @grpc/grpc-js
// instance @pulumi/policy uses), read every enabled policy's block with that policy's settings
// reader, and answer INVALID_ARGUMENT naming the policy and the key. The patch lives only for the
// `new PolicyPack` call. If the SDK ever registers its service another way, nothing is wrapped and
// the settings reader still fails every policy closed at evaluation, as before;
// test/hardening/configure.test.ts fails so that we notice.

import * as path from "node:path";
import { registeredPolicy } from "../registry";

interface PolicyConfigMessage {
    getEnforcementlevel(): number;
    getProperties(): { toJavaScript(): Record<string, unknown> } | undefined;
}

interface ConfigureCall {
    readonly request: { getPolicyconfigMap(): { entries(): Iterable<[string, PolicyConfigMessage]> } };
}

type Callback = (error: { code: number; details: string } | null, response?: unknown) => void;
type Handler = (call: ConfigureCall, callback: Callback) => unknown;

/** The proto's EnforcementLevel.DISABLED: a disabled policy's config is never read. */
const DISABLED = 2;
/** grpc.status.INVALID_ARGUMENT */
const INVALID_ARGUMENT = 3;

/** One sentence per misconfigured policy, or none. Never throws. */
export function configureProblems(call: ConfigureCall): string[] {
    const problems: string[] = [];
    for (const [name, config] of call.request.getPolicyconfigMap().entries()) {
        const policy = registeredPolicy(name);
        if (!policy?.configProblems || config.getEnforcementlevel() === DISABLED) continue;
        const found = policy.configProblems(config.getProperties()?.toJavaScript() ?? {});
        if (found.length > 0) {
            problems.push(`The configuration of ${name} is invalid: ${found.join("; ")}; fix the policy pack config (see \`blastwall config expand\`).`);
        }
    }
    return problems;
}

export function guardConfigure(original: Handler): Handler {
    return (call, callback) => {
        let problems: string[];
        try {
            problems = configureProblems(call);
        } catch {
            problems = [];
        }
        if (problems.length > 0) return callback({ code: INVALID_ARGUMENT, details: problems.join("\n") });
        return original(call, callback);
    };
}

interface ServerPrototype {
    addService(service: unknown, implementation: Record<string, unknown>): void;
}

function sdkServerPrototype(): ServerPrototype | undefined {
    try {
        const sdkDir = path.dirname(require.resolve("@pulumi/policy/package.json"));
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const grpc = require(require.resolve("@grpc/grpc-js", { paths: [sdkDir] })) as { Server?: { prototype: ServerPrototype } };
        return grpc.Server?.prototype;
    } catch {
        return undefined;
    }
}

/** Runs `start` (the `new PolicyPack` call) with the analyzer's configure handler guarded. */
export function withConfigureGuard(start: () => void): void {
    const prototype = sdkServerPrototype();
    if (!prototype || typeof prototype.addService !== "function") return start();
    const addService = prototype.addService;
    prototype.addService = function (this: unknown, service: unknown, implementation: Record<string, unknown>) {
        const configure = implementation?.configure;
        const isAnalyzer = typeof configure === "function" && typeof implementation.analyzeStack === "function";
        const guarded = isAnalyzer ? { ...implementation, configure: guardConfigure(configure as Handler) } : implementation;
        return addService.call(this, service, guarded);
    };
    try {
        start();
    } finally {
        prototype.addService = addService;
    }
}

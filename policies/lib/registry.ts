// The names of the policies defined in this process, and which of them a waiver may cover.
// waiver-valid reads it to refuse a waiver that names no policy; define.ts fills it as each
// policy is defined, so it is complete before any evaluation.

export interface RegisteredPolicy {
    readonly name: string;
    /** Key of the boolean setting that must be true for waivers to apply; undefined = always. */
    readonly waivableWhen?: string;
    /** False for policies no waiver may cover (waiver-valid itself). */
    readonly waivable: boolean;
    /** The problems its settings reader finds in a config block (empty when usable). */
    readonly configProblems?: (config: Readonly<Record<string, unknown>>) => readonly string[];
}

const registry = new Map<string, RegisteredPolicy>();

export function registerPolicy(policy: RegisteredPolicy): void {
    registry.set(policy.name, policy);
}

export function registeredPolicy(name: string): RegisteredPolicy | undefined {
    return registry.get(name);
}

export function registeredPolicyNames(): string[] {
    return [...registry.keys()];
}

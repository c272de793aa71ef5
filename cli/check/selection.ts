// --only and --skip: which policies a check runs. They become "disabled" levels in the config the
// pack receives, on top of the user's own, so the pack reports the others as disabled (never a
// silent pass: every report lists the policies and their levels).

import { UsageError } from "../errors";
import type { ConfigFile } from "../config/load";
import { detectForm } from "../config/settings-document";
import { isRecord } from "../../policies/lib/props";

function names(values: readonly string[] | undefined): string[] {
    return (values ?? []).flatMap((v) => v.split(",")).map((v) => v.trim()).filter((v) => v !== "");
}

export function selectPolicies(config: ConfigFile | undefined, only: readonly string[] | undefined, skip: readonly string[] | undefined, known: readonly string[]): ConfigFile | undefined {
    const onlyNames = names(only);
    const skipNames = names(skip);
    if (onlyNames.length === 0 && skipNames.length === 0) return config;
    for (const [flag, list] of [["--only", onlyNames], ["--skip", skipNames]] as const) {
        const unknown = list.filter((n) => !known.includes(n));
        if (unknown.length > 0) throw new UsageError(`${flag} ${unknown.join(", ")}: no such policy in the pack; blastwall policies lists them.`);
    }
    const disabled = known.filter((n) => (onlyNames.length > 0 && !onlyNames.includes(n)) || skipNames.includes(n));
    if (disabled.length === known.length) throw new UsageError("--only and --skip leave no policy to run.");
    const document: Record<string, unknown> = { ...(config?.document ?? {}) };
    const detected = detectForm(document, new Set(known));
    const source = config?.file ?? "--only/--skip";
    if ("form" in detected && detected.form === "settings") {
        const levels = isRecord(document.policies) ? { ...document.policies } : {};
        for (const name of disabled) levels[name] = isRecord(levels[name]) ? { ...levels[name], enforcementLevel: "disabled" } : "disabled";
        return { file: source, document: { ...document, policies: levels } };
    }
    for (const name of disabled) document[name] = isRecord(document[name]) ? { ...(document[name] as Record<string, unknown>), enforcementLevel: "disabled" } : "disabled";
    return { file: source, document };
}

// What an offline run could not see, said the same way in every report. Multi-language components
// (`@pulumi/awsx` 2+, `@pulumi/eks` 2+, anything registered with `remote: true`) are built by
// their provider's Construct at deploy time; under mocks no provider runs, so the component's own
// registration (with its arguments as properties) is all there is, and its children are never seen.
// `--require-complete` turns each one into a finding, so such a stack cannot pass unnoticed.

import type { EngineResource } from "../analyzer/model";
import type { Finding, Report, StackReport, UnexpandedComponent } from "./model";

/** The pseudo-policy of `--require-complete`: reported by blastwall check itself, not the pack. */
export const REQUIRE_COMPLETE_POLICY = "offline-complete";

export const PREVIEW_FIX = "run `pulumi preview --policy-pack` where the component's provider runs to judge its children";

export function unexpandedComponents(resources: readonly EngineResource[]): UnexpandedComponent[] {
    return resources
        .filter((r) => r.remote === true && !r.custom)
        .map((r) => ({ type: r.type, name: r.name, urn: r.urn, ...(r.source ? { source: r.source } : {}) }));
}

function where(component: UnexpandedComponent): string {
    return component.source ? ` (${component.source.file}:${component.source.line})` : "";
}

function plural(count: number, one: string, many: string): string {
    return `${count} ${count === 1 ? one : many}`;
}

/** One sentence per stack: which components were not expanded, and that their children were not seen. */
export function coverageSentence(stack: Pick<StackReport, "stack" | "unexpanded">): string | undefined {
    const components = stack.unexpanded ?? [];
    if (components.length === 0) return undefined;
    const list = components.map((c) => `${c.type} '${c.name}'${where(c)}`).join(", ");
    return (
        `stack ${stack.stack}: ${plural(components.length, "multi-language component", "multi-language components")} could not be expanded offline ` +
        `(${list}); the resources ${components.length === 1 ? "its provider creates" : "their providers create"} were not seen by the pack; ${PREVIEW_FIX}.`
    );
}

export function coverageSentences(report: Pick<Report, "stacks">): string[] {
    return report.stacks.map(coverageSentence).filter((s): s is string => s !== undefined);
}

/** `--require-complete`: each unexpanded component is a mandatory finding on its own line. */
export function incompleteFindings(stack: { stack: string; project: string }, components: readonly UnexpandedComponent[], toolVersion: string): Finding[] {
    return components.map((c) => ({
        stack: stack.stack,
        project: stack.project,
        policy: REQUIRE_COMPLETE_POLICY,
        pack: "blastwall-check",
        packVersion: toolVersion,
        level: "mandatory",
        message:
            `Component ${c.type} '${c.name}' in ${stack.stack} is built by its provider at deploy time, so the resources it creates were not seen offline ` +
            `and --require-complete does not accept an unseen part of a stack; ${PREVIEW_FIX}, or drop --require-complete.`,
        urn: c.urn,
        resourceType: c.type,
        resourceName: c.name,
        ...(c.source ? { source: c.source } : {}),
    }));
}

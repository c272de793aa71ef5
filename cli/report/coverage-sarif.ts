// SARIF's place for "the tool could not see part of what it scanned": a tool execution
// notification per unexpanded component, located at the line that declared it, on an invocation
// that still succeeded (the rest of the stack was judged).

import type { Invocation, Notification } from "sarif";
import { coverageSentence } from "./coverage";
import type { Report } from "./model";

export function coverageInvocations(report: Report, fallbackLocation: (stack: string) => string | undefined): { invocations?: Invocation[] } {
    const notifications: Notification[] = report.stacks.flatMap((stack) => {
        const sentence = coverageSentence(stack);
        if (!sentence) return [];
        return (stack.unexpanded ?? []).map((component): Notification => {
            const file = component.source?.file ?? fallbackLocation(stack.stack);
            return {
                level: "warning",
                descriptor: { id: "offline-coverage" },
                message: { text: sentence },
                locations: [
                    {
                        ...(file
                            ? { physicalLocation: { artifactLocation: { uri: file, uriBaseId: "%SRCROOT%" }, region: { startLine: component.source?.line ?? 1 } } }
                            : {}),
                        logicalLocations: [{ name: component.name, fullyQualifiedName: component.urn, kind: "resource" }],
                    },
                ],
                properties: { stack: stack.stack, resourceType: component.type },
            };
        });
    });
    if (notifications.length === 0) return {};
    return { invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }] };
}

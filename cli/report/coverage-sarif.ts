// SARIF's place for "the tool could not see part of what it scanned": a tool execution
// notification per unexpanded component, located at the line that declared it, on the run's one
// invocation, which still succeeds on their account (the rest of the stack was judged).

import type { Notification } from "sarif";
import { coverageSentence } from "./coverage";
import type { Report } from "./model";
import type { FallbackLocation } from "./sarif";

export function coverageNotifications(report: Report, fallbackLocation: FallbackLocation): Notification[] {
    return report.stacks.flatMap((stack) => {
        const sentence = coverageSentence(stack);
        if (!sentence) return [];
        return (stack.unexpanded ?? []).map((component): Notification => {
            const file = component.source?.file ?? fallbackLocation(stack);
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
}

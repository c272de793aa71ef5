import { defineStackPolicy } from "../lib/define";
import { assessAll } from "../lib/waivers/assess";
import { allowIncidentWaiversSetting, maxWaiverDaysSetting, waiversSetting } from "../lib/waivers/settings";

export const waiverValid = defineStackPolicy({
    name: "waiver-valid",
    description: "Every waiver must name a policy of this pack and a resource, give a reason, have an approver, and expire within maxWaiverDays.",
    severity: "high",
    remediationSteps:
        "Fix the waiver in the `waivers` setting: name an existing policy and a resource (URN or pattern), give a reason and an approver (`approvedBy`), and set `expires` to a date within maxWaiverDays. Or remove it and fix the finding it covered: until the waiver is valid that finding keeps its own level.",
    tags: ["ownership", "waivers"],
    settings: [waiversSetting, maxWaiverDaysSetting, allowIncidentWaiversSetting],
    waivable: false,
    checkStack: (_stack, { settings, now }) =>
        assessAll(settings.waivers, { now, maxWaiverDays: settings.maxWaiverDays, settings }).flatMap((assessment) =>
            assessment.valid
                ? []
                : [
                      {
                          message: `${assessment.label} ${assessment.problems.join(", ")}; fix or remove it: the finding it names keeps its own level until then.`,
                      },
                  ],
        ),
});

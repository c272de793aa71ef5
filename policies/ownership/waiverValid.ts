import { defineStackPolicy, Finding } from "../lib/define";
import { tagKeysSetting } from "../lib/settings/common";
import { assessAll } from "../lib/waivers/assess";
import { allowIncidentWaiversSetting, maxWaiverDaysSetting, maxWaiverMatchesSetting, waiverApproversSetting, waiversSetting } from "../lib/waivers/settings";
import { ownerResolutionSettings } from "./settings";
import { waiverScopeProblems } from "./waiverScope";

export const waiverValid = defineStackPolicy({
    name: "waiver-valid",
    description:
        "Every waiver must name a policy of this pack and specific resources, give a reason, be approved by someone other than the owner of a credential it covers (one of waiverApprovers when set), and expire within maxWaiverDays.",
    severity: "high",
    remediationSteps:
        "Fix the waiver in the `waivers` setting: name an existing policy and the resources it covers (a URN, a name, or a pattern matching at most maxWaiverMatches resources; never a bare `*`), give a reason, have it approved (`approvedBy`) by someone other than the credential's owner and listed in waiverApprovers when that is set, and set `expires` to a date within maxWaiverDays. Or remove it and fix the finding it covered.",
    tags: ["ownership", "waivers"],
    settings: [waiversSetting, maxWaiverDaysSetting, waiverApproversSetting, allowIncidentWaiversSetting, maxWaiverMatchesSetting, tagKeysSetting, ...ownerResolutionSettings],
    waivable: false,
    checkStack: (stack, { settings, now }) => {
        const findings: Finding[] = [];
        for (const assessment of assessAll(settings.waivers, { now, maxWaiverDays: settings.maxWaiverDays, approvers: settings.waiverApprovers, settings })) {
            if (!assessment.valid) {
                findings.push({ message: `${assessment.label} ${assessment.problems.join(", ")}; fix or remove it: the finding it names keeps its own level until then.` });
                continue;
            }
            const { waiver } = assessment;
            const problems = waiverScopeProblems(waiver, stack, settings);
            if (problems.length === 0) continue;
            findings.push({
                message: `Waiver #${waiver.number} (${waiver.policy} on '${waiver.resource}') ${problems.join(", ")}; fix or remove it: waiver-valid blocks until then.`,
            });
        }
        return findings;
    },
});

// What both reach policies do before judging: the same environment settings, the stack's reach
// model (or NotApplicable when the stack's environment is unknown), and only the credentials the
// catalog says the rule applies to. Each policy then says, per credential, what it finds, if
// anything; the finding is put on the credential's resource.

import type { Finding, NotApplicable, PolicyContext } from "../lib/define";
import type { StackView } from "../lib/model";
import { environmentsSetting, stackEnvironmentsSetting, tagKeysSetting } from "../lib/settings/common";
import type { SettingsOf } from "../lib/settings/define";
import { CredentialReach, isNotApplicable, reachIn } from "./model";

/** The settings every reach policy reads; a policy adds its own after these. */
export const REACH_SETTINGS = [environmentsSetting, stackEnvironmentsSetting, tagKeysSetting] as const;
type ReachSettings = SettingsOf<typeof REACH_SETTINGS>;

/** The findings of `judge` over every credential the rule applies to, or why the stack cannot be judged. */
export function judgeReaches<S extends ReachSettings>(stack: StackView, { settings, now }: PolicyContext<S>, judge: (reach: CredentialReach) => string | undefined): Finding[] | NotApplicable {
    if (stack.resources.length === 0) return [];
    const reaches = reachIn(stack, settings, now);
    if (isNotApplicable(reaches)) return reaches;
    const findings: Finding[] = [];
    for (const reach of reaches) {
        if (reach.facts.applicability.applies === false) continue;
        const message = judge(reach);
        if (message !== undefined) findings.push({ message, urn: reach.facts.resource.urn });
    }
    return findings;
}

// What a valid-looking waiver covers in one stack: how many resources its pattern matches, and who
// owns the credentials among them. An exception names a few resources, not a policy switched off
// (maxWaiverMatches), and it is approved by someone other than the owner of what it excuses.

import { catalogEntry } from "../credentials/catalog";
import type { StackView } from "../lib/model";
import { sameName, Waiver } from "../lib/waivers/assess";
import { ownerOf, OwnerSettings } from "./owner";

export interface ScopeSettings extends OwnerSettings {
    readonly maxWaiverMatches: number;
}

const NAMES_SHOWN = 5;

function quoted(names: readonly string[]): string {
    const shown = names.slice(0, NAMES_SHOWN).map((n) => `'${n}'`);
    return names.length > NAMES_SHOWN ? `${shown.join(", ")} and ${names.length - NAMES_SHOWN} more` : shown.join(", ");
}

/** The problems of one waiver in this stack; empty when it is specific and independently approved. */
export function waiverScopeProblems(waiver: Waiver, stack: StackView, settings: ScopeSettings): string[] {
    const matched = stack.resources.filter((r) => waiver.matches(r.urn, r.name));
    const problems: string[] = [];
    if (matched.length > settings.maxWaiverMatches) {
        problems.push(
            `matches ${matched.length} resources in this stack (${quoted(matched.map((r) => r.name))}), more than the ${settings.maxWaiverMatches} maxWaiverMatches allows; name the resources it covers more specifically`,
        );
    }
    for (const resource of matched) {
        const entry = catalogEntry(resource.type);
        if (!entry) continue;
        const resolution = ownerOf(stack, { resource, entry }, settings);
        const claim = resolution.state === "owned" ? resolution : resolution.state === "uncertain" ? resolution.fallback : undefined;
        const owner = claim?.owners.find((o) => o.name !== undefined && sameName(o.name, waiver.approvedBy));
        if (!owner) continue;
        // An owner name that arrived as a secret is compared, never printed.
        const who = owner.secret ? "the owner" : `${waiver.approvedBy}, the owner`;
        problems.push(`is approved by ${who} of '${resource.name}', a credential it covers; a waiver needs the approval of someone other than the credential's owner`);
        break;
    }
    return problems;
}

// A stack policy rather than a resource policy: AnalyzeStack sees `tagsAll` (AWS's own merge of
// the provider's default tags), the stack tags that may decide the stack's environment (a
// ResourceView from Analyze has none), and the graph to resolve a tag unknown during preview;
// the stack's environment is resolved once per stack, and a provider whose default tags name
// another environment is reported once, on the provider, not on each of its resources.

import { defineStackPolicy, Finding } from "../lib/define";
import type { ProviderView, ResourceView } from "../lib/model";
import { getRecordOrJson, getStringMap, lookupIgnoringCase, UNKNOWN } from "../lib/props";
import { environmentsSetting, stackEnvironmentsSetting, tagKeysSetting } from "../lib/settings/common";
import { tagValue } from "../lib/tags";
import { nounOf, shown, subject } from "./support/describe";
import { distinct, EnvironmentScope, inEnvironment } from "./support/scope";
import { unknownPropertyFindings } from "./support/unknown";

interface Mismatch {
    /** " (staging)" or ", which names no environment (test, staging, prod)" */
    readonly fact: string;
    /** The tag names another environment, where the resource may belong instead. */
    readonly other: boolean;
}

/** What a tag value that is not the stack's environment says, or undefined when it is. */
function mismatch(scope: EnvironmentScope, value: string): Mismatch | undefined {
    const environment = value.trim().toLowerCase();
    if (environment === scope.own) return undefined;
    if (Object.prototype.hasOwnProperty.call(scope.plan.plan, environment)) return { fact: ` (${environment})`, other: true };
    return { fact: `, which names no environment (${scope.plan.names.join(", ")})`, other: false };
}

function providerFinding(scope: EnvironmentScope, provider: ProviderView): Finding[] {
    const defaultTags = getRecordOrJson(provider.props, "defaultTags");
    if (defaultTags === UNKNOWN || defaultTags === undefined) return [];
    const tags = getStringMap(defaultTags, "tags");
    if (tags === UNKNOWN || tags === undefined) return [];
    const key = [...tags.keys()].find((k) => k.toLowerCase() === scope.tagKey.toLowerCase());
    const value = lookupIgnoringCase(tags, scope.tagKey);
    if (key === undefined || value === undefined) return [];
    const wrong = mismatch(scope, value);
    if (!wrong) return [];
    const text = shown(provider, ["defaultTags", "tags", key], value);
    return [
        {
            message: `${nounOf(provider.type)} '${provider.name}' in ${scope.own} sets default tag ${key}=${text}${wrong.fact} on every resource it manages; set it to ${key}=${scope.own}${wrong.other ? ", or deploy those resources from a stack of their environment" : ""}.`,
            urn: provider.urn,
        },
    ];
}

function resourceFindings(scope: EnvironmentScope, resource: ResourceView, providerOnce: (provider: ProviderView) => Finding[]): Finding[] {
    // The stack resource's properties are the program's exports, not tags of anything.
    if (resource.type === "pulumi:pulumi:Stack") return [];
    const tag = tagValue(resource, scope.tagKey);
    if (tag === undefined) return [];
    if (tag === UNKNOWN) {
        return unknownPropertyFindings(scope, resource, resource.propertyDependencies.tags ? "tags" : "tagsAll", {
            promise: `its ${scope.tagKey} tag is ${scope.own}`,
            foreign: (sources) => `${subject(resource, scope.own)} takes its ${scope.tagKey} tag from ${sources}; tag it ${scope.tagKey}=${scope.own}.`,
        });
    }
    // The provider's finding covers every resource that only inherits its default tags.
    if (tag.source === "provider defaultTags" && resource.provider) return providerOnce(resource.provider);
    const wrong = mismatch(scope, tag.value);
    if (!wrong) return [];
    const text = shown(resource, [tag.source, tag.key], tag.value);
    return [
        {
            message: `${subject(resource, scope.own)} is tagged ${tag.key}=${text}${wrong.fact}; tag it ${tag.key}=${scope.own}${wrong.other ? ", or move it to a stack of its environment" : ""}.`,
            urn: resource.urn,
        },
    ];
}

export const resourceEnvironmentMatchesStack = defineStackPolicy({
    name: "resource-environment-matches-stack",
    description:
        "A resource's environment tag (its tags, tagsAll, or its provider's default tags; the key is the `tagKeys.environment` setting, matched case-insensitively) must name the stack's own environment.",
    severity: "high",
    remediationSteps:
        "Tag the resource with the stack's environment (best through the provider's defaultTags), or move it to a stack of the environment it belongs to. A resource without the tag passes this policy.",
    tags: ["environments", "tagging"],
    settings: [environmentsSetting, stackEnvironmentsSetting, tagKeysSetting],
    checkStack: (stack, { settings }) =>
        inEnvironment(stack, settings, (scope) => {
            // Every resource that inherits a provider's default tags asks about that provider.
            const byProvider = new Map<string, Finding[]>();
            const providerOnce = (provider: ProviderView) => {
                let found = byProvider.get(provider.urn);
                if (!found) byProvider.set(provider.urn, (found = providerFinding(scope, provider)));
                return found;
            };
            return distinct(
                stack.resources.flatMap((resource) => (resource.type.startsWith("pulumi:providers:") ? providerOnce(resource) : resourceFindings(scope, resource, providerOnce))),
            );
        }),
});

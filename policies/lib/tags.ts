// A resource's effective tags, as AWS applies them: the provider's default tags, overridden by
// the resource's own `tags`; `tagsAll` (an output) is AWS's own merge of both. Environment and
// owner rules read tags through here so that every source counts the same way everywhere.

import type { ResourceView } from "./model";
import { get, getRecordOrJson, isUnknown, UNKNOWN, Unknown } from "./props";

export type TagSource = "tags" | "tagsAll" | "provider defaultTags";

export interface TagValue {
    readonly value: string;
    readonly source: TagSource;
    /** The key as written (tag keys are matched case-insensitively). */
    readonly key: string;
}

export interface EffectiveTags {
    /** Lower-cased key to value; later sources have already overridden earlier ones. */
    readonly byKey: ReadonlyMap<string, TagValue>;
    /** Keys whose value is unknown during preview (lower-cased). */
    readonly unknownKeys: ReadonlySet<string>;
    /** True when a whole tag map is unknown, so any key might be there. */
    readonly anyUnknown: boolean;
}

/** The provider's `defaultTags.tags`, which exported state stores as a JSON string. */
function providerDefaultTags(resource: ResourceView): unknown {
    if (!resource.provider) return undefined;
    const defaultTags = getRecordOrJson(resource.provider.props, "defaultTags");
    if (defaultTags === UNKNOWN) return UNKNOWN;
    return defaultTags === undefined ? undefined : get(defaultTags, "tags");
}

const effectiveTagCache = new WeakMap<ResourceView, EffectiveTags>();

export function effectiveTags(resource: ResourceView): EffectiveTags {
    const cached = effectiveTagCache.get(resource);
    if (cached) return cached;
    const byKey = new Map<string, TagValue>();
    const unknownKeys = new Set<string>();
    let anyUnknown = false;
    // Lowest precedence first; each layer overrides the keys it sets.
    const layers: [TagSource, unknown][] = [
        ["provider defaultTags", providerDefaultTags(resource)],
        ["tagsAll", get(resource.props, "tagsAll")],
        ["tags", get(resource.props, "tags")],
    ];
    for (const [source, layer] of layers) {
        if (layer === UNKNOWN) {
            // An unknown layer may override anything below it.
            anyUnknown = true;
            byKey.clear();
            continue;
        }
        const record = typeof layer === "string" ? getRecordOrJson({ layer }, "layer") : layer;
        if (record === null || typeof record !== "object" || Array.isArray(record)) continue;
        for (const [key, value] of Object.entries(record as Record<string, unknown>)) {
            const lower = key.toLowerCase();
            if (isUnknown(value)) {
                unknownKeys.add(lower);
                byKey.delete(lower);
            } else if (typeof value === "string") {
                unknownKeys.delete(lower);
                byKey.set(lower, { value, source, key });
            }
        }
    }
    const result = { byKey, unknownKeys, anyUnknown };
    effectiveTagCache.set(resource, result);
    return result;
}

/** The value of tag `key` (case-insensitive): known, UNKNOWN during preview, or absent. */
export function tagValue(resource: ResourceView, key: string): TagValue | Unknown | undefined {
    const tags = effectiveTags(resource);
    const lower = key.toLowerCase();
    const known = tags.byKey.get(lower);
    if (known) return known;
    if (tags.unknownKeys.has(lower) || tags.anyUnknown) return UNKNOWN;
    return undefined;
}

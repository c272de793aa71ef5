// Who may hold administrator-equivalent or escalating power: break-glass credentials, named by
// their owner (as credential-has-owner resolves it) or by their kind.

import { CREDENTIAL_KINDS, CredentialKind } from "../credentials/catalog-types";
import { setting } from "../lib/settings/define";

export interface BreakGlass {
    readonly owners: readonly string[];
    readonly kinds: readonly CredentialKind[];
}

export const breakGlassSetting = setting<BreakGlass>()({
    key: "breakGlass",
    schema: {
        type: "object",
        description:
            "Credentials allowed to be administrator-equivalent or to hold a privilege-escalation path (break-glass): by owner (the owner credential-has-owner resolves, matched case-insensitively) or by credential kind. Empty by default: no credential may.",
        default: { owners: [], kinds: [] },
        additionalProperties: false,
        properties: {
            owners: { type: "array", items: { type: "string", minLength: 1 }, uniqueItems: true, default: [] },
            kinds: { type: "array", items: { type: "string", enum: CREDENTIAL_KINDS }, uniqueItems: true, default: [] },
        },
    },
});

// Where SARIF sends a reader for more: the tool's page (informationUri) and each policy's
// documentation (helpUri). There is no public repository yet, so the addresses are the published
// packages themselves, pinned to the version that ran: the CLI's npm page for that version (or the
// package.json `homepage`, once one is set), and the policy's documentation file that ships in the
// pack package (policies/docs/<policy>.md, generated from `blastwall explain`), served by the
// jsDelivr npm CDN. A version-pinned address never changes under an old alert.

import * as fs from "node:fs";
import * as path from "node:path";
import { PACK_NAME } from "../../policies/policies";
import { packageRoot } from "../paths";

/** The npm package the pack named PACK_NAME is published as. */
export const PACK_PACKAGE = "blastwall-policies";
export const CLI_PACKAGE = "blastwall";

function homepage(): string | undefined {
    try {
        const manifest = JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as { homepage?: unknown };
        return typeof manifest.homepage === "string" && /^https:\/\//.test(manifest.homepage) ? manifest.homepage : undefined;
    } catch {
        return undefined;
    }
}

/** blastwall's own page: package.json `homepage` when set, else its npm page at this version. */
export function toolInformationUri(version: string): string {
    return homepage() ?? `https://www.npmjs.com/package/${CLI_PACKAGE}/v/${encodeURIComponent(version)}`;
}

/** The documentation file of one of our pack's policies, at the pack version that ran; undefined for another pack. */
export function policyHelpUri(policy: string, pack: { readonly name: string; readonly version: string } | undefined): string | undefined {
    if (!pack || pack.name !== PACK_NAME || pack.version === "" || !/^[a-z0-9-]+$/.test(policy)) return undefined;
    return `https://cdn.jsdelivr.net/npm/${PACK_PACKAGE}@${encodeURIComponent(pack.version)}/docs/${policy}.md`;
}

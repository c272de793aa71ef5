import { defineResourcePolicy, Finding } from "../lib/define";
import type { ResourceView } from "../lib/model";
import { subjectOf, typeLabel } from "./evidence";
import { CODEBUILD_2, securityHubTag } from "./frameworks";
import { cannotVerify } from "./judgements";
import { MAX_DEPTH, MAX_NODES, plaintextMaterial, ScanCut } from "./plaintext";

const SECRET_FIX = "make it a Pulumi secret (pulumi.secret(), or a config value set with `pulumi config set --secret`)";
const FREE_FORM_FIX = "remove it, or pass it as a Pulumi secret, and better read it at runtime from Secrets Manager or SSM";

const CUT_REASON: Readonly<Record<ScanCut, string>> = {
    size: `more than ${MAX_NODES.toLocaleString("en-US")} values`,
    depth: `values nested deeper than ${MAX_DEPTH} levels`,
};

export function checkNoPlaintext(resource: ResourceView): Finding[] {
    const subject = subjectOf(typeLabel(resource.type), resource);
    const { findings, cut } = plaintextMaterial(resource);
    const material = findings.map(({ what, where, unknown, schema }) => ({
        message: unknown
            ? cannotVerify(subject, `keeps ${what} in ${where} a Pulumi secret`, "the value is not known until the update runs and is not marked secret")
            : `${subject} has ${what} in ${where} that is not a Pulumi secret, so it is written to the state in plaintext (credential material must be a Pulumi secret); ${schema ? SECRET_FIX : FREE_FORM_FIX}.`,
        urn: resource.urn,
    }));
    if (!cut) return material;
    // What the scan did not read, it cannot vouch for: fail closed.
    const incomplete = {
        message: `${subject} could not be checked whole for plaintext credentials: its inputs hold ${CUT_REASON[cut]}, past what the scan reads; make any credential material in them a Pulumi secret and the inputs smaller, or waive this finding for the resource.`,
        urn: resource.urn,
    };
    return [incomplete, ...material];
}

export const noPlaintextCredentials = defineResourcePolicy({
    name: "no-plaintext-credentials",
    description:
        "Credential material in resource inputs (key ids, secret keys, tokens, private keys, passwords in tags, user data or environment variables) must be a Pulumi secret, never plaintext in the state.",
    severity: "critical",
    remediationSteps:
        "Mark the value as a Pulumi secret (pulumi.secret(), `pulumi config set --secret`), or better keep it out of the resource: give workloads a role, and read secrets at runtime from Secrets Manager or SSM. The message names the property; it never prints the value.",
    framework: CODEBUILD_2,
    tags: ["credentials", securityHubTag("ECS.8")],
    settings: [],
    checkResource: checkNoPlaintext,
});

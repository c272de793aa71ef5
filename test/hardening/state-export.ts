// A small `pulumi stack export` (deployment version 3) of a prod stack, written to a temporary
// file for `blastwall check --state`: an AWS provider in the prod account that tags everything
// with the prod environment and an owner, then the resources a case needs. Checkpoint stamps are
// given per resource, as the CLI writes them.

import { tempFile } from "../cli/e2e/cli";

export const PROJECT = "hardened";
export const STACK = "prod";
const PROVIDER_URN = `urn:pulumi:${STACK}::${PROJECT}::pulumi:providers:aws::default`;
const PROVIDER_ID = "04b1c9b0-5f59-4a8b-9a34-8a7f9d2c1e10";

export interface ExportedResource {
    readonly type: string;
    readonly name: string;
    readonly outputs: Readonly<Record<string, unknown>>;
    /** The checkpoint's `created` and `modified`. */
    readonly created?: string;
    readonly dependsOn?: readonly ExportedResource[];
}

export function urnOf(resource: Pick<ExportedResource, "type" | "name">): string {
    return `urn:pulumi:${STACK}::${PROJECT}::${resource.type}::${resource.name}`;
}

export function stateExport(resources: readonly ExportedResource[], owner = "platform-team"): string {
    const provider = {
        urn: PROVIDER_URN,
        custom: true,
        id: PROVIDER_ID,
        type: "pulumi:providers:aws",
        inputs: { allowedAccountIds: '["100000000030"]', defaultTags: JSON.stringify({ tags: { Environment: "prod", Owner: owner } }), region: "us-east-1" },
        outputs: { allowedAccountIds: '["100000000030"]', defaultTags: JSON.stringify({ tags: { Environment: "prod", Owner: owner } }), region: "us-east-1" },
        created: "2024-01-01T00:00:00Z",
        modified: "2024-01-01T00:00:00Z",
    };
    const exported = resources.map((r) => ({
        urn: urnOf(r),
        custom: true,
        id: `${r.name}-id`,
        type: r.type,
        inputs: r.outputs,
        outputs: r.outputs,
        provider: r.type.startsWith("aws:") ? `${PROVIDER_URN}::${PROVIDER_ID}` : undefined,
        dependencies: (r.dependsOn ?? []).map(urnOf),
        propertyDependencies: {},
        created: r.created ?? "2024-01-01T00:00:00Z",
        modified: r.created ?? "2024-01-01T00:00:00Z",
    }));
    return JSON.stringify({ version: 3, deployment: { manifest: { time: "2024-01-01T00:00:00Z", version: "v3.140.0" }, resources: [provider, ...exported] } });
}

export function stateFile(resources: readonly ExportedResource[], owner?: string): string {
    return tempFile("state.json", stateExport(resources, owner));
}

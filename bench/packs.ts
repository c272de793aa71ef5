// The three packs the benchmark compares, each started through the same driver:
//   - ours: the built blastwall pack (policies/);
//   - floor: bench/noop, a real @pulumi/policy pack with our policy list and no logic, its list
//     written here from the built pack at every run so that it mirrors whatever policies we have;
//   - peer: @pulumi/awsguard, installed in bench/peer with --legacy-peer-deps from the committed
//     lock (next to @pulumi/aws 7 npm spins on its @pulumi/aws 4 peer).

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Policy } from "@pulumi/policy";
import { AnalyzerInfo } from "../cli/analyzer/model";
import { UserPolicyConfig } from "../cli/config/reconcile";
import { userConfigFor } from "../cli/config/load";

export const BENCH_DIR = __dirname;
export const REPO = path.resolve(BENCH_DIR, "..");
export const OUT_DIR = path.join(BENCH_DIR, "out");

export type PackId = "ours" | "floor" | "peer";

export interface BenchPack {
    readonly id: PackId;
    readonly label: string;
    readonly dir: string;
    /** The per-policy config the driver sends, like `blastwall check --at`. */
    readonly userConfig: (info: AnalyzerInfo) => UserPolicyConfig;
}

export interface NoopEntry {
    readonly kind: "resource" | "stack";
    readonly resourceType?: string;
    readonly [metadata: string]: unknown;
}

/** Our policy list as the floor pack mirrors it: metadata and schemas, no logic. */
export function noopManifest(policies: readonly Policy[]): { policies: NoopEntry[] } {
    return {
        policies: policies.map((policy) => {
            const { name, description, enforcementLevel, configSchema, severity, remediationSteps, url, tags, framework } = policy as Policy & Record<string, unknown>;
            const metadata = { name, description, enforcementLevel, configSchema, severity, remediationSteps, url, tags, framework };
            // The type the SDK checks before it runs a policy, for stack policies too (onlyWith).
            const stack = "validateStack" in policy;
            const validate = (policy as { validateResource?: unknown; validateStack?: unknown })[stack ? "validateStack" : "validateResource"] as { __pulumiType?: string } | undefined;
            return { kind: stack ? "stack" : "resource", resourceType: validate?.__pulumiType, ...metadata };
        }),
    };
}

/** Writes the floor pack's policy list from the built pack (policies/bin). */
export function writeNoopManifest(): { resource: number; stack: number } {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { allPolicies } = require(path.join(REPO, "policies", "bin", "policies.js")) as { allPolicies: Policy[] };
    const manifest = noopManifest(allPolicies);
    fs.mkdirSync(OUT_DIR, { recursive: true });
    fs.writeFileSync(path.join(OUT_DIR, "noop-policies.json"), JSON.stringify(manifest, null, 2));
    return {
        resource: manifest.policies.filter((p) => p.kind === "resource").length,
        stack: manifest.policies.filter((p) => p.kind === "stack").length,
    };
}

export const PEER_DIR = path.join(BENCH_DIR, "peer");

/** Installs the peer from its lock unless it is there; returns why it cannot run, if it cannot. */
export function ensurePeer(log: (line: string) => void): string | undefined {
    if (fs.existsSync(path.join(PEER_DIR, "node_modules", "@pulumi", "awsguard", "package.json"))) return undefined;
    log("installing @pulumi/awsguard into bench/peer (npm ci --legacy-peer-deps)");
    // --ignore-scripts: @pulumi/aws 4's install script fetches a provider plugin, which a policy pack never runs.
    const result = spawnSync("npm", ["ci", "--legacy-peer-deps", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: PEER_DIR, encoding: "utf8", timeout: 10 * 60_000 });
    if (result.status === 0) return undefined;
    const detail = `${result.stderr ?? ""}${result.error ? String(result.error) : ""}`.trim().split("\n").slice(-5).join(" ");
    return `npm ci --legacy-peer-deps in bench/peer failed (${result.status ?? result.signal}): ${detail}`;
}

export function benchPacks(now: string): Record<PackId, BenchPack> {
    const atNow = (info: AnalyzerInfo) => userConfigFor(info, undefined, now);
    return {
        ours: { id: "ours", label: "blastwall", dir: path.join(REPO, "policies"), userConfig: atNow },
        floor: { id: "floor", label: "no-op floor", dir: path.join(BENCH_DIR, "noop"), userConfig: atNow },
        peer: { id: "peer", label: "@pulumi/awsguard 0.3.1", dir: PEER_DIR, userConfig: () => ({}) },
    };
}

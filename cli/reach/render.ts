// `blastwall reach` output: a table per stack (text, or Markdown for a pull-request comment),
// and in Markdown a Mermaid graph for each credential that reaches past its environment:
// credential -> principal -> policy -> role(s) -> account (environment).

import type { ReachRow, StackReach } from "./rows";

export interface StackReachReport {
    readonly stack: string;
    readonly reach: StackReach;
}

const HEADERS = ["credential", "owner", "environment", "reaches", "admin", "shortest escalation path"] as const;

function cells(row: ReachRow): string[] {
    const reaches = row.environments.join(", ") + (row.unverified.length > 0 ? " (unverified)" : "");
    const admin = row.admin === "administrator" ? "yes" : row.admin === "power-user" ? "every service but IAM" : "no";
    return [`${row.credential.label} '${row.credential.name}'`, row.owner ?? "(none)", row.environment, reaches, admin, row.escalation ?? "none"];
}

export function renderText(stacks: readonly StackReachReport[]): string {
    const out: string[] = [];
    for (const { stack, reach } of stacks) {
        out.push(`Stack ${stack}`);
        if ("unavailable" in reach) {
            out.push(`  reach not computed: ${reach.unavailable}`, "");
            continue;
        }
        if (reach.rows.length === 0) {
            out.push("  no credentials", "");
            continue;
        }
        const table = [HEADERS.map((h) => h.toUpperCase()), ...reach.rows.map(cells)];
        const widths = HEADERS.map((_, i) => Math.max(...table.map((r) => r[i].length)));
        for (const r of table) out.push("  " + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join("  "));
        for (const row of reach.rows.filter((r) => r.unverified.length > 0)) out.push(`  ${row.credential.label} '${row.credential.name}' could not be verified: ${row.unverified.join("; ")}`);
        out.push("");
    }
    return out.join("\n");
}

function escapeCell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function mermaidLabel(text: string): string {
    return `"${text.replace(/"/g, "#quot;")}"`;
}

/** The graph of one credential's paths out of its environment. */
export function mermaid(row: ReachRow): string {
    const nodes = new Map<string, string>();
    const edges = new Set<string>();
    const id = (label: string) => {
        let found = nodes.get(label);
        if (!found) nodes.set(label, (found = `n${nodes.size}`));
        return found;
    };
    const credential = id(`${row.credential.label} '${row.credential.name}' (${row.environment})`);
    for (const cross of row.cross) {
        const chain = [credential];
        if (row.principal) chain.push(id(row.principal));
        if (cross.policy) chain.push(id(cross.policy));
        for (const role of cross.through.slice(1)) chain.push(id(`role '${role}'`));
        chain.push(id(cross.kind === "role" ? `role '${cross.target}'` : cross.target));
        chain.push(id(`${cross.account === "*" ? "any account" : cross.account} (${cross.environment})`));
        for (let i = 1; i < chain.length; i++) edges.add(`  ${chain[i - 1]} --> ${chain[i]}`);
    }
    const lines = ["```mermaid", "graph LR", ...[...nodes].map(([label, node]) => `  ${node}[${mermaidLabel(label)}]`), ...edges, "```"];
    return lines.join("\n");
}

export function renderMarkdown(stacks: readonly StackReachReport[]): string {
    const out: string[] = ["## blastwall reach", ""];
    for (const { stack, reach } of stacks) {
        out.push(`### Stack \`${stack}\``, "");
        if ("unavailable" in reach) {
            out.push(`Reach not computed: ${escapeCell(reach.unavailable)}`, "");
            continue;
        }
        if (reach.rows.length === 0) {
            out.push("No credentials.", "");
            continue;
        }
        out.push(`| ${HEADERS.join(" | ")} |`, `| ${HEADERS.map(() => "---").join(" | ")} |`);
        for (const row of reach.rows) out.push(`| ${cells(row).map(escapeCell).join(" | ")} |`);
        out.push("");
        for (const row of reach.rows.filter((r) => r.cross.length > 0)) {
            out.push(`**${escapeCell(`${row.credential.label} '${row.credential.name}'`)}** reaches past ${row.environment}:`, "", mermaid(row), "");
        }
        for (const row of reach.rows.filter((r) => r.unverified.length > 0)) {
            out.push(`- ${escapeCell(`${row.credential.label} '${row.credential.name}'`)} could not be verified: ${escapeCell(row.unverified.join("; "))}`);
        }
        out.push("");
    }
    return out.join("\n");
}

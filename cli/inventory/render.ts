// The inventory as CSV (RFC 4180), JSON and Markdown, and the rotation plan for one incident.

import type { InventoryRow } from "./rows";
import { rotationPlan } from "./rows";

export type InventoryFormat = "csv" | "json" | "markdown";

const COLUMNS: ReadonlyArray<[string, (r: InventoryRow) => string]> = [
    ["stack", (r) => r.stack],
    ["environment", (r) => r.environment],
    ["kind", (r) => r.kind],
    ["type", (r) => r.type],
    ["name", (r) => r.name],
    ["owner", (r) => r.owner],
    ["owner source", (r) => r.ownerSource],
    ["issued", (r) => r.issued],
    ["issued evidence", (r) => r.issuedEvidence],
    ["age (days)", (r) => (r.ageDays === null ? "" : String(r.ageDays))],
    ["rotation", (r) => r.rotation],
    ["rotate by", (r) => r.rotateBy],
    ["exposed to", (r) => r.exposedTo.join("; ")],
    ["incidents in scope", (r) => r.incidents.join("; ")],
    ["verdicts", (r) => r.verdicts.join("; ")],
];

function csvCell(text: string): string {
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function markdownCell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\n/g, " ") || " ";
}

function table(rows: readonly InventoryRow[], columns = COLUMNS): string[] {
    return [
        `| ${columns.map(([name]) => name).join(" | ")} |`,
        `| ${columns.map(() => "---").join(" | ")} |`,
        ...rows.map((r) => `| ${columns.map(([, cell]) => markdownCell(cell(r))).join(" | ")} |`),
    ];
}

export function renderInventory(rows: readonly InventoryRow[], format: InventoryFormat): string {
    switch (format) {
        case "csv":
            return [COLUMNS.map(([name]) => csvCell(name)).join(","), ...rows.map((r) => COLUMNS.map(([, cell]) => csvCell(cell(r))).join(","))].join("\r\n") + "\r\n";
        case "json":
            return JSON.stringify({ credentials: rows }, null, 2) + "\n";
        case "markdown":
            return ["# Credential inventory", "", `${rows.length} credential${rows.length === 1 ? "" : "s"}.`, "", ...table(rows), ""].join("\n");
    }
}

export function renderPlan(rows: readonly InventoryRow[], incident: string, format: InventoryFormat): string {
    const plan = rotationPlan(rows, incident);
    const exposed = plan.flatMap((g) => g.rows);
    switch (format) {
        case "csv":
            return renderInventory(exposed, "csv");
        case "json":
            return JSON.stringify({ incident, exposed: exposed.length, owners: plan.map((g) => ({ owner: g.owner, credentials: g.rows })) }, null, 2) + "\n";
        case "markdown": {
            const lines = [`# Rotation plan: ${incident}`, "", `${exposed.length} exposed credential${exposed.length === 1 ? "" : "s"}, by owner, oldest first.`, ""];
            for (const group of plan) lines.push(`## ${group.owner}`, "", ...table(group.rows), "");
            return lines.join("\n");
        }
    }
}

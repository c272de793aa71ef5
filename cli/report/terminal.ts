// Names and messages come from the programs, exports and packs we check, which may be hostile.
// On a terminal, control characters in them would act: ESC starts colour, cursor and title
// sequences (CSI, OSC), CR and backspace rewrite the line, so a resource name could erase the
// real verdict and print "Result: PASS" over it. Every such character is shown as a visible
// escape instead (\u001b), as are the bidirectional overrides that reorder what a reader sees.

import type { Report } from "./model";

// C0 controls except tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates,
// line and paragraph separators.
// eslint-disable-next-line no-control-regex
const UNSAFE_KEEP_NEWLINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function visible(char: string): string {
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/** A one-line field (a name, a type, a stack): every control character made visible, newlines too. */
export function safeField(text: string): string {
    return text.replace(UNSAFE, visible);
}

/** Multi-line text (a message, a warning): control characters made visible, newlines kept. */
export function safeText(text: string): string {
    return text.replace(UNSAFE_KEEP_NEWLINES, visible);
}

/** The report with every name and message safe to print on a terminal. */
export function terminalSafe(report: Report): Report {
    return {
        ...report,
        pack: report.pack && { name: safeField(report.pack.name), version: safeField(report.pack.version) },
        stacks: report.stacks.map((stack) => ({
            ...stack,
            stack: safeField(stack.stack),
            project: safeField(stack.project),
            origin: safeField(stack.origin),
            warnings: stack.warnings.map(safeText),
            findings: stack.findings.map((f) => ({
                ...f,
                policy: safeField(f.policy),
                pack: safeField(f.pack),
                packVersion: safeField(f.packVersion),
                resourceType: safeField(f.resourceType),
                resourceName: safeField(f.resourceName),
                message: safeText(f.message),
                source: f.source && { ...f.source, file: safeField(f.source.file) },
            })),
        })),
    };
}

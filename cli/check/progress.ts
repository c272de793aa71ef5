// Progress on stderr for long runs: silent for the first second (a quick check prints only its
// report), then one line per step. Never on stdout, which carries the report.

import { safeText } from "../report/terminal";

export interface Progress {
    step(message: string): void;
    warn(message: string): void;
}

export function progressReporter(options: { quiet: boolean; stream?: NodeJS.WritableStream; delayMs?: number }): Progress {
    const stream = options.stream ?? process.stderr;
    const started = Date.now();
    const delay = options.delayMs ?? 1000;
    const buffered: string[] = [];
    let flowing = false;
    const out = (line: string) => stream.write(`blastwall: ${safeText(line)}\n`);
    return {
        step(message) {
            if (options.quiet) return;
            if (flowing) return out(message);
            buffered.push(message);
            if (Date.now() - started >= delay) {
                flowing = true;
                buffered.splice(0).forEach(out);
            }
        },
        warn(message) {
            out(`warning: ${message}`);
        },
    };
}

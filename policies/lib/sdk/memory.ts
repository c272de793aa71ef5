// Keeps very large stacks inside the memory budget (DESIGN.md: 50,000 resources under 1.5 GB).
//
// For every stack policy the SDK rebuilds a full copy of the stack (objects, proxies, closures:
// about 45 MiB per policy at 50,000 resources) and drops it when the policy returns. V8 collects
// old-generation garbage only when its heap limit comes near, so on a large stack those copies
// pile up on top of the request itself. Before each stack policy runs we check the heap in use
// and, past the threshold, ask V8 for a full collection, which frees the copies
// earlier policies left. Small stacks never reach the threshold and pay nothing but one cheap
// reading. `gc` is exposed at run time because the pack cannot choose node's flags: the language
// host starts it.

import * as v8 from "node:v8";
import * as vm from "node:vm";

/**
 * Past this much JavaScript heap in use, a stack policy first collects the garbage of the policies
 * before it. Heap in use (not resident size, which V8 does not hand back at once) falls after a
 * collection, so the next one waits until the copies have piled up again.
 */
export const COLLECT_ABOVE_BYTES = 1024 * 1024 * 1024;

let collect: (() => void) | null | undefined;

function collector(): (() => void) | null {
    if (collect === undefined) {
        try {
            v8.setFlagsFromString("--expose-gc");
            const gc: unknown = vm.runInNewContext("gc");
            collect = typeof gc === "function" ? (gc as () => void) : null;
        } catch {
            collect = null;
        }
    }
    return collect;
}

/** Collects garbage when the heap in use is past COLLECT_ABOVE_BYTES. Never throws. */
export function relieveMemoryPressure(threshold = COLLECT_ABOVE_BYTES): boolean {
    try {
        if (process.memoryUsage().heapUsed < threshold) return false;
        const gc = collector();
        if (!gc) return false;
        gc();
        return true;
    } catch {
        return false;
    }
}

// Medians and spreads: this machine is shared and noisy, so every figure is the median of
// repeated runs, shown with its range.

export interface Spread {
    readonly median: number;
    readonly min: number;
    readonly max: number;
    readonly n: number;
}

export function median(values: readonly number[]): number {
    if (values.length === 0) return Number.NaN;
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function spread(values: readonly number[]): Spread {
    const finite = values.filter((v) => Number.isFinite(v));
    return { median: median(finite), min: Math.min(...finite), max: Math.max(...finite), n: finite.length };
}

/** "1.23 (1.10–1.41)": the median and the range, scaled and fixed. */
export function formatSpread(s: Spread, scale = 1, digits = 2): string {
    if (s.n === 0) return "n/a";
    const f = (v: number) => (v / scale).toFixed(digits);
    return s.n === 1 ? f(s.median) : `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
}

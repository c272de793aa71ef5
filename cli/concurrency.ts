// Runs work over items with at most `limit` in flight, keeping results in the items' order. The
// first failure stops new work and is rethrown once the work in flight has settled.

export async function mapLimited<T, R>(
    items: readonly T[],
    limit: number,
    work: (item: T, index: number) => Promise<R>,
    /** Called once, at the first failure: lets the caller end the work in flight at once. */
    onFirstFailure?: (error: unknown) => void,
): Promise<R[]> {
    const results: R[] = new Array(items.length);
    let next = 0;
    let failed: { error: unknown } | undefined;
    const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
        while (next < items.length && failed === undefined) {
            const index = next++;
            try {
                results[index] = await work(items[index], index);
            } catch (error) {
                if (failed === undefined) {
                    failed = { error };
                    onFirstFailure?.(error);
                }
            }
        }
    });
    await Promise.all(workers);
    if (failed) throw failed.error;
    return results;
}

/** Small statistics for the benchmark: nothing here knows what is measured. */

/** Nearest-rank percentile (p in [0, 100]) of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

/** Epoch milliseconds with sub-millisecond resolution, comparable across processes on one machine. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `tasks` with at most `limit` in flight; resolves when all are done. */
export async function runLimited(
  count: number,
  limit: number,
  task: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, count) }, async () => {
    for (let i = next++; i < count; i = next++) await task(i);
  });
  await Promise.all(lanes);
}

/**
 * Calls `task(i)` at `ratePerS` on an open-loop schedule (the i-th call is due at start + i / rate, however
 * long earlier calls take), so slow answers cannot slow the arrivals down. Returns the due times.
 */
export async function runAtRate(
  count: number,
  ratePerS: number,
  task: (i: number, dueMs: number) => Promise<void>,
): Promise<void> {
  const start = nowMs();
  const running: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / ratePerS;
    const wait = due - nowMs();
    if (wait > 1) await sleep(wait);
    running.push(task(i, due));
  }
  await Promise.all(running);
}

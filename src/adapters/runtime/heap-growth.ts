import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what survived the last full collection before it collects
 * again, in percent. A worker runs many small jobs whose objects wait on Redis across a scavenge or two
 * and are promoted; left to itself V8 lets that garbage pile up to about three times the live set (old
 * space from 35 to 110 MB during the pipeline benchmark, then back to 35). At 100 % (twice the live set)
 * the resident size stays near what the worker uses (peak RSS about 250 → 180 MiB in that benchmark) for
 * a few more full collections of a small heap (6-10 ms each; they move the p99 of a job at 200 alerts/s
 * from about 10-12 ms to 15-20 ms; 50 % gave 155-160 MiB and more pauses). The HTTP intake keeps V8's
 * default: its pauses would add to every webhook's latency.
 */
export const HEAP_GROWING_PERCENT = 100;

/**
 * Applies HEAP_GROWING_PERCENT to this process (V8 reads it at every full collection), unless node was
 * started with its own `--heap-growing-percent` (`--heap-growing-percent=0` restores V8's default).
 */
export function keepHeapNearLiveSet(percent = HEAP_GROWING_PERCENT): void {
  if (process.execArgv.some((a) => a.startsWith('--heap-growing-percent'))) return;
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}

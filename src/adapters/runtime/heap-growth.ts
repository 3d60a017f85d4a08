import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what survived the last full collection before it collects
 * again, in percent. A worker runs many small jobs whose objects wait on Redis across a scavenge or two
 * and are promoted; left to itself V8 lets that garbage pile up to about three times the live set (old
 * space from 35 to 110 MB during the pipeline benchmark, then back to 35). At 75 % the resident size stays
 * near what the worker uses, for a few more full collections of a small heap (6-10 ms each). Measured in
 * the pipeline benchmark, alternating runs: 75 % gave a peak of 193-195 MiB with the p99 of a job at
 * 200 alerts/s at 11-19 ms; 100 % gave 205-208 MiB and 9 ms, past the 200 MiB the worker is held to once
 * the rule set had grown (it starts at 130-137 MiB); 50 % gave 155-164 MiB and p99 of 22-38 ms on a busy
 * machine. The HTTP intake keeps V8's default: its pauses would add to every webhook's latency.
 */
export const HEAP_GROWING_PERCENT = 75;

/**
 * Applies HEAP_GROWING_PERCENT to this process (V8 reads it at every full collection), unless node was
 * started with its own `--heap-growing-percent` (`--heap-growing-percent=0` restores V8's default).
 */
export function keepHeapNearLiveSet(percent = HEAP_GROWING_PERCENT): void {
  if (process.execArgv.some((a) => a.startsWith('--heap-growing-percent'))) return;
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}

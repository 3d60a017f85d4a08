import { sleep } from './stats.js';

/** Polls `done` every `everyMs` until it returns true; throws after `timeoutMs` saying what it waited for. */
export async function waitUntil(
  what: string,
  done: () => Promise<boolean>,
  timeoutMs: number,
  everyMs = 10,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await done()) return;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

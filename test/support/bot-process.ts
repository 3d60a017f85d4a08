import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { waitFor } from './wait-for.js';

/** `npm start` as a child process (`node dist/main.js`), its JSON log lines collected as they come. */

export const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

const LineSchema = z.record(z.string(), z.unknown());
export type LogLine = z.infer<typeof LineSchema>;

export interface BotProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly lines: LogLine[];
  readonly stderr: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Waits for a log line matching `match`, returns it. */
  waitForLine(what: string, match: (l: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  signal(s: NodeJS.Signals): void;
}

export function startBotProcess(args: readonly string[], env: Readonly<Record<string, string>>): BotProcess {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  let partial = '';
  let err = '';
  child.stdout?.on('data', (b: Buffer) => {
    const text = partial + b.toString('utf8');
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    for (const p of parts) {
      if (!p.trim()) continue;
      try {
        lines.push(LineSchema.parse(JSON.parse(p)));
      } catch {
        err += `[stdout, not JSON] ${p}\n`;
      }
    }
  });
  child.stderr?.on('data', (b: Buffer) => {
    err += b.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  if (child.pid === undefined) throw new Error('the bot process did not start');
  return {
    child,
    pid: child.pid,
    lines,
    stderr: () => err,
    exited,
    waitForLine: (what, match, timeoutMs = 15_000) =>
      waitFor(`${what} (stderr: ${err.slice(-500)})`, () => lines.find(match), timeoutMs),
    signal(s) {
      if (child.exitCode === null && child.signalCode === null) child.kill(s);
    },
  };
}

/** Kills the process if it still runs and waits for it to be gone. */
export async function killBotProcess(p: BotProcess): Promise<void> {
  p.signal('SIGCONT');
  p.signal('SIGKILL');
  await p.exited;
}

import { type ChildProcess, spawn } from 'node:child_process';

/**
 * Child processes a test starts (Prometheus, Alertmanager, the lab, the bot), with their output kept for
 * assertions and for the failure message, and stopped for sure in afterAll (`stopAllProcesses`).
 */

const MAX_KEPT = 8 * 1024 * 1024;

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** stdout and stderr interleaved as they arrived (the last 8 MiB). */
  output(): string;
  stdout(): string;
  readonly exited: Promise<ProcessExit>;
  isRunning(): boolean;
  /** Resolves with the output once `test` holds for it; rejects on timeout or exit. */
  waitForOutput(test: RegExp | ((output: string) => boolean), timeoutMs?: number): Promise<string>;
  /** SIGTERM, then SIGKILL after graceMs. */
  stop(graceMs?: number): Promise<ProcessExit>;
}

const running = new Set<ManagedProcess>();

export interface StartOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

function keep(buffer: string, more: string): string {
  const next = buffer + more;
  return next.length > MAX_KEPT ? next.slice(next.length - MAX_KEPT) : next;
}

export function startProcess(
  name: string,
  command: string,
  args: readonly string[],
  options: StartOptions = {},
): ManagedProcess {
  const child = spawn(command, [...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let all = '';
  let out = '';
  const listeners = new Set<() => void>();
  const notify = (): void => {
    for (const l of [...listeners]) l();
  };
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stdout?.on('data', (s: string) => {
    all = keep(all, s);
    out = keep(out, s);
    notify();
  });
  child.stderr?.on('data', (s: string) => {
    all = keep(all, s);
    notify();
  });
  let exitInfo: ProcessExit | undefined;
  const exited = new Promise<ProcessExit>((resolve) => {
    child.on('error', (e) => {
      all = keep(all, `\n[${name}: ${e.message}]\n`);
      exitInfo = { code: null, signal: null };
      resolve(exitInfo);
      notify();
    });
    child.on('exit', (code, signal) => {
      exitInfo = { code, signal };
      resolve(exitInfo);
      notify();
    });
  });
  const managed: ManagedProcess = {
    name,
    child,
    output: () => all,
    stdout: () => out,
    exited,
    isRunning: () => exitInfo === undefined,
    waitForOutput(test, timeoutMs = 30_000) {
      const holds = (): boolean => (test instanceof RegExp ? test.test(all) : test(all));
      return new Promise((resolve, reject) => {
        let timer: NodeJS.Timeout | undefined;
        const check = (): void => {
          if (holds()) {
            done();
            resolve(all);
          } else if (exitInfo) {
            done();
            reject(
              new Error(
                `${name} exited (${JSON.stringify(exitInfo)}) before its output matched:\n${all.slice(-4000)}`,
              ),
            );
          }
        };
        const done = (): void => {
          listeners.delete(check);
          if (timer) clearTimeout(timer);
        };
        timer = setTimeout(() => {
          done();
          reject(new Error(`${name}: output did not match within ${timeoutMs} ms:\n${all.slice(-4000)}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    async stop(graceMs = 5000) {
      running.delete(managed);
      if (exitInfo) return exitInfo;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
  running.add(managed);
  return managed;
}

/** Stops every process started by this test file that is still running. */
export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...running].map((p) => p.stop()));
}

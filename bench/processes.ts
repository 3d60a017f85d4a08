import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.js';
import { type ChildReply, type ChildRole, type ChildStats, ReplySchema } from './protocol.js';

/** A child process of the harness (bench/child.ts, compiled), driven over IPC. */
export interface BenchChild {
  readonly role: ChildRole;
  readonly pid: number;
  /** The intake's HTTP address. */
  readonly address?: string;
  stats(): Promise<ChildStats>;
  /** Takes (and clears) the times jobs were taken or answered. */
  take(): Promise<Map<string, number>>;
  /** Resident memory now and at its peak (VmRSS, VmHWM), in MiB. */
  memory(): { readonly rssMb: number; readonly peakMb: number };
  stop(): Promise<void>;
}

/**
 * Several processes of one role seen as one (`--workers N`): their counters and CPU time add up, their
 * times merge, memory is the largest process's.
 */
export function childGroup(children: readonly BenchChild[]): BenchChild {
  const first = children[0];
  if (!first) throw new Error('no processes');
  if (children.length === 1) return first;
  return {
    role: first.role,
    pid: first.pid,
    ...(first.address === undefined ? {} : { address: first.address }),
    async stats() {
      const all = await Promise.all(children.map((c) => c.stats()));
      return all.reduce((a, s) => ({
        completed: a.completed + s.completed,
        deliveries: a.deliveries + s.deliveries,
        updates: a.updates + s.updates,
        followUps: a.followUps + s.followUps,
        deferred: a.deferred + s.deferred,
        cpuMs: a.cpuMs + s.cpuMs,
      }));
    },
    async take() {
      const out = new Map<string, number>();
      for (const c of children) for (const [k, v] of await c.take()) out.set(k, v);
      return out;
    },
    memory() {
      const all = children.map((c) => c.memory());
      return { rssMb: Math.max(...all.map((m) => m.rssMb)), peakMb: Math.max(...all.map((m) => m.peakMb)) };
    },
    async stop() {
      await Promise.all(children.map((c) => c.stop()));
    },
  };
}

/** `count` processes of one role, started together, seen as one. */
export async function startChildren(
  role: ChildRole,
  env: Readonly<Record<string, string>>,
  count: number,
): Promise<BenchChild> {
  return childGroup(await Promise.all(Array.from({ length: count }, () => startChild(role, env))));
}

export const CHILD_ENTRY = join(ROOT, 'dist-bench', 'bench', 'child.js');

function readMemory(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

export async function startChild(
  role: ChildRole,
  env: Readonly<Record<string, string>>,
): Promise<BenchChild> {
  // The bot's log lines go nowhere, unless BENCH_LOG_DIR asks to keep them (to see why a run failed).
  const logDir = process.env.BENCH_LOG_DIR;
  const out = logDir ? openSync(join(logDir, `${role}-${Date.now()}.log`), 'a') : 'ignore';
  // BENCH_CPU_PROF=dir writes a V8 CPU profile of each child there (to see where its time goes).
  const prof = process.env.BENCH_CPU_PROF;
  const nodeArgs = [
    ...(prof ? ['--cpu-prof', '--cpu-prof-dir', prof] : []),
    ...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : []),
  ];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, CHILD_ENTRY, role], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env },
    stdio: ['ignore', out, 'pipe', 'ipc'],
  });
  if (typeof out === 'number') closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`the ${role} process did not start`);
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => {
    stderr = (stderr + b.toString('utf8')).slice(-4000);
  });
  let nextId = 1;
  const waiting = new Map<number, (reply: ChildReply) => void>();
  let exited = false;
  const ready = new Promise<string | undefined>((resolve, reject) => {
    child.on('message', (raw: unknown) => {
      const parsed = ReplySchema.safeParse(raw);
      if (!parsed.success) return;
      const reply = parsed.data;
      if (reply.type === 'ready') resolve(reply.address);
      else if (reply.type === 'error') reject(new Error(`${role} process: ${reply.message}`));
      else waiting.get(reply.id)?.(reply);
    });
    child.once('exit', (code, signal) => {
      exited = true;
      reject(new Error(`${role} process exited (${code ?? signal}): ${stderr}`));
      for (const w of waiting.values()) w({ type: 'error', message: `${role} process exited` });
    });
  });
  const timeout = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const address = await ready.finally(() => clearTimeout(timeout));

  const ask = (type: 'stats' | 'take' | 'stop'): Promise<ChildReply> => {
    if (exited) return Promise.reject(new Error(`${role} process has exited`));
    const id = nextId++;
    return new Promise((resolve) => {
      waiting.set(id, (reply) => {
        waiting.delete(id);
        resolve(reply);
      });
      child.send({ id, type });
    });
  };
  return {
    role,
    pid,
    ...(address === undefined ? {} : { address }),
    async stats() {
      const reply = await ask('stats');
      if (reply.type !== 'stats') throw new Error(`${role}: no stats (${JSON.stringify(reply)})`);
      return reply.stats;
    },
    async take() {
      const reply = await ask('take');
      if (reply.type !== 'taken') throw new Error(`${role}: no times (${JSON.stringify(reply)})`);
      return new Map(reply.times);
    },
    memory: () => readMemory(pid),
    async stop() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await ask('stop').catch(() => undefined);
      await gone;
      clearTimeout(kill);
    },
  };
}

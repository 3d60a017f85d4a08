import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ManagedProcess, startProcess } from './processes.js';
import { freePort, waitFor } from './wait.js';

/**
 * A private Redis (the Debian package's redis-server) on a free port, for tests that must stop, fill or
 * flush Redis. Tests that only need a queue use the shared one on 6379 with a unique key prefix instead.
 */

export interface RedisProcess {
  readonly url: string;
  readonly port: number;
  readonly process: ManagedProcess;
  /** Sends one inline command and returns the raw reply (e.g. `PING` → `+PONG`). */
  command(line: string): Promise<string>;
  stop(): Promise<void>;
}

function send(port: number, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    socket.setEncoding('utf8');
    socket.setTimeout(2000, () => socket.destroy(new Error('redis did not answer')));
    socket.on('connect', () => socket.write(`${line}\r\n`));
    socket.on('data', (d: string) => {
      reply += d;
      if (reply.endsWith('\r\n')) socket.end();
    });
    socket.on('end', () => resolve(reply.trim()));
    socket.on('error', reject);
  });
}

export async function startRedis(
  options: { readonly appendOnly?: boolean; readonly binary?: string } = {},
): Promise<RedisProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'reset-doctor-redis-'));
  const port = await freePort();
  const proc = startProcess(
    'redis-server',
    options.binary ?? process.env.REDIS_SERVER_BIN ?? 'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      options.appendOnly ? 'yes' : 'no',
    ],
  );
  try {
    await waitFor(
      'redis to answer PING',
      async () => ((await send(port, 'PING')) === '+PONG' ? true : undefined),
      {
        timeoutMs: 15_000,
      },
    );
  } catch (e) {
    await proc.stop();
    await rm(dir, { recursive: true, force: true });
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${proc.output().slice(-2000)}`);
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    process: proc,
    command: (line) => send(port, line),
    async stop() {
      await proc.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

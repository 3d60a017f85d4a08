import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface RunningPrometheus {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, exited: () => string | undefined, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const why = exited();
    if (why !== undefined) throw new Error(`prometheus exited: ${why}`);
    try {
      const res = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`prometheus at ${url} not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Debian's prometheus serving the given OpenMetrics history: blocks made with
 * `promtool tsdb create-blocks-from openmetrics`, a private data dir and a free port; `stop()` kills it and
 * removes the dir.
 */
export async function startPrometheus(openMetrics: string): Promise<RunningPrometheus> {
  const dir = await mkdtemp(join(tmpdir(), 'reset-doctor-prom-'));
  const data = join(dir, 'data');
  await writeFile(join(dir, 'fixture.om'), openMetrics);
  await writeFile(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 30s\nscrape_configs: []\n');
  await run('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'fixture.om'), data], {
    maxBuffer: 16 * 1024 * 1024,
  });
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const child = spawn(
      'prometheus',
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${data}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--storage.tsdb.retention.time=100y',
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    let exit: string | undefined;
    child.stderr.on('data', (b: Buffer) => {
      stderr = (stderr + b.toString('utf8')).slice(-4000);
    });
    const exited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        exit = `code ${code} signal ${signal}: ${stderr}`;
        resolve();
      });
    });
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitReady(url, () => exit, 30_000);
    } catch (e) {
      child.kill('SIGKILL');
      await exited;
      if (attempt < 2 && /address already in use/.test(stderr)) continue;
      await rm(dir, { recursive: true, force: true });
      throw e;
    }
    return {
      url,
      port,
      async stop() {
        if (exit === undefined) {
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
          await exited;
          clearTimeout(killer);
        }
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
}

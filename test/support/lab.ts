import { z } from 'zod';
import { REPO_ROOT } from './paths.js';
import { type ManagedProcess, startProcess } from './processes.js';
import { parsePromText, type Sample } from './prom-text.js';
import { waitForHttp } from './wait.js';

/**
 * Starts the reset lab (lab/) as a real process: its services, its sockets, its metrics. From source through
 * tsx by default, or the built `dist/lab/main.js` (what the Docker image runs).
 */

export { REPO_ROOT };

export interface LabProcess {
  readonly process: ManagedProcess;
  readonly port: number;
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** Prometheus HTTP service discovery for this lab. */
  readonly targetsUrl: string;
  /** Everything the lab and its services logged so far (pino JSON lines, plus anything on stderr). */
  logs(): string;
  /**
   * What `kubectl logs` of these services would show: their own lines, plus the supervisor's lines about them
   * (exits and restarts, as `kubectl describe` would).
   */
  logsOf(...services: readonly string[]): string;
  /** One service's metrics (through the lab's relay), or the supervisor's own with 'lab'. */
  metrics(service: string): Promise<Sample[]>;
  stop(): Promise<void>;
}

export interface StartLabOptions {
  readonly scenarios: readonly string[];
  readonly mode?: 'fault' | 'fixed';
  readonly args?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** Run dist/lab/main.js instead of the TypeScript source. */
  readonly built?: boolean;
  readonly readyTimeoutMs?: number;
}

const ListeningLine = z.object({ msg: z.string(), port: z.number().int() });

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

export async function startLab(options: StartLabOptions): Promise<LabProcess> {
  const entry = options.built ? ['dist/lab/main.js'] : ['--import', 'tsx', 'lab/main.ts'];
  const proc = startProcess(
    `lab(${options.scenarios.join(',')})`,
    process.execPath,
    [
      ...entry,
      '--port',
      '0',
      '--scenarios',
      options.scenarios.join(','),
      '--mode',
      options.mode ?? 'fault',
      ...(options.args ?? []),
    ],
    { cwd: REPO_ROOT, env: { ...options.env } },
  );
  let port = 0;
  await proc.waitForOutput((out) => {
    for (const line of out.split('\n')) {
      if (!line.includes('lab listening on')) continue;
      const parsed = ListeningLine.safeParse(parseJson(line));
      if (parsed.success) {
        port = parsed.data.port;
        return true;
      }
    }
    return false;
  }, 30_000);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/readyz`, { timeoutMs: options.readyTimeoutMs ?? 30_000 });
  } catch (e) {
    await proc.stop();
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${proc.output().slice(-4000)}`);
  }
  return {
    process: proc,
    port,
    url,
    targetsUrl: `${url}/targets`,
    logs: () => proc.output(),
    logsOf: (...services) =>
      proc
        .stdout()
        .split('\n')
        .filter((l) => services.some((s) => l.includes(`"service":"${s}"`) || l.includes(`"app":"${s}"`)))
        .join('\n'),
    async metrics(service) {
      const res = await fetch(service === 'lab' ? `${url}/metrics` : `${url}/services/${service}/metrics`);
      const text = await res.text();
      if (!res.ok) throw new Error(`metrics of ${service}: ${res.status} ${text}`);
      return parsePromText(text);
    },
    async stop() {
      await proc.stop();
    },
  };
}

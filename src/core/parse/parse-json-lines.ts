/**
 * Structured (JSON) log lines: who logged, whom they talked to, which transaction. Error entries grouped by
 * transaction name the hop that reset: the deepest edge whose peer did not itself report a failure downstream.
 */

export interface JsonEntry {
  readonly line: number;
  readonly service?: string;
  readonly peer?: string;
  readonly transaction?: string;
  readonly ts?: number;
  /** The request went out on a reused (pooled) connection (Node's `req.reusedSocket`, `reused`). */
  readonly reused?: boolean;
}

const SERVICE_KEYS = ['service', 'svc', 'app', 'application', 'serviceName', 'service_name', 'component'];
const PEER_KEYS = [
  'peer',
  'peerService',
  'peer_service',
  'upstream',
  'upstream_service',
  'target',
  'destination',
  'destination_service',
  'remoteService',
  'remote_service',
  'remoteAddress',
  'remote_address',
  'remoteAddr',
  'remote_addr',
  'upstream_addr',
  'upstream_host',
];
const TRANSACTION_KEYS = [
  'transactionId',
  'transaction_id',
  'txId',
  'traceId',
  'trace_id',
  'traceID',
  'requestId',
  'request_id',
  'x_request_id',
  'x-request-id',
  'correlationId',
  'correlation_id',
];
const TIME_KEYS = ['time', 'ts', 'timestamp', '@timestamp', 't'];

function pick(obj: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const k of keys) {
    const v = obj[k];
    if (typeof v === 'string' && v.length > 0 && v.length <= 256) return v;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const name = (v as Record<string, unknown>).name;
      if (typeof name === 'string' && name.length <= 256) return name;
    }
  }
  return undefined;
}

function pickTime(obj: Record<string, unknown>): number | undefined {
  for (const k of TIME_KEYS) {
    const v = obj[k];
    if (typeof v === 'number' && Number.isFinite(v)) return v > 1e12 ? v : v * 1000;
    if (typeof v === 'string' && v.length <= 64) {
      const t = Date.parse(v);
      if (!Number.isNaN(t)) return t;
    }
  }
  return undefined;
}

export function parseJsonLine(text: string, line: number): JsonEntry | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const obj = parsed as Record<string, unknown>;
  const service = pick(obj, SERVICE_KEYS);
  const peer = pick(obj, PEER_KEYS);
  const transaction = pick(obj, TRANSACTION_KEYS);
  const ts = pickTime(obj);
  const reused = [obj.reusedSocket, obj.reused, obj.reusedConnection, obj.connReused].some((v) => v === true);
  return {
    ...(reused ? { reused } : {}),
    line,
    ...(service === undefined ? {} : { service }),
    ...(peer === undefined ? {} : { peer }),
    ...(transaction === undefined ? {} : { transaction }),
    ...(ts === undefined ? {} : { ts }),
  };
}

export interface ResetHop {
  readonly from: string;
  readonly to: string;
  readonly transactions: number;
}

/**
 * @param errorLines lines on which a reset signature matched
 */
export function findResetHops(entries: readonly JsonEntry[], errorLines: ReadonlySet<number>): ResetHop[] {
  const byTransaction = new Map<string, JsonEntry[]>();
  let anonymous = 0;
  for (const e of entries) {
    if (!errorLines.has(e.line) || !e.service || !e.peer) continue;
    const tx = e.transaction ?? `#${anonymous++}`;
    const list = byTransaction.get(tx) ?? [];
    list.push(e);
    byTransaction.set(tx, list);
  }
  const counts = new Map<string, { from: string; to: string; transactions: number }>();
  for (const list of byTransaction.values()) {
    const failingServices = new Set(list.map((e) => e.service));
    const roots = list.filter((e) => !failingServices.has(e.peer));
    const chosen = roots.length > 0 ? roots : list;
    const seen = new Set<string>();
    for (const e of chosen) {
      const from = e.service ?? '';
      const to = e.peer ?? '';
      const k = `${from}\u0000${to}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const c = counts.get(k) ?? { from, to, transactions: 0 };
      c.transactions++;
      counts.set(k, c);
    }
  }
  return [...counts.values()].sort((a, b) => b.transactions - a.transactions);
}

import { SIGNATURES } from '../src/core/parse/signatures.js';

/**
 * A deterministic mixed log for the scanning benchmark: the everyday lines of a service and its proxy
 * (nginx access lines, JSON app lines, Java and Go lines, stack frames, kernel lines), with the sample
 * line of a random reset signature now and then (about one line in 200).
 */

/** mulberry32: a small seeded generator, so every run scans the same text. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PATHS = [
  '/api/v1/orders',
  '/api/v1/items',
  '/healthz',
  '/static/app.js',
  '/api/v2/users/me',
  '/metrics',
];
const METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'];
const AGENTS = [
  'Go-http-client/1.1',
  'okhttp/4.12.0',
  'python-requests/2.31.0',
  'Mozilla/5.0 (X11; Linux x86_64)',
];
const CLASSES = ['OrderController', 'PaymentService', 'InventoryClient', 'UserRepository', 'CacheWarmer'];

export function mixedLog(megabytes: number, seed = 42): { readonly text: string; readonly lines: number } {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const n = (max: number) => Math.floor(rnd() * max);
  const target = megabytes * 1_000_000;
  const out: string[] = [];
  let size = 0;
  let lines = 0;
  const ts = (i: number) =>
    `2026-11-24T10:${String(Math.floor(i / 60000) % 60).padStart(2, '0')}:${String(Math.floor(i / 1000) % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}Z`;
  while (size < target) {
    const r = rnd();
    let line: string;
    if (r < 0.005) {
      line = pick(SIGNATURES).sample;
    } else if (r < 0.3) {
      line = `10.${n(256)}.${n(256)}.${n(256)} - - [24/Nov/2026:10:${String(n(60)).padStart(2, '0')}:${String(n(60)).padStart(2, '0')} +0000] "${pick(METHODS)} ${pick(PATHS)}?id=${n(100000)} HTTP/1.1" ${rnd() < 0.97 ? 200 : 404} ${n(20000)} "-" "${pick(AGENTS)}" ${(rnd() / 10).toFixed(3)} ${(rnd() / 10).toFixed(3)}`;
    } else if (r < 0.6) {
      line = `{"level":30,"time":${1732440000000 + lines},"pid":7,"hostname":"api-7f9c8b7d5-abcde","reqId":"req-${n(1e9).toString(36)}","msg":"request completed","res":{"statusCode":200},"responseTime":${(rnd() * 50).toFixed(1)}}`;
    } else if (r < 0.8) {
      line = `${ts(lines)}  INFO 1 --- [nio-8080-exec-${n(200)}] c.e.shop.${pick(CLASSES)} : order ${n(1e6)} processed for customer ${n(1e5)} in ${n(300)} ms`;
    } else if (r < 0.9) {
      line = `    at com.example.shop.${pick(CLASSES)}.handle(${pick(CLASSES)}.java:${n(900)})`;
    } else if (r < 0.97) {
      line = `${ts(lines)} level=info msg="cache refreshed" keys=${n(10000)} took=${n(900)}ms component=${pick(CLASSES).toLowerCase()}`;
    } else {
      line = `[${(lines / 100).toFixed(6)}] IPv4: martian source 10.${n(256)}.${n(256)}.${n(256)} from 10.0.0.${n(256)}, on dev eth0`;
    }
    out.push(line);
    size += line.length + 1;
    lines += line.split('\n').length;
  }
  return { text: `${out.join('\n')}\n`, lines };
}

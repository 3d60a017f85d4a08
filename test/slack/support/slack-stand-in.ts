import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';

/**
 * A local stand-in for Slack's Web API: answers the methods the bot calls, records every call, and can be
 * told to answer 429 (with Retry-After), 500 or `ok: false`, or to go down and come back on the same port.
 * Point the WebClient at `apiUrl` (`slackApiUrl`).
 */

export interface RecordedCall {
  readonly method: string;
  readonly body: Record<string, unknown>;
  readonly authorization?: string;
  readonly status: number;
  /** Slack answered ok: true. */
  readonly ok: boolean;
  /** What the stand-in answered (for 200s). */
  readonly response?: Record<string, unknown>;
  readonly at: number;
}

export type Scripted =
  | { readonly status: 429; readonly retryAfter: number }
  | { readonly status: 500 | 502 | 503 }
  | { readonly ok: false; readonly error: string };

export interface Upload {
  readonly id: string;
  readonly bytes: Buffer;
}

const JSON_FIELDS = new Set(['blocks', 'attachments', 'files', 'metadata']);

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function decode(raw: Buffer, contentType: string | undefined): Record<string, unknown> {
  const text = raw.toString('utf8');
  let fields: Record<string, unknown> = {};
  if (contentType?.includes('application/json')) {
    const parsed: unknown = text === '' ? {} : JSON.parse(text);
    if (parsed && typeof parsed === 'object') fields = { ...parsed };
  } else if (contentType?.includes('application/x-www-form-urlencoded')) {
    fields = { ...parseQuery(text) };
  }
  for (const key of Object.keys(fields)) {
    const v = fields[key];
    if (JSON_FIELDS.has(key) && typeof v === 'string') {
      try {
        fields[key] = JSON.parse(v);
      } catch {
        // keep the string
      }
    }
  }
  return fields;
}

export class SlackStandIn {
  readonly calls: RecordedCall[] = [];
  readonly uploads: Upload[] = [];
  /** Files served at `${url}files/<name>` (for url_private_download). */
  readonly files = new Map<string, string>();
  botUserId = 'UBOT';
  /** First messages of threads, by thread ts (for conversations.replies). */
  readonly threadStarts = new Map<string, { text: string; bot_id?: string }>();
  /** Web Socket URL handed out by apps.connections.open (Socket Mode tests). */
  socketUrl: string | undefined;
  private readonly scripts = new Map<string, Scripted[]>();
  private server: Server;
  private port = 0;
  private tsCounter = 0;
  private fileCounter = 0;
  private readonly waiters = new Set<() => void>();

  constructor() {
    this.server = this.createServer();
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  get apiUrl(): string {
    return `${this.url}api/`;
  }

  /** The next calls of `method` (or of any method with '*') get these answers, in order. */
  script(method: string, ...answers: Scripted[]): void {
    this.scripts.set(method, [...(this.scripts.get(method) ?? []), ...answers]);
  }

  /** Every call of a method, answered or not. */
  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Calls of a method Slack answered with ok: true. */
  okCallsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && c.ok);
  }

  async start(port = 0): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Slack goes away: the port refuses connections until `up()`. */
  async down(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server = this.createServer();
  }

  async up(): Promise<void> {
    await this.start(this.port);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves once `predicate` holds (checked after every call), or rejects after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs = 10_000, what = 'a condition'): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (predicate()) {
          clearTimeout(timer);
          this.waiters.delete(check);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  private createServer(): Server {
    return createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        res.writeHead(500);
        res.end(String(e));
      });
    });
  }

  private record(call: RecordedCall) {
    this.calls.push(call);
    for (const w of [...this.waiters]) w();
  }

  private nextTs(): string {
    this.tsCounter++;
    return `1800000000.${String(this.tsCounter).padStart(6, '0')}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const raw = await readBody(req);
    const authorization = req.headers.authorization;
    if (req.method === 'GET' && path.startsWith('/files/')) {
      const content = this.files.get(decodeURIComponent(path.slice('/files/'.length)));
      this.record({
        method: 'file-download',
        body: { path },
        ...(authorization ? { authorization } : {}),
        status: content === undefined ? 404 : 200,
        ok: content !== undefined,
        at: Date.now(),
      });
      res.writeHead(content === undefined ? 404 : 200, { 'content-type': 'text/plain' });
      res.end(content ?? 'not found');
      return;
    }
    if (path.startsWith('/upload/')) {
      this.uploads.push({ id: path.slice('/upload/'.length), bytes: raw });
      this.record({
        method: 'upload',
        body: { id: path.slice(8), size: raw.length },
        status: 200,
        ok: true,
        at: Date.now(),
      });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('OK - 1');
      return;
    }
    const method = path.replace(/^\/api\//, '');
    const body = decode(raw, req.headers['content-type']);
    const script = this.scripts.get(method)?.shift() ?? this.scripts.get('*')?.shift();
    if (script && 'status' in script) {
      this.record({
        method,
        body,
        status: script.status,
        ok: false,
        at: Date.now(),
        ...(authorization ? { authorization } : {}),
      });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (script.status === 429) headers['retry-after'] = String(script.retryAfter);
      res.writeHead(script.status, headers);
      res.end(JSON.stringify({ ok: false, error: script.status === 429 ? 'ratelimited' : 'internal_error' }));
      return;
    }
    const answer = script ? { ok: false, error: script.error } : this.answer(method, body);
    this.record({
      method,
      body,
      status: 200,
      ok: answer.ok === true,
      response: answer,
      at: Date.now(),
      ...(authorization ? { authorization } : {}),
    });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
  }

  private answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: this.botUserId, bot_id: 'BBOT', team_id: 'T0TEST', user: 'reset-doctor' };
      case 'chat.postMessage':
        return { ok: true, channel: body.channel, ts: this.nextTs(), message: { text: body.text } };
      case 'chat.update':
        return { ok: true, channel: body.channel, ts: body.ts, text: body.text };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'conversations.replies': {
        const start = this.threadStarts.get(String(body.ts));
        return start
          ? { ok: true, messages: [{ type: 'message', ts: body.ts, ...start }], has_more: false }
          : { ok: false, error: 'thread_not_found' };
      }
      case 'conversations.join':
        return { ok: true, channel: { id: body.channel } };
      case 'files.getUploadURLExternal': {
        this.fileCounter++;
        const id = `F${String(this.fileCounter).padStart(6, '0')}`;
        return { ok: true, upload_url: `${this.url}upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal':
        return { ok: true, files: [{ id: 'F000001', title: 'chart' }] };
      case 'apps.connections.open':
        return this.socketUrl ? { ok: true, url: this.socketUrl } : { ok: false, error: 'not_configured' };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

export async function startSlackStandIn(): Promise<SlackStandIn> {
  const s = new SlackStandIn();
  await s.start();
  return s;
}

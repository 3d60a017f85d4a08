import { z } from 'zod';
import type { AttachedText } from '../../app/handle-chat-message.js';

/**
 * Text files attached to a message (a log export, a capture printed with `tcpdump -nn`), downloaded with the
 * bot token, up to a size limit. Only Slack's own file hosts (or the configured API host) ever see the
 * token; binary files and files over the limit are skipped with a note for the answer.
 */

export const SlackFileSchema = z.looseObject({
  id: z.string().exactOptional(),
  name: z.string().max(1024).exactOptional(),
  mimetype: z.string().max(256).exactOptional(),
  filetype: z.string().max(64).exactOptional(),
  size: z.number().int().min(0).exactOptional(),
  url_private_download: z.string().max(4096).exactOptional(),
  url_private: z.string().max(4096).exactOptional(),
  mode: z.string().exactOptional(),
});
export type SlackFile = z.infer<typeof SlackFileSchema>;

export interface ReadFilesOptions {
  readonly botToken: string;
  readonly maxBytes: number;
  /** Origin of the configured Web API (a proxy or stand-in may also serve files). */
  readonly apiUrl: string;
  readonly maxFiles?: number;
  readonly fetch?: typeof fetch;
}

const TEXT_TYPES = new Set([
  'text',
  'log',
  'json',
  'csv',
  'tsv',
  'yaml',
  'xml',
  'markdown',
  'diff',
  'shell',
  'javascript',
  'typescript',
  'python',
  'go',
  'java',
  'ruby',
  'rust',
  'sql',
  'ini',
  'toml',
  'plain',
]);

function isTextFile(f: SlackFile): boolean {
  if (f.mimetype?.startsWith('text/')) return true;
  if (f.mimetype && /^application\/(json|x-ndjson|xml|x-yaml|yaml|x-sh)$/.test(f.mimetype)) return true;
  if (f.filetype && TEXT_TYPES.has(f.filetype)) return true;
  return /\.(log|txt|json|jsonl|ndjson|csv|out|err|trace|pcap\.txt|yaml|yml)$/i.test(f.name ?? '');
}

function allowedHost(url: URL, apiUrl: string): boolean {
  if (url.protocol === 'https:' && /(^|\.)slack(-gov)?\.com$/.test(url.hostname)) return true;
  try {
    return url.origin === new URL(apiUrl).origin;
  } catch {
    return false;
  }
}

async function readCapped(res: Response, max: number): Promise<Uint8Array | undefined> {
  const reader = res.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function human(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

export async function readSlackFiles(
  files: readonly unknown[],
  options: ReadFilesOptions,
): Promise<{ texts: AttachedText[]; notes: string[] }> {
  const texts: AttachedText[] = [];
  const notes: string[] = [];
  const doFetch = options.fetch ?? fetch;
  for (const raw of files.slice(0, options.maxFiles ?? 3)) {
    const parsed = SlackFileSchema.safeParse(raw);
    if (!parsed.success) continue;
    const f = parsed.data;
    const name = f.name ?? f.id ?? 'file';
    if (!isTextFile(f)) {
      notes.push(`${name} is not a text file; not read`);
      continue;
    }
    if (f.size !== undefined && f.size > options.maxBytes) {
      notes.push(`${name} (${human(f.size)}) is larger than ${human(options.maxBytes)}; not read`);
      continue;
    }
    const href = f.url_private_download ?? f.url_private;
    let url: URL;
    try {
      url = new URL(href ?? '');
    } catch {
      notes.push(`${name} has no download link; not read`);
      continue;
    }
    if (!allowedHost(url, options.apiUrl)) {
      notes.push(`${name} is not hosted by Slack; not read`);
      continue;
    }
    try {
      const res = await doFetch(url, {
        headers: { authorization: `Bearer ${options.botToken}` },
        redirect: 'error',
        signal: AbortSignal.timeout(15_000),
      });
      if (!res.ok) {
        notes.push(`${name} could not be downloaded (HTTP ${res.status}); not read`);
        continue;
      }
      const bytes = await readCapped(res, options.maxBytes);
      if (!bytes) {
        notes.push(`${name} is larger than ${human(options.maxBytes)}; not read`);
        continue;
      }
      if (bytes.subarray(0, 8192).includes(0)) {
        notes.push(`${name} looks binary; not read`);
        continue;
      }
      texts.push({ name, text: new TextDecoder('utf-8').decode(bytes) });
    } catch (e) {
      notes.push(`${name} could not be downloaded (${e instanceof Error ? e.message : String(e)}); not read`);
    }
  }
  if (files.length > (options.maxFiles ?? 3))
    notes.push(`only the first ${options.maxFiles ?? 3} files were read`);
  return { texts, notes };
}

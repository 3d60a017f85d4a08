import { open, readFile, stat } from 'node:fs/promises';
import { MAX_LOG_CHARS } from '../core/facts/gather-facts.js';
import { ResetDoctorError } from '../errors.js';

/** Largest JSON document (incident, alert, metrics) the CLI reads. */
export const MAX_JSON_BYTES = 32 * 1024 * 1024;

async function readStdinTail(maxBytes: number): Promise<{ text: string; dropped: number }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let dropped = 0;
  for await (const chunk of process.stdin) {
    const b = chunk as Buffer;
    chunks.push(b);
    size += b.length;
    while (size - (chunks[0]?.length ?? 0) >= maxBytes && chunks.length > 1) {
      const head = chunks.shift();
      size -= head?.length ?? 0;
      dropped += head?.length ?? 0;
    }
  }
  let buf = Buffer.concat(chunks);
  if (buf.length > maxBytes) {
    dropped += buf.length - maxBytes;
    buf = buf.subarray(buf.length - maxBytes);
  }
  return { text: buf.toString('utf8'), dropped };
}

export interface LogRead {
  readonly text: string;
  /** Set when the input was longer than the limit: its size in bytes. */
  readonly truncatedFrom?: number;
}

function cutToLine(buf: Buffer): string {
  const text = buf.toString('utf8');
  const nl = text.indexOf('\n');
  return nl === -1 ? text : text.slice(nl + 1);
}

/**
 * Reads a log from a file or stdin ("-"), keeping the last MAX_LOG_CHARS bytes at most (cut at a line
 * boundary). Memory stays bounded whatever the input size.
 */
export async function readLog(source: string): Promise<LogRead> {
  const cap = MAX_LOG_CHARS;
  if (source === '-') {
    const { text, dropped } = await readStdinTail(cap);
    if (dropped === 0) return { text };
    return { text: cutToLine(Buffer.from(text, 'utf8')), truncatedFrom: dropped + Buffer.byteLength(text) };
  }
  let size: number;
  try {
    size = (await stat(source)).size;
  } catch (e) {
    throw new ResetDoctorError('BAD_INPUT', `cannot read log ${source}: ${(e as Error).message}`, {
      cause: e,
    });
  }
  if (size <= cap) return { text: await readFile(source, 'utf8') };
  const fh = await open(source, 'r');
  try {
    const buf = Buffer.alloc(cap);
    await fh.read(buf, 0, cap, size - cap);
    return { text: cutToLine(buf), truncatedFrom: size };
  } finally {
    await fh.close();
  }
}

export async function readText(source: string, what: string, maxBytes = MAX_JSON_BYTES): Promise<string> {
  if (source === '-') {
    const { text, dropped } = await readStdinTail(maxBytes);
    if (dropped > 0)
      throw new ResetDoctorError('INPUT_TOO_LARGE', `${what} on stdin is larger than ${maxBytes} bytes`);
    return text;
  }
  try {
    const s = await stat(source);
    if (s.size > maxBytes)
      throw new ResetDoctorError('INPUT_TOO_LARGE', `${what} ${source} is larger than ${maxBytes} bytes`);
    return await readFile(source, 'utf8');
  } catch (e) {
    if (e instanceof ResetDoctorError) throw e;
    throw new ResetDoctorError('BAD_INPUT', `cannot read ${what} ${source}: ${(e as Error).message}`, {
      cause: e,
    });
  }
}

export async function readJson(source: string, what: string): Promise<unknown> {
  const text = await readText(source, what);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ResetDoctorError(
      'BAD_INPUT',
      `${what} ${source === '-' ? '(stdin)' : source} is not valid JSON: ${(e as Error).message}`,
      { cause: e },
    );
  }
}

/** True when text looks like binary data rather than a log (many control characters). */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 65_536);
  if (sample.length === 0) return false;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) control++;
  }
  return control / sample.length > 0.1;
}

import { hash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level: the same value always gives the same text, whatever order
 * its keys were written in. Used for content hashes (incident ids, rule set versions).
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 of a text as lower-case hex: the one hash behind ids, keys and versions. */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

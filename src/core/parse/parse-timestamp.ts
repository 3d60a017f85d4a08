/**
 * Timestamps at the start of (or inside) log lines, in the formats runtimes, proxies and the kernel print.
 * Returns epoch milliseconds. Times without a date are placed on 1970-01-01 (only differences matter);
 * syslog times without a year use the reference year.
 */

const MONTHS: Readonly<Record<string, number>> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

// ISO 8601 / RFC 3339 and the space-separated variants (nginx error log uses slashes).
const ISO = /(\d{4})[-/](\d{2})[-/](\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?/;
// Apache/nginx access log: [24/Nov/2026:12:00:00 +0000]
const CLF = /\[(\d{2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))? ?([+-]\d{4})?\]/;
// syslog: Nov 24 12:00:00
const SYSLOG = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?/;
// bare clock at line start (tcpdump, many app logs): 12:00:00.123456
const CLOCK = /^\[?(\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?\b/;
// epoch seconds or milliseconds in JSON ("time":1732449600000, "ts":1732449600.123)
const EPOCH = /"(?:time|ts|timestamp|@timestamp|t)"\s{0,3}:\s{0,3}(\d{10}(?:\.\d{1,9})?|\d{13})\b/;

function fraction(digits: string | undefined): number {
  if (!digits) return 0;
  return Number(`0.${digits}`) * 1000;
}

function offsetMinutes(tz: string | undefined): number {
  if (!tz || tz === 'Z') return 0;
  const sign = tz.startsWith('-') ? -1 : 1;
  const digits = tz.replace(/[^0-9]/g, '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

export function parseTimestamp(line: string, referenceYear = 1970): number | undefined {
  const head = line.length > 200 ? line.slice(0, 200) : line;
  let m = ISO.exec(head);
  if (m) {
    const [, y, mo, d, h, mi, s, frac, tz] = m;
    const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    return ms + fraction(frac) - offsetMinutes(tz) * 60_000;
  }
  m = CLF.exec(head);
  if (m) {
    const [, d, mon, y, h, mi, s, frac, tz] = m;
    const month = MONTHS[(mon ?? '').toLowerCase()];
    if (month === undefined) return undefined;
    const ms = Date.UTC(Number(y), month, Number(d), Number(h), Number(mi), Number(s));
    return ms + fraction(frac) - offsetMinutes(tz) * 60_000;
  }
  m = SYSLOG.exec(head);
  if (m) {
    const [, mon, d, h, mi, s, frac] = m;
    const month = MONTHS[(mon ?? '').toLowerCase()];
    if (month !== undefined) {
      return Date.UTC(referenceYear, month, Number(d), Number(h), Number(mi), Number(s)) + fraction(frac);
    }
  }
  m = EPOCH.exec(head);
  if (m?.[1]) {
    const raw = m[1];
    return raw.length === 13 && !raw.includes('.') ? Number(raw) : Math.round(Number(raw) * 1000);
  }
  m = CLOCK.exec(head);
  if (m) {
    const [, h, mi, s, frac] = m;
    return (Number(h) * 3600 + Number(mi) * 60 + Number(s)) * 1000 + fraction(frac);
  }
  return undefined;
}

/**
 * Numbers with meaning in free text and logs: HTTP statuses, durations, sizes, rates, percentages.
 * Shared by the log and the words parsers. Every regex is bounded.
 */

const STATUS_PATTERNS: readonly RegExp[] = [
  /HTTP\/\d(?:\.\d)?" (\d{3})\b/g,
  /\b(?:status|statusCode|status_code|code|HTTP|response|error)["'=: ]{1,4}(\d{3})\b/gi,
  /\b([1-5]\d\d) (?:Bad Gateway|Service (?:Temporarily )?Unavailable|Gateway Time-?out|Internal Server Error|Payload Too Large|Request Entity Too Large|Content Too Large|Unauthorized|Forbidden|Too Many Requests|Bad Request|Not Found|OK)\b/gi,
  /\b([45]\d\d)s\b/g,
  /\b([45]\d\d)(?:\/[45]\d\d){0,3} (?:errors?|responses?|status(?:es)?|codes?)\b/gi,
  /\b(?:a|an|with|returns?|returned|returning|got|gets|get|see|sees|saw|receive[sd]?|answers?|answered|instead of|expected|throws?) (?:an? )?(?:HTTP )?([45]\d\d)\b(?!\.\d| ?(?:[KMGT]i?B|bytes|ms|%))/gi,
  /\bHTTPCode_(?:ELB|Target)_(\d{3})_Count\b/g,
];

/**
 * Statuses servers and proxies send: the registered ones, nginx's 444 and 494-499, and the 52x of
 * Cloudflare and other CDNs. Other three-digit numbers where a status could stand are something else:
 * an errno (`code: 104`), a size (`with 533 MiB used`).
 */
function isSentStatus(n: number): boolean {
  return (
    (n >= 100 && n <= 103) ||
    (n >= 200 && n <= 208) ||
    n === 226 ||
    (n >= 300 && n <= 308) ||
    (n >= 400 && n <= 431) ||
    n === 444 ||
    n === 451 ||
    (n >= 494 && n <= 511) ||
    (n >= 520 && n <= 530)
  );
}

export function extractStatuses(text: string): number[] {
  const found = new Set<number>();
  for (const re of STATUS_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const n = Number(m[1]);
      if (isSentStatus(n)) found.add(n);
    }
  }
  return [...found].sort((a, b) => a - b);
}

const UNIT_SECONDS: Readonly<Record<string, number>> = {
  ms: 0.001,
  msec: 0.001,
  millisecond: 0.001,
  milliseconds: 0.001,
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  hours: 3600,
  d: 86400,
  day: 86400,
  days: 86400,
};

export interface Duration {
  readonly seconds: number;
  /** Character offset of the number in the text. */
  readonly index: number;
  readonly text: string;
}

/** "5 s", "5-10 minutes", and the adjectival "a 5-minute delay". */
const DURATION =
  /(?:~|about |around |roughly |approximately |approx\.? |over |>\s?|more than |less than |<\s?)?(?<![%\d.])\b(\d{1,7}(?:\.\d{1,3})?)(?:\s?-\s?\d{1,7})?(?:\s|-(?=[a-z]{3}))?(milliseconds?|msec|ms|seconds?|secs?|sec|s|minutes?|mins?|min|m|hours?|hrs?|hr|h|days?|d)\b/gi;

const WORD_NUMBERS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  'forty-five': 45,
  fifty: 50,
  sixty: 60,
  ninety: 90,
};
const WORD_DURATION =
  /\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty-five|forty|fifty|sixty|ninety) (seconds?|minutes?|hours?|days?)\b/gi;

const GATEWAY_STATUS_PLURAL = /^(?:499|502|503|504)s$/;

export function extractDurations(text: string): Duration[] {
  const out: Duration[] = [];
  WORD_DURATION.lastIndex = 0;
  for (let m = WORD_DURATION.exec(text); m !== null; m = WORD_DURATION.exec(text)) {
    const n = WORD_NUMBERS[(m[1] ?? '').toLowerCase()];
    const factor = UNIT_SECONDS[(m[2] ?? '').toLowerCase()];
    if (n !== undefined && factor !== undefined)
      out.push({ seconds: n * factor, index: m.index, text: m[0] });
  }
  DURATION.lastIndex = 0;
  for (let m = DURATION.exec(text); m !== null; m = DURATION.exec(text)) {
    const unit = (m[2] ?? '').toLowerCase();
    const factor = UNIT_SECONDS[unit];
    if (factor === undefined) continue;
    // "m", "h", "d" alone are ambiguous (metres, MB): only accept them glued to the number ("5m").
    if ((unit === 'm' || unit === 'h' || unit === 'd') && /\s/.test(m[0].slice(-2, -1))) continue;
    // "512m container memory cap", "mem_limit: 768m": megabytes of memory, not minutes.
    if (unit === 'm' && memoryAround(text, m.index, m[0].length)) continue;
    // "502s", "504s": the plural of a gateway status, not seconds.
    if (unit === 's' && GATEWAY_STATUS_PLURAL.test(m[0])) continue;
    const seconds = Number(m[1]) * factor;
    if (!Number.isFinite(seconds)) continue;
    out.push({ seconds, index: m.index, text: m[0] });
  }
  return out;
}

const MEMORY_AFTER = /^\s?(?:(?:container|cgroup|pod|of)\s)?(?:memory|mem|ram|heap|limits?|caps?)\b/i;
const MEMORY_BEFORE =
  /(?:memory|mem|mem_limit|ram|heap|-Xm[xs]|--memory|-m)(?:\s?(?:limits?|caps?|requests?))?\s?[:=]?\s?$/i;

function memoryAround(text: string, index: number, length: number): boolean {
  return (
    MEMORY_AFTER.test(text.slice(index + length, index + length + 30)) ||
    MEMORY_BEFORE.test(text.slice(Math.max(0, index - 30), index))
  );
}

const SIZE = /\b(\d{1,9}(?:\.\d{1,3})?)\s?(bytes?|B|KB|KiB|kB|MB|MiB|GB|GiB|k|K|M|G)\b/g;
const SIZE_FACTOR: Readonly<Record<string, number>> = {
  byte: 1,
  bytes: 1,
  b: 1,
  kb: 1e3,
  kib: 1024,
  k: 1024,
  mb: 1e6,
  mib: 1024 ** 2,
  m: 1024 ** 2,
  gb: 1e9,
  gib: 1024 ** 3,
  g: 1024 ** 3,
};

const COUNTED_NOUN =
  /^\s{0,2}(?:\+\s?)?(?:documents?|docs|records?|rows?|items?|requests?|users?|messages?|events?|connections?|clients?|sessions?|queries|calls?|inserts?|writes?|reads?|keys?|entries|objects?|lines?|jobs?|tasks?|pods?|sockets?|ops|times|files|points|metrics|series|samples|customers|devices)\b/i;

export function extractSizes(text: string): number[] {
  const out: number[] = [];
  SIZE.lastIndex = 0;
  for (let m = SIZE.exec(text); m !== null; m = SIZE.exec(text)) {
    const unit = m[2] ?? '';
    // A bare "M"/"K"/"G" after a number is a size only in upper case ("75M"), never "5m" (minutes).
    if (unit.length === 1 && unit !== unit.toUpperCase()) continue;
    // "10K documents", "5M rows": a count, not a size.
    if (unit.length === 1 && COUNTED_NOUN.test(text.slice(SIZE.lastIndex, SIZE.lastIndex + 24))) continue;
    const f = SIZE_FACTOR[unit.toLowerCase()];
    if (f === undefined) continue;
    out.push(Number(m[1]) * f);
  }
  return out;
}

const RATE =
  /\b(\d{1,3}(?:,\d{3})+|\d{1,9}(?:\.\d{1,3})?)\s?(k)?\s?(?:requests?|req|rps|calls?|queries|qps|connections?|conns?)?\s?(?:\/\s?s(?:ec(?:ond)?)?\b|per second\b|rps\b|qps\b)/gi;

export function extractRates(text: string): number[] {
  const out: number[] = [];
  RATE.lastIndex = 0;
  for (let m = RATE.exec(text); m !== null; m = RATE.exec(text)) {
    const n = Number((m[1] ?? '').replace(/,/g, '')) * (m[2] ? 1000 : 1);
    if (Number.isFinite(n)) out.push(n);
  }
  return out;
}

const PERCENT = /\b(\d{1,3}(?:\.\d{1,6})?)\s?(?:%|percent\b)/gi;

export function extractPercents(text: string): number[] {
  const out: number[] = [];
  PERCENT.lastIndex = 0;
  for (let m = PERCENT.exec(text); m !== null; m = PERCENT.exec(text)) {
    const n = Number(m[1]);
    if (n >= 0 && n <= 100) out.push(n);
  }
  return out;
}

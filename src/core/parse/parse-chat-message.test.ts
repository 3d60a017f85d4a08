import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import {
  CHAT_PATTERNS,
  isLogLine,
  parseAlertFilter,
  parseCauseName,
  parseChatMessage,
  readLink,
} from './parse-chat-message.js';

describe('parseChatMessage', () => {
  it('code blocks and pasted log lines become the log, the rest the context, key=value words the subject', () => {
    const text = [
      '<@UBOT> checkout to payments fails after idle, behind an ALB &amp; nginx',
      '```2026-11-24T09:12:01Z ERROR socket hang up',
      'at TLSSocket.onend```',
      '2026-11-24T09:13:00Z WARN upstream prematurely closed connection',
      'service=checkout peer=`payments` namespace=shop port=8080',
    ].join('\n');
    const c = parseChatMessage(text);
    expect(c.kind).toBe('diagnose');
    if (c.kind !== 'diagnose') return;
    expect(c.parts.log).toBe(
      '2026-11-24T09:12:01Z ERROR socket hang up\nat TLSSocket.onend\n2026-11-24T09:13:00Z WARN upstream prematurely closed connection',
    );
    expect(c.parts.context).toBe('checkout to payments fails after idle, behind an ALB & nginx');
    expect(c.parts).toMatchObject({ service: 'checkout', peer: 'payments', namespace: 'shop', port: '8080' });
  });

  it('understands Alertmanager and Prometheus links', () => {
    const am =
      '<http://am.example:9093/#/alerts?silenced=false&amp;filter=%7Balertname%3D%22ConntrackFull%22%2Cnode%3D%22node-a%22%2Cjob%3D~%22n.*%22%7D|alert>';
    const prom = '<http://prom:9090/graph?g0.expr=rate(node_nf_conntrack_stat_drop%5B5m%5D)&amp;g0.tab=0>';
    const c = parseChatMessage(`<@UBOT> resets since this fired ${am} see ${prom}`);
    expect(c.kind).toBe('diagnose');
    if (c.kind !== 'diagnose') return;
    expect(c.parts.alert).toEqual({
      status: 'firing',
      labels: { alertname: 'ConntrackFull', node: 'node-a' },
    });
    expect(c.parts.context).toContain('Prometheus expression: rate(node_nf_conntrack_stat_drop[5m])');
  });

  it.each([
    ['why not overload', 'overload'],
    ['why not keep-alive?', 'keepalive-mismatch'],
    ['Why not the NAT', 'idle-timeout-middlebox'],
    ['why not conntrack-exhaustion', 'conntrack-exhaustion'],
    ['why not oom', 'memory-oom'],
  ])('%j asks about %s', (text, cause) => {
    expect(parseChatMessage(`<@UBOT> ${text}`)).toMatchObject({ kind: 'why-not', cause });
  });

  it('asks back when the cause is unknown, answers help, and says when there is nothing', () => {
    expect(parseChatMessage('why not gremlins')).toEqual({ kind: 'why-not', asked: 'gremlins' });
    expect(parseChatMessage('<@UBOT> help')).toEqual({ kind: 'help' });
    expect(parseChatMessage('<@UBOT>  ')).toEqual({ kind: 'empty' });
  });

  it('notes a port that is not a number', () => {
    const c = parseChatMessage('fails after idle port=http');
    expect(c).toMatchObject({ kind: 'diagnose', notes: ['port=http is not a port number; ignored'] });
  });
});

describe('pieces', () => {
  it.each([
    ['2026-11-24T09:12:01.482Z something', true],
    ['Nov 24 09:12:01 host kernel: nf_conntrack: table full', true],
    ['[12345.678] TCP: out of memory', true],
    ['    at Socket.socketOnEnd (node:_http_client:525:23)', true],
    ['Error: read ECONNRESET', true],
    ['level=error msg="reset" peer=payments', true],
    ['{"level":"error","msg":"socket hang up"}', true],
    ['we see resets after idle', false],
    ['service=checkout peer=payments', false],
  ])('isLogLine(%j) = %s', (line, expected) => {
    expect(isLogLine(line)).toBe(expected);
  });

  it('reads alert filters, skipping regex and negative matchers', () => {
    expect(parseAlertFilter('{alertname="A",severity!="info",job=~"x",svc=plain}')).toEqual({
      alertname: 'A',
      svc: 'plain',
    });
  });

  it('keeps ordinary links as text', () => {
    expect(readLink('https://wiki/x', 'runbook')).toEqual({ text: 'runbook (https://wiki/x)' });
  });

  it('parseCauseName is forgiving but not a guess machine', () => {
    expect(parseCauseName('fd')).toBe('fd-exhaustion');
    expect(parseCauseName('keepalive')).toBe('keepalive-mismatch');
    expect(parseCauseName('')).toBeUndefined();
    expect(parseCauseName('gremlins')).toBeUndefined();
  });
});

describe('message patterns', () => {
  it.each(CHAT_PATTERNS.map((re) => [re.source.slice(0, 50), re] as const))(
    '%s is linear-time (recheck: safe)',
    (_, re) => {
      const result = checkSync(re.source, re.flags.replace('g', ''), { timeout: 10_000 });
      expect(result.status, JSON.stringify(result)).toBe('safe');
    },
  );

  it('a hostile message is parsed (a backtracking pattern would hit the test timeout)', () => {
    const hostile = `${'<@'.repeat(20_000)} ${'<http:'.repeat(5_000)} ${'a=b '.repeat(5_000)}`;
    expect(parseChatMessage(hostile).kind).toBe('diagnose');
  });
});

describe('errors quoted in sentences', () => {
  it('go to the log and stay in the words', () => {
    const c = parseChatMessage('<@UBOT> EADDRNOTAVAIL when calling payments after a deploy');
    expect(c).toMatchObject({
      kind: 'diagnose',
      parts: {
        log: 'EADDRNOTAVAIL when calling payments after a deploy',
        context: 'EADDRNOTAVAIL when calling payments after a deploy',
      },
    });
  });
});

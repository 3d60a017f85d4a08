import { parseTimestamp } from './parse-timestamp.js';

/**
 * Reads `tcpdump -nn` text (with or without -v, -tttt, -i any) and tells, per connection, who sent the RST,
 * whether a FIN came first, the idle gap before the RST and whether its TTL differs from the sender's usual.
 */

export interface CapturedRst {
  readonly line: number;
  /** "server" (the side that accepted or listens on the well-known port) or "client". */
  readonly from: 'server' | 'client';
  readonly src: string;
  readonly dst: string;
  /** Seconds since the previous packet on the same connection (undefined for the first packet). */
  readonly idleBeforeS?: number;
  /** The server had sent a FIN before, and the client sent data after it: the keep-alive close race. */
  readonly afterServerFin: boolean;
  /** The RST answered a SYN (connection refused). */
  readonly answeredSyn: boolean;
  /** The client was still sending data while the server had already answered (unread request data). */
  readonly whileClientSending: boolean;
  readonly ttl?: number;
  /** TTL differs from other packets of the same source: likely injected by a middlebox. */
  readonly ttlMismatch: boolean;
}

export interface CaptureSummary {
  readonly packets: number;
  readonly connections: number;
  readonly rsts: readonly CapturedRst[];
  readonly fins: number;
  readonly synRetransmits: number;
  readonly serverPorts: readonly number[];
}

interface Endpoint {
  readonly ip: string;
  readonly port: number;
}

interface Packet {
  readonly line: number;
  readonly ts?: number;
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly flags: string;
  readonly length: number;
  readonly ttl?: number;
}

// "IP 10.0.0.1.43512 > 10.0.0.2.8080: Flags [S], ..." — IPv6 addresses end with ".port" too.
const PACKET =
  /\bIP6? ([0-9a-fA-F:.]{3,60})\.(\d{1,5}) > ([0-9a-fA-F:.]{3,60})\.(\d{1,5}): Flags \[([SFRP.UEWC]{1,8}|none)\](?:[^\n]{0,300}?\blength (\d{1,7}))?/;
const TTL = /\bttl (\d{1,3})\b/;

function parsePackets(lines: readonly string[], firstLine: number): Packet[] {
  const packets: Packet[] = [];
  let pendingTtl: { ttl: number; ts?: number; line: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] ?? '';
    const ttlMatch = TTL.exec(text);
    const m = PACKET.exec(text);
    if (!m) {
      // `tcpdump -v` prints the IP header (with ttl) on one line and the TCP part on the next.
      if (ttlMatch) {
        const ts = parseTimestamp(text);
        pendingTtl = { ttl: Number(ttlMatch[1]), line: firstLine + i, ...(ts === undefined ? {} : { ts }) };
      }
      continue;
    }
    const [, srcIp, srcPort, dstIp, dstPort, flags, length] = m;
    let ts = parseTimestamp(text);
    let ttl = ttlMatch ? Number(ttlMatch[1]) : undefined;
    if (pendingTtl && pendingTtl.line === firstLine + i - 1) {
      ttl ??= pendingTtl.ttl;
      ts ??= pendingTtl.ts;
    }
    pendingTtl = undefined;
    packets.push({
      line: firstLine + i,
      ...(ts === undefined ? {} : { ts }),
      ...(ttl === undefined ? {} : { ttl }),
      src: { ip: srcIp ?? '', port: Number(srcPort) },
      dst: { ip: dstIp ?? '', port: Number(dstPort) },
      flags: flags ?? '',
      length: Number(length ?? 0),
    });
  }
  return packets;
}

const key = (e: Endpoint) => `${e.ip}.${e.port}`;

interface Conn {
  server?: string;
  lastTs?: number;
  serverFin: boolean;
  clientDataAfterServerFin: boolean;
  serverSentData: boolean;
  lastClientDataTs?: number;
  synCount: number;
  synAcked: boolean;
}

/** The side that listens: the one that answered SYN-ACK, else the lower (well-known) port. */
function guessServer(p: Packet): string {
  return p.src.port < p.dst.port ? key(p.src) : key(p.dst);
}

export function parseTcpdump(lines: readonly string[], firstLine = 1): CaptureSummary | undefined {
  const packets = parsePackets(lines, firstLine);
  if (packets.length === 0) return undefined;
  const conns = new Map<string, Conn>();
  const ttlsBySource = new Map<string, Set<number>>();
  for (const p of packets) {
    if (p.ttl !== undefined && !p.flags.includes('R')) {
      const set = ttlsBySource.get(p.src.ip) ?? new Set<number>();
      set.add(p.ttl);
      ttlsBySource.set(p.src.ip, set);
    }
  }
  const rsts: CapturedRst[] = [];
  let fins = 0;
  let synRetransmits = 0;
  const serverPorts = new Set<number>();
  for (const p of packets) {
    const a = key(p.src);
    const b = key(p.dst);
    const id = a < b ? `${a}|${b}` : `${b}|${a}`;
    let c = conns.get(id);
    if (!c) {
      c = {
        serverFin: false,
        clientDataAfterServerFin: false,
        serverSentData: false,
        synCount: 0,
        synAcked: false,
      };
      conns.set(id, c);
    }
    const isSyn = p.flags.includes('S') && !p.flags.includes('.');
    const isSynAck = p.flags.includes('S') && p.flags.includes('.');
    if (isSyn) {
      c.server ??= b;
      c.synCount++;
      if (c.synCount > 1) synRetransmits++;
    }
    if (isSynAck) {
      c.server = a;
      c.synAcked = true;
    }
    const server = c.server ?? guessServer(p);
    const fromServer = a === server;
    if (fromServer) serverPorts.add(p.src.port);
    const idle = c.lastTs !== undefined && p.ts !== undefined ? (p.ts - c.lastTs) / 1000 : undefined;
    if (p.flags.includes('F')) {
      fins++;
      if (fromServer) c.serverFin = true;
    }
    if (p.length > 0) {
      if (fromServer) c.serverSentData = true;
      else {
        if (p.ts !== undefined) c.lastClientDataTs = p.ts;
        if (c.serverFin) c.clientDataAfterServerFin = true;
      }
    }
    if (p.flags.includes('R')) {
      const usual = ttlsBySource.get(p.src.ip);
      rsts.push({
        line: p.line,
        from: fromServer ? 'server' : 'client',
        src: a,
        dst: b,
        ...(idle === undefined ? {} : { idleBeforeS: Math.max(0, idle) }),
        afterServerFin: fromServer && c.serverFin && c.clientDataAfterServerFin,
        answeredSyn: fromServer && c.synCount > 0 && !c.synAcked,
        whileClientSending:
          fromServer &&
          c.serverSentData &&
          !c.serverFin &&
          c.lastClientDataTs !== undefined &&
          p.ts !== undefined &&
          p.ts - c.lastClientDataTs < 1000,
        ...(p.ttl === undefined ? {} : { ttl: p.ttl }),
        ttlMismatch: p.ttl !== undefined && usual !== undefined && usual.size > 0 && !usual.has(p.ttl),
      });
    }
    if (p.ts !== undefined) c.lastTs = p.ts;
  }
  return {
    packets: packets.length,
    connections: conns.size,
    rsts,
    fins,
    synRetransmits,
    serverPorts: [...serverPorts],
  };
}

import { describe, expect, it } from 'vitest';
import { extractLogFacts, isRoundStreamCount, quotedErrors } from './extract-log-facts.js';
import { createLogScanner } from './scan-log.js';

const scanner = createLogScanner();
const facts = (text: string) => extractLogFacts(text, scanner);

describe('log facts from many stacks', () => {
  it.each([
    [
      'Node read reset',
      'Error: read ECONNRESET\n    at TCP.onStreamRead (node:internal/stream_base_commons:217:20)',
      ['reset'],
      [],
    ],
    [
      'Node socket hang up',
      "Error: socket hang up\n    at connResetException (node:internal/errors:720:14) { code: 'ECONNRESET' }",
      ['closed-before-response'],
      ['before-response'],
    ],
    [
      'undici other side closed',
      "TypeError: fetch failed\n  [cause]: SocketError: other side closed { code: 'UND_ERR_SOCKET' }",
      ['closed-before-response'],
      ['before-response'],
    ],
    [
      'Node EPIPE',
      'Error: write EPIPE\n    at afterWriteDispatched (node:internal/stream_base_commons:160:15)',
      ['write-failed'],
      ['write'],
    ],
    ['Node refused', 'Error: connect ECONNREFUSED 10.0.0.5:8080', ['refused'], ['connect']],
    [
      'glibc heap abort',
      '*** glibc detected *** puma 3.6.2: realloc(): invalid next size: 0x00007fd4806c8f90 ***',
      ['crash'],
      [],
    ],
    [
      'Windows out of local ports',
      'SocketException: Only one usage of each socket address (protocol/network address/port) is normally permitted 192.168.30.17:80',
      ['port-exhausted'],
      ['connect'],
    ],
    [
      '.NET Framework on a pooled connection the server closed',
      'System.Net.WebException: The underlying connection was closed: The connection was closed unexpectedly.',
      ['closed-before-response'],
      [],
    ],
    [
      'Go using a connection it closed itself',
      'read tcp 10.0.0.5:58694->10.0.0.9:443: use of closed network connection',
      ['used-after-close'],
      [],
    ],
    [
      'GOAWAY after the thousandth request on a connection',
      'http2: server sent GOAWAY and closed the connection; LastStreamID=1999, ErrCode=NO_ERROR, debug=""',
      ['goaway', 'request-cap'],
      [],
    ],
    [
      "Python h2's GOAWAY after the thousandth request",
      '<ConnectionTerminated error_code:ErrorCodes.NO_ERROR, last_stream_id:1999, additional_data:None>',
      ['goaway', 'request-cap'],
      [],
    ],
    [
      'GOAWAY NO_ERROR at an arbitrary stream: a server going away',
      'http2: server sent GOAWAY and closed the connection; LastStreamID=37, ErrCode=NO_ERROR, debug=""',
      ['goaway', 'server-drain'],
      [],
    ],
    [
      "Kafka's broker reaping a connection idle for ten minutes",
      '%3|1555892678.223|ERROR|rdkafka#producer-1| [thrd:b:9092/bootstrap]: b:9092/1: Receive failed: Connection reset by peer (after 600003ms in state UP)',
      ['reset', 'upstream-closed', 'idle-reaped'],
      [],
    ],
    [
      'a read at the end of the stream',
      'java.sql.SQLRecoverableException: No more data to read from socket',
      ['closed-before-response'],
      [],
    ],
    [
      "grpc-go's GOAWAY at the connection's maximum age: an age cap, not a server going away",
      'rpc error: code = Unavailable desc = closing transport due to: connection error, received prior goaway: code: NO_ERROR, debug data: "max_age"',
      ['grpc-unavailable', 'goaway', 'max-age'],
      [],
    ],
    [
      'gRPC after a GOAWAY',
      'rpc error: code = Unavailable desc = the connection is draining',
      ['transport-closing', 'goaway'],
      [],
    ],
    [
      'an HTTP/1 server answering the HTTP/2 preface',
      '10.244.1.3 - - [04/May/2021:18:43:28 +0000] "PRI * HTTP/2.0" 400 157 "-" "-"',
      ['protocol-error'],
      ['first-bytes'],
    ],
    [
      "the AWS SDK's full socket pool",
      'socket usage at capacity=50 and 1098 additional requests are enqueued.',
      ['pool-exhausted'],
      [],
    ],
    [
      'Rust out of local ports',
      'error communicating with database: address not available (os error 99)',
      ['port-exhausted'],
      ['connect'],
    ],
    [
      "Go's client finding an early answer on an idle connection",
      'Unsolicited response received on idle HTTP channel starting with "HTTP/1.1 503 Service Unavailable"; err=<nil>',
      ['early-response'],
      [],
    ],
    ['conntrack full, said shortly', 'nf_conntrack table full', ['conntrack-full'], []],
    [
      'Windows out of buffer space at connect',
      'SocketException (10055): An operation on a socket could not be performed because the system lacked sufficient buffer space or because a queue was full.',
      ['port-exhausted'],
      ['connect'],
    ],
    [
      "OpenVPN's tunnel handshake not completing",
      'TLS Error: TLS key negotiation failed to occur within 60 seconds (check your network connectivity)',
      ['tls-handshake-timeout', 'timeout'],
      ['first-bytes'],
    ],
    [
      'git over libcurl timing out',
      "fatal: unable to access 'https://github.com/o/r/': Failed to connect to github.com port 443: Connection timed out",
      ['connect-timeout'],
      ['connect'],
    ],
    [
      'psycopg2 on a closed connection',
      'psycopg2.InterfaceError: connection already closed',
      ['stale-connection'],
      [],
    ],
    [
      "a Go handler's panic",
      '2019/11/19 10:13:11 http: panic serving 172.18.0.3:54342: runtime error: invalid memory address or nil pointer dereference',
      ['crash'],
      [],
    ],
    [
      "MySQL's refused",
      "Mysql2::Error: Can't connect to MySQL server on '127.0.0.1' (111)",
      ['refused'],
      ['connect'],
    ],
    [
      'a failed lookup',
      'socket.gaierror: [Errno -3] Temporary failure in name resolution',
      ['dns-failure'],
      ['connect'],
    ],
    [
      'curl giving up on the TLS handshake',
      'curl: (35) Unknown SSL protocol error in connection to api.example.org:443',
      ['tls-handshake'],
      ['first-bytes'],
    ],
    [
      'a driver on a closed connection',
      'ReqlRuntimeError: Connection is closed in:',
      ['closed-before-response'],
      [],
    ],
    ['a browser reset, typed by hand', '(failed) net:ERR_CONNECTION_RESET', ['reset'], []],
    [
      'a TLS alert from the peer (busybox wget)',
      'wget: TLS error from peer (alert code 80): 80\nwget: error getting response: Connection reset by peer',
      ['tls-handshake', 'reset'],
      ['first-bytes'],
    ],
    [
      'OpenSSL alert',
      'SSL routines:ssl3_read_bytes:sslv3 alert handshake failure',
      ['tls-handshake'],
      ['first-bytes'],
    ],
    [
      'Node EADDRNOTAVAIL',
      'Error: connect EADDRNOTAVAIL 10.0.0.5:443 - Local (0.0.0.0:0)',
      ['port-exhausted'],
      ['connect'],
    ],
    ['Node EMFILE', "Error: EMFILE: too many open files, open '/app/data.json'", ['fd-exhausted'], []],
    [
      'Java connection reset',
      'java.net.SocketException: Connection reset\n\tat java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:323)',
      ['reset'],
      [],
    ],
    [
      'Apache HttpClient stale',
      'org.apache.http.NoHttpResponseException: orders:8080 failed to respond',
      ['closed-before-response', 'stale-connection'],
      ['before-response'],
    ],
    [
      'OkHttp end of stream',
      'java.io.IOException: unexpected end of stream on http://10.0.0.5:8080/...',
      ['closed-before-response'],
      ['before-response'],
    ],
    [
      'Reactor Netty',
      'reactor.netty.http.client.PrematureCloseException: Connection prematurely closed BEFORE response',
      ['closed-before-response'],
      ['before-response'],
    ],
    [
      'Go read reset',
      'Get "http://orders:8080/x": read tcp 10.1.2.3:41234->10.4.5.6:8080: read: connection reset by peer',
      ['reset'],
      [],
    ],
    [
      'Go server closed idle',
      'Post "http://svc/x": http: server closed idle connection',
      ['closed-before-response', 'stale-connection'],
      ['before-response'],
    ],
    ['Go EOF', 'Post "http://orders:8080/v1/orders": EOF', ['closed-before-response'], ['before-response']],
    ['Go refused', 'dial tcp 10.0.0.7:8080: connect: connection refused', ['refused'], ['connect']],
    [
      'Python reset',
      "requests.exceptions.ConnectionError: ('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))",
      ['reset'],
      [],
    ],
    [
      'Python remote disconnected',
      'http.client.RemoteDisconnected: Remote end closed connection without response',
      ['closed-before-response'],
      ['before-response'],
    ],
    [
      '.NET reset',
      'System.IO.IOException: Unable to read data from the transport connection: Connection reset by peer. ---> System.Net.Sockets.SocketException (104): Connection reset by peer',
      ['reset'],
      [],
    ],
    [
      '.NET premature',
      'System.Net.Http.HttpIOException: The response ended prematurely. (ResponseEnded)',
      ['closed-before-response'],
      ['before-response'],
    ],
    [
      'gRPC unavailable',
      'rpc error: code = Unavailable desc = error reading from server: read: connection reset by peer',
      ['grpc-unavailable', 'reset'],
      [],
    ],
    [
      'gRPC too many pings',
      'received prior goaway: code: ENHANCE_YOUR_CALM, debug data: "too_many_pings"',
      ['goaway', 'h2-keepalive-violation'],
      [],
    ],
    [
      'nginx upstream premature',
      '2026/01/01 10:00:00 [error] 31#31: *5 upstream prematurely closed connection while reading response header from upstream, client: 10.0.0.1',
      ['upstream-closed'],
      ['before-response'],
    ],
    [
      'nginx recv reset mid-body',
      '2026/01/01 10:00:00 [error] 16#16: *35 readv() failed (104: Connection reset by peer) while reading upstream, client: 172.18.0.1',
      ['reset'],
      ['mid-body'],
    ],
    [
      'nginx refused',
      '2026/01/01 10:00:00 [error] 7#7: *1 connect() failed (111: Connection refused) while connecting to upstream',
      ['refused'],
      ['connect'],
    ],
    ['nginx 413', '*9 client intended to send too large body: 10485760 bytes', ['body-too-large'], []],
    [
      'Envoy UC',
      '[2026-11-24T10:01:02.003Z] "POST /v1/charge HTTP/1.1" 503 UC upstream_reset_before_response_started{connection_termination} - "-" 512 95 31 -',
      ['upstream-closed', 'gateway-error'],
      ['before-response'],
    ],
    [
      'Envoy overflow body',
      'upstream connect error or disconnect/reset before headers. reset reason: overflow',
      ['overflow'],
      [],
    ],
    [
      'Envoy UF 111',
      'upstream connect error or disconnect/reset before headers. reset reason: remote connection failure, transport failure reason: delayed connect error: 111',
      ['connect-failed', 'refused'],
      ['connect'],
    ],
    [
      'HAProxy SD',
      'haproxy[1]: 10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/109 502 204 - - SD-- 1/1/1/1/0 0/0 "GET / HTTP/1.1"',
      ['reset', 'mid-body'],
      ['mid-body'],
    ],
    [
      'HAProxy SH',
      'haproxy[1]: 10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/109 502 204 - - SH-- 1/1/1/1/0 0/0 "GET / HTTP/1.1"',
      ['upstream-closed'],
      ['before-response'],
    ],
    [
      'kernel conntrack',
      'kernel: nf_conntrack: nf_conntrack: table full, dropping packet',
      ['conntrack-full'],
      [],
    ],
    [
      'kernel OOM',
      'Memory cgroup out of memory: Killed process 4242 (node) total-vm:1234kB, anon-rss:1000kB',
      ['oom'],
      [],
    ],
    [
      'kernel SYN flood',
      'TCP: request_sock_TCP: Possible SYN flooding on port 8080. Sending cookies.  Check SNMP counters.',
      ['listen-overflow'],
      [],
    ],
    [
      'Kubernetes OOMKilled',
      'Last State: Terminated\n  Reason: OOMKilled\n  Exit Code: 137',
      ['oom', 'sigkill'],
      [],
    ],
    ['Kubernetes CrashLoopBackOff', 'web-1  0/1  CrashLoopBackOff  12  30m', ['crash-loop'], []],
    ['exit 143', 'Exit Code: 143', ['shutdown'], []],
    [
      'TLS mismatch (Node)',
      'Error: write EPROTO 0A00010B:SSL routines:ssl3_get_record:wrong version number',
      ['tls-mismatch'],
      ['first-bytes'],
    ],
    [
      'h2c mismatch (Node)',
      'Error: Parse Error: Expected HTTP/, RTSP/ or ICE/ code HPE_INVALID_CONSTANT',
      ['protocol-error'],
      ['first-bytes'],
    ],
    [
      'plaintext HTTP to a Node TLS server (tlsClientError)',
      '{"level":40,"err":{"code":"ERR_SSL_HTTP_REQUEST"},"msg":"TLS handshake failed: 80ACE10AD67F0000:error:0A00009C:SSL routines:ssl3_get_record:http request:../deps/openssl/openssl/ssl/record/ssl3_record.c:341:"}',
      ['tls-mismatch'],
      ['first-bytes'],
    ],
    [
      'plaintext HTTP to an nginx TLS port (OpenSSL 3)',
      '2026/11/24 10:00:00 [info] 7#7: *3 SSL_do_handshake() failed (SSL: error:0A00009C:SSL routines::http request) while SSL handshaking',
      ['tls-mismatch'],
      ['first-bytes'],
    ],
  ])('%s', (_, text, classes, phases) => {
    const f = facts(text);
    for (const c of classes) expect(f.classes, `${c} in ${JSON.stringify(f.classes)}`).toContain(c);
    for (const p of phases) expect(f.phases).toContain(p);
  });

  it("does not read grpc-go's GOAWAY at a connection's maximum age as a server going away", () => {
    const f = facts('received prior goaway: code: NO_ERROR, debug data: "max_age"');
    expect(f.classes).toContain('max-age');
    expect(f.classes).not.toContain('server-drain');
  });

  it("keeps gRPC's GOAWAY code, and a refused stream's, by the group that names it", () => {
    expect(
      facts('received prior goaway: code: ENHANCE_YOUR_CALM, debug data: "too_many_pings"').goawayCodes,
    ).toEqual(['ENHANCE_YOUR_CALM']);
    expect(facts('stream was reset: REFUSED_STREAM').goawayCodes).toEqual(['REFUSED_STREAM']);
    const drained = facts('received prior goaway: code: NO_ERROR, debug data: "graceful_stop"');
    expect(drained.goawayCodes).toEqual(['NO_ERROR']);
    expect(drained.classes).toContain('server-drain');
  });

  it.each([
    ['Kubernetes', 'Last State: Terminated\n  Reason: Error\n  Exit Code: 1', [1]],
    ['docker compose', 'payments-1 exited with code 1', [1]],
    ['pm2', 'PM2 | App [payments:0] exited with code [1] via signal [SIGINT]', [1]],
    [
      'a supervisor in JSON',
      '{"level":50,"app":"payments","msg":"payments exited with code 139; restarting"}',
      [139],
    ],
  ])('reads exit codes as %s prints them', (_, text, codes) => {
    expect(facts(text).exitCodes).toEqual(codes);
  });

  it('does not read a Node.js process dying of an unhandled reset as a crash that explains it', () => {
    const diedOfReset = facts(
      "events.js:160\n      throw er; // Unhandled 'error' event\n      ^\n\nError: read ECONNRESET\n    at TCP.onread (net.js:569:26)",
    );
    expect(diedOfReset.classes).toContain('reset');
    expect(diedOfReset.classes).not.toContain('crash');
    const diedOfBug = facts(
      "node:events:491\n      throw er; // Unhandled 'error' event\n      ^\n\nTypeError: Cannot read properties of undefined (reading 'id')\n\nupstream: Error: read ECONNRESET",
    );
    expect(diedOfBug.classes).toContain('crash');
    const alsoSegfault = facts(
      "throw er; // Unhandled 'error' event\nError: read ECONNRESET\nkernel: node[4121]: segfault at 0 ip 00007f2c sp 00007ffd error 4 in node[400000+1a000]",
    );
    expect(alsoSegfault.classes).toContain('crash');
  });

  it('reads peers but not the local side of Go addresses', () => {
    const f = facts('read tcp 10.1.2.3:41234->10.4.5.6:8080: read: connection reset by peer');
    expect(f.peers).toEqual(['10.4.5.6:8080']);
    expect(f.ports).toEqual([8080]);
  });

  it('reads the commands the person ran as their words, continuation lines included', () => {
    const f = facts(
      '$ docker run -d \\\n    --publish=127.0.0.1:8000:80 \\\n    gliderlabs/logspout\n$ curl http://127.0.0.1:8000/logs\ncurl: (56) Recv failure: Connection reset by peer\n10.0.0.1:8000',
    );
    expect(f.prose).toContain('--publish=127.0.0.1:8000:80');
    expect(f.prose).toContain('$ curl http://127.0.0.1:8000/logs');
    expect(f.prose).not.toContain('10.0.0.1:8000');
  });

  it('reads HTTP statuses, methods and body sizes', () => {
    const f = facts(
      '10.0.0.1 - - [24/Nov/2026:12:00:00 +0000] "POST /upload HTTP/1.1" 413 0 "-" "curl/8"\n*9 client intended to send too large body: 26214400 bytes',
    );
    expect(f.httpStatuses).toContain(413);
    expect(f.methods).toContain('POST');
    expect(f.maxBodyBytes).toBe(26_214_400);
  });

  it('measures the quiet time before bursts of errors', () => {
    const f = facts(
      [
        '2026-11-24T10:00:00.000Z INFO ok',
        '2026-11-24T10:00:01.000Z INFO ok',
        '2026-11-24T10:06:01.000Z ERROR read ECONNRESET',
        '2026-11-24T10:06:02.000Z INFO ok',
        '2026-11-24T10:12:02.000Z ERROR read ECONNRESET',
      ].join('\n'),
    );
    expect(f.timing?.idleGapS).toBe(360);
    expect(f.timing?.bursts).toBe(2);
  });

  it('groups JSON lines by transaction and names the hop that reset', () => {
    const line = (service: string, peer: string, tx: string, msg: string) =>
      JSON.stringify({ service, peer, transactionId: tx, msg });
    const f = facts(
      [
        line('gateway', 'orders', 't1', 'upstream error: socket hang up'),
        line('orders', 'payments', 't1', 'read ECONNRESET'),
        line('gateway', 'orders', 't2', 'upstream error: socket hang up'),
        line('orders', 'payments', 't2', 'read ECONNRESET'),
      ].join('\n'),
    );
    expect(f.resetHops[0]).toEqual({ from: 'orders', to: 'payments', transactions: 2 });
    expect([...f.services].sort()).toEqual(['gateway', 'orders']);
  });
});

describe('GOAWAY after a round number of requests', () => {
  it('counts client streams (odd ids) and knows the usual caps', () => {
    expect(isRoundStreamCount(1999)).toBe(true); // nginx http2_max_requests 1000
    expect(isRoundStreamCount(19999)).toBe(true); // ALB 10000
    expect(isRoundStreamCount(255)).toBe(true); // 128
    expect(isRoundStreamCount(1997)).toBe(false);
    expect(isRoundStreamCount(199)).toBe(true);
    expect(isRoundStreamCount(99)).toBe(false); // 50: too few to tell a cap from chance
    expect(isRoundStreamCount(2000)).toBe(false); // even ids are the server's
  });
});

describe('errors quoted in words', () => {
  it.each([
    ['a quoted error', 'the broker logs "Too many open files" and then read ECONNRESET'],
    ['an Envoy flag', 'envoy says upstream_reset_before_response_started{connection termination} with UC'],
    [
      'a JSON log line of a reused connection',
      '{"level":"error","reusedSocket":true,"msg":"request failed: socket hang up"}',
    ],
    ['nothing', 'it just fails sometimes'],
  ])('give what the log facts of the same text give: %s', (_, text) => {
    const all = facts(text);
    expect(quotedErrors(text, scanner)).toEqual({
      signatures: all.signatures,
      classes: all.classes,
      phases: all.phases,
    });
  });
});

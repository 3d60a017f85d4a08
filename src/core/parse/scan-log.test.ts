import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { createLogScanner, MAX_LINE_CHARS } from './scan-log.js';
import { SIGNATURES } from './signatures.js';

const scanner = createLogScanner();

/** The ids of the signatures found in a text. */
const signaturesIn = (text: string): string[] => Object.keys(scanner.scan(text).counts);

describe('signatures', () => {
  it.each(SIGNATURES.map((s) => [s.id, s] as const))('%s matches its sample line', (_, sig) => {
    const scan = scanner.scan(`2026-11-24T10:00:00Z INFO unrelated line\n${sig.sample}\ntrailing line`);
    expect(scan.counts[sig.id]).toBeGreaterThanOrEqual(1);
  });

  // The automaton checker is exact and deterministic (the fuzzer's verdict depends on the machine's load).
  it.each(SIGNATURES.map((s) => [s.id, s] as const))(
    '%s is linear-time (recheck automaton: safe)',
    (_, sig) => {
      const result = checkSync(sig.re, sig.flags, { checker: 'automaton', timeout: 30_000 });
      expect(result.status, `${sig.id}: ${JSON.stringify(result)}`).toBe('safe');
    },
  );

  it.each(SIGNATURES.map((s) => [s.id, s] as const))(
    '%s: every literal of the prefilter occurs in some match',
    (_, sig) => {
      // The prefilter is sound only if each match contains a literal; the sample proves at least one does.
      const sample = sig.caseSensitiveLiterals ? sig.sample : sig.sample.toLowerCase();
      expect(sig.literals.some((l) => sample.includes(l))).toBe(true);
    },
  );

  it('ids are unique', () => {
    expect(new Set(SIGNATURES.map((s) => s.id)).size).toBe(SIGNATURES.length);
  });
});

describe('scanner', () => {
  it('numbers lines and keeps the matched text', () => {
    const scan = scanner.scan('a\nb\nread tcp 10.0.0.1:5000->10.0.0.2:80: read: connection reset by peer\nc');
    expect(scan.hits.map((h) => [h.id, h.line])).toEqual([
      ['go_read_reset', 3],
      ['generic_conn_reset', 3],
    ]);
    expect(scan.lineCount).toBe(4);
  });

  it('finds a signature hidden behind a longer overlapping literal', () => {
    // ": connection reset by peer" (Go) contains "connection reset" (generic): both must be tried.
    expect(signaturesIn('write: connection reset by peer').sort()).toEqual([
      'generic_conn_reset',
      'go_write_reset',
    ]);
  });

  it.each([
    [
      "OpenSSL's unexpected EOF, in words and as its reason code",
      'generic_socket_closed',
      [
        'OperationalError: consuming input failed: SSL error: unexpected eof while reading',
        'ssl.SSLError: [SSL: UNEXPECTED_EOF_WHILE_READING] EOF occurred in violation of protocol (_ssl.c:1007)',
      ],
    ],
    [
      "SocketsHttpHandler's premature end and its unrecognized response",
      'dotnet_premature',
      [
        'System.Net.Http.HttpIOException: The response ended prematurely. (ResponseEnded)',
        'System.Net.Http.HttpRequestException: The server returned an invalid or unrecognized response.',
      ],
    ],
    [
      "libpq's lost connection and its closed TLS session",
      'pg_ssl_syscall_eof',
      [
        'psycopg2.OperationalError: SSL SYSCALL error: EOF detected',
        'psycopg2.OperationalError: SSL connection has been closed unexpectedly',
      ],
    ],
    [
      ".NET's failed send",
      'dotnet_send_failed',
      ['System.Net.Http.HttpRequestException: An error occurred while sending the request.'],
    ],
    [
      "SqlClient's transport-level error",
      'sqlclient_transport_error',
      [
        'SqlException (0x80131904): A transport-level error has occurred when receiving results from the server.',
      ],
    ],
    [
      'a fatal signal in the words of MySQL, Go and a supervisor',
      'process_fatal_signal',
      [
        '210226 15:49:51 [ERROR] mysqld got signal 11 ;',
        'error\tEnvoy exited with error: signal: aborted',
        'worker 3 killed by signal SIGSEGV',
      ],
    ],
    [
      'the memory cgroup report at its limit',
      'kernel_memcg_limit_hit',
      ['Mar 08 07:55:47 node1 kernel: memory: usage 131072kB, limit 131072kB, failcnt 2814'],
    ],
    [
      'MPTCP and TCP out of memory',
      'kernel_tcp_mem',
      ['MPTCP: out of memory: force closing socket', 'TCP: Out of Memory'],
    ],
    [
      'a request line or headers refused as too long',
      'request_header_too_large',
      ['414 Request-URI Too Long', '<head><title>414 Request-URI Too Large</title></head>'],
    ],
    [
      'Linkerd shedding load',
      'linkerd_load_shed',
      ['conduit_proxy router at capacity (100); returning a 503'],
    ],
    [
      'librdkafka with every broker connection down',
      'kafka_client_disconnected',
      ['%3|1478525418.150|ERROR|rdkafka#consumer-1| 3/3 brokers are down'],
    ],
    [
      'an HTTP/2 stream refused by the server',
      'grpc_goaway',
      ['okhttp3.internal.http2.StreamResetException: stream was reset: REFUSED_STREAM'],
    ],
    [
      "Go's dialer out of local ports for a bound source address",
      'bind_ephemeral_in_use',
      ['"error": "dial tcp 127.32.0.1:0->127.0.0.1:11211: bind: address already in use"'],
    ],
    [
      'an HTTP/2 client reading something that is not HTTP/2',
      'h2_frame_size_error',
      ['source: hyper::Error(Http2, Error { kind: Proto(FRAME_SIZE_ERROR) })'],
    ],
    [
      "sshd's journal dropping a connection past MaxStartups",
      'ssh_max_startups',
      ['drop connection #10 from [203.0.113.9]:59789 on [198.51.100.2]:22 past MaxStartups'],
    ],
    [
      'an SSH client reset before the banner',
      'ssh_dropped_before_banner',
      ['ssh_exchange_identification: Connection closed by remote host'],
    ],
    [
      'Windows aborting a connection',
      'windows_connection_aborted',
      ['java.net.SocketException: Software caused connection abort: recv failed'],
    ],
    [
      "the kernel OOM killer's call trace and cgroup lines",
      'kernel_oom_kill',
      [
        '[17629536.001755]  oom_kill_process+0x213/0x410',
        '[17629536.054698] Task in /kubepods/burstable/pod1/abc killed as a result of limit of /kubepods/burstable/pod1',
      ],
    ],
    [
      'macOS reporting a write into a closed connection as EPROTOTYPE',
      'node_epipe',
      ['Error: write EPROTOTYPE'],
    ],
    [
      "PgBouncer closing a client's idle pooled connection",
      'pgbouncer_client_idle_timeout',
      [
        'FATAL:  client_idle_timeout',
        'C-0x55d: app/app@10.0.0.1:5000 closing because: client_idle_timeout (age=600s)',
      ],
    ],
    [
      "Azure Functions' host over its outbound connection limit",
      'azure_functions_connection_threshold',
      [
        'Host thresholds exceeded: [Connections]. For more information, see https://aka.ms/functions-thresholds.',
      ],
    ],
    [
      "nginx's TLS handshake to an https upstream cut",
      'nginx_upstream_ssl_handshake',
      [
        'peer closed connection in SSL handshake (104: Connection reset by peer) while SSL handshaking to upstream, client: 10.0.0.1',
        'SSL_do_handshake() failed (SSL: error:0A000410:SSL routines::sslv3 alert handshake failure:SSL alert number 40) while SSL handshaking to upstream',
      ],
    ],
    [
      'WCF receiving a response the service aborted',
      'wcf_response_aborted',
      [
        'System.ServiceModel.CommunicationException: An error occurred while receiving the HTTP response to http://localhost:8731/Service1/.',
      ],
    ],
    [
      'nginx reading something that is not HTTP from its upstream',
      'nginx_upstream_no_valid_header',
      [
        '[error] 48#48: *32 upstream sent no valid HTTP/1.0 header while reading response header from upstream',
      ],
    ],
    [
      "Envoy's reset before headers, capitalised as some clients print it",
      'envoy_upstream_reset_body',
      ['Upstream connect error or disconnect/reset before headers. reset reason: connection termination'],
    ],
    [
      "curl's HTTP/2 stream reset or not closed cleanly",
      'curl_h2_stream_reset',
      [
        'error: RPC failed; curl 56 HTTP/2 stream 5 was reset',
        'curl: (92) HTTP/2 stream 1 was not closed cleanly: PROTOCOL_ERROR (err 1)',
      ],
    ],
    [
      "Haskell's http-client getting no response on a connection",
      'haskell_no_response_data',
      ['HttpExceptionRequest Request { host = "bucket.s3.amazonaws.com" } NoResponseDataReceived'],
    ],
    [
      "the AWS SDK for Java 2's connection closed before the whole response",
      'aws_sdk_incomplete_response',
      ['java.io.IOException: Server failed to send complete response'],
    ],
    [
      'allocation failures in the words of Go, Ruby, PHP, .NET, C++, Rust, Erlang, Python and mbedTLS',
      'runtime_out_of_memory',
      [
        'fatal error: out of memory',
        '/app/lib/worker.rb:12: failed to allocate memory (NoMemoryError)',
        'PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes)',
        "Unhandled exception. System.OutOfMemoryException: Exception of type 'System.OutOfMemoryException' was thrown.",
        "terminate called after throwing an instance of 'std::bad_alloc'",
        'memory allocation of 4294967296 bytes failed',
        'eheap_alloc: Cannot allocate 1573200 bytes of memory (of type "heap").',
        'MemoryError',
        '[HTTPS:E] mbedtls_ssl_setup res=FFFF8100 (SSL - Memory allocation failed)',
      ],
    ],
    [
      'running out of descriptors in the words of Squid, Ranch, musl and a Go proxy',
      'generic_emfile',
      [
        'WARNING! Your cache is running out of filedescriptors',
        '[warning] Ranch acceptor reducing accept rate: out of file descriptors',
        'ERROR accept() failed: No file descriptors available',
        'cannot accept new connection : Too Many Files Open',
      ],
    ],
  ] as const)('reads %s as %s', (_, id, lines) => {
    for (const line of lines) expect(signaturesIn(line), line).toContain(id);
  });

  it("does not read PgBouncer's client_idle_timeout named as a setting as a closed connection", () => {
    expect(signaturesIn('client_idle_timeout does not seem to apply in session mode')).not.toContain(
      'pgbouncer_client_idle_timeout',
    );
  });

  it('does not read a memory error named in prose as an allocation failure', () => {
    expect(signaturesIn('we saw no MemoryError and the heap stayed flat')).not.toContain(
      'runtime_out_of_memory',
    );
  });

  it("does not read the words of a failed send in prose as .NET's exception", () => {
    expect(signaturesIn('We log an error occurred while sending the request to the queue')).not.toContain(
      'dotnet_send_failed',
    );
  });

  it("tells Netty's first frame from a TLS server apart from one from a server that speaks no HTTP/2", () => {
    const prefix = 'io.netty.handler.codec.http2.Http2Exception: First received frame was not SETTINGS.';
    const tls = signaturesIn(`${prefix} Hex dump for first 5 bytes: 1603010002`);
    const plain = signaturesIn(`${prefix} Hex dump for first 5 bytes: 485454502f`);
    expect(tls).toContain('netty_h2_tls_record');
    expect(tls).not.toContain('netty_h2_first_frame');
    expect(plain).toContain('netty_h2_first_frame');
    expect(plain).not.toContain('netty_h2_tls_record');
  });

  it.each([
    ['empty', ''],
    ['only newlines', '\n\n\n'],
    ['one huge line', 'x'.repeat(5 * MAX_LINE_CHARS)],
    ['pathological repetition near many literals', 'connection reset connection reset '.repeat(2000)],
    ['dotted addresses without ports', `IP ${'1.'.repeat(4000)} > 2.2.2.2.80: Flags [R]`],
    ['binary', String.fromCharCode(...Array.from({ length: 5000 }, (_, i) => i % 256))],
  ])('survives %s input', (_, text) => {
    const scan = scanner.scan(text);
    expect(scan.lineCount).toBeGreaterThanOrEqual(0);
    for (const h of scan.hits) expect(h.text.length).toBeLessThanOrEqual(401);
  });
});

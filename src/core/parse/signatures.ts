/**
 * Reset signatures across runtimes, proxies and the kernel.
 *
 * Each signature is a linear-time regex (bounded repetitions, no nested quantifiers; checked by `recheck` in
 * the test suite) plus the literals of which at least one must appear in any matching line (lower case).
 * The literals drive a single prefilter pass over the whole log, so the regexes only run on candidate lines.
 *
 * `classes` are the mechanism-level tags rules reason about (see docs/rules.md); `id`s are stable too.
 */

export type Phase = 'connect' | 'first-bytes' | 'before-response' | 'mid-body' | 'write';

export type Runtime =
  | 'node'
  | 'java'
  | 'go'
  | 'python'
  | 'dotnet'
  | 'grpc'
  | 'nginx'
  | 'envoy'
  | 'haproxy'
  | 'kernel'
  | 'kubernetes'
  | 'curl'
  | 'ruby'
  | 'rust'
  | 'php'
  | 'postgres'
  | 'redis'
  | 'uwsgi'
  | 'gunicorn'
  | 'apache';

export interface Signature {
  readonly id: string;
  readonly re: string;
  readonly flags: '' | 'i' | 'm';
  /** Literals (lower case unless caseSensitiveLiterals); every match contains at least one of them. */
  readonly literals: readonly string[];
  readonly caseSensitiveLiterals?: boolean;
  readonly classes: readonly string[];
  readonly phase?: Phase;
  readonly runtime?: Runtime;
  /** A real-looking line the regex must match (tested). */
  readonly sample: string;
}

/** Envoy access-log response flags (`%RESPONSE_FLAGS%`). */
export const ENVOY_FLAG_LIST = [
  'UAEX',
  'RLSE',
  'UMSDR',
  'UPE',
  'DPE',
  'URX',
  'UDO',
  'UH',
  'UF',
  'UO',
  'NR',
  'NC',
  'DT',
  'DC',
  'LH',
  'UT',
  'LR',
  'UR',
  'UC',
  'DI',
  'FI',
  'RL',
  'IH',
  'SI',
  'OM',
  'DF',
  'DO',
] as const;
const ENVOY_FLAGS = ENVOY_FLAG_LIST.join('|');

export const SIGNATURES: readonly Signature[] = [
  // ── Added for real-thread cases (A) ──
  {
    // servers that stop reading an upload at their size limit (Kestrel, formidable, multer, busboy)
    id: 'server_body_limit_exceeded',
    re: '\\bRequest body too large\\b|\\bmax(?:Total)?File(?:s|Size)? \\(\\d{1,12} bytes\\) exceeded|\\bmaxTotalFileSize\\b[^\\n]{0,40}\\bexceeded\\b|\\bLIMIT_FILE_SIZE\\b|\\bFile too large\\b|\\brequest body (?:size )?(?:exceeds|exceeded|is larger than)\\b',
    flags: 'i',
    literals: [
      'request body too large',
      'bytes) exceeded',
      'maxtotalfilesize',
      'limit_file_size',
      'file too large',
      'request body ',
    ],
    classes: ['body-too-large'],
    sample: 'Microsoft.AspNetCore.Server.Kestrel.Core.BadHttpRequestException: Request body too large.',
  },
  {
    // an HTTP/2 (gRPC) server reading an HTTP/1.x request: the client preface "PRI * HTTP/2.0" is missing
    id: 'h2_bad_client_preface',
    // (and an HTTP/1 server's access log answering the HTTP/2 preface, "PRI * HTTP/2.0", with a 400)
    re: '\\bConnect string mismatch\\b|\\bFailed parsing HTTP/2\\b|\\bbad client preface\\b|\\binvalid (?:HTTP/2|http2) (?:connection )?preface\\b|\\bclient preface (?:string )?(?:mismatch|missing|invalid)\\b|\\bPRI method is only allowed\\b|"PRI \\* HTTP/2\\.0" 4\\d\\d\\b',
    flags: 'i',
    literals: [
      'connect string mismatch',
      'failed parsing http/2',
      'preface',
      'pri method',
      '"pri * http/2.0" 4',
    ],
    classes: ['protocol-error'],
    phase: 'first-bytes',
    runtime: 'grpc',
    sample:
      '"description":"Connect string mismatch: expected \'P\' (80) got \'O\' (79) at byte 0","file":"src/core/ext/transport/chttp2/transport/parsing.cc"',
  },
  {
    // AMQP / messaging heartbeats not sent: the peer's I/O loop was blocked or the link dead
    id: 'amqp_missed_heartbeats',
    re: '\\bmissed heartbeats from (?:client|server)\\b|\\bheartbeat(?:s)? (?:timeout|missed|missing)\\b|\\bmissed heartbeats?\\b|\\bno heartbeat(?:s)? (?:received|in)\\b|\\bMissedHeartbeatException\\b',
    flags: 'i',
    literals: ['heartbeat'],
    classes: ['heartbeat-missed'],
    sample:
      'closing AMQP connection <0.1092.0> (10.0.0.7:50112 -> 10.0.0.9:5672): missed heartbeats from client, timeout: 60s',
  },
  {
    // Envoy response flag quoted outside an access log line ("response flag UO", "flags: UO")
    id: 'envoy_uo_flag_text',
    re: '\\bresponse[_ ]flags?:? ?"?UO\\b|\\bflag "?UO"?\\b|\\bUO (?:response )?flag\\b',
    flags: '',
    caseSensitiveLiterals: true,
    literals: ['UO'],
    classes: ['overflow'],
    runtime: 'envoy',
    sample: 'istio-proxy access log: response flag UO',
  },
  // ── Node.js ────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'node_econnreset',
    re: '\\bECONNRESET\\b',
    flags: '',
    literals: ['econnreset'],
    classes: ['reset'],
    runtime: 'node',
    sample: 'Error: read ECONNRESET\n    at TCP.onStreamRead',
  },
  {
    id: 'node_socket_hang_up',
    re: '\\bsocket hang up\\b',
    flags: 'i',
    literals: ['socket hang up'],
    classes: ['closed-before-response'],
    phase: 'before-response',
    runtime: 'node',
    sample: 'Error: socket hang up',
  },
  {
    id: 'node_epipe',
    // macOS reports the same write-after-close race as EPROTOTYPE on some releases
    re: '\\b(?:write )?EPIPE\\b|\\bwrite EPROTOTYPE\\b',
    flags: '',
    literals: ['epipe', 'write eprototype'],
    classes: ['write-failed'],
    phase: 'write',
    runtime: 'node',
    sample: 'Error: write EPIPE',
  },
  {
    id: 'node_aborted',
    re: '\\bError: aborted\\b',
    flags: '',
    literals: ['error: aborted'],
    classes: ['mid-body'],
    phase: 'mid-body',
    runtime: 'node',
    sample: 'Error: aborted\n at connResetException',
  },
  {
    id: 'undici_socket',
    re: '\\bUND_ERR_SOCKET\\b|\\bother side closed\\b',
    flags: '',
    literals: ['und_err_socket', 'other side closed'],
    classes: ['closed-before-response'],
    phase: 'before-response',
    runtime: 'node',
    sample: "TypeError: fetch failed [cause]: SocketError: other side closed { code: 'UND_ERR_SOCKET' }",
  },
  {
    id: 'node_http_parse_mismatch',
    re: '\\bHPE_INVALID_(?:CONSTANT|METHOD)\\b|Parse Error: (?:Expected HTTP/|Invalid method encountered)',
    flags: '',
    literals: ['hpe_invalid_', 'parse error: '],
    classes: ['protocol-error'],
    phase: 'first-bytes',
    runtime: 'node',
    sample: 'Error: Parse Error: Expected HTTP/, RTSP/ or ICE/ code HPE_INVALID_CONSTANT',
  },
  {
    id: 'node_eproto',
    // Node's EPROTO: OpenSSL refused the exchange (no shared protocol version or cipher, or a bad record)
    re: '(?:\\bcode\\W{1,3}EPROTO\\b|\\b(?:write|read|connect) EPROTO\\b|"errno"\\s?:\\s?"EPROTO")(?![^\\n]{0,80}wrong version number)',
    flags: '',
    literals: ['eproto'],
    classes: ['tls-handshake'],
    phase: 'first-bytes',
    runtime: 'node',
    sample: 'An error has occurred: {"code":"EPROTO","errno":"EPROTO","syscall":"write"}',
  },
  {
    id: 'node_tls_wrong_version',
    re: '\\b(?:ERR_SSL_)?WRONG_VERSION_NUMBER\\b|\\bwrong version number\\b|\\bSSL: UNKNOWN_PROTOCOL\\b|\\bhttp request\\b[^\\n]{0,40}\\bssl\\b|SSL routines:[^\\n]{0,60}:http request',
    flags: 'i',
    literals: ['wrong_version_number', 'wrong version number', 'http request', 'ssl: unknown_protocol'],
    classes: ['tls-mismatch'],
    phase: 'first-bytes',
    sample: 'Error: write EPROTO 0A00010B:SSL routines:ssl3_get_record:wrong version number',
  },
  {
    // OpenSSL 3 on the TLS side when the first bytes are an HTTP request: Node's tlsClientError
    // (ERR_SSL_HTTP_REQUEST), nginx's "SSL_do_handshake() failed (SSL: ... :http request)".
    id: 'openssl_http_request',
    re: '\\bERR_SSL_HTTP_REQUEST\\b|SSL routines:[a-z0-9_]{0,40}:http request\\b',
    flags: '',
    literals: ['err_ssl_http_request', ':http request'],
    classes: ['tls-mismatch'],
    phase: 'first-bytes',
    sample:
      'TLS handshake failed: 80ACE10AD67F0000:error:0A00009C:SSL routines:ssl3_get_record:http request:../deps/openssl/openssl/ssl/record/ssl3_record.c:341:',
  },
  {
    id: 'node_oom',
    re: 'JavaScript heap out of memory|Reached heap limit Allocation failed',
    flags: '',
    literals: ['javascript heap out of memory', 'reached heap limit'],
    classes: ['oom'],
    runtime: 'node',
    sample: 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
  },
  {
    id: 'node_unhandled_error',
    re: "Unhandled 'error' event|\\bERR_UNHANDLED_ERROR\\b|UnhandledPromiseRejection|\\buncaughtException\\b",
    flags: '',
    literals: [
      "unhandled 'error' event",
      'err_unhandled_error',
      'unhandledpromiserejection',
      'uncaughtexception',
    ],
    classes: ['crash'],
    runtime: 'node',
    sample: "node:events:491\n      throw er; // Unhandled 'error' event",
  },
  {
    id: 'node_econnrefused',
    re: '\\bECONNREFUSED\\b',
    flags: '',
    literals: ['econnrefused'],
    classes: ['refused'],
    phase: 'connect',
    sample: 'Error: connect ECONNREFUSED 10.0.0.5:8080',
  },
  {
    id: 'node_timeout',
    re: '\\bETIMEDOUT\\b|\\bESOCKETTIMEDOUT\\b|\\bUND_ERR_(?:CONNECT|HEADERS|BODY)_TIMEOUT\\b',
    flags: '',
    literals: [
      'etimedout',
      'esockettimedout',
      'und_err_connect_timeout',
      'und_err_headers_timeout',
      'und_err_body_timeout',
    ],
    classes: ['timeout'],
    sample: 'Error: connect ETIMEDOUT 10.0.0.5:443',
  },
  {
    id: 'node_connect_timeout',
    re: '\\bconnect ETIMEDOUT\\b|\\bUND_ERR_CONNECT_TIMEOUT\\b',
    flags: '',
    literals: ['connect etimedout', 'und_err_connect_timeout'],
    classes: ['connect-timeout'],
    phase: 'connect',
    runtime: 'node',
    sample: 'Error: connect ETIMEDOUT 10.0.0.5:443',
  },
  // ── Java ───────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'java_conn_reset',
    re: 'java\\.net\\.SocketException: Connection reset(?: by peer)?\\b',
    flags: '',
    literals: ['java.net.socketexception: connection reset'],
    classes: ['reset'],
    runtime: 'java',
    sample: 'java.net.SocketException: Connection reset',
  },
  {
    id: 'java_io_reset',
    re: 'java\\.io\\.IOException: Connection reset by peer\\b',
    flags: '',
    literals: ['java.io.ioexception: connection reset by peer'],
    classes: ['reset'],
    runtime: 'java',
    sample: 'java.io.IOException: Connection reset by peer',
  },
  {
    id: 'java_broken_pipe',
    re: 'java\\.(?:net\\.Socket|io\\.IO)Exception: Broken pipe\\b',
    flags: '',
    literals: ['exception: broken pipe'],
    classes: ['write-failed'],
    phase: 'write',
    runtime: 'java',
    sample: 'java.net.SocketException: Broken pipe (Write failed)',
  },
  {
    id: 'netty_native_reset',
    re: '(?:recvAddress|readAddress|writeAddress|syscall:read|syscall:writev?)\\(\\.\\.\\) failed: (?:Connection reset by peer|Broken pipe)',
    flags: '',
    literals: ['(..) failed: '],
    classes: ['reset'],
    runtime: 'java',
    sample:
      'io.netty.channel.unix.Errors$NativeIoException: recvAddress(..) failed: Connection reset by peer',
  },
  {
    id: 'reactor_premature_close',
    re: 'PrematureCloseException: Connection prematurely closed BEFORE response',
    flags: '',
    literals: ['prematurecloseexception'],
    classes: ['closed-before-response'],
    phase: 'before-response',
    runtime: 'java',
    sample:
      'reactor.netty.http.client.PrematureCloseException: Connection prematurely closed BEFORE response',
  },
  {
    id: 'reactor_premature_close_during',
    re: 'PrematureCloseException: Connection prematurely closed DURING response',
    flags: '',
    literals: ['prematurecloseexception'],
    classes: ['mid-body'],
    phase: 'mid-body',
    runtime: 'java',
    sample:
      'reactor.netty.http.client.PrematureCloseException: Connection prematurely closed DURING response',
  },
  {
    id: 'aws_sdk_incomplete_response',
    // the AWS SDK for Java 2's Netty client: the connection closed before the whole response arrived
    re: '\\bServer failed to send complete response\\b',
    flags: '',
    literals: ['server failed to send complete response'],
    classes: ['closed-before-response'],
    runtime: 'java',
    sample: 'java.io.IOException: Server failed to send complete response',
  },
  {
    id: 'haskell_no_response_data',
    // Haskell's http-client: the connection (often a pooled one the server had closed) gave no response at all
    re: '\\bNoResponseDataReceived\\b',
    flags: '',
    literals: ['noresponsedatareceived'],
    classes: ['closed-before-response', 'stale-connection'],
    phase: 'before-response',
    sample: 'HttpExceptionRequest Request { host = "bucket.s3.amazonaws.com" } NoResponseDataReceived',
  },
  {
    id: 'hc_no_response',
    re: '\\bNoHttpResponseException\\b',
    flags: '',
    literals: ['nohttpresponseexception'],
    classes: ['closed-before-response', 'stale-connection'],
    phase: 'before-response',
    runtime: 'java',
    sample: 'org.apache.http.NoHttpResponseException: The target server failed to respond',
  },
  {
    id: 'okhttp_eos',
    // OkHttp (Android's HTTP stack too): the pooled connection was closed before a response arrived
    re: '\\bunexpected end of stream\\b',
    flags: '',
    literals: ['unexpected end of stream'],
    classes: ['closed-before-response'],
    phase: 'before-response',
    runtime: 'java',
    sample: 'java.io.IOException: unexpected end of stream on http://10.0.0.5:8080/...',
  },
  {
    id: 'java_plaintext_to_tls',
    re: 'Unrecognized SSL message, plaintext connection\\?|SSLException: Unsupported or unrecognized SSL message',
    flags: '',
    literals: ['unrecognized ssl message', 'unsupported or unrecognized ssl message'],
    classes: ['tls-mismatch'],
    phase: 'first-bytes',
    runtime: 'java',
    sample: 'javax.net.ssl.SSLException: Unrecognized SSL message, plaintext connection?',
  },
  {
    id: 'java_oom',
    re: 'java\\.lang\\.OutOfMemoryError: ([A-Za-z ]{1,60})',
    flags: '',
    literals: ['java.lang.outofmemoryerror'],
    classes: ['oom'],
    runtime: 'java',
    sample: 'java.lang.OutOfMemoryError: Java heap space',
  },
  {
    id: 'java_connect_refused',
    re: 'java\\.net\\.ConnectException: Connection refused',
    flags: '',
    literals: ['connectexception: connection refused'],
    classes: ['refused'],
    phase: 'connect',
    runtime: 'java',
    sample: 'java.net.ConnectException: Connection refused (Connection refused)',
  },
  {
    id: 'java_bind_exception',
    re: 'java\\.net\\.(?:Bind|NoRouteToHost)Exception: Cannot assign requested address',
    flags: '',
    literals: ['exception: cannot assign requested address'],
    classes: ['port-exhausted'],
    phase: 'connect',
    runtime: 'java',
    sample: 'java.net.BindException: Cannot assign requested address',
  },
  {
    id: 'java_read_timeout',
    re: 'java\\.net\\.SocketTimeoutException: (?:Read timed out|timeout)',
    flags: '',
    literals: ['sockettimeoutexception'],
    classes: ['read-timeout', 'timeout'],
    runtime: 'java',
    sample: 'java.net.SocketTimeoutException: Read timed out',
  },
  {
    id: 'java_connect_timeout',
    re: 'SocketTimeoutException: connect timed out|ConnectTimeoutException',
    flags: '',
    literals: ['connect timed out', 'connecttimeoutexception'],
    classes: ['connect-timeout', 'timeout'],
    phase: 'connect',
    runtime: 'java',
    sample: 'java.net.SocketTimeoutException: connect timed out',
  },
  {
    id: 'hikari_timeout',
    re: 'Connection is not available, request timed out after \\d{1,9}ms',
    flags: '',
    literals: ['connection is not available, request timed out'],
    classes: ['pool-exhausted'],
    runtime: 'java',
    sample:
      'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.',
  },
  {
    id: 'hc_pool_timeout',
    re: 'Timeout waiting for connection from pool|ConnectionPoolTimeoutException',
    flags: '',
    literals: ['timeout waiting for connection from pool', 'connectionpooltimeoutexception'],
    classes: ['pool-exhausted'],
    runtime: 'java',
    sample: 'org.apache.http.conn.ConnectionPoolTimeoutException: Timeout waiting for connection from pool',
  },
  {
    id: 'jvm_crash',
    re: 'A fatal error has been detected by the Java Runtime Environment',
    flags: '',
    literals: ['a fatal error has been detected by the java runtime'],
    classes: ['crash'],
    runtime: 'java',
    sample: '# A fatal error has been detected by the Java Runtime Environment:',
  },
  // ── Go ─────────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'go_read_reset',
    re: '\\b(?:read|readfrom|wsarecv): connection reset by peer\\b',
    flags: '',
    literals: [': connection reset by peer'],
    classes: ['reset'],
    runtime: 'go',
    sample: 'read tcp 10.1.2.3:41234->10.4.5.6:8080: read: connection reset by peer',
  },
  {
    id: 'go_write_reset',
    re: '\\b(?:write|writeto|wsasend): connection reset by peer\\b',
    flags: '',
    literals: [': connection reset by peer'],
    classes: ['reset', 'write-failed'],
    phase: 'write',
    runtime: 'go',
    sample: 'write tcp 10.1.2.3:41234->10.4.5.6:8080: write: connection reset by peer',
  },
  {
    id: 'go_broken_pipe',
    re: '\\bwrite: broken pipe\\b',
    flags: '',
    literals: ['write: broken pipe'],
    classes: ['write-failed'],
    phase: 'write',
    runtime: 'go',
    sample: 'write tcp 10.1.2.3:8080->10.4.5.6:51000: write: broken pipe',
  },
  {
    id: 'go_server_closed_idle',
    re: '(?:net/)?http: server closed idle connection',
    flags: '',
    literals: ['server closed idle connection'],
    classes: ['closed-before-response', 'stale-connection'],
    phase: 'before-response',
    runtime: 'go',
    sample: 'Post "http://svc/x": http: server closed idle connection',
  },
  {
    id: 'go_transport_broken',
    re: 'net/http: HTTP/1\\.x transport connection broken',
    flags: '',
    literals: ['transport connection broken'],
    classes: ['closed-before-response'],
    phase: 'before-response',
    runtime: 'go',
    sample: 'net/http: HTTP/1.x transport connection broken: unexpected EOF',
  },
  {
    id: 'go_malformed_response',
    re: '\\bmalformed HTTP (?:response|status code)\\b',
    flags: '',
    literals: ['malformed http '],
    classes: ['protocol-error'],
    phase: 'first-bytes',
    runtime: 'go',
    sample: 'malformed HTTP response "\\x00\\x00\\x12\\x04"',
  },
  {
    // Python's h2 (httpx, httpcore, hyper): the connection-level GOAWAY as an event
    id: 'h2_connection_terminated',
    re: 'ConnectionTerminated error_code:(?:ErrorCodes\\.)?([A-Z_]{2,40}), last_stream_id:(\\d{1,10})',
    flags: '',
    literals: ['connectionterminated error_code'],
    classes: ['goaway'],
    sample:
      '<ConnectionTerminated error_code:ErrorCodes.NO_ERROR, last_stream_id:1999, additional_data:None>',
  },
  {
    id: 'go_goaway',
    re: 'http2: server sent GOAWAY and closed the connection; LastStreamID=(\\d{1,10}), ErrCode=([A-Z_]{2,40})',
    flags: '',
    literals: ['server sent goaway'],
    classes: ['goaway'],
    runtime: 'go',
    sample:
      'http2: server sent GOAWAY and closed the connection; LastStreamID=1999, ErrCode=NO_ERROR, debug=""',
  },
  {
    id: 'go_tls_mismatch',
    re: 'tls: first record does not look like a TLS handshake|http: server gave HTTP response to HTTPS client',
    flags: '',
    literals: [
      'first record does not look like a tls handshake',
      'server gave http response to https client',
    ],
    classes: ['tls-mismatch'],
    phase: 'first-bytes',
    runtime: 'go',
    sample: 'Get "https://x:8080": http: server gave HTTP response to HTTPS client',
  },
  {
    id: 'go_accept_emfile',
    re: '\\baccept4?: too many open files\\b',
    flags: 'i',
    literals: ['too many open files'],
    classes: ['fd-exhausted', 'accept-failed'],
    runtime: 'go',
    sample: 'http: Accept error: accept tcp [::]:8080: accept4: too many open files; retrying in 5ms',
  },
  {
    // node-postgres: the server or a proxy on the way closed the client's connection
    id: 'pg_terminated_unexpectedly',
    re: '\\bConnection terminated unexpectedly\\b',
    flags: '',
    literals: ['connection terminated unexpectedly'],
    classes: ['reset'],
    runtime: 'node',
    sample: 'Error: Connection terminated unexpectedly',
  },
  {
    // net/http's client error: the connection ended before a response ("Post \"http://x\": EOF")
    id: 'go_http_eof',
    re: '\\b(?:Get|Post|Put|Patch|Delete|Head|Options) "?[a-z][a-z0-9+.-]{1,10}://[^\\s"]{1,300}"?: (?:unexpected )?EOF\\b',
    flags: '',
    literals: [': eof', ': unexpected eof'],
    classes: ['closed-before-response'],
    phase: 'before-response',
    runtime: 'go',
    sample: 'Post "http://orders:8080/api/v1/orders": EOF',
  },
  {
    id: 'go_panic',
    // net/http recovers a handler's panic, logs "http: panic serving ADDR: ..." and aborts that connection
    re: '(?:^|\\]: |: )panic: |^fatal error: (?:all goroutines are asleep - deadlock!|concurrent map)|\\bgoroutine \\d{1,10} \\[running\\]:|\\bhttp: panic serving\\b',
    flags: 'm',
    literals: ['panic: ', 'fatal error: ', 'goroutine ', 'panic serving'],
    classes: ['crash'],
    runtime: 'go',
    sample: 'panic: runtime error: invalid memory address or nil pointer dereference',
  },
  {
    id: 'go_client_eof',
    re: '(?:Get|Post|Put|Patch|Delete|Head) "[^"\\n]{1,300}": (?:unexpected )?EOF\\b',
    flags: '',
    literals: ['eof'],
    classes: ['closed-before-response'],
    phase: 'before-response',
    runtime: 'go',
    sample: 'Post "http://orders:8080/v1/orders": EOF',
  },
  {
    id: 'go_dial_refused',
    re: '\\bdial tcp \\S{1,100}: connect: connection refused',
    flags: '',
    literals: ['connect: connection refused'],
    classes: ['refused'],
    phase: 'connect',
    runtime: 'go',
    sample: 'dial tcp 10.0.0.7:8080: connect: connection refused',
  },
  {
    id: 'go_dial_timeout',
    re: '\\bdial tcp \\S{1,100}: (?:i/o timeout|connect: connection timed out)',
    flags: '',
    literals: ['dial tcp'],
    classes: ['connect-timeout', 'timeout'],
    phase: 'connect',
    runtime: 'go',
    sample: 'dial tcp 10.0.0.7:8080: i/o timeout',
  },
  {
    id: 'go_timeout',
    re: '\\bi/o timeout\\b|context deadline exceeded|Client\\.Timeout exceeded',
    flags: '',
    literals: ['i/o timeout', 'context deadline exceeded', 'client.timeout exceeded'],
    classes: ['timeout'],
    runtime: 'go',
    sample: 'Get "http://x": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
  },
  // ── Python ─────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'py_conn_reset',
    re: "\\bConnectionResetError\\b|\\[Errno 104\\]|\\(54, 'ECONNRESET'\\)",
    flags: '',
    literals: ['connectionreseterror', '[errno 104]', "'econnreset'"],
    classes: ['reset'],
    runtime: 'python',
    sample:
      "requests.exceptions.ConnectionError: ('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))",
  },
  {
    id: 'py_broken_pipe',
    re: 'BrokenPipeError|\\[Errno 32\\] Broken pipe',
    flags: '',
    literals: ['brokenpipeerror', '[errno 32]'],
    classes: ['write-failed'],
    phase: 'write',
    runtime: 'python',
    sample: 'BrokenPipeError: [Errno 32] Broken pipe',
  },
  {
    id: 'py_remote_disconnected',
    // Python 2's httplib says BadStatusLine('') where Python 3 says RemoteDisconnected (now its subclass)
    re: 'RemoteDisconnected|Remote end closed connection without response|\\bBadStatusLine\\b',
    flags: '',
    literals: ['remotedisconnected', 'remote end closed connection without response', 'badstatusline'],
    classes: ['closed-before-response'],
    phase: 'before-response',
    runtime: 'python',
    sample: 'http.client.RemoteDisconnected: Remote end closed connection without response',
  },
  {
    id: 'py_read_timeout',
    re: 'ConnectionPool\\(host=[^)]{0,300}\\): Read timed out|ReadTimeoutError\\b|requests\\.exceptions\\.ReadTimeout\\b',
    flags: '',
    literals: ['): read timed out', 'readtimeouterror', 'requests.exceptions.readtimeout'],
    classes: ['read-timeout'],
    runtime: 'python',
    sample: "HTTPSConnectionPool(host='10.2.0.1', port=443): Read timed out. (read timeout=None)",
  },
  {
    id: 'node_mysql_connection_lost',
    re: 'PROTOCOL_CONNECTION_LOST|Connection lost: The server closed the connection',
    flags: '',
    literals: ['protocol_connection_lost', 'connection lost: the server closed'],
    classes: ['upstream-closed'],
    runtime: 'node',
    sample: 'Error: Connection lost: The server closed the connection. code: PROTOCOL_CONNECTION_LOST',
  },
  {
    id: 'py_conn_aborted',
    re: "\\('Connection aborted\\.',",
    flags: '',
    literals: ["('connection aborted.',"],
    classes: ['reset'],
    runtime: 'python',
    sample: "('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))",
  },
  {
    id: 'py_httpx_aiohttp',
    re: 'Server disconnected without sending a response\\.|ServerDisconnectedError|ClientOSError: \\[Errno 104\\]|RemoteProtocolError\\W{1,6}Server disconnected\\b',
    flags: '',
    literals: [
      'server disconnected without sending a response',
      'serverdisconnectederror',
      'clientoserror',
      'remoteprotocolerror',
    ],
    classes: ['closed-before-response'],
    phase: 'before-response',
    runtime: 'python',
    sample: 'httpx.RemoteProtocolError: Server disconnected without sending a response.',
  },
  {
    id: 'urllib3_stale',
    re: 'Resetting dropped connection: \\S{1,255}',
    flags: '',
    literals: ['resetting dropped connection'],
    classes: ['stale-connection'],
    runtime: 'python',
    sample: 'DEBUG:urllib3.connectionpool:Resetting dropped connection: orders.svc',
  },
  {
    id: 'py_refused',
    re: '\\[Errno 111\\] Connection refused|ConnectionRefusedError',
    flags: '',
    literals: ['[errno 111]', 'connectionrefusederror'],
    classes: ['refused'],
    phase: 'connect',
    runtime: 'python',
    sample: 'ConnectionRefusedError: [Errno 111] Connection refused',
  },
  {
    id: 'py_traceback',
    re: '^Traceback \\(most recent call last\\):',
    flags: 'm',
    literals: ['traceback (most recent call last)'],
    classes: ['exception'],
    runtime: 'python',
    sample: 'Traceback (most recent call last):',
  },
  {
    id: 'gunicorn_worker_timeout',
    re: '\\bWORKER TIMEOUT\\b(?: \\(pid:\\d{1,10}\\))?',
    flags: '',
    literals: ['worker timeout'],
    classes: ['worker-timeout'],
    runtime: 'gunicorn',
    sample: '[2026-01-01 10:00:00 +0000] [1] [CRITICAL] WORKER TIMEOUT (pid:42)',
  },
  {
    id: 'gunicorn_worker_killed',
    re: '\\bWorker \\(pid:\\d{1,10}\\) was sent SIGKILL!',
    flags: '',
    literals: ['was sent sigkill'],
    classes: ['sigkill'],
    runtime: 'gunicorn',
    sample:
      '[2026-01-01 10:00:05 +0000] [1] [ERROR] Worker (pid:42) was sent SIGKILL! Perhaps out of memory?',
  },
  {
    id: 'gunicorn_worker_crashed',
    re: '\\bWorker \\(pid:\\d{1,10}\\) was sent (?:SIGSEGV|SIGBUS|SIGABRT|SIGFPE|SIGILL)!',
    flags: '',
    literals: [
      'was sent sigsegv',
      'was sent sigbus',
      'was sent sigabrt',
      'was sent sigfpe',
      'was sent sigill',
    ],
    classes: ['crash'],
    runtime: 'gunicorn',
    sample: '[2026-01-01 10:00:05 +0000] [1] [ERROR] Worker (pid:42) was sent SIGSEGV!',
  },
  {
    id: 'uwsgi_worker_died',
    re: 'DAMN ! worker \\d{1,6} \\(pid: \\d{1,10}\\) died|uWSGI process \\d{1,10} got Segmentation Fault',
    flags: '',
    literals: ['damn ! worker', 'got segmentation fault'],
    classes: ['crash'],
    runtime: 'uwsgi',
    sample: 'DAMN ! worker 2 (pid: 27571) died :( trying respawn ...',
  },
  // ── .NET ───────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'wcf_connection_quota',
    // WCF's net.tcp listener closes connections past its pool quota (MaxOutboundConnectionsPerEndpoint,
    // MaxPendingConnections): a connection limit on the server side
    re: '\\bquota \\(\\d{1,9}\\) has been reached\\b|\\bMax(?:OutboundConnectionsPerEndpoint|PendingConnections|ConcurrentSessions)\\b[^\\n]{0,30}\\bquota\\b',
    flags: 'i',
    literals: [
      'has been reached',
      'maxoutboundconnectionsperendpoint',
      'maxpendingconnections',
      'maxconcurrentsessions',
    ],
    classes: ['server-conn-limit'],
    runtime: 'dotnet',
    sample:
      'MaxOutboundConnectionsPerEndpoint quota (10) has been reached, so the connection was closed and not reused by the listener.',
  },
  {
    id: 'unexpected_close_error',
    // client libraries' own names for a connection the server closed under them: MemcacheUnexpectedCloseError,
    // UnexpectedConnectionClosureException, ...
    re: '\\b[A-Z][A-Za-z]{0,30}Unexpected(?:ly)?(?:Connection)?Clos(?:e|ed|ure)(?:Error|Exception)\\b',
    flags: '',
    literals: ['unexpectedclose', 'unexpectedconnectionclos', 'unexpectedlyclosed', 'unexpectedclosure'],
    classes: ['closed-before-response'],
    phase: 'before-response',
    sample: 'pymemcache.exceptions.MemcacheUnexpectedCloseError',
  },
  {
    id: 'nats_max_payload',
    // NATS closes a client whose message is larger than the server's max_payload (1 MB by default)
    re: '\\bMaximum Payload Violation\\b|\\bmaximum payload exceeded\\b',
    flags: 'i',
    literals: ['maximum payload violation', 'maximum payload exceeded'],
    classes: ['body-too-large'],
    sample: '[ERR] 10.0.0.5:51922 - cid:12 - Maximum Payload Violation on connection [12]',
  },
  {
    id: 'kestrel_app_aborted',
    // Kestrel: the application's own code aborted the connection (HttpContext.Abort, or a framework on a
    // failure it could not answer, such as a response that failed to serialize): the caller sees a reset
    re: '\\bthe application aborted the connection\\b',
    flags: 'i',
    literals: ['the application aborted the connection'],
    classes: ['exception'],
    runtime: 'dotnet',
    sample:
      'Connection id "0HLUAOSVM8FV1", Request id "0HLUAOSVM8FV1:00000003": the application aborted the connection.',
  },
  {
    id: 'dotnet_reset',
    re: 'SocketException \\((?:104|10054)\\)|An existing connection was forcibly closed by the remote host|Unable to (?:read|write) data (?:from|to) the transport connection',
    flags: '',
    literals: [
      'socketexception (',
      'forcibly closed by the remote host',
      'data from the transport connection',
      'data to the transport connection',
    ],
    classes: ['reset'],
    runtime: 'dotnet',
    sample:
      'System.IO.IOException: Unable to read data from the transport connection: Connection reset by peer. ---> System.Net.Sockets.SocketException (104): Connection reset by peer',
  },
  {
    // SocketsHttpHandler found the connection closed, or read nothing parseable, where a response should be:
    // on a pooled connection, the server's close raced the request
    id: 'dotnet_premature',
    re: 'The response ended prematurely|The server returned an invalid or unrecognized response',
    flags: '',
    literals: ['the response ended prematurely', 'the server returned an invalid or unrecognized response'],
    classes: ['closed-before-response'],
    phase: 'before-response',
    runtime: 'dotnet',
    sample: 'System.Net.Http.HttpIOException: The response ended prematurely. (ResponseEnded)',
  },
  // ── Other runtimes and tools ───────────────────────────────────────────────────────────────────────────
  {
    id: 'ruby_econnreset',
    re: 'Errno::ECONNRESET|Errno::EPIPE|EOFError: end of file reached',
    flags: '',
    literals: ['errno::econnreset', 'errno::epipe', 'eoferror: end of file reached'],
    classes: ['reset'],
    runtime: 'ruby',
    sample: 'Errno::ECONNRESET: Connection reset by peer - SSL_connect',
  },
  {
    id: 'ruby_open_timeout',
    // Net::HTTP (and SMTP) gave up opening the TCP connection: the peer or the path did not answer the SYN
    re: '\\bNet::OpenTimeout\\b',
    flags: '',
    literals: ['net::opentimeout'],
    classes: ['connect-timeout'],
    phase: 'connect',
    runtime: 'ruby',
    sample: 'Net::OpenTimeout: execution expired',
  },
  {
    id: 'eof_error',
    // Ruby's (and Python's) EOFError: a read on a connection the peer had already closed
    re: '(?<![\\w.])EOFError\\b(?!: (?:end of file reached|Ran out of input|EOF when reading a line|Compressed file ended))',
    flags: '',
    literals: ['eoferror'],
    classes: ['closed-before-response'],
    sample: 'Kafka::ConnectionError: Connection error EOFError: EOFError',
  },
  {
    id: 'reqwest_send_error',
    // reqwest's error for a request that could not be sent on its connection (not a failed connect)
    re: '\\berror sending request(?: for url\\b)?(?![^\\n]{0,300}\\berror trying to connect\\b)',
    flags: '',
    literals: ['error sending request'],
    classes: ['closed-before-response'],
    runtime: 'rust',
    sample:
      'stream disconnected before completion: error sending request for url (http://127.0.0.1:4102/v1/responses)',
  },
  {
    id: 'rust_reset',
    re: 'Connection reset by peer \\(os error 104\\)|\\bConnectionReset\\b',
    flags: '',
    literals: ['os error 104', 'connectionreset'],
    classes: ['reset'],
    runtime: 'rust',
    sample: 'Os { code: 104, kind: ConnectionReset, message: "Connection reset by peer" }',
  },
  {
    id: 'hyper_incomplete_message',
    re: 'connection closed before message completed|\\bIncompleteMessage\\b',
    flags: '',
    literals: ['connection closed before message completed', 'incompletemessage'],
    classes: ['closed-before-response'],
    phase: 'before-response',
    runtime: 'rust',
    sample: 'hyper::Error(IncompleteMessage): connection closed before message completed',
  },
  {
    id: 'curl_recv_reset',
    re: 'curl: \\(56\\)|cURL error 56|Recv failure: Connection reset by peer',
    flags: '',
    literals: ['curl: (56)', 'curl error 56', 'recv failure'],
    classes: ['reset'],
    runtime: 'curl',
    sample: 'curl: (56) Recv failure: Connection reset by peer',
  },
  {
    id: 'curl_empty_reply',
    re: '\\bEmpty reply(?: from server)?\\b|curl: \\(52\\)',
    flags: 'i',
    literals: ['empty reply', 'curl: (52)'],
    classes: ['closed-before-response'],
    phase: 'before-response',
    runtime: 'curl',
    sample: 'curl: (52) Empty reply from server',
  },
  {
    // curl and git over libcurl: "Failed to connect to github.com port 443 (after 130 ms): Connection timed out"
    id: 'curl_connect_timeout',
    re: 'Failed to connect to \\S{1,120} port \\d{1,5}(?: \\(?after \\d{1,9} ms\\)?)?: (?:Connection|Operation) timed out',
    flags: '',
    literals: ['failed to connect to'],
    classes: ['connect-timeout'],
    phase: 'connect',
    sample:
      "fatal: unable to access 'https://github.com/org/repo/': Failed to connect to github.com port 443: Connection timed out",
  },
  {
    id: 'curl_connect_fail',
    re: 'curl: \\(7\\) Failed to connect|Could not connect to \\S{1,120}: Connection refused',
    flags: '',
    literals: ['curl: (7)', 'could not connect to'],
    classes: ['refused'],
    phase: 'connect',
    sample: 'curl: (7) Failed to connect to 10.0.0.5 port 8080 after 0 ms: Connection refused',
  },
  {
    id: 'redis_cannot_connect',
    re: 'Could not connect to Redis at \\S{1,100}: (?:Connection refused|Cannot assign requested address|Connection reset by peer)',
    flags: '',
    literals: ['could not connect to redis'],
    classes: [],
    phase: 'connect',
    runtime: 'redis',
    sample: 'Could not connect to Redis at 127.0.0.1:6379: Cannot assign requested address',
  },
  {
    id: 'server_client_disconnected',
    re: 'uwsgi_response_[a-z_]{1,40}\\(\\): Broken pipe|SIGPIPE: writing to a closed pipe/socket/fd|probably the client disconnected|\\bIOError: write error\\b|\\bclient disconnected\\b',
    flags: '',
    literals: [
      'uwsgi_response_',
      'sigpipe: writing to a closed',
      'client disconnected',
      'ioerror: write error',
    ],
    classes: ['client-abort'],
    sample:
      'uwsgi_response_writev_headers_and_body_do(): Broken pipe [core/writer.c line 306] during GET /api/report (10.0.0.7)',
  },
  {
    id: 'server_connection_limit',
    // PostgreSQL and Redshift: 'connection limit "500" exceeded for non-bootstrap users', 'too many
    // connections for role'
    re: 'max number of clients reached|\\bToo many connections\\b|too many clients already|remaining connection slots are reserved|no more connections allowed|\\bER_CON_COUNT_ERROR\\b|\\bmax_client_conn\\b|\\bconnection limit "?\\d{1,7}"? exceeded\\b|\\bconnection limit exceeded for non-(?:superusers|bootstrap users)\\b',
    flags: 'i',
    literals: [
      'connection limit',
      'max number of clients reached',
      'too many connections',
      'too many clients already',
      'remaining connection slots are reserved',
      'no more connections allowed',
      'er_con_count_error',
      'max_client_conn',
    ],
    classes: ['server-conn-limit'],
    sample: 'ReplyError: ERR max number of clients reached',
  },
  {
    id: 'http2_connection_lost',
    re: 'http2: (?:client|server) connection lost|keepalive ping failed to receive ACK|keepalive watchdog timeout',
    flags: '',
    literals: ['connection lost', 'keepalive ping failed', 'keepalive watchdog timeout'],
    classes: ['connection-lost'],
    sample: 'Get "https://api.example.com/v1/items": http2: client connection lost',
  },
  {
    id: 'header_too_large',
    re: '\\bHPE_HEADER_OVERFLOW\\b|\\b431 Request Header Fields Too Large\\b|\\bRequest Header Or Cookie Too Large\\b',
    flags: 'i',
    literals: [
      'hpe_header_overflow',
      'request header fields too large',
      'request header or cookie too large',
    ],
    classes: ['body-too-large'],
    sample: "Error: Parse Error: Header overflow\n    code: 'HPE_HEADER_OVERFLOW'",
  },
  {
    id: 'generic_socket_closed',
    re: '\\b(?:the )?socket (?:was |has been |got )?closed\\b|\\bconnection (?:was |has been )?closed (?:unexpectedly|prematurely|by the other side)\\b|\\bunexpected(?:ly)? (?:EOF|end of file)\\b|\\bUNEXPECTED_EOF_WHILE_READING\\b',
    flags: 'i',
    literals: [
      'socket was closed',
      'socket has been closed',
      'socket got closed',
      'socket closed',
      'closed unexpectedly',
      'closed prematurely',
      'closed by the other side',
      'unexpected eof',
      'unexpectedly eof',
      'unexpected end of file',
      'unexpectedly end of file',
      'unexpected_eof_while_reading',
    ],
    classes: ['closed-before-response'],
    sample: '** (Mint.TransportError) the socket was closed',
  },
  {
    id: 'generic_closed_by_server',
    re: '\\bconnection (?:was )?closed by (?:the )?(?:server|peer|remote host|remote end|foreign host)\\b',
    flags: 'i',
    literals: ['closed by'],
    classes: ['closed-before-response'],
    sample:
      "redis.exceptions.ConnectionError: Error while reading from socket: ('Connection closed by server.',)",
  },
  {
    id: 'mysql_last_packet',
    re: 'The last packet successfully received from the server was (\\d{1,3}(?:,\\d{3}){0,4}|\\d{1,12}) milliseconds ago|Communications link failure',
    flags: '',
    literals: ['the last packet successfully received', 'communications link failure'],
    classes: ['closed-before-response'],
    runtime: 'java',
    sample:
      'com.mysql.cj.jdbc.exceptions.CommunicationsException: Communications link failure\n\nThe last packet successfully received from the server was 28,800,123 milliseconds ago.',
  },
  {
    id: 'redix_disconnected',
    // Redix and Exq (Elixir): the Redis connection closed under the client, which reconnects
    re: '\\bDisconnected from Redis \\([^)\\n]{0,200}\\): (?:TCP connection closed|:closed|:tcp_closed)',
    flags: '',
    literals: ['disconnected from redis'],
    classes: ['closed-before-response'],
    sample: '23:04:52.095 [error] Disconnected from Redis (redis://h:6379): TCP connection closed',
  },
  {
    id: 'dotnet_send_failed',
    // .NET HttpClient: the request could not be sent or its answer read, most often on a pooled connection the
    // server had closed (the inner exception says reset, ended prematurely or unable to read)
    re: '\\bHttpRequestException\\)?:? ?An error occurred while sending the request',
    flags: '',
    literals: ['an error occurred while sending the request'],
    classes: ['closed-before-response'],
    runtime: 'dotnet',
    sample:
      'System.Net.Http.HttpRequestException: An error occurred while sending the request. ---> System.IO.IOException: The response ended prematurely.',
  },
  {
    id: 'sqlclient_transport_error',
    // SQL Server clients (SqlClient): the connection broke while a command waited for results
    re: '\\bA transport-level error has occurred when (?:receiving results from|sending the request to) the server',
    flags: '',
    literals: ['a transport-level error has occurred'],
    classes: ['closed-before-response'],
    phase: 'before-response',
    runtime: 'dotnet',
    sample:
      'System.Data.SqlClient.SqlException (0x80131904): A transport-level error has occurred when receiving results from the server. (provider: TCP Provider, error: 0 - An existing connection was forcibly closed by the remote host.)',
  },
  {
    id: 'net_http_persistent_resets',
    // Ruby's net-http-persistent gave up on a pooled connection the server had closed; it says how long the
    // connection had sat idle ("last used 4.6 seconds ago")
    re: 'too many connection resets \\([^)\\n]{0,120}\\) after \\d{1,9} requests on \\d{1,20}, last used (\\d{1,9}(?:\\.\\d{1,9})?) seconds ago',
    flags: '',
    literals: ['too many connection resets'],
    classes: ['stale-connection'],
    runtime: 'ruby',
    sample:
      'Net::HTTP::Persistent::Error: too many connection resets (due to closed stream - IOError) after 0 requests on 70134061992860, last used 4.616483 seconds ago',
  },
  {
    id: 'pgjdbc_io_error',
    // PostgreSQL JDBC: the connection broke while a statement was sent or its answer awaited
    re: '\\bAn I/O error occurred while sending to the backend\\b',
    flags: '',
    literals: ['an i/o error occurred while sending to the backend'],
    classes: ['closed-before-response'],
    runtime: 'java',
    sample: 'org.postgresql.util.PSQLException: An I/O error occurred while sending to the backend.',
  },
  {
    id: 'jedis_end_of_stream',
    // Jedis (Java Redis client): the server side of a pooled connection was gone when it was read
    re: '\\bJedisConnectionException: Unexpected end of stream\\b',
    flags: '',
    literals: ['unexpected end of stream'],
    classes: ['closed-before-response'],
    runtime: 'java',
    sample: 'redis.clients.jedis.exceptions.JedisConnectionException: Unexpected end of stream.',
  },
  {
    id: 'windows_connection_aborted',
    // Windows WSAECONNABORTED (10053): the local stack gave up on the connection, usually after a reset or
    // unanswered retransmissions
    re: '\\bSoftware caused connection abort\\b|\\bAn established connection was aborted by the software in your host machine\\b',
    flags: '',
    literals: ['software caused connection abort', 'aborted by the software in your host machine'],
    classes: ['reset'],
    sample: 'java.net.SocketException: Software caused connection abort: recv failed',
  },
  {
    id: 'npgsql_read_stream',
    // Npgsql (.NET PostgreSQL): the connection broke while a command waited for the server's answer
    re: '\\bException while reading from stream\\b',
    flags: '',
    literals: ['exception while reading from stream'],
    classes: ['closed-before-response'],
    phase: 'before-response',
    runtime: 'dotnet',
    sample: 'Npgsql.NpgsqlException (0x80004005): Exception while reading from stream',
  },
  {
    id: 'node_fetch_premature_close',
    // node-fetch: the connection closed before the response (or its body) was complete
    re: '\\b(?:FetchError|Error)\\b[^\\n]{0,200}\\bPremature close\\b|\\bERR_STREAM_PREMATURE_CLOSE\\b',
    flags: '',
    literals: ['premature close', 'err_stream_premature_close'],
    classes: ['closed-before-response'],
    runtime: 'node',
    sample:
      'FetchError: Invalid response body while trying to fetch https://api.example.com/v1: Premature close',
  },
  {
    id: 'pool_stale_connection',
    re: 'Failed to validate connection|This connection has been closed\\.|Possibly consider using a shorter maxLifetime|No operations allowed after connection closed|MySQL server has gone away|Lost connection to MySQL server during query|Error while sending [A-Z_]{1,20} packet|\\b(?:connection|server) (?:went|has gone|had gone) away\\b',
    flags: '',
    literals: [
      'error while sending',
      'failed to validate connection',
      'this connection has been closed',
      'shorter maxlifetime',
      'no operations allowed after connection closed',
      'mysql server has gone away',
      'lost connection to mysql server',
    ],
    classes: ['closed-before-response', 'stale-connection'],
    sample:
      'HikariPool-1 - Failed to validate connection org.postgresql.jdbc.PgConnection@5d3b (This connection has been closed.). Possibly consider using a shorter maxLifetime value.',
  },
  {
    id: 'tls_bad_record_mac',
    re: 'decryption failed or bad record mac|\\bbad record mac\\b|SSLV3_ALERT_BAD_RECORD_MAC',
    flags: 'i',
    literals: ['bad record mac', 'bad_record_mac'],
    classes: ['tls-corruption'],
    sample: 'SSL error: decryption failed or bad record mac',
  },
  {
    // libpq (psycopg2, Django, the pg gem): the connection or its TLS session to PostgreSQL ended under the client
    id: 'pg_ssl_syscall_eof',
    re: 'SSL SYSCALL error: EOF detected|server closed the connection unexpectedly|\\bSSL connection has been closed unexpectedly\\b',
    flags: '',
    literals: [
      'ssl syscall error',
      'server closed the connection unexpectedly',
      'ssl connection has been closed unexpectedly',
    ],
    classes: ['closed-before-response'],
    runtime: 'postgres',
    sample: 'SSL SYSCALL error: EOF detected',
  },
  // ── gRPC ───────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'grpc_unavailable',
    re: '\\b(?:14 UNAVAILABLE|code = Unavailable|StatusRuntimeException: UNAVAILABLE|Status\\(StatusCode="Unavailable")',
    flags: '',
    literals: ['unavailable'],
    classes: ['grpc-unavailable'],
    runtime: 'grpc',
    sample: 'rpc error: code = Unavailable desc = error reading from server: read: connection reset by peer',
  },
  {
    id: 'grpc_network_closed',
    re: 'Network closed for unknown reason',
    flags: '',
    literals: ['network closed for unknown reason'],
    classes: ['closed-before-response'],
    runtime: 'grpc',
    sample: 'io.grpc.StatusRuntimeException: UNAVAILABLE: Network closed for unknown reason',
  },
  {
    // the HTTP/2 stream ended without gRPC's trailers (grpc-status): a hop on the path does not speak gRPC
    // end to end (an HTTP/1.1 leg behind a load balancer, a proxy answering with its own page)
    id: 'grpc_no_trailers',
    re: 'server closed the stream without sending trailers',
    flags: '',
    literals: ['server closed the stream without sending trailers'],
    classes: ['protocol-error'],
    runtime: 'grpc',
    sample: 'rpc error: code = Unavailable desc = server closed the stream without sending trailers',
  },
  {
    id: 'grpc_too_many_pings',
    re: 'too_many_pings|ENHANCE_YOUR_CALM|\\btoo many pings\\b',
    flags: '',
    literals: ['too_many_pings', 'enhance_your_calm', 'too many pings'],
    classes: ['goaway', 'h2-keepalive-violation'],
    runtime: 'grpc',
    sample: 'received prior goaway: code: ENHANCE_YOUR_CALM, debug data: "too_many_pings"',
  },
  {
    id: 'grpc_goaway',
    // grpc-java names a GOAWAY with NO_ERROR (the peer closing gracefully) 'HTTP/2 error code: NO_ERROR';
    // a stream refused (REFUSED_STREAM) is kept as its code
    re: 'received prior goaway: code: (?<code>[A-Z_]{2,40})(?:, debug data: \\\\?"(?<maxAge>max_age)\\b)?|\\bGOAWAY\\b|\\bGoAway\\(|\\bReceived Goaway\\b|\\bRST_STREAM\\b|\\b(?<refused>REFUSED_STREAM)\\b|\\bHTTP/2 error code: NO_ERROR\\b',
    flags: '',
    literals: ['goaway', 'rst_stream', 'refused_stream', 'http/2 error code: no_error'],
    classes: ['goaway'],
    sample: 'received prior goaway: code: NO_ERROR, debug data: "graceful_stop"',
  },
  {
    id: 'browser_h2_refused_stream',
    // Chrome: the server refused an HTTP/2 stream (REFUSED_STREAM, or streams past a GOAWAY)
    re: '\\bERR_HTTP2_SERVER_REFUSED_STREAM\\b',
    flags: '',
    literals: ['err_http2_server_refused_stream'],
    classes: ['goaway'],
    sample: 'GET https://app.example.com/static/app.js net::ERR_HTTP2_SERVER_REFUSED_STREAM',
  },
  {
    id: 'http2_http11_required',
    // the server answered HTTP/2 with HTTP_1_1_REQUIRED (0xd): it speaks HTTP/1.1 only on that endpoint or
    // listener (no TLS to negotiate HTTP/2 by ALPN, or a protocol setting), a mismatch on every call
    re: '\\bHTTP_1_1_REQUIRED\\b',
    flags: '',
    literals: ['http_1_1_required'],
    classes: ['protocol-error'],
    sample:
      "The HTTP/2 server closed the connection. HTTP/2 error code 'HTTP_1_1_REQUIRED' (0xd). (HttpProtocolError)",
  },
  {
    id: 'mysql_ssl_connection_error',
    // the MySQL client's TLS handshake broke (ERROR 2026): often something in the path that is not MySQL
    re: '\\bERROR 2026 \\(HY000\\): SSL connection error\\b',
    flags: '',
    literals: ['error 2026 (hy000): ssl connection error'],
    classes: ['tls-handshake'],
    phase: 'first-bytes',
    sample: 'ERROR 2026 (HY000): SSL connection error: socket layer receive error',
  },
  {
    id: 'browser_spdy_error_words',
    // SPDY / HTTP/2 protocol errors a browser reports, said in words ("SPDY errors in Chrome")
    re: '\\bspdy(?:_protocol)? (?:protocol )?errors?\\b',
    flags: 'i',
    literals: ['spdy error', 'spdy protocol error', 'spdy_protocol error'],
    classes: ['protocol-error'],
    sample: 'spdy errors in Chrome',
  },
  {
    id: 'coredns_loop',
    // CoreDNS's loop plugin found its queries coming back to itself and stops the server
    re: '\\[FATAL\\] plugin/loop: Loop \\(',
    flags: '',
    literals: ['plugin/loop: loop ('],
    classes: ['crash'],
    sample:
      '[FATAL] plugin/loop: Loop (127.0.0.1:55953 -> :53) detected for zone ".", see https://coredns.io/plugins/loop#troubleshooting',
  },
  {
    id: 'oracle_lost_contact',
    // Oracle's client lost its session's connection: end-of-file on the channel, lost contact, TNS closed
    re: '\\bORA-0311[34]\\b|\\bORA-03135\\b|\\bORA-12537\\b',
    flags: '',
    literals: ['ora-03113', 'ora-03114', 'ora-03135', 'ora-12537'],
    classes: ['closed-before-response'],
    sample: 'django.db.utils.OperationalError: ORA-03113: end-of-file on communication channel',
  },
  {
    id: 'oracle_protocol_error',
    // ORA-03106: the client and server disagree on what is on the wire (often two users of one socket)
    re: '\\bORA-03106\\b',
    flags: '',
    literals: ['ora-03106'],
    classes: ['protocol-error'],
    sample: 'cx_Oracle.DatabaseError: ORA-03106: fatal two-task communication protocol error',
  },
  {
    id: 'kafka_client_disconnected',
    // kafka-python's and librdkafka's words for a broker connection the broker closed (librdkafka adds how
    // long it had been up: 'Disconnected (after 600012ms in state UP)', and '3/3 brokers are down' once all are)
    re: '<BrokerConnection[^>\\n]{0,200}>: socket disconnected\\b|\\brdkafka#[\\w-]{1,40}\\b[^\\n]{0,200}\\bDisconnected\\b|\\bkafka: broker not connected\\b|\\b[\\dX]{1,4}/[\\dX]{1,4} brokers are down\\b',
    flags: '',
    literals: ['socket disconnected', 'rdkafka#', 'kafka: broker not connected', 'brokers are down'],
    classes: ['closed-before-response'],
    sample: '<BrokerConnection host=kafka-1/10.0.0.7 port=9092>: socket disconnected',
  },
  {
    id: 'http2_closed_with_active_streams',
    // async-http (Ruby): the HTTP/2 connection went away with requests still on it, as after a GOAWAY
    re: '\\bConnection closed with \\d{1,6} active stream',
    flags: '',
    literals: ['active stream'],
    classes: ['goaway'],
    sample: 'EOFError: Connection closed with 15 active stream(s)!',
  },
  {
    id: 'netty_h2_first_frame',
    // an HTTP/2 client read something other than SETTINGS first. Bytes 15 03 or 16 03 are a TLS record from a
    // TLS-only server (netty_h2_tls_record); anything else is a server that does not speak HTTP/2 in the clear
    re: '\\bFirst received frame was not SETTINGS\\b(?!\\. Hex dump for first 5 bytes: 1[56]030[0-4])',
    flags: '',
    literals: ['first received frame was not settings'],
    classes: ['protocol-error'],
    runtime: 'java',
    sample:
      'io.netty.handler.codec.http2.Http2Exception: First received frame was not SETTINGS. Hex dump for first 5 bytes: 485454502f',
  },
  {
    id: 'netty_h2_tls_record',
    re: '\\bFirst received frame was not SETTINGS\\. Hex dump for first 5 bytes: 1[56]030[0-4]',
    flags: '',
    literals: ['first received frame was not settings'],
    classes: ['tls-mismatch'],
    runtime: 'java',
    sample:
      'io.netty.handler.codec.http2.Http2Exception: First received frame was not SETTINGS. Hex dump for first 5 bytes: 1503010002',
  },
  {
    id: 'vertx_connection_closed',
    // Vert.x (Quarkus REST client, WebClient): the pooled connection closed under the request
    re: '\\b(?:IOException|VertxException|HttpClosedException): Connection was closed\\b',
    flags: '',
    literals: ['connection was closed'],
    classes: ['closed-before-response'],
    phase: 'before-response',
    runtime: 'java',
    sample: 'jakarta.ws.rs.ProcessingException: java.io.IOException: Connection was closed',
  },
  {
    id: 'errno_104_text',
    // errno 104 (ECONNRESET on Linux) said by number: Perl's Redis client, C libraries
    re: '\\berror condition 104\\b',
    flags: 'i',
    literals: ['error condition 104'],
    classes: ['reset'],
    sample: 'Error while reading from Redis server: Unexpected error condition 104/linux',
  },
  {
    id: 'heroku_dyno_crashed',
    re: '\\bState changed from (?:up|starting) to crashed\\b',
    flags: '',
    literals: ['to crashed'],
    classes: ['crash'],
    sample: 'heroku[web.1]: State changed from up to crashed',
  },
  {
    id: 'pika_stream_lost',
    // pika (RabbitMQ, Python): the socket under the AMQP connection broke
    re: '\\bStreamLostError\\b',
    flags: '',
    literals: ['streamlosterror'],
    classes: ['reset'],
    runtime: 'python',
    sample:
      "pika.exceptions.StreamLostError: Stream connection lost: ConnectionResetError(104, 'Connection reset by peer')",
  },
  {
    id: 'conntrack_stat_insert_failed',
    // conntrack -S: entries that lost the race to be inserted (parallel UDP packets of one flow, SNAT ports)
    re: '\\binsert_failed=[1-9]\\d{0,12}\\b',
    flags: '',
    literals: ['insert_failed='],
    classes: ['conntrack-race'],
    runtime: 'kernel',
    sample:
      'cpu=0   \tsearched=630288 found=15093196 new=1346365 invalid=34 ignore=647629 delete=1408965 insert=1344752 insert_failed=92 drop=0',
  },
  {
    id: 'akka_max_open_requests',
    // Akka HTTP's host pool has every slot taken (often by responses whose entities were never consumed)
    re: '\\bExceeded configured max-open-requests value of \\[\\d{1,9}\\]',
    flags: '',
    literals: ['exceeded configured max-open-requests'],
    classes: ['pool-exhausted'],
    runtime: 'java',
    sample: 'akka.stream.BufferOverflowException: Exceeded configured max-open-requests value of [128]',
  },
  {
    id: 'dart_closed_before_header',
    // Dart's HttpClient (Flutter): the connection closed before a response header arrived
    re: '\\bConnection closed before full header was received\\b',
    flags: 'i',
    literals: ['connection closed before full header was received'],
    classes: ['closed-before-response'],
    phase: 'before-response',
    sample:
      'HttpException: Connection closed before full header was received, uri = https://api.example.com/v1/items',
  },
  {
    id: 'h2_refused_stream',
    // hyper's words for a stream the server refused (REFUSED_STREAM): more streams than it allows at once
    re: '\\bstream error received: refused stream\\b|\\brefused stream before processing\\b',
    flags: 'i',
    literals: ['refused stream'],
    classes: ['goaway'],
    sample: 'http2 error: stream error received: refused stream before processing any application logic',
  },
  {
    id: 'grpc_graceful_stop',
    // "max_age" is read by grpc_goaway: a connection at its age cap, not a server going away
    re: '"graceful_stop"|\\bgraceful_stop\\b|"max_idle"',
    flags: '',
    literals: ['graceful_stop', 'max_idle'],
    classes: ['server-drain'],
    runtime: 'grpc',
    sample: 'received prior goaway: code: NO_ERROR, debug data: "graceful_stop"',
  },
  {
    id: 'grpc_preface',
    re: 'error reading server preface|initial http2 frame from server is not a settings frame',
    flags: '',
    literals: ['server preface', 'initial http2 frame'],
    classes: ['protocol-error'],
    phase: 'first-bytes',
    runtime: 'grpc',
    sample:
      'rpc error: code = Unavailable desc = connection error: desc = "error reading server preface: EOF"',
  },
  // ── Envoy / Istio ──────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'envoy_upstream_reset_body',
    re: '[Uu]pstream connect error or disconnect/reset before headers\\.?(?: (?:retried and the latest )?reset reason: ([a-z0-9 /()_-]{1,60}?)(?:, transport failure reason: ([^\\n]{1,200}))?$)?',
    flags: 'm',
    literals: ['upstream connect error or disconnect/reset before headers'],
    classes: ['upstream-reset'],
    runtime: 'envoy',
    sample:
      'upstream connect error or disconnect/reset before headers. retried and the latest reset reason: remote connection failure, transport failure reason: delayed connect error: 111',
  },
  {
    id: 'envoy_details',
    re: '\\bupstream_reset_(before|after)_response_started\\{([^}\\n]{1,200})\\}',
    flags: '',
    literals: ['upstream_reset_'],
    classes: ['upstream-reset'],
    runtime: 'envoy',
    sample:
      '"GET /x HTTP/1.1" 503 UC upstream_reset_before_response_started{connection_termination} - "-" 0 95',
  },
  {
    id: 'envoy_flag_text',
    re: `" (\\d{3}) ((?:${ENVOY_FLAGS})(?:,[A-Z]{2,5}){0,6}) (?:([a-z_]{1,80}(?:\\{[^}\\s"]{0,200}\\})?|-) |\\d)`,
    flags: '',
    caseSensitiveLiterals: true,
    literals: ENVOY_FLAG_LIST.flatMap((f) => [` ${f} `, ` ${f},`]),
    classes: [],
    runtime: 'envoy',
    sample:
      '[2022-04-24T12:23:37.047Z] "GET /wrong HTTP/1.1" 502 UPE upstream_reset_before_response_started{protocol_error} - "-" 0 87 1001 -',
  },
  {
    id: 'envoy_overflow',
    // The router's own log line names the limit: "cluster 'x' match for URL '/y' ... max requests overflow"
    re: 'reset reason: overflow|\\bupstream_(?:rq_pending|cx|cx_pool|rq_retry)_overflow\\b|\\bcircuit[ _-]?breakers?\\b|\\bmax (?:pending requests|requests|connections|retries) overflow\\b',
    flags: 'i',
    literals: ['reset reason: overflow', '_overflow', 'circuit', ' overflow'],
    classes: ['overflow'],
    sample: 'upstream connect error or disconnect/reset before headers. reset reason: overflow',
  },
  {
    id: 'envoy_no_healthy_upstream',
    re: '\\bno healthy upstream\\b',
    flags: 'i',
    literals: ['no healthy upstream'],
    classes: ['no-upstream'],
    runtime: 'envoy',
    sample: 'no healthy upstream',
  },
  // ── nginx ──────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'nginx_recv_reset',
    re: '\\b(?:recv|readv|send|writev|sendfile|SSL_read|SSL_write|SSL_do_handshake)\\(\\) failed \\((104|32): (?:Connection reset by peer|Broken pipe)\\)(?: while ([a-z ]{1,60}))?',
    flags: '',
    literals: ['() failed (104', '() failed (32'],
    classes: ['reset'],
    runtime: 'nginx',
    sample:
      '2026/01/01 10:00:00 [error] 31#31: *123 recv() failed (104: Connection reset by peer) while reading response header from upstream, client: 10.0.0.1',
  },
  {
    id: 'nginx_upstream_premature',
    re: '\\bupstream prematurely closed (?:FastCGI stdout|connection)(?: while (reading response header|reading upstream|sending request))?',
    flags: '',
    literals: ['upstream prematurely closed'],
    classes: ['upstream-closed'],
    runtime: 'nginx',
    sample:
      'upstream prematurely closed connection while reading response header from upstream, client: 10.0.0.1',
  },
  {
    id: 'nginx_client_premature',
    re: '\\bclient prematurely closed connection\\b',
    flags: '',
    literals: ['client prematurely closed connection'],
    classes: ['client-abort'],
    runtime: 'nginx',
    sample: 'client prematurely closed connection while sending to client',
  },
  {
    id: 'nginx_no_live_upstreams',
    re: '\\bno live upstreams\\b',
    flags: '',
    literals: ['no live upstreams'],
    classes: ['no-upstream'],
    runtime: 'nginx',
    sample: 'no live upstreams while connecting to upstream, client: 10.0.0.1',
  },
  {
    id: 'nginx_worker_connections',
    re: '\\bworker_connections (?:are|is) not enough\\b',
    flags: '',
    literals: ['worker_connections'],
    classes: ['proxy-conn-limit'],
    runtime: 'nginx',
    sample: '2020/10/13 01:25:57 [alert] 4715#0: 1024 worker_connections are not enough',
  },
  {
    id: 'nginx_body_too_large',
    re: 'client intended to send too large (?:chunked )?body',
    flags: '',
    literals: ['client intended to send too large'],
    classes: ['body-too-large'],
    runtime: 'nginx',
    sample: '*9 client intended to send too large body: 10485760 bytes',
  },
  {
    id: 'nginx_connect_fail',
    re: '\\bconnect\\(\\) (?:to [^\\n]{1,80}? )?failed \\((111|113|110|99|24): ([A-Za-z ]{1,40})\\)',
    flags: '',
    literals: ['connect() '],
    classes: [],
    phase: 'connect',
    runtime: 'nginx',
    sample: 'connect() failed (111: Connection refused) while connecting to upstream',
  },
  {
    // a unix socket's accept queue is full: connect() fails with EAGAIN instead of waiting
    id: 'nginx_unix_backlog_full',
    re: '\\bconnect\\(\\) to unix:\\S{1,200} failed \\(11: Resource temporarily unavailable\\)',
    flags: '',
    literals: ['connect() to unix:'],
    classes: ['listen-overflow'],
    phase: 'connect',
    runtime: 'nginx',
    sample:
      'connect() to unix:/run/app/app.sock failed (11: Resource temporarily unavailable) while connecting to upstream',
  },
  {
    // proxy_read_timeout on a WebSocket or other upgraded connection: nothing came from the upstream for
    // that long, so nginx closed it (client-to-server pings do not count)
    id: 'nginx_upgraded_timeout',
    re: '\\bupstream timed out \\(110: (?:Connection|Operation) timed out\\) while proxying upgraded connection',
    flags: '',
    literals: ['while proxying upgraded connection'],
    classes: ['proxy-timeout'],
    runtime: 'nginx',
    sample:
      '2019/10/01 02:33:15 [info] 27#27: *519 upstream timed out (110: Connection timed out) while proxying upgraded connection',
  },
  {
    id: 'nginx_upstream_timeout',
    re: '\\bupstream timed out \\(110: (?:Connection|Operation) timed out\\) while (connecting to|reading response header from|reading|sending request to) upstream',
    flags: '',
    literals: ['upstream timed out'],
    classes: ['timeout'],
    runtime: 'nginx',
    sample:
      'upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.0.0.1',
  },
  {
    id: 'exited_on_signal',
    re: '\\bexited on signal (\\d{1,2})\\b|\\bkilled by signal (\\d{1,2})\\b|\\bterminated by signal (\\d{1,2})\\b',
    flags: '',
    literals: ['exited on signal', 'killed by signal', 'terminated by signal'],
    classes: [],
    sample: 'worker process 79228 exited on signal 9',
  },
  {
    id: 'php_fpm_timeout',
    re: 'execution timed out \\(\\d{1,6}\\.\\d{1,6} sec\\), terminating|\\brequest_terminate_timeout\\b',
    flags: '',
    literals: ['execution timed out', 'request_terminate_timeout'],
    classes: ['worker-timeout'],
    sample:
      'WARNING: [pool www] child 3120, script \'/var/www/index.php\' (request: "POST /index.php") execution timed out (30.000621 sec), terminating',
  },
  // ── HAProxy ────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'haproxy_httplog_termstate',
    re: ' (\\d{3}) (\\d{1,15}) \\S{1,64} \\S{1,64} ([CSPRDKcs][RQCHDT][NIDVEOU-][NIUPRD-]) \\d{1,9}/\\d{1,9}/\\d{1,9}/\\d{1,9}/\\+?\\d{1,9} ',
    flags: '',
    caseSensitiveLiterals: true,
    literals: [...'CSPRDKcs'].flatMap((a) => [...'RQCHDT'].map((b) => ` ${a}${b}`)),
    classes: [],
    runtime: 'haproxy',
    sample:
      'haproxy[14389]: 10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/109 502 204 - - SH-- 1/1/1/1/0 0/0 "GET /index.html HTTP/1.1"',
  },
  // ── Generic (any runtime) ──────────────────────────────────────────────────────────────────────────────
  {
    id: 'generic_conn_reset',
    re: '\\bconnection reset(?: by peer)?\\b|\\bconnection was reset\\b',
    flags: 'i',
    literals: ['connection reset', 'connection was reset'],
    classes: ['reset'],
    sample: 'Connection reset by peer',
  },
  {
    id: 'generic_broken_pipe',
    re: '\\bbroken pipe\\b',
    flags: 'i',
    literals: ['broken pipe'],
    classes: ['write-failed'],
    phase: 'write',
    sample: 'Broken pipe',
  },
  {
    id: 'generic_refused',
    // MySQL clients say it as error 2003 with the errno in brackets: (111) on Linux, (10061) on Windows
    re: '\\bconnection refused\\b|\\bCan.t connect to (?:local )?MySQL server\\b[^\\n]{0,80}\\((?:111|10061)\\)',
    flags: 'i',
    literals: ['connection refused', 'connect to mysql server', 'connect to local mysql server'],
    classes: ['refused'],
    phase: 'connect',
    sample: 'dial tcp 10.0.0.7:8080: connect: connection refused',
  },
  {
    id: 'haproxy_fd_limit',
    re: '\\breached (?:process|system) FD limit\\b|\\bmaxsock=\\d{1,9}\\)?\\. Please check .ulimit-n',
    flags: 'i',
    literals: ['fd limit', 'maxsock='],
    classes: ['fd-exhausted'],
    runtime: 'haproxy',
    sample:
      "haproxy[110]: Proxy tcp-443 reached process FD limit (maxsock=37563). Please check 'ulimit-n' and restart.",
  },
  {
    id: 'fd_setsize_abort',
    // select() cannot watch a descriptor numbered 1024 or more: libc aborts the process
    re: '\\bfile descriptor >= FD_SETSIZE\\b|\\bFD_SETSIZE\\b[^\\n]{0,40}\\babort',
    flags: 'i',
    literals: ['fd_setsize'],
    classes: ['fd-exhausted', 'crash'],
    sample: 'FORTIFY_SOURCE: FD_SET: file descriptor >= FD_SETSIZE. Calling abort().',
  },
  {
    id: 'generic_emfile',
    re: '\\btoo many (?:open files|files open)\\b|\\bEMFILE\\b|\\[Errno 24\\]|\\bENFILE\\b|file table overflow|\\bNo file descriptors available\\b|\\bout of file ?descriptors\\b',
    flags: 'i',
    literals: [
      'too many open files',
      'too many files open',
      'emfile',
      '[errno 24]',
      'enfile',
      'file table overflow',
      'no file descriptors available',
      'out of file descriptors',
      'out of filedescriptors',
    ],
    classes: ['fd-exhausted'],
    sample: 'OSError: [Errno 24] Too many open files',
  },
  {
    id: 'generic_accept_failed',
    re: '\\baccept4?(?:\\(\\))? (?:call |on [^\\n]{1,60}? )?failed|Error from accept\\(\\) call|\\baccept error\\b',
    flags: 'i',
    literals: [
      'accept failed',
      'accept() failed',
      'accept4',
      'accept call failed',
      'accept on ',
      'error from accept',
      'accept error',
    ],
    classes: ['accept-failed'],
    sample: 'Error from accept() call: Too many open files',
  },
  {
    id: 'generic_eaddrnotavail',
    // Windows says it as WSAEADDRINUSE (10048) when a connect finds no free local port
    re: '\\bcannot assign requested address\\b|\\bEADDRNOTAVAIL\\b|\\[Errno 99\\]|\\bEADDRINUSE\\b|\\bOnly one usage of each socket address\\b|\\bonly one use of each socket address\\b|\\bWSAEADDRINUSE\\b|\\baddress not available \\(os error 99\\)',
    flags: 'i',
    literals: [
      'cannot assign requested address',
      'eaddrnotavail',
      '[errno 99]',
      'eaddrinuse',
      'only one usage of each socket address',
      'only one use of each socket address',
      'address not available (os error 99)',
    ],
    classes: ['port-exhausted'],
    phase: 'connect',
    sample: 'Error: connect EADDRNOTAVAIL 10.0.0.5:443 - Local (0.0.0.0:0)',
  },
  {
    id: 'generic_payload_too_large',
    re: 'PayloadTooLargeError|request entity too large|MaxUploadSizeExceededException|\\b413 (?:Payload|Request Entity) Too Large\\b|\\bContent Too Large\\b|\\bpayload too large\\b',
    flags: 'i',
    literals: ['payloadtoolargeerror', 'entity too large', 'maxuploadsizeexceeded', 'too large'],
    classes: ['body-too-large'],
    sample: 'PayloadTooLargeError: request entity too large',
  },
  {
    id: 'process_fatal_signal',
    // a process reporting (or its supervisor reporting) a fatal signal: MySQL's 'mysqld got signal 11', Go's
    // exec 'signal: aborted', 'killed by signal SIGSEGV'; SIGKILL is left out (it is often the OOM killer)
    re: '\\bgot signal (?:4|6|7|8|11)\\b|\\bsignal: (?:aborted|segmentation fault|bus error|illegal instruction|floating point exception)\\b|\\bkilled by signal (?:SIG(?:SEGV|ABRT|BUS|ILL|FPE)|4|6|7|8|11)\\b',
    flags: 'i',
    literals: ['got signal', 'signal: ', 'killed by signal'],
    classes: ['crash'],
    sample: 'Envoy exited with error: signal: aborted',
  },
  {
    id: 'request_header_too_large',
    // the server refuses the request line or headers as too long, before reading the rest of the request
    re: '\\b414 (?:Request-)?URI Too (?:Long|Large)\\b|\\b(?:request-)?URI (?:is )?too long\\b|\\bRequest Header Or Cookie Too Large\\b|\\b431 Request Header Fields Too Large\\b',
    flags: 'i',
    literals: [
      'uri too long',
      'uri too large',
      'uri is too long',
      'header or cookie too large',
      'header fields too large',
    ],
    classes: ['body-too-large'],
    sample: '<head><title>414 Request-URI Too Large</title></head>',
  },
  {
    id: 'linkerd_load_shed',
    // Linkerd (and Conduit before it) sheds load when its queue or router is full, answering 503 itself
    re: '\\brouter at capacity \\(\\d{1,7}\\)|\\bloadshed\\b|\\bservice in fail-fast\\b',
    flags: 'i',
    literals: ['router at capacity', 'loadshed', 'service in fail-fast'],
    classes: ['overflow'],
    sample:
      'ERR! proxy={server=out listen=127.0.0.1:4140} conduit_proxy router at capacity (100); returning a 503',
  },
  {
    id: 'jetty_unread_request_close',
    // Jetty's debug log: it closes the connection because the request body was not read to its end
    re: '\\bClosing for incompletely read request\\b',
    flags: '',
    literals: ['closing for incompletely read request'],
    classes: ['early-response'],
    runtime: 'java',
    sample: 'DEBUG o.e.j.s.HttpChannelState - Closing for incompletely read request',
  },
  {
    id: 'generic_segfault',
    // R says it as '*** caught segfault ***' before 'R is aborting now'
    re: '\\bsegmentation fault\\b|\\bSIGSEGV\\b|\\bcore dumped\\b|\\bcaught segfault\\b|\\bR is aborting now\\b',
    flags: 'i',
    literals: ['segmentation fault', 'sigsegv', 'core dumped', 'caught segfault', 'r is aborting now'],
    classes: ['crash'],
    sample: 'Segmentation fault (core dumped)',
  },
  {
    // Name resolution failing: on busy Kubernetes nodes DNS over UDP is the first casualty of a full
    // conntrack table or its insert races (lookups time out), before established connections suffer.
    id: 'dns_resolution_failure',
    re: '\\bTemporary failure in name resolution\\b|\\bgetaddrinfo (?:EAI_AGAIN|ENOTFOUND)\\b|\\bName or service not known\\b|\\bCould not resolve host\\b|\\bno such host\\b|\\bUnknownHostException\\b|:53: i/o timeout\\b',
    flags: 'i',
    literals: [
      'temporary failure in name resolution',
      'getaddrinfo',
      'name or service not known',
      'could not resolve host',
      'no such host',
      'unknownhostexception',
      'i/o timeout',
    ],
    classes: ['dns-failure'],
    phase: 'connect',
    sample:
      'dial tcp: lookup api.internal on 10.96.0.10:53: read udp 10.0.3.7:51234->10.96.0.10:53: i/o timeout',
  },
  {
    // curl's TLS errors: the handshake did not complete (reset, a stall that timed out, an alert)
    id: 'curl_ssl_connect_error',
    re: '\\bcurl: \\(35\\)|\\bUnknown SSL protocol error in connection\\b',
    flags: 'i',
    literals: ['curl: (35)', 'unknown ssl protocol error'],
    classes: ['tls-handshake'],
    phase: 'first-bytes',
    sample: 'curl: (35) Unknown SSL protocol error in connection to api.rubygems.org:443',
  },
  {
    // WCF: the service aborted the HTTP response it was writing, most often because serialising it threw
    id: 'wcf_response_aborted',
    re: '\\bAn error occurred while receiving the HTTP response to\\b',
    flags: 'i',
    literals: ['an error occurred while receiving the http response to'],
    classes: ['closed-before-response'],
    runtime: 'dotnet',
    sample:
      'System.ServiceModel.CommunicationException: An error occurred while receiving the HTTP response to http://localhost:8731/Service1/. This could be due to the service endpoint binding not using the HTTP protocol.',
  },
  {
    // .NET Framework's HttpWebRequest on a pooled (ServicePoint) connection the other side had closed
    id: 'dotnet_underlying_connection_closed',
    re: '\\bThe underlying connection was closed\\b',
    flags: 'i',
    literals: ['the underlying connection was closed'],
    classes: ['closed-before-response'],
    runtime: 'dotnet',
    sample:
      'System.Net.WebException: The underlying connection was closed: A connection that was expected to be kept alive was closed by the server.',
  },
  {
    // Go: this process closed the connection itself and still reads or writes it (a bug in the caller or
    // its library), not a reset from the peer
    id: 'go_use_of_closed_connection',
    re: '\\buse of closed network connection\\b',
    flags: '',
    literals: ['use of closed network connection'],
    classes: ['used-after-close'],
    runtime: 'go',
    sample: 'read tcp 172.30.210.115:58694->172.21.107.127:443: use of closed network connection',
  },
  {
    // a read that found the stream at its end: Oracle JDBC's "No more data to read from socket", ServiceStack.Redis
    id: 'no_more_data',
    re: '\\bNo more data(?: to read from socket)?\\b',
    flags: 'i',
    literals: ['no more data'],
    classes: ['closed-before-response'],
    sample: 'java.sql.SQLRecoverableException: No more data to read from socket',
  },
  {
    // the AWS SDK for JavaScript v3: every socket of its pool is busy (bodies never read or never destroyed)
    id: 'aws_sdk_socket_capacity',
    re: 'socket usage at capacity=\\d{1,6} and \\d{1,9} additional requests are enqueued',
    flags: 'i',
    literals: ['socket usage at capacity='],
    classes: ['pool-exhausted'],
    sample: 'socket usage at capacity=50 and 1098 additional requests are enqueued.',
  },
  {
    // Go's client reading a response the server sent on an idle keep-alive connection: the server answered
    // (an early error status) without reading a request, then closed
    id: 'go_unsolicited_response',
    re: 'Unsolicited response received on idle HTTP channel',
    flags: '',
    literals: ['unsolicited response received on idle http channel'],
    classes: ['early-response'],
    runtime: 'go',
    sample:
      'Unsolicited response received on idle HTTP channel starting with "HTTP/1.1 503 Service Unavailable"; err=<nil>',
  },
  {
    // Azure Functions' host stopped for holding more outbound connections than its plan allows (600 on Consumption)
    id: 'azure_functions_connection_threshold',
    re: '\\bHost thresholds exceeded: \\[[^\\]\\n]{0,60}\\bConnections\\b',
    flags: '',
    literals: ['host thresholds exceeded: ['],
    classes: ['port-exhausted'],
    phase: 'connect',
    sample:
      'System.InvalidOperationException : Host thresholds exceeded: [Connections]. For more information, see https://aka.ms/functions-thresholds.',
  },
  {
    // Windows (WSAENOBUFS, 10055) and libuv there: a connect fails for want of a local port or socket buffer,
    // which on Windows is what running out of ephemeral ports looks like
    id: 'windows_enobufs',
    re: '\\bconnect ENOBUFS\\b|\\bWSAENOBUFS\\b|lacked sufficient buffer space or because a queue was full',
    flags: 'i',
    literals: ['connect enobufs', 'wsaenobufs', 'lacked sufficient buffer space'],
    classes: ['port-exhausted'],
    phase: 'connect',
    sample:
      'System.Net.Sockets.SocketException (10055): An operation on a socket could not be performed because the system lacked sufficient buffer space or because a queue was full.',
  },
  {
    // OpenVPN: the TLS handshake of the tunnel did not complete (packets lost on the path, or blocked)
    id: 'openvpn_tls_negotiation_failed',
    re: 'TLS key negotiation failed to occur within \\d{1,4} seconds',
    flags: '',
    literals: ['tls key negotiation failed'],
    classes: ['tls-handshake-timeout', 'timeout'],
    phase: 'first-bytes',
    sample:
      'TLS Error: TLS key negotiation failed to occur within 60 seconds (check your network connectivity)',
  },
  {
    // psycopg2 using a connection that was closed under it earlier (by the server, or a middlebox's idle timeout)
    id: 'psycopg_connection_already_closed',
    re: '\\bconnection already closed\\b',
    flags: 'i',
    literals: ['connection already closed'],
    classes: ['stale-connection'],
    sample: 'psycopg2.InterfaceError: connection already closed',
  },
  {
    // database and cache drivers using a connection the other side (or a failure) already closed
    id: 'driver_connection_closed',
    re: '\\bConnection is closed\\b',
    flags: 'i',
    literals: ['connection is closed'],
    classes: ['closed-before-response'],
    sample: 'ReqlRuntimeError: Connection is closed in: r.table("user").insert({...})',
  },
  {
    // glibc aborting a process whose heap is corrupt (a native extension, a use after free): the process dies
    id: 'glibc_heap_abort',
    re: '\\*\\*\\* glibc detected \\*\\*\\*|\\b(?:malloc|free|realloc|malloc_consolidate)\\(\\): (?:invalid|corrupted|memory corruption|unaligned)|\\bdouble free or corruption\\b|\\bcorrupted size vs\\. prev_size\\b',
    flags: '',
    literals: [
      'glibc detected',
      '(): invalid',
      '(): corrupted',
      '(): memory corruption',
      '(): unaligned',
      'double free or corruption',
      'corrupted size vs. prev_size',
    ],
    classes: ['crash'],
    sample: '*** glibc detected *** puma 3.6.2 [app]: realloc(): invalid next size: 0x00007fd4806c8f90 ***',
  },
  {
    id: 'generic_bad_gateway',
    re: '\\b(502|503|504) (?:Bad Gateway|Service Unavailable|Service Temporarily Unavailable|Gateway Time-?out)\\b',
    flags: 'i',
    literals: ['bad gateway', 'service unavailable', 'service temporarily unavailable', 'gateway time'],
    classes: ['gateway-error'],
    sample: '<head><title>502 Bad Gateway</title></head>',
  },
  {
    id: 'apache_proxy_status_line',
    // Apache mod_proxy lost the backend connection before the status line (AH01102); mod_proxy reuses
    // backend connections by default, so a pooled one the backend had closed is the first suspect
    re: '\\bAH01102\\b|\\berror reading status line from remote server\\b',
    flags: 'i',
    literals: ['ah01102', 'error reading status line from remote server'],
    classes: ['upstream-closed'],
    phase: 'before-response',
    runtime: 'apache',
    sample:
      '[proxy_http:error] [pid 2580] (104)Connection reset by peer: [client 127.0.0.1:27917] AH01102: error reading status line from remote server 127.0.0.1:3000',
  },
  {
    id: 'apache_ajp_backend_closed',
    // Apache's AJP connectors to Tomcat: mod_proxy_ajp (AH00992 ajp_ilink_receive failed, AH00877 read zero
    // bytes) and mod_jk (can't receive the response message from tomcat) read nothing back on a pooled
    // connection the backend, or something between, had closed
    re: "\\bajp_ilink_receive failed\\b|\\bAH0099[27]\\b|\\bAH00877\\b|\\bread zero bytes, expecting \\d{1,9} bytes\\b|\\bCan't receive the response message from tomcat\\b|\\bTomcat is down or refused connection\\b|\\bajp_connection_tcp_get_message::|\\bajp_get_reply::",
    flags: 'i',
    literals: [
      'ajp_ilink_receive failed',
      'ah00992',
      'ah00997',
      'ah00877',
      'read zero bytes, expecting',
      "can't receive the response message from tomcat",
      'tomcat is down or refused connection',
      'ajp_connection_tcp_get_message::',
      'ajp_get_reply::',
    ],
    classes: ['upstream-closed'],
    phase: 'before-response',
    runtime: 'apache',
    sample:
      '[proxy_ajp:error] [pid 25957] [client 10.87.154.220:56452] AH00992: ajp_read_header: ajp_ilink_receive failed',
  },
  {
    id: 'tls_handshake_failure',
    re: 'SSL_ERROR_SYSCALL|TLS handshake error|ssl handshake failure|handshake_failure|alert handshake failure|TLS error from peer \\(alert code|tlsv1 alert internal error|\\b(?:TLS|SSL) handshake failed\\b',
    flags: 'i',
    literals: [
      'ssl_error_syscall',
      'tls handshake error',
      'handshake failure',
      'handshake_failure',
      'tls error from peer (alert code',
      'tlsv1 alert internal error',
      'handshake failed',
    ],
    classes: ['tls-handshake'],
    phase: 'first-bytes',
    sample: 'OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to api.example.com:443',
  },
  {
    id: 'tls_handshake_timeout',
    re: '(?:TLS|SSL) handshake timed? ?out|handshake timed out|SSLHandshakeException: Read timed out',
    flags: 'i',
    literals: [
      'handshake timeout',
      'handshake time out',
      'handshake timed out',
      'sslhandshakeexception: read timed out',
    ],
    classes: ['tls-handshake', 'tls-handshake-timeout', 'timeout'],
    phase: 'first-bytes',
    sample: 'Get "https://10.96.0.1:443/api": net/http: TLS handshake timeout',
  },
  {
    id: 'node_tls_disconnected',
    re: 'Client network socket disconnected before secure TLS connection was established',
    flags: '',
    literals: ['client network socket disconnected before secure tls'],
    classes: ['tls-handshake', 'closed-before-response'],
    phase: 'first-bytes',
    runtime: 'node',
    sample: 'Error: Client network socket disconnected before secure TLS connection was established',
  },
  {
    id: 'tls_version_mismatch',
    re: 'SSLEOFError|EOF occurred in violation of protocol|\\bunsupported protocol\\b|no protocols available|tlsv1 alert protocol version|\\bprotocol version\\b[^\\n]{0,30}\\balert\\b|ERR_SSL_UNSUPPORTED_PROTOCOL|UNSUPPORTED_PROTOCOL|no shared cipher|\\bNo appropriate protocol \\(protocol is disabled or cipher suites are inappropriate\\)',
    flags: 'i',
    literals: [
      'ssleoferror',
      'eof occurred in violation of protocol',
      'unsupported protocol',
      'no protocols available',
      'alert protocol version',
      'protocol version',
      'unsupported_protocol',
      'no shared cipher',
      'no appropriate protocol',
    ],
    classes: ['tls-version'],
    phase: 'first-bytes',
    sample: 'ssl.SSLEOFError: EOF occurred in violation of protocol (_ssl.c:2426)',
  },
  {
    id: 'envoy_upstream_timeout',
    re: '\\bupstream request timeout\\b|\\bupstream_response_timeout\\b',
    flags: '',
    literals: ['upstream request timeout', 'upstream_response_timeout'],
    classes: ['read-timeout', 'proxy-timeout'],
    runtime: 'envoy',
    sample: 'HTTP/1.1 504 Gateway Timeout\ncontent-length: 24\n\nupstream request timeout',
  },
  {
    id: 'http_to_https_400',
    re: 'Client sent an HTTP request to an HTTPS server|The plain HTTP request was sent to HTTPS port|speaking plain HTTP to an SSL-enabled server port',
    flags: 'i',
    literals: [
      'http request to an https server',
      'plain http request was sent to https port',
      'plain http to an ssl-enabled',
    ],
    classes: ['tls-mismatch'],
    phase: 'first-bytes',
    sample: 'HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.',
  },
  // ── Kernel ─────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'kernel_conntrack_full',
    re: 'nf_conntrack: ?(?:nf_conntrack: ?)?table full, ?dropping packet|ip_conntrack: table full|\\bnf_conntrack:? table (?:is )?full\\b',
    flags: '',
    literals: ['table full'],
    classes: ['conntrack-full'],
    runtime: 'kernel',
    sample: 'kernel: nf_conntrack: nf_conntrack: table full, dropping packet',
  },
  {
    id: 'kernel_syn_flood',
    re: 'Possible SYN flooding on port \\S{1,64}\\. (Sending cookies|Dropping request)',
    flags: '',
    literals: ['syn flooding'],
    classes: ['listen-overflow'],
    runtime: 'kernel',
    sample:
      'TCP: request_sock_TCP: Possible SYN flooding on port 8080. Sending cookies.  Check SNMP counters.',
  },
  {
    id: 'listen_overflow_counter',
    re: '\\bListenOverflows\\b|\\bListenDrops\\b|times the listen queue of a socket overflowed|SYNs to LISTEN sockets dropped',
    flags: 'i',
    literals: [
      'listenoverflows',
      'listendrops',
      'listen queue of a socket overflowed',
      'syns to listen sockets dropped',
    ],
    classes: ['listen-overflow'],
    runtime: 'kernel',
    sample: '    3631 times the listen queue of a socket overflowed',
  },
  {
    id: 'kernel_oom_kill',
    // the call trace and cgroup lines of the same report count too: oom_kill_process+0x.., 'killed as a result of limit of'
    re: '(Out of memory|Memory cgroup out of memory): Kill(?:ed)? process (\\d{1,10}) \\(([^)\\n]{1,64})\\)|\\boom-kill:|\\binvoked oom-killer\\b|\\boom_kill_process\\+0x|\\bkilled as a result of limit of\\b',
    flags: '',
    literals: ['out of memory', 'oom-kill', 'oom_kill_process+0x', 'killed as a result of limit of'],
    classes: ['oom'],
    runtime: 'kernel',
    sample:
      'Memory cgroup out of memory: Killed process 4242 (node) total-vm:1234kB, anon-rss:1000kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:100kB oom_score_adj:999',
  },
  {
    id: 'kernel_tcp_mem',
    // MPTCP says it as 'MPTCP: out of memory: force closing socket'
    re: '\\bTCP: (?:too many orphaned sockets|out of memory\\b)|\\bOut of socket memory\\b|\\bout of memory: force closing socket\\b',
    flags: 'i',
    literals: [
      'too many orphaned sockets',
      'tcp: out of memory',
      'out of socket memory',
      'force closing socket',
    ],
    classes: ['tcp-memory'],
    runtime: 'kernel',
    sample: 'TCP: out of memory -- consider tuning tcp_mem',
  },
  {
    id: 'kernel_memcg_limit_hit',
    // the memory cgroup report the kernel prints before an OOM kill: usage at the limit, failcnt counting
    re: '\\bmemory: usage \\d{1,15}kB, limit \\d{1,15}kB, failcnt [1-9]\\d{0,15}\\b',
    flags: '',
    literals: ['memory: usage'],
    classes: ['oom'],
    runtime: 'kernel',
    sample: 'kernel: memory: usage 131072kB, limit 131072kB, failcnt 2814',
  },
  {
    id: 'kernel_segfault',
    re: '\\bsegfault at [0-9a-f]{1,16} ip [0-9a-f]{1,16} sp [0-9a-f]{1,16} error \\d{1,3}\\b',
    flags: '',
    literals: ['segfault at'],
    classes: ['crash'],
    runtime: 'kernel',
    sample: 'node[1234]: segfault at 0 ip 0000563e2a1b sp 00007ffd1c error 4 in node[563e2a000000+2000000]',
  },
  // ── Kubernetes ─────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'k8s_oomkilled',
    re: '\\bOOMKilled\\b|\\bOOMKilling\\b',
    flags: '',
    literals: ['oomkill'],
    classes: ['oom'],
    runtime: 'kubernetes',
    sample: 'Last State: Terminated Reason: OOMKilled Exit Code: 137',
  },
  {
    id: 'k8s_liveness',
    re: 'Liveness probe failed: |failed liveness probe, will be restarted',
    flags: '',
    literals: ['liveness probe failed', 'failed liveness probe'],
    classes: ['liveness-kill'],
    runtime: 'kubernetes',
    sample: 'Normal Killing 71s kubelet Container web failed liveness probe, will be restarted',
  },
  {
    id: 'k8s_readiness',
    re: 'Readiness probe failed: ',
    flags: '',
    literals: ['readiness probe failed'],
    classes: ['not-ready'],
    runtime: 'kubernetes',
    sample:
      'Warning Unhealthy 10s kubelet Readiness probe failed: Get "http://10.1.2.3:8080/ready": dial tcp',
  },
  {
    id: 'k8s_backoff',
    re: 'Back-off restarting failed container|\\bCrashLoopBackOff\\b',
    flags: '',
    literals: ['back-off restarting failed container', 'crashloopbackoff'],
    classes: ['crash-loop'],
    runtime: 'kubernetes',
    sample: 'Warning BackOff kubelet Back-off restarting failed container web in pod web-1',
  },
  {
    id: 'k8s_stopping_container',
    re: 'Stopping container \\S{1,64}|\\bScalingReplicaSet\\b|\\bSuccessfulDelete\\b',
    flags: '',
    literals: ['stopping container', 'scalingreplicaset', 'successfuldelete'],
    classes: ['termination'],
    runtime: 'kubernetes',
    sample: 'Normal Killing 12s kubelet Stopping container web',
  },
  {
    id: 'exit_code',
    // "Exit Code: 137", "exit status 2", and supervisors' "exited with code 1" (docker compose, pm2).
    // (not a package manager's "Command failed with exit code 1": the caller's own script ending)
    re: '(?<!command failed with )exit(?:ed)?(?:[ _]?(?:code|status)| with code \\[?)[:= ]{0,3} {0,8}(\\d{1,3})\\b',
    flags: 'i',
    literals: ['exit'],
    classes: [],
    sample: 'Exit Code:    137',
  },
  {
    id: 'signal_kill',
    re: '\\b(?:SIGKILL|signal 9|signal: killed|Killed)\\b',
    flags: '',
    literals: ['sigkill', 'signal 9', 'signal: killed', 'killed'],
    classes: ['sigkill'],
    sample: 'worker process 79228 exited on signal 9',
  },
  {
    id: 'signal_term',
    re: '\\b(?:SIGTERM|signal 15|received signal terminated|(?<!possibly due to the service )Shutting down|shutting down gracefully|Graceful shutdown(?! GOAWAY)|server\\.close\\(\\))',
    flags: 'i',
    literals: [
      'sigterm',
      'signal 15',
      'signal terminated',
      'shutting down',
      'graceful shutdown',
      'server.close()',
    ],
    classes: ['shutdown'],
    sample: 'received SIGTERM, shutting down',
  },
  {
    id: 'worker_recycled',
    re: '\\bAutorestarting worker after current request\\b|\\bWorker exiting \\(pid: ?\\d{1,10}\\)|\\bThe work of process \\d{1,10} is done\\b',
    flags: '',
    literals: ['autorestarting worker', 'worker exiting (pid', 'the work of process'],
    classes: ['shutdown'],
    sample: '[2025-04-11 11:14:21 +0000] [12] [INFO] Worker exiting (pid: 12)',
  },
  {
    id: 'kafka_disconnect',
    re: '\\b(?:Disconnected|Receive failed: [^(\\n]{1,60}) \\(after (\\d{1,12})ms in state UP\\b',
    flags: '',
    literals: ['disconnected (after', 'in state up'],
    classes: ['upstream-closed'],
    sample:
      '%3|1700000000.123|FAIL|rdkafka#consumer-1| [thrd:broker:9092/1]: broker:9092/1: Disconnected (after 600012ms in state UP)',
  },
  {
    id: 'kafka_request_timeout',
    re: '\\b\\d{1,6} request\\(s\\) timed out: disconnect|\\bConnection setup timed out in state [A-Z_]{2,20}|\\bRequest timed out\\b[^\\n]{0,40}\\bdisconnect',
    flags: '',
    literals: [
      'request(s) timed out: disconnect',
      'connection setup timed out in state',
      'request timed out',
    ],
    classes: ['timeout'],
    sample: 'GroupCoordinator: 10.0.0.4:9092: 1 request(s) timed out: disconnect (after 1832ms in state UP)',
  },
  {
    id: 'browser_net_error',
    // Chrome's net::ERR_* and Firefox's NS_ERROR_NET_* for a connection that broke
    re: '\\b(?:net::?)?ERR_(CONNECTION_RESET|CONNECTION_CLOSED|CONNECTION_ABORTED|EMPTY_RESPONSE|HTTP2_PROTOCOL_ERROR|SPDY_PROTOCOL_ERROR|QUIC_PROTOCOL_ERROR|INCOMPLETE_CHUNKED_ENCODING)\\b|\\bNS_ERROR_NET_(RESET|INTERRUPT|PARTIAL_TRANSFER)\\b',
    flags: '',
    literals: [
      'err_connection_',
      'err_empty_response',
      'err_http2_protocol_error',
      'err_spdy_protocol_error',
      'err_quic_protocol_error',
      'err_incomplete_chunked_encoding',
      'ns_error_net_',
    ],
    classes: ['reset'],
    sample: 'POST https://api.example.com/upload net::ERR_CONNECTION_RESET',
  },
  {
    id: 'cloud_run_truncated',
    re: 'Truncated response body|application exited before the response was finished|The request failed because either the HTTP response was malformed or connection to the instance had an error',
    flags: 'i',
    literals: [
      'truncated response body',
      'application exited before the response',
      'connection to the instance had an error',
    ],
    classes: ['termination', 'mid-body'],
    phase: 'mid-body',
    sample:
      'Truncated response body. Usually implies that the request timed out or the application exited before the response was finished.',
  },
  {
    id: 'heroku_h13',
    re: '\\bcode=H1[38]\\b|\\bH13 \\(?Connection closed without response|Connection closed without response|\\bH13 - Connection closed\\b',
    flags: 'i',
    literals: ['code=h13', 'code=h18', 'connection closed without response', 'h13 - connection closed'],
    classes: ['closed-before-response'],
    phase: 'before-response',
    sample:
      'heroku/router at=error code=H13 desc="Connection closed without response" method=POST path="/" status=503',
  },
  {
    id: 'heroku_h10',
    // Heroku's router: the dyno's process exited (or never started), so requests get 503 H10
    re: '\\bcode=H10\\b|\\bH10 - App crashed\\b|desc="App crashed"',
    flags: 'i',
    literals: ['code=h10', 'h10 - app crashed', 'desc="app crashed"'],
    classes: ['crash'],
    sample: 'heroku/router at=error code=H10 desc="App crashed" method=GET path="/" status=503',
  },
  {
    id: 'client_bind_failed',
    re: "BindException: Address already in use \\(Bind failed\\)|\\bCan(?:'|no)t assign (?:requested|network) address\\b",
    flags: 'i',
    literals: ['address already in use (bind failed)', "can't assign", 'cannot assign'],
    classes: ['port-exhausted'],
    phase: 'connect',
    sample: 'java.net.BindException: Address already in use (Bind failed)',
  },
  {
    id: 'h2_frame_size_error',
    // an HTTP/2 client reading an HTTP/1.x answer takes its first bytes for a frame header of absurd length
    // (h2: 'frame with invalid size'); FRAME_SIZE_ERROR is the code it reports
    re: '\\bFRAME_SIZE_ERROR\\b|\\bframe with invalid size\\b',
    flags: 'i',
    literals: ['frame_size_error', 'frame with invalid size'],
    classes: ['protocol-error'],
    sample: 'HTTP2 connection close: connection error detected: frame with invalid size',
  },
  {
    id: 'nginx_upstream_ssl_handshake',
    // nginx's TLS handshake to an https upstream was reset or closed: no SNI sent, no shared version or cipher
    re: '\\bpeer closed connection in SSL handshake\\b[^\\n]{0,120}\\bwhile SSL handshaking to upstream\\b|\\bSSL_do_handshake\\(\\) failed\\b[^\\n]{0,300}\\bwhile SSL handshaking to upstream\\b',
    flags: '',
    literals: ['while ssl handshaking to upstream'],
    classes: ['tls-handshake'],
    phase: 'first-bytes',
    runtime: 'nginx',
    sample:
      '2024/01/01 00:00:00 [error] 7#7: *9 peer closed connection in SSL handshake (104: Connection reset by peer) while SSL handshaking to upstream, client: 10.0.0.1, server: app',
  },
  {
    id: 'nginx_upstream_no_valid_header',
    // nginx read something that is not HTTP from the upstream: usually a TLS server spoken to in plain HTTP
    re: '\\bupstream sent no valid HTTP/1\\.0 header\\b',
    flags: '',
    literals: ['upstream sent no valid http/1.0 header'],
    classes: ['protocol-error'],
    phase: 'first-bytes',
    runtime: 'nginx',
    sample:
      '2024/07/16 14:12:02 [error] 48#48: *32 upstream sent no valid HTTP/1.0 header while reading response header from upstream, client: 10.0.0.1, server: app, request: "GET / HTTP/1.1", upstream: "http://10.0.6.3:8443/"',
  },
  {
    id: 'curl_h2_stream_reset',
    // curl (16, 56, 92): the peer or a hop reset one HTTP/2 stream, or ended it without closing it cleanly
    re: '\\bHTTP/2 stream \\d{1,10} was (?:reset|not closed cleanly)\\b',
    flags: '',
    literals: ['http/2 stream '],
    classes: ['stream-reset'],
    sample: 'error: RPC failed; curl 56 HTTP/2 stream 5 was reset',
  },
  {
    id: 'curl_transfer_closed_remaining',
    // curl (18): the connection closed before the announced body arrived in full
    re: '\\btransfer closed with (?:\\d{1,15}|x{1,5}) bytes remaining to read\\b|\\btransfer closed with outstanding read data remaining\\b',
    flags: 'i',
    literals: ['transfer closed with'],
    classes: ['mid-body'],
    sample: 'error: RPC failed; curl 18 transfer closed with 2153 bytes remaining to read',
  },
  {
    id: 'bind_ephemeral_in_use',
    // binding a socket to port 0 asks the kernel for any free local port: "in use" means none is left
    // (Envoy's inbound connections from 127.0.0.6, a client that binds a source address, Go's dialer with a
    // local address: 'dial tcp 127.32.0.1:0->127.0.0.1:11211: bind: address already in use')
    re: '\\bbind(?: to)? (?:\\[?[\\d.:a-f]{2,45}\\]?:0|port 0)\\b[^\\n]{0,40}\\b(?:address already in use|EADDRINUSE)\\b|\\bdial (?:tcp|tcp4|tcp6) \\[?[\\d.:a-f]{2,45}\\]?:0->\\S{3,80}: bind: address already in use\\b',
    flags: 'i',
    literals: ['address already in use', 'eaddrinuse'],
    classes: ['port-exhausted'],
    phase: 'connect',
    sample: 'debug envoy misc failed to bind to 127.0.0.6:0: Address already in use',
  },
  {
    id: 'snat_exhaustion_text',
    re: '\\bSNAT (?:port )?exhaust(?:ion|ed)\\b|\\bSNAT ports? (?:are |were )?(?:exhausted|used up|ran out)',
    flags: 'i',
    literals: ['snat'],
    classes: ['snat-exhausted'],
    sample: 'Detected SNAT Port Exhaustion on the instance',
  },
  {
    id: 'abort_signal',
    re: '\\bkilled by signal SIGABRT\\b|\\bSIGABRT\\b|\\bsignal 6 \\(SIGABRT\\)|: Assertion `[^`\\n]{1,200} failed\\.',
    flags: '',
    literals: ['sigabrt', 'assertion `'],
    classes: ['crash'],
    sample: "mserver5: opt_pipes.c:520: compileOptimizer: Assertion `c != ((void *)0)' failed.",
  },
  {
    id: 'dotnet_connect_timeout',
    re: 'SocketException \\((?:10060|110)\\)|connected party did not properly respond after a period of time',
    flags: '',
    literals: ['socketexception (10060)', 'socketexception (110)', 'did not properly respond after a period'],
    classes: ['connect-timeout', 'timeout'],
    phase: 'connect',
    runtime: 'dotnet',
    sample:
      'System.Net.Sockets.SocketException (10060): A connection attempt failed because the connected party did not properly respond after a period of time',
  },
  {
    // grpc-go after the server's GOAWAY: the channel stops sending on that connection
    id: 'grpc_draining',
    re: 'the connection is draining',
    flags: '',
    literals: ['the connection is draining'],
    classes: ['transport-closing', 'goaway'],
    runtime: 'grpc',
    sample: 'rpc error: code = Unavailable desc = the connection is draining',
  },
  {
    id: 'grpc_transport_closing',
    re: '\\btransport is closing\\b|\\bgrpc: the connection is closing\\b',
    flags: '',
    literals: ['transport is closing', 'the connection is closing'],
    classes: ['transport-closing'],
    runtime: 'grpc',
    sample: 'rpc error: code = Unavailable desc = transport is closing',
  },
  {
    id: 'envoy_overloaded',
    re: '\\bx-envoy-overloaded\\b',
    flags: 'i',
    literals: ['x-envoy-overloaded'],
    classes: ['overflow'],
    runtime: 'envoy',
    sample: 'HTTP/1.1 503 Service Unavailable\nx-envoy-overloaded: true',
  },
  {
    id: 'envoy_flag_said',
    // a status with Envoy's response flag, said in prose: "503 UC errors", "503 UF responses"
    re: `\\b(5\\d\\d) ((?:${ENVOY_FLAGS})(?:,[A-Z]{2,5}){0,6}) (?:[Ee]rrors?|[Rr]esponses?|[Ff]lags?)\\b`,
    flags: '',
    caseSensitiveLiterals: true,
    literals: ENVOY_FLAG_LIST.map((f) => ` ${f} `),
    classes: [],
    runtime: 'envoy',
    sample: 'We see sporadic 503 UC errors on the Istio sidecar for inbound requests',
  },
  {
    id: 'envoy_flag_named',
    re: `\\b[Rr]esponse[_ ][Ff]lags?\\b[:= ]{0,3}["'\`]?((?:${ENVOY_FLAGS})(?:,[A-Z]{2,5}){0,6})\\b`,
    flags: '',
    literals: ['response flag', 'response_flag'],
    classes: [],
    runtime: 'envoy',
    sample: 'Ambassador access log response flag: UO',
  },
  {
    id: 'cloud_run_memory_limit',
    // Cloud Run (and Firebase App Hosting, Cloud Functions 2nd gen) when an instance outgrows its memory limit
    re: '\\bMemory limit of \\d+(?:\\.\\d+)? ?[KMG]i?B exceeded\\b|\\bfound to be using too much memory and was terminated\\b',
    flags: 'i',
    literals: ['memory limit of', 'using too much memory and was terminated'],
    classes: ['oom'],
    sample: 'Memory limit of 512 MiB exceeded with 533 MiB used. Consider increasing the memory limit',
  },
  {
    id: 'heroku_h15',
    // the Heroku router closes a connection that sent nothing for 55 s
    re: '\\bcode=H15\\b|\\bdesc="Idle connection"',
    flags: 'i',
    literals: ['code=h15', 'desc="idle connection"'],
    classes: ['stream-idle-timeout'],
    sample:
      'heroku[router]: at=error code=H15 desc="Idle connection" method=GET path="/websocket/" dyno=web.1 connect=1ms service=77186ms status=503',
  },
  {
    id: 'runc_init_killed',
    // runc's parent reads the container's init over a pipe; the pipe resets when init is killed while it starts
    re: '\\bread init-p: connection reset by peer\\b',
    flags: 'i',
    literals: ['read init-p: connection reset by peer'],
    classes: ['init-killed'],
    sample:
      'container_linux.go:349: starting container process caused "process_linux.go:449: container init caused \\"read init-p: connection reset by peer\\""',
  },
  {
    id: 'mysql_packet_too_large',
    re: "\\bGot (?:a )?packet bigger than '?max_allowed_packet'?|\\bPacket for query is too large\\b|\\bER_NET_PACKET_TOO_LARGE\\b",
    flags: 'i',
    literals: ['packet bigger than', 'packet for query is too large', 'er_net_packet_too_large'],
    classes: ['body-too-large'],
    sample:
      "[Note] Aborted connection 6 to db: 'db_name' user: 'root' host: 'localhost' (Got a packet bigger than 'max_allowed_packet' bytes)",
  },
  {
    id: 'kafka_invalid_receive_foreign_protocol',
    // A Kafka broker reads the first four bytes of a request as its size: 0x16 0x03 0x01.. (369,29x,xxx) is
    // a TLS handshake, 'GET ' (1,195,725,856) and 'POST' (1,347,375,956) are HTTP: the client speaks another
    // protocol to this listener
    re: '\\binvalid receive \\(size = (?:3692\\d{5}|1195725856|1347375956)\\b',
    flags: 'i',
    literals: ['invalid receive (size = '],
    classes: ['tls-mismatch'],
    sample:
      'org.apache.kafka.common.network.InvalidReceiveException: Invalid receive (size = 369295616 larger than 104857600)',
  },
  {
    id: 'libusual_fatal',
    // PgBouncer (libusual) logs FATAL and exits: every client connection through it is dropped
    re: '\\bFATAL (?:@[\\w/.-]{1,80}:\\d{1,6} )?in function \\w{1,60}\\(\\)',
    flags: '',
    literals: ['fatal @', 'fatal in function'],
    classes: ['crash'],
    sample: 'FATAL @src/objects.c:1052 in function disconnect_client(): bad client state: 0',
  },
  {
    id: 'pgbouncer_pool_wait',
    // PgBouncer drops a client that waited query_wait_timeout for a server connection: every one was in use
    re: '\\bpooler error: query_wait_timeout\\b',
    flags: 'i',
    literals: ['pooler error: query_wait_timeout'],
    classes: ['pool-exhausted'],
    sample: 'WARNING C-0x563860fd9ef0: zabbix/zabbix1@192.168.0.167:49466 pooler error: query_wait_timeout',
  },
  {
    id: 'pgbouncer_client_idle_timeout',
    // PgBouncer closed a client connection that sat idle past client_idle_timeout; the client's pool still holds it
    re: '(?:\\)|:) {0,3}client_idle_timeout\\b',
    flags: 'i',
    literals: ['client_idle_timeout'],
    classes: ['upstream-closed', 'stale-connection'],
    sample: 'sqlalchemy.exc.OperationalError: (psycopg.errors.ProtocolViolation) client_idle_timeout',
  },
  {
    id: 'pgbouncer_max_client_conn',
    re: '\\bno more connections allowed \\(max_client_conn\\)',
    flags: 'i',
    literals: ['no more connections allowed (max_client_conn)'],
    classes: ['server-conn-limit'],
    sample: 'ERROR: no more connections allowed (max_client_conn)',
  },
  {
    id: 'mint_transport_closed',
    // Elixir's Mint (under Finch, Req, Tesla): the socket was closed by the peer
    re: '%Mint\\.TransportError\\{reason: :closed\\}',
    flags: '',
    literals: ['%mint.transporterror{reason: :closed}'],
    classes: ['closed-before-response'],
    sample: '{:error, %Mint.TransportError{reason: :closed}}',
  },
  {
    id: 'gcp_lb_backend_closed',
    // the statusDetails of a Google Cloud HTTP(S) load balancer's log entry
    re: '\\bbackend_connection_closed_before_data_sent_to_client\\b',
    flags: '',
    literals: ['backend_connection_closed_before_data_sent_to_client'],
    classes: ['closed-before-response', 'upstream-closed'],
    phase: 'before-response',
    sample:
      'jsonPayload.statusDetails: "backend_connection_closed_before_data_sent_to_client" httpRequest.status: 502',
  },
  {
    id: 'gcp_lb_backend_closed_partway',
    re: '\\bbackend_connection_closed_after_partial_response_sent\\b',
    flags: '',
    literals: ['backend_connection_closed_after_partial_response_sent'],
    classes: ['mid-body', 'upstream-closed'],
    phase: 'mid-body',
    sample: 'statusDetails: "backend_connection_closed_after_partial_response_sent"',
  },
  {
    id: 'gcp_lb_backend_connect_failed',
    re: '\\bfailed_to_connect_to_backend\\b',
    flags: '',
    literals: ['failed_to_connect_to_backend'],
    classes: ['connect-failed'],
    phase: 'connect',
    sample: 'statusDetails: "failed_to_connect_to_backend" status: 502',
  },
  {
    id: 'grpc_message_too_large',
    re: '\\bgRPC message exceeds maximum size\\b|\\b[Rr]eceived message larger than max\\b|\\bmessage larger than max \\(\\d+ vs\\.? \\d+\\)',
    flags: '',
    literals: [
      'grpc message exceeds maximum size',
      'received message larger than max',
      'message larger than max (',
    ],
    classes: ['body-too-large'],
    runtime: 'grpc',
    sample:
      'io.grpc.StatusRuntimeException: RESOURCE_EXHAUSTED: gRPC message exceeds maximum size 4194304: 6144592',
  },
  {
    id: 'js_uncaught_error',
    // what Node prints on an uncaught exception: the error's own line, at the start of a line
    re: '^(?:RangeError|TypeError|ReferenceError|SyntaxError|URIError|AggregateError)(?: \\[[A-Z_]+\\])?: ',
    flags: '',
    literals: ['rangeerror', 'typeerror', 'referenceerror', 'syntaxerror', 'urierror', 'aggregateerror'],
    classes: ['exception'],
    runtime: 'node',
    sample: 'RangeError: Invalid WebSocket frame: RSV2 and RSV3 must be clear',
  },
  {
    id: 'websphere_stale_connection',
    re: '\\bStaleConnectionException\\b|\\bstale connection exceptions?\\b',
    flags: 'i',
    literals: ['staleconnectionexception', 'stale connection exception'],
    classes: ['stale-connection'],
    runtime: 'java',
    sample:
      'J2CA0056I: The Connection Manager received a fatal connection error: com.ibm.websphere.ce.cm.StaleConnectionException: Io exception: Connection reset',
  },
  {
    id: 'go_driver_bad_conn',
    // database/sql's ErrBadConn: the driver found the pooled connection unusable
    re: '\\bdriver: bad connection\\b',
    flags: '',
    literals: ['driver: bad connection'],
    classes: ['stale-connection'],
    runtime: 'go',
    sample: 'pq: driver: bad connection',
  },
  {
    id: 'per_client_conn_limit',
    // a server's cap on connections from one client address (ZooKeeper's maxClientCnxns, Consul's
    // http_max_conns_per_client): one client holds too many
    re: '\\bToo many connections from [^ ]{1,100} - max is \\d{1,9}|\\bmax(?:imum)? (?:number of )?connections per (?:client|IP|ip address|host)\\b|\\bhttp_max_conns_per_client\\b|\\bmaxClientCnxns\\b',
    flags: 'i',
    literals: ['too many connections from', 'connections per', 'http_max_conns_per_client', 'maxclientcnxns'],
    classes: ['client-conn-limit'],
    sample:
      'WARN [NIOServerCxn.Factory:0.0.0.0/0.0.0.0:2181:NIOServerCnxnFactory@188] - Too many connections from /10.233.233.233 - max is 60',
  },
  {
    id: 'server_write_reset',
    // a server (ClickHouse's HTTP handler, say) reset by its client while it was still sending the answer
    re: '\\bConnection reset by peer, while writing to socket\\b',
    flags: 'i',
    literals: ['connection reset by peer, while writing to socket'],
    classes: ['client-abort'],
    sample:
      '<Error> DynamicQueryHandler: Code: 210. DB::NetException: Connection reset by peer, while writing to socket (10.10.0.159:8123 -> 10.10.0.206:48708). (NETWORK_ERROR)',
  },
  {
    id: 'rpc_unrecognized_byte',
    // Consul's RPC port reads the first byte as the protocol; an HTTP client's 'G' (71) is not one
    re: '\\bunrecognized RPC byte\\b',
    flags: 'i',
    literals: ['unrecognized rpc byte'],
    classes: ['protocol-error'],
    sample: '[ERR] consul.rpc: unrecognized RPC byte: 71',
  },
  {
    id: 'clickhouse_read_after_eof',
    re: '\\bAttempt to read after eof: while receiving packet\\b',
    flags: 'i',
    literals: ['attempt to read after eof: while receiving packet'],
    classes: ['closed-before-response'],
    sample: 'Code: 32. DB::Exception: Attempt to read after eof: while receiving packet from localhost:9000',
  },
  {
    id: 'ios_connection_lost',
    // NSURLErrorNetworkConnectionLost: most often a reused keep-alive connection the server had closed
    re: '\\bNSURLErrorDomain (?:Code=|error )-1005\\b|\\bkCFErrorDomainCFNetwork error -1005\\b|\\bNSURLErrorNetworkConnectionLost\\b|\\bThe network connection was lost\\b',
    flags: 'i',
    literals: [
      'nsurlerrordomain code=-1005',
      'nsurlerrordomain error -1005',
      'kcferrordomaincfnetwork error -1005',
      'nsurlerrornetworkconnectionlost',
      'the network connection was lost',
    ],
    classes: ['closed-before-response', 'stale-connection'],
    sample:
      'Error Domain=NSURLErrorDomain Code=-1005 "The network connection was lost." UserInfo={NSErrorFailingURLKey=https://api.example.com/v1/items}',
  },
  {
    id: 'chrome_netlog_rst_stream',
    // chrome://net-export: the browser reset (SEND) or was reset on (RECV) an HTTP/2 stream
    re: '\\bHTTP2_SESSION_(?:SEND|RECV)_RST_STREAM\\b',
    flags: '',
    literals: ['http2_session_send_rst_stream', 'http2_session_recv_rst_stream'],
    classes: ['stream-reset'],
    sample: 't=16585 [st=3590]    HTTP2_SESSION_SEND_RST_STREAM',
  },
  {
    id: 'hop_by_hop_header',
    // connection-specific headers, which HTTP/2 forbids: a response carrying them through an HTTP/2 hop
    // is a protocol error to the browser
    re: '^\\s*(?:-->\\s*)?(?:transfer-encoding|proxy-connection|keep-alive): ',
    flags: 'i',
    literals: ['transfer-encoding: ', 'proxy-connection: ', 'keep-alive: '],
    classes: ['hop-header'],
    sample: '                         transfer-encoding: chunked',
  },
  {
    id: 'ssh_max_startups',
    // sshd drops new connections while MaxStartups unauthenticated ones are pending: too many at once
    // (the server's journal: 'drop connection #10 from [10.0.0.5]:59789 on [10.0.0.9]:22 past MaxStartups')
    re: '\\bExceeded MaxStartups\\b|\\bpast MaxStartups\\b|\\bdrop connection #\\d{1,9} from \\S{3,60} on \\S{3,60} MaxStartups\\b',
    flags: 'i',
    literals: ['exceeded maxstartups', 'past maxstartups', 'drop connection #'],
    classes: ['listen-overflow'],
    sample: 'debug1: ssh_exchange_identification: Exceeded MaxStartups',
  },
  {
    id: 'ssh_dropped_before_banner',
    // the SSH client's view of a server that dropped it before the version exchange (MaxStartups throttling,
    // fail2ban, a TCP wrapper): 'kex_exchange_identification: read: Connection reset by peer'
    re: '\\b(?:kex|ssh)_exchange_identification: (?:read: )?Connection (?:reset by peer|closed by remote host)\\b',
    flags: 'i',
    literals: ['exchange_identification: '],
    classes: ['reset'],
    sample: 'kex_exchange_identification: read: Connection reset by peer',
  },
  {
    id: 'varnish_htc_eof',
    // Varnish found the backend connection closed when it read the answer (often one it reused)
    re: '\\bFetchError\\s+HTC eof \\(-1\\)',
    flags: '',
    literals: ['htc eof (-1)'],
    classes: ['closed-before-response', 'upstream-closed'],
    sample: '-   FetchError     HTC eof (-1)',
  },
  {
    id: 'enomem',
    re: '\\bCannot allocate memory\\b|\\bMemory allocation failed, aborting process\\b',
    flags: 'i',
    literals: ['cannot allocate memory', 'memory allocation failed, aborting process'],
    classes: ['oom'],
    sample:
      '[emerg] 6812#6812: *4744024 malloc(270336) failed (12: Cannot allocate memory) while sending to client',
  },
  {
    id: 'runtime_out_of_memory',
    // a runtime or library that could not allocate: the process dies (or drops the connection) for want of memory
    re: '\\bfatal error: (?:runtime: )?out of memory\\b|\\bfailed to allocate memory \\(NoMemoryError\\)|\\bAllowed memory size of \\d{1,15} bytes exhausted\\b|\\bSystem\\.OutOfMemoryException\\b|\\bstd::bad_alloc\\b|\\bmemory allocation of \\d{1,15} bytes failed\\b|\\bCannot allocate \\d{1,15} bytes of memory\\b|^MemoryError\\b|\\bSSL - Memory allocation failed\\b',
    flags: 'm',
    literals: [
      'out of memory',
      'nomemoryerror',
      'allowed memory size of',
      'outofmemoryexception',
      'bad_alloc',
      'memory allocation of',
      'bytes of memory',
      'memoryerror',
      'ssl - memory allocation failed',
    ],
    classes: ['oom'],
    sample: 'fatal error: runtime: out of memory',
  },
  {
    id: 'vsftpd_oops',
    // vsftpd's fatal error: the session's process exits and the connection closes
    re: '^500 OOPS: ',
    flags: '',
    literals: ['500 oops: '],
    classes: ['crash'],
    sample: '500 OOPS: priv_sock_get_cmd',
  },
  {
    id: 'ecs_oom',
    // Amazon ECS's stopped reason for a task's container that outgrew its memory
    re: '\\bOutOfMemoryError: Container killed due to memory usage\\b',
    flags: 'i',
    literals: ['container killed due to memory usage'],
    classes: ['oom'],
    sample:
      'Essential container in task exited: exit 137 OutOfMemoryError: Container killed due to memory usage',
  },
  {
    id: 'systemd_oom_kill',
    // systemd's account of a unit whose process the kernel's OOM killer took
    re: "\\bkilled by the OOM killer\\b|\\bFailed with result 'oom-kill'",
    flags: 'i',
    literals: ['killed by the oom killer', "failed with result 'oom-kill'"],
    classes: ['oom'],
    sample: 'postgresql.service: A process of this unit has been killed by the OOM killer.',
  },
  {
    id: 'heroku_memory_quota',
    // Heroku's router and dyno manager: R14 swaps past the dyno's memory, R15 kills the dyno
    re: '\\bError R1[45] \\(Memory quota (?:vastly )?exceeded\\)|\\bMemory quota (?:vastly )?exceeded\\b',
    flags: 'i',
    literals: ['memory quota'],
    classes: ['oom'],
    sample: '2013-08-23T17:36:52.597344+00:00 heroku[web.1]: Error R14 (Memory quota exceeded)',
  },
  {
    id: 'ephemeral_ports_exhausted_text',
    // the words people and tools use for it, where no errno is quoted
    re: '\\b(?:run(?:s|ning)? out of|ran out of|exhaust(?:ed|ing|s)?|no more|no free|no available) (?:all )?(?:the )?(?:ephemeral|local|source|outbound) ports\\b|(?<!\\bSNAT )\\bport exhaustion\\b|\\b(?:ephemeral|local|source) ports? (?:are |were )?(?:exhausted|used up|ran out)\\b',
    flags: 'i',
    literals: ['ephemeral port', 'local port', 'source port', 'outbound port', 'port exhaustion'],
    classes: ['port-exhausted'],
    phase: 'connect',
    sample: 'Running out of ephemeral ports',
  },
  {
    id: 'kestrel_h2_only_endpoint',
    // Kestrel's HTTP/2-only endpoint met a connection that did not negotiate HTTP/2 (plaintext h2c to a TLS
    // port, or TLS without ALPN h2), or an HTTP/1.x request
    re: '\\bHTTP/2 over TLS was not negotiated on an HTTP/2-only endpoint\\b|\\bHTTP/1\\.x request sent to an HTTP/2 only endpoint\\b',
    flags: 'i',
    literals: ['http/2-only endpoint', 'http/2 only endpoint'],
    classes: ['protocol-error'],
    phase: 'first-bytes',
    runtime: 'dotnet',
    sample:
      'Microsoft.AspNetCore.Server.Kestrel[0] HTTP/2 over TLS was not negotiated on an HTTP/2-only endpoint.',
  },
  {
    id: 'dotnet_runtime_fatal',
    // the .NET runtime or IIS' process activation reporting a worker process that died
    re: '\\bInternal error in the \\.NET Runtime\\b|\\bsuffered a fatal communication error with the Windows Process Activation Service\\b|\\bfailed to respond to a ping\\. The process id was\\b',
    flags: 'i',
    literals: [
      'internal error in the .net runtime',
      'fatal communication error',
      'failed to respond to a ping',
    ],
    classes: ['crash'],
    runtime: 'dotnet',
    sample:
      "A process serving application pool 'www.example.org' suffered a fatal communication error with the Windows Process Activation Service. The process id was '2612'.",
  },
  {
    id: 'native_backtrace',
    // a debugger's backtrace of a core dump: the process crashed
    re: '#\\d{1,3} {1,2}0x0000[0-9a-f]{4,12} in [\\w:~<>]{1,120} \\(',
    flags: '',
    literals: ['0x0000'],
    classes: ['crash'],
    sample: '#3  0x0000556549718f43 in run_tasks_from_lists (budgets=<optimized out>) at src/task.c:494',
  },
  {
    id: 'amqp_frame_too_large',
    // RabbitMQ closes a connection whose frame exceeds the negotiated (or, before tuning, the initial) frame size
    re: '\\bframe_too_large\\b|\\bframe size (?:exceeds|larger than) (?:the )?(?:negotiated |maximum )?(?:frame[_ ]max|limit)\\b',
    flags: 'i',
    literals: ['frame_too_large', 'frame size'],
    classes: ['body-too-large'],
    sample:
      '{handshake_error,starting,0,{amqp_error,frame_error,"type 1, all octets = <<>>: {frame_too_large,6307,4088}",none}}',
  },
  {
    id: 'uwsgi_request_block_too_large',
    // uWSGI refuses a request whose headers exceed its buffer-size (4096 by default) and drops the connection
    re: '\\binvalid request block size: \\d{1,9} \\(max \\d{1,9}\\)',
    flags: 'i',
    literals: ['invalid request block size'],
    classes: ['body-too-large'],
    runtime: 'uwsgi',
    sample: 'invalid request block size: 4447 (max 4096)...skip',
  },
  {
    id: 'redis_output_buffer_closed',
    // Redis closes a client whose pending output passed client-output-buffer-limit: it did not read fast enough
    re: '\\bscheduled to be closed ASAP for overcoming of output buffer limits\\b',
    flags: 'i',
    literals: ['overcoming of output buffer limits'],
    classes: ['slow-consumer'],
    runtime: 'redis',
    sample:
      'Client id=5 addr=127.0.0.1:52522 cmd=subscribe scheduled to be closed ASAP for overcoming of output buffer limits.',
  },
  {
    id: 'tls_handshake_eof',
    // the server closed the connection during the TLS handshake (rustls' 'tls handshake eof', Go's and
    // Python's EOF in the handshake): no shared protocol version or cipher suite, or a plaintext port
    re: '\\btls handshake eof\\b|\\bEOF (?:occurred )?(?:during|in) (?:the )?(?:TLS |SSL )?handshake\\b|\\bhandshake (?:failed|error): EOF\\b',
    flags: 'i',
    literals: [
      'handshake eof',
      'eof during',
      'eof in',
      'eof occurred',
      'handshake failed: eof',
      'handshake error: eof',
    ],
    classes: ['tls-handshake'],
    phase: 'first-bytes',
    sample: 'Error: Custom { kind: UnexpectedEof, error: "tls handshake eof" }',
  },
  {
    id: 'elixir_transport_closed',
    // Req, Finch and Mint (Elixir): the connection was closed by the peer, often a pooled one reused after
    // the server dropped it
    re: '\\b(?:Req|Mint|Finch)\\.TransportError\\b',
    flags: '',
    literals: ['transporterror'],
    classes: ['closed-before-response'],
    sample: '** (Req.TransportError) socket closed',
  },
  {
    id: 'okhttp_stale_eof',
    // OkHttp reading a response on a pooled connection the server had closed: the status line never comes
    re: '\\\\n not found: limit=0\\b',
    flags: '',
    literals: ['not found: limit=0'],
    classes: ['closed-before-response'],
    sample: 'java.io.EOFException: \\n not found: limit=0 content=…',
  },
  {
    id: 'ruby_ssl_connect_eof',
    // Ruby's OpenSSL: the server closed the connection during the handshake (no shared protocol or cipher,
    // or a plaintext port)
    re: '\\bSSL_connect SYSCALL returned=5 errno=0 state=',
    flags: 'i',
    literals: ['ssl_connect syscall returned=5'],
    classes: ['tls-handshake'],
    phase: 'first-bytes',
    runtime: 'ruby',
    sample: 'SSL_connect SYSCALL returned=5 errno=0 state=SSLv2/v3 read server hello A',
  },
  {
    id: 'nginx_proxy_protocol_broken_header',
    // nginx expects a PROXY protocol header first and got something else: a connection that did not come
    // through the load balancer that adds it (in-cluster traffic, a health check), or a balancer not sending it
    re: '\\bbroken header: [^\\n]{0,200}while reading PROXY protocol\\b|\\bwhile reading PROXY protocol\\b',
    flags: 'i',
    literals: ['while reading proxy protocol'],
    classes: ['protocol-error'],
    phase: 'first-bytes',
    runtime: 'nginx',
    sample:
      '2024/01/01 00:00:00 [error] 31#31: *7 broken header: "GET / HTTP/1.1" while reading PROXY protocol, client: 10.244.0.1',
  },
  {
    id: 'kernel_oom_task_table',
    // the header of the task table the kernel's OOM killer prints before it picks a victim
    re: '\\[\\s{0,3}pid\\s{0,3}\\]\\s{1,8}uid\\s{1,8}tgid\\s{1,8}total_vm\\s{1,8}rss\\b[^\\n]{0,80}\\boom_score_adj name\\b',
    flags: 'i',
    literals: ['oom_score_adj name'],
    classes: ['oom'],
    runtime: 'kernel',
    sample:
      '[40526.370000] [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name',
  },
  {
    id: 'uwsgi_listen_queue_full',
    re: '\\blisten queue of socket "[^"\\n]{1,120}" \\(fd: \\d{1,6}\\) full\\b',
    flags: 'i',
    literals: ['listen queue of socket'],
    classes: ['listen-overflow'],
    runtime: 'uwsgi',
    sample: '*** uWSGI listen queue of socket "127.0.0.1:5000" (fd: 3) full !!! (101/100) ***',
  },
  {
    id: 'squid_comm_bind_in_use',
    // Squid binding its outgoing source address before connecting: the kernel found no free local port
    re: '\\bcommBind: Cannot bind socket\\b[^\\n]{0,160}\\b(?:Address already in use|\\(98\\))',
    flags: 'i',
    literals: ['commbind: cannot bind socket'],
    classes: ['port-exhausted'],
    phase: 'connect',
    sample: 'commBind: Cannot bind socket FD 12 to 10.0.0.5: (98) Address already in use',
  },
  {
    id: 'esp_exception_reset',
    // an ESP8266 / ESP32 firmware exception dump: the device reboots, dropping every connection
    re: '\\bepc1=0x[0-9a-f]{8}\\b|\\bGuru Meditation Error\\b|\\bBacktrace: 0x4[0-9a-f]{7}:0x',
    flags: 'i',
    literals: ['epc1=0x', 'guru meditation error', 'backtrace: 0x4'],
    classes: ['crash'],
    sample: 'epc1=0x4010180d epc2=0x00000000 epc3=0x00000000 excvaddr=0x400054d1 depc=0x00000000',
  },
  {
    id: 'c_assertion_failed',
    // a C assertion: the process aborts
    re: "\\bAssertion `[^`\\n]{1,200}' failed\\b|\\bASSERT\\([^\\n]{1,200}\\) FAILED AT\\b",
    flags: '',
    literals: ["' failed", ') FAILED AT'],
    caseSensitiveLiterals: true,
    classes: ['crash'],
    sample:
      'ASSERT(pSocketData->currentTx == ((void *)0)) FAILED AT libs/network/esp8266/network_esp8266.c:945',
  },
  {
    id: 'cilium_ct_map_full',
    // Cilium's BPF connection-tracking map (or a map shown as one) had no room for a new flow
    re: '\\bCT: Map insertion failed\\b|\\bGarbage collection on ipv[46] TCP CT map failed to finish\\b',
    flags: 'i',
    literals: ['ct: map insertion failed', 'ct map failed to finish'],
    classes: ['conntrack-full'],
    sample:
      'xx drop (CT: Map insertion failed) flow 0x0 to endpoint 0, identity 2->0: 10.0.1.5:443 -> 10.0.2.7:51234',
  },
  {
    id: 'cloud_nat_drop_reason',
    // Google Cloud NAT's log of a dropped connection: no NAT port was free for it
    re: '\\b(?:ENDPOINT_INDEPENDENCE_CONFLICT|OUT_OF_RESOURCES)\\b',
    flags: '',
    literals: ['ENDPOINT_INDEPENDENCE_CONFLICT', 'OUT_OF_RESOURCES'],
    caseSensitiveLiterals: true,
    classes: ['snat-exhausted'],
    sample: 'Cloud NAT logs: connections Dropped, reason ENDPOINT_INDEPENDENCE_CONFLICT',
  },
  {
    id: 'websocket_message_too_big',
    // a WebSocket endpoint closing on a message above its size limit (close code 1009, Jetty's and
    // Python websockets' words for it)
    re: '\\bCLOSE 1009\\b|\\(message too big\\)|\\bmessage size \\[?\\d{1,12}\\]? exceeds maximum size\\b|\\bclose code 1009\\b',
    flags: 'i',
    literals: ['close 1009', 'message too big', 'exceeds maximum size', 'close code 1009'],
    classes: ['body-too-large'],
    sample: 'DEBUG:websockets.server:> CLOSE 1009 (message too big) [2 bytes]',
  },
  {
    id: 'engineio_client_gone',
    // python-engineio closing a session whose pings stopped arriving in time
    re: '\\bClient is gone, closing socket\\b',
    flags: 'i',
    literals: ['client is gone, closing socket'],
    classes: ['heartbeat-missed'],
    runtime: 'python',
    sample: 'b52c50d07c2b42b38de999e5de1ade4c: Client is gone, closing socket',
  },
  {
    id: 'envoy_fd_assert',
    // Envoy asserting on a socket() that returned -1: no descriptor was left (EMFILE)
    re: '\\bassert failure: fd != -1\\b',
    flags: 'i',
    literals: ['assert failure: fd != -1'],
    classes: ['fd-exhausted', 'crash'],
    runtime: 'envoy',
    sample: '[critical][assert] source/common/network/address_impl.cc:112] assert failure: fd != -1',
  },
  {
    id: 'dotnet_framework_tls_refused',
    // .NET Framework's words when the server drops the handshake: almost always a server that requires
    // TLS 1.2 or later and a client still offering TLS 1.0 / 1.1 (ServicePointManager.SecurityProtocol)
    re: '\\bThe underlying connection was closed: An unexpected error occurred on a send\\b|\\bAuthentication failed because the remote party has closed the transport stream\\b|\\bCould not create SSL/TLS secure channel\\b',
    flags: 'i',
    literals: [
      'an unexpected error occurred on a send',
      'remote party has closed the transport stream',
      'could not create ssl/tls secure channel',
    ],
    classes: ['tls-version'],
    phase: 'first-bytes',
    runtime: 'dotnet',
    sample: 'The underlying connection was closed: An unexpected error occurred on a send.',
  },
  {
    id: 'sqlserver_prelogin_handshake',
    re: '\\berror occurred during the pre-login handshake\\b',
    flags: 'i',
    literals: ['pre-login handshake'],
    classes: ['tls-handshake'],
    phase: 'first-bytes',
    runtime: 'dotnet',
    sample:
      'A connection was successfully established with the server, but then an error occurred during the pre-login handshake.',
  },
  {
    id: 'windows_faulting_application',
    // the Windows Application log's entry for a process that crashed
    re: '\\bFaulting application name: [\\w. -]{1,80}\\.exe\\b',
    flags: 'i',
    literals: ['faulting application name'],
    classes: ['crash'],
    sample: 'Faulting application name: w3wp.exe, version: 8.5.9600.16384, time stamp: 0x5215df96',
  },
  {
    id: 'sshd_max_startups',
    // sshd drops new connections past MaxStartups (unauthenticated connections pending)
    re: '\\bpast MaxStartups\\b|\\bexceeded MaxStartups\\b',
    flags: 'i',
    literals: ['maxstartups'],
    classes: ['listen-overflow'],
    sample: 'drop connection #10 from [203.0.113.9]:51234 on [198.51.100.7]:22 past MaxStartups',
  },
];

import { describe, expect, it } from 'vitest';
import { parseWords, timeoutSettingsOf } from './parse-words.js';

const hints = (text: string) => parseWords(text).hints;
const components = (text: string) => parseWords(text).components;

describe('parseWords', () => {
  it('ignores hints stated in the negative, in their own clause', () => {
    expect(hints('It does not look like a network problem.')).not.toContain('packet-loss');
    expect(hints('We see no OOM kills and the pods never restart.')).not.toContain('oom-words');
    expect(hints("It doesn't happen under load.")).not.toContain('under-load');
    expect(hints('No crash, but the pods restart every hour.')).toContain('restarts');
    expect(hints('There is packet loss on the uplink.')).toContain('packet-loss');
    expect(hints('It is not the proxy, it only happens under load.')).toContain('under-load');
  });

  it('reads a version bound, a version that works and a step back as a version contrast', () => {
    expect(hints('We observe it on 8.0.3, 8.0.4 and 8.0.5 but not on 8.0.2 or 7.0.')).toContain(
      'version-contrast',
    );
    expect(hints('Going just one version down to 2.0.7 makes it work.')).toContain('version-contrast');
    expect(hints('When using Java 15 or newer, requests fail.')).toContain('version-contrast');
    expect(hints('It fails on Node 20 and above.')).toContain('version-contrast');
    expect(hints('Ever since .NET 8.0.3 we have seen this.')).toContain('upgrade');
    expect(hints('It fails with 100 or more clients.')).not.toContain('version-contrast');
    expect(hints('Caddy 2.10.2 proxies fine, while Caddy 2.11.1 returns an empty reply.')).toContain(
      'version-contrast',
    );
  });

  it("does not read Java's concurrent package as concurrency", () => {
    expect(hints('java.util.concurrent.ExecutionException: Connection closed by peer')).not.toContain(
      'concurrency',
    );
    expect(hints('It fails under concurrent requests.')).toContain('concurrency');
  });

  it('reads a miscounted body, a sleeping I/O thread, stale endpoints and an autoscaler', () => {
    expect(hints('I set the content-length header myself from the request string.')).toContain(
      'content-length-by-hand',
    );
    expect(hints('The body is a string containing a special character.')).toContain('non-ascii-body');
    expect(hints('I upload a file that contains UTF-8 characters.')).toContain('non-ascii-body');
    expect(hints('The worker calls time.sleep(30) between polls.')).toContain('io-thread-sleeps');
    expect(hints('Some proxies keep trying to connect to the old pod IP.')).toContain('stale-endpoint');
    expect(hints('The HPA scales the deployment down at night.')).toContain('autoscaling');
    expect(hints('The sleep schedule of the team.')).not.toContain('io-thread-sleeps');
  });

  it('reads kills, tcp_tw_recycle, a keep-alive above a threshold and the next call after a wait', () => {
    expect(hints('Our containers kept getting killed.')).toContain('killed-repeatedly');
    expect(hints('We enabled net.ipv4.tcp_tw_recycle on the proxies.')).toContain('tw-recycle');
    expect(hints('If the MQTT keep-alive is over 300 it disconnects.')).toContain(
      'keepalive-above-threshold',
    );
    expect(hints('After we wait about a minute, the next attempt fails.')).toContain('after-idle');
    expect(hints('Calls made shortly after previous traffic work.')).toContain('after-idle');
    expect(hints('Our DNS lookups randomly fail.')).toContain('dns-trouble');
    expect(hints('Larger crates (4.6 MiB) are failing with a broken pipe.')).toContain('large-body');
    expect(
      hints('openssl s_client -connect hub.example.net:8883 works and the handshake resolves fine.'),
    ).toContain('other-client-works');
  });

  it('reads a security fix that changed behaviour as an upgrade, and a transfer stopping at a percentage', () => {
    const told = hints('Commit ab44985a9e (the HTTP/2 CVE fixes) made it so my upload stops at 20-30%.');
    expect(told).toContain('upgrade');
    expect(told).toContain('partway');
    expect(hints('The security release broke our uploads.')).toContain('upgrade');
    expect(hints('Right after the package went from 2.7.22 to 2.7.23, calls started failing.')).toContain(
      'upgrade',
    );
    expect(hints('CPU stops at 100% usage.')).not.toContain('partway');
  });

  it('reads writes failing while reads pass, quiet nodes, a load named in passing and one platform failing', () => {
    expect(hints("Stream writes (POST to _bulk_docs) fail while reads don't.")).toContain(
      'only-non-idempotent',
    );
    expect(hints('It is worse on quiet nodes.')).toContain('low-traffic');
    expect(hints('Under that load we see resets.')).toContain('under-load');
    expect(hints('On Windows 10 and Fedora it works without error, but on my Mac it throws.')).toContain(
      'works-elsewhere',
    );
    expect(hints('After 6 hours the pool always crashes with the error above.')).not.toContain('crash');
    expect(hints("A query fails with a 'server conn crashed?' error.")).not.toContain('restarts');
    expect(hints('The server crashed.')).toContain('crash');
  });

  it('reads deploys told in passing, proxy reloads and worker killers', () => {
    expect(hints("Errors appear when we're deploying a new version.")).toContain('deploy');
    expect(hints('Outside of deployments the service behaves normally.')).toContain('deploy');
    expect(hints('When the ingress controller performs a backend reload, sockets drop.')).toContain('deploy');
    expect(hints('We run unicorn with unicorn-worker-killer.')).toContain('worker-recycling');
    expect(
      hints('Whenever our authorization service is restarted, callers see closed connections.'),
    ).toContain('planned-restart');
    expect(hints('When we restart the broker, consumers fail.')).toContain('planned-restart');
    expect(hints('The pod is restarted after a crash.')).not.toContain('planned-restart');
  });

  it('reads a dated nightly that works against newer ones that fail, not a nightly schedule', () => {
    const told = hints(
      'Builds fail on nightly versions > 2021-07-05; using nightly 2021-07-05 appears to fix the issue.',
    );
    expect(told).toContain('version-contrast');
    expect(told).not.toContain('periodic');
    expect(hints('The nightly backup job fails.')).toContain('periodic');
    expect(components('Req on Finch with default pool settings')).toContain('finch');
  });

  it("does not read a Java package's http.client as Go's http.Client", () => {
    expect(
      components('reactor.netty.http.client.PrematureCloseException: Connection prematurely closed'),
    ).not.toContain('go');
    expect(components('We build an http.Client with a custom Transport.')).toContain('go');
  });

  it('reads failures only with a body, and a status check as a health probe', () => {
    expect(
      hints('POST requests with a body end in a socket hang up; a POST without a body is fine.'),
    ).toContain('body-only-fails');
    expect(hints('HAProxy checks the node status with a GET request.')).toContain('health-probe');
  });

  it('gives a stated timeout to the side that holds it, not to the side connections go to', () => {
    expect(
      timeoutSettingsOf(
        'Our load balancers pool connections to the Node servers and run idle timeouts of 300 s.',
      ),
    ).toMatchObject({ callerTimeoutS: 300 });
    expect(timeoutSettingsOf('The server keepAliveTimeout is 5 s.')).toMatchObject({ serverTimeoutS: 5 });
    expect(
      timeoutSettingsOf("The client pool keeps idle connections 60s while the server's idleTimeout is 30s."),
    ).toMatchObject({ callerTimeoutS: 60, serverTimeoutS: 30 });
  });

  it('does not take a stated idle timeout or a setting for an idle period', () => {
    const told = parseWords(
      'The ALB idle timeout is 1800 s because of long PHP requests (max_execution_time 1800 s).',
    );
    expect(told.hints).not.toContain('after-idle');
    expect(told.idleS).toBeUndefined();
    expect(hints('It happens when traffic has gaps, not when it flows.')).toContain('after-idle');
    expect(hints('It fails after the connection sat idle for 5 minutes.')).toContain('after-idle');
  });

  it('reads TLS switched off in the client against a TLS-only service', () => {
    expect(hints('Following the examples I set sslEnabled: false.')).toContain('plaintext-to-tls');
    expect(hints('We connect to MongoDB Atlas.')).toContain('tls-required');
  });

  it('reads a size named after the body as a size threshold, not a duration', () => {
    const sized = hints('PUT with a body over 1MB fails on the client with a socket error.');
    expect(sized).toContain('size-threshold');
    expect(sized).toContain('large-body');
    expect(hints('Uploads above 10 MB are reset.')).toContain('size-threshold');
    expect(hints('Requests over 10 seconds are cut off.')).not.toContain('size-threshold');
  });

  it('reads large files being downloaded as large responses, not large bodies', () => {
    const down = hints('Jobs fail while downloading large files from the mirror.');
    expect(down).toContain('large-response');
    expect(down).not.toContain('large-body');
    expect(hints('A large file download is reset.')).not.toContain('large-body');
    expect(hints('Uploading large files fails.')).toContain('large-body');
  });

  it("does not read an address or Go's local->remote pair as a version or a proxy path", () => {
    const goError = hints('read tcp 10.0.0.5:41318->10.0.0.9:443: read: connection reset by peer');
    expect(goError).not.toContain('version');
    expect(goError).not.toContain('proxy-to-backend');
    expect(goError).toContain('reset-by-peer');
    expect(hints('It broke after the upgrade to nginx 1.25.3.')).toContain('version');
    expect(hints('Started with v2.4.1.')).toContain('version');
    expect(hints('nginx -> app over a unix socket')).toContain('proxy-to-backend');
    expect(hints('client->envoy->service')).toContain('proxy-to-backend');
  });

  it('reads the words of a few blind incidents as they were meant', () => {
    // a connection shut down is not a server shutting down; a redirect to HTTPS is not a software upgrade
    expect(hints('The TCP connection gets shut down abruptly and I get ECONNRESET.')).not.toContain(
      'shutdown',
    );
    expect(hints('The pods shut down during the deploy.')).toContain('shutdown');
    expect(hints('Port 80 is unconditionally upgraded to an https connection on 443.')).not.toContain(
      'upgrade',
    );
    expect(hints('It started after we upgraded nginx to 1.25.')).toContain('upgrade');
    // an SDK for a cloud is not that cloud's network on the path; a plural balancer is still one
    expect(components('Using the Azure C++ SDK against the storage emulator.')).not.toContain('azure');
    expect(components('Our pods run on AKS behind the Azure load balancer.')).toContain('azure');
    expect(components('Services find each other through AWS Network Load Balancers.')).toContain('nlb');
    // an idle wait, and a reset told as an RST
    const waited = parseWords('Waiting more than about 5 seconds and then making another request fails.');
    expect(waited.idleS).toBe(5);
    expect(parseWords('It fails while waiting for the response for 5 seconds.').idleS).toBeUndefined();
    expect(hints('The request header is sent and a TCP RST is received.')).toContain('reset-by-peer');
    // gRPC failing where plain HTTP over the same path works
    expect(hints('REST requests through the same balancer work normally.')).toContain('other-protocol-works');
    expect(hints('REST requests do not work either.')).not.toContain('other-protocol-works');
  });

  it('reads how often requests come as the idle time between them, even beside keep-alive words', () => {
    expect(parseWords('It polls a Node.js server on 5-second intervals.').idleS).toBe(5);
    expect(parseWords('An agent with keepAlive: true sends one request every 5 seconds.').idleS).toBe(5);
    expect(parseWords('It POSTs its metrics and flushes are 10 seconds apart.').idleS).toBe(10);
    expect(parseWords('The keepAliveTimeout is 5 seconds.').idleS).toBeUndefined();
    expect(parseWords('It logs Connection reset by peer and retries every 5 seconds.').idleS).toBeUndefined();
  });

  it('reads a connection pool said to be missing as no pooling, and ports as running out', () => {
    const words = parseWords('Short-lived connections (no connection pool) leave SNAT ports allocated.');
    expect(words.hints).toContain('no-pooling');
    expect(words.hints).not.toContain('pooling');
    expect(words.hints).toContain('ports');
    expect(hints('Switching to newConnection() (no pooling) makes the errors go away.')).toContain('pooling');
  });

  it('reads memory that never goes down as growth, and a database flooded with connections', () => {
    expect(hints('Memory on the web container keeps increasing and never goes down.')).toContain(
      'memory-growth',
    );
    expect(hints('Our server floods the PostgreSQL host with connections.')).toContain(
      'server-connections-exhausted',
    );
    expect(hints('We reuse a handful of pooled connections.')).not.toContain('server-connections-exhausted');
  });

  it('reads a denial only in its own clause, and an upgrade that was a tried fix', () => {
    expect(hints('It flaps between working and not: Wireshark showed SYN retransmissions.')).toContain(
      'packet-loss',
    );
    expect(
      hints('I upgraded to 1.54.2 expecting retries to cover it, but I am still getting errors.'),
    ).toEqual(expect.arrayContaining(['upgrade-did-not-help']));
    expect(
      hints('I upgraded to 1.54.2 expecting retries to cover it, but I am still getting errors.'),
    ).not.toContain('upgrade');
    expect(hints('The connection hangs during the TLS handshake.')).toContain('handshake-stall');
    expect(hints('pip fails when building a container image.')).toContain('nested-network');
  });

  it('reads a scale-down, a service update and a query running for hours', () => {
    expect(hints('We reduced the number of service pods and requests failed.')).toContain('deploy');
    expect(hints('Requests failed against the instance that was going away.')).toContain('shutdown');
    expect(hints('After a service update we see intermittent connection failures.')).toContain('deploy');
    expect(hints('A SQL process runs anywhere between 2 and 7 hours.')).toContain('long-requests');
    expect(hints('The client gets a read timeout on the first request.')).toContain('timing-out');
  });

  it('reads the words of a second set of blind incidents as they were meant', () => {
    expect(hints('OSError: [Errno 9] Bad file descriptor')).not.toContain('fd-limit');
    expect(hints('We hit the file descriptor limit.')).toContain('fd-limit');
    const statuses = parseWords('It causes 502s to be returned from nginx.');
    expect(statuses.durationsS).toEqual([]);
    expect(statuses.httpStatuses).toEqual([502]);
    expect(parseWords('The server is restarting every 30 minutes.').idleS).toBeUndefined();
    expect(parseWords('A request every 30 minutes fails.').idleS).toBe(1800);
    expect(hints('It looks related to a line in the 0.8.20 release notes.')).toContain('upgrade');
    expect(hints('When I changed the working code to use the new client, resets began.')).toContain(
      'upgrade',
    );
    expect(hints('There are hundreds or thousands of session connections.')).toContain('many-connections');
    expect(hints('The read/write load on these connections is high.')).toContain('under-load');
    expect(hints('Each worker opens a session with the broker.')).not.toContain('pooling');
    expect(hints('All calls go through one requests.Session object.')).toContain('pooling');
    expect(components('org.apache.thrift.transport.TTransportException')).not.toContain('apache');
    expect(components('The Apache IoTDB server resets clients.')).not.toContain('apache');
    expect(components('Apache 2.4 proxies to the app.')).toContain('apache');
  });

  it('reads the words of a third set of blind incidents as they were meant', () => {
    expect(
      parseWords('When I insert more than 10K documents this way it fails.').maxSizeBytes,
    ).toBeUndefined();
    expect(parseWords('Uploads of a 10M file fail.').maxSizeBytes).toBe(10 * 1024 ** 2);
    expect(hints('WebException: Unable to connect ---> SocketException: Only one usage')).not.toContain(
      'proxy-to-backend',
    );
    const curl = hints('ALPN, offering h2\nALPN, offering http/1.1');
    expect(curl).not.toContain('http2');
    expect(curl).not.toContain('protocol');
    expect(hints('Latencies to our higher-volume services were up.')).toContain('under-load');
    expect(hints('curl hangs after the Client hello; we never get server hello back')).toContain(
      'handshake-stall',
    );
    expect(
      hints('TLS handshake, Client hello (1):\n( curl waits a long time here, then times out )'),
    ).toContain('handshake-stall');
    expect(hints('The TLS handshake fails with a bad certificate.')).not.toContain('handshake-stall');
    expect(hints('data.forEach(async (element) => { await insert(element) })')).toContain('concurrency');
  });

  it('reads pods terminating, a peer process that is gone, and an always that is not about failures', () => {
    expect(hints('The failures only happen while old pods are terminating.')).toContain('shutdown');
    expect(hints('We are terminating TLS at the balancer.')).not.toContain('shutdown');
    expect(hints('Even though a Ready pod always exists, requests fail.')).not.toContain('always');
    expect(hints('It always fails.')).toContain('always');
    expect(hints('At the time there was no mysqld process running.')).toContain('peer-not-running');
    expect(hints('The database process had died.')).toContain('peer-not-running');
    expect(hints('The process is running fine.')).not.toContain('peer-not-running');
  });

  it('reads the words of a fourth set of blind incidents as they were meant', () => {
    expect(hints('502 errors crop up inconsistently in staging.')).toContain('intermittent');
    expect(hints('CPU throttling on the proxies was negligible.')).not.toContain('cpu');
    expect(hints('The burst ended when the new ReplicaSet became ready; it rolls repeatedly.')).toContain(
      'deploy',
    );
    const caller = hints("After that the run crashes with 'Socket closed unexpectedly'.");
    expect(caller).not.toContain('crash');
    expect(caller).not.toContain('restarts');
    expect(hints('The server crashes with a segfault.')).toContain('crash');
    expect(parseWords('GET /notes/1?queries%5Bq%5D=&queries%5Bbook%5D=dnote').durationsS).toEqual([]);
  });

  it('reads a size that an upload is sometimes above as a threshold', () => {
    expect(hints('The zip file size differs and is sometimes above 5 MB.')).toContain('size-threshold');
    expect(hints('When it is too big the client gets a socket error.')).toContain('size-threshold');
    expect(hints('The pod is above 5 replicas.')).not.toContain('size-threshold');
  });

  it('reads a plaintext client that works only with TLS, and pre-release builds rolled back', () => {
    expect(hints('I can connect with redis-cli, but only if I add --tls.')).toContain('tls-both-sides');
    expect(hints('Without --tls I get the same error on the command line.')).toContain('tls-both-sides');
    expect(hints('We only use TLS inside the cluster.')).not.toContain('tls-both-sides');
    expect(hints('Downgrading to the PHP 5.6 packages makes it go away.')).toContain('upgrade');
    expect(hints('I have had this problem since RC4.')).toContain('upgrade');
  });

  it('reads a version that began the failures, a pin that avoids them and a move that fixed them', () => {
    expect(hints('It started with grpcio 1.68.0 and pinning grpcio to 1.67.1 avoids it.')).toContain(
      'upgrade',
    );
    expect(
      hints('Moving the environment to the 2016.09 v3.3.0 Node.js platform made the errors go away.'),
    ).toContain('upgrade');
    expect(hints('It started with a burst of traffic at 9 am.')).not.toContain('upgrade');
    expect(hints('We moved the service to another node and it still fails.')).not.toContain('upgrade');
  });

  it('reads items sent one by one, work cut in flight, a server still holding the session and MTU symptoms', () => {
    expect(hints('I loop over an array of 1800 addresses and call sendMail for each one.')).toContain(
      'per-item-loop',
    );
    expect(hints('Stopping the server with requests still in flight loses them.')).toContain('in-flight');
    expect(hints('The database server still shows the session as active.')).toContain(
      'server-still-sees-connection',
    );
    expect(hints('DNS requests work perfectly but websites time out.')).toContain('small-works-large-hangs');
    expect(hints('ab stalls a little past 16,000 requests every run.')).toContain('ephemeral-range-count');
    expect(hints('ab stalls after 1,600 requests.')).not.toContain('ephemeral-range-count');
    expect(hints('New upstream connections fail once roughly 28k were in use.')).toContain(
      'ephemeral-range-count',
    );
    expect(hints('The proxy handles about 18,000 requests per second.')).not.toContain(
      'ephemeral-range-count',
    );
    expect(hints('Every rolling update drops connections that were still being served.')).toContain(
      'in-flight',
    );
    expect(hints('Whenever the application pool recycles, clients get 503.')).toContain('worker-recycling');
  });

  it('reads the words of a fifth set of blind incidents as they were meant', () => {
    expect(hints('The clients see: the connection is draining.')).not.toContain('deploy');
    expect(hints('Since rolling out Istio 1.1, 1% of calls fail.')).not.toContain('deploy');
    expect(hints('Since rolling out Istio 1.1, 1% of calls fail.')).toContain('upgrade');
    expect(hints('Requests fail while we roll out the new version.')).toContain('deploy');
    expect(hints("I titled it 'pachd OOM_KILLED when uploading'.")).toContain('oom-words');
    expect(hints('The CLI streams the release logs through the balancer.')).toContain('long-lived');
    expect(hints('I think s3cmd is waiting too long for tar and S3 closes the connection.')).toContain(
      'after-idle',
    );
    expect(hints('The command dies partway through.')).not.toContain('restarts');
    const ceiling = parseWords('The connection count stops growing at 1013.');
    expect(ceiling.hints).toContain('connection-ceiling');
    expect(ceiling.connections).toBe(1013);
    expect(parseWords('The max clients I was able to reach through the proxy is 468.').connections).toBe(468);
    expect(hints('mysql -u root -p shop < shop.sql')).toContain('large-body');
    expect(hints('Restoring the dump into MySQL fails.')).toContain('large-body');
  });

  it('reads the words of a sixth set of blind incidents as they were meant', () => {
    expect(hints('Meteor code must always run within a Fiber.')).not.toContain('always');
    expect(hints('Connecting via JavaScript is unaffected.')).toContain('other-client-works');
    expect(hints('Since today we can no longer connect from .NET.')).toContain('at-connect');
    expect(hints('Testing scalability with a large number of client connection attempts.')).toEqual(
      expect.arrayContaining(['under-load', 'many-connections']),
    );
    expect(hints('The server opens an LDAP session per login and keeps it up.')).toContain('long-lived');
    expect(hints('[ERROR] Worker (pid:11) was sent SIGKILL! Perhaps out of memory?')).not.toContain(
      'oom-words',
    );
    expect(hints('[ERROR] Worker (pid:11) was sent SIGKILL! Perhaps out of memory?')).not.toContain('memory');
    expect(hints('The container ran out of memory.')).toContain('oom-words');
    expect(hints('The gunicorn workers seem to disappear and restart.')).toContain('peer-not-running');
    expect(hints('The dead-letter topic gets maybe one event a day.')).toContain('low-traffic');
    expect(hints('The busy topic is fine.')).not.toContain('under-load');
    expect(hints('There is no Python traceback for it.')).toContain('no-trace');
    expect(hints('Unsolicited response received on idle HTTP channel')).not.toContain('after-idle');
  });

  it('reads the words of a seventh set of blind incidents as they were meant', () => {
    expect(hints('It randomly stops responding, mainly when traffic is high.')).toContain('under-load');
    expect(hints('One application started taking too long to respond.')).toContain('slow-peer');
    expect(hints('Leave the producer untouched for more than 10 minutes.')).toContain('after-idle');
    expect(hints('A 100 MB batch fails; smaller batches go through.')).toContain('size-threshold');
    expect(hints('When I run systemctl stop on the node, requests in flight fail.')).toContain('shutdown');
    const tls = hints('After turning on encryption in-transit it fails; redli with --tls connects fine.');
    expect(tls).toEqual(expect.arrayContaining(['tls', 'other-client-works']));
    const closeWait = hints(
      'We found thousands of connections in CLOSE_WAIT, then too many open file handles.',
    );
    expect(closeWait).toEqual(expect.arrayContaining(['leak', 'fd-limit']));
    expect(hints('After some time of inactivity, requests got a TCP RST.')).toContain('reset-by-peer');
    expect(hints('Clients kept getting disconnected with close code 1006.')).toContain('conn-dropped');
    expect(hints('A long op ends up with a broken database connection.')).toContain('conn-dropped');
    expect(hints('An op that runs 15 minutes without sending anything to the server.')).toContain(
      'after-idle',
    );
    expect(hints('docker run --publish=127.0.0.1:8000:80 logspout')).toContain('port-mapping');
    expect(hints("docker-compose with ports '9000:9000'")).toContain('port-mapping');
    expect(hints('Clients periodically have several in-flight requests fail together.')).toContain(
      'in-flight-together',
    );
    const daily = hints('Every day at about 08:06 UTC all active connections drop at once.');
    expect(daily).toEqual(expect.arrayContaining(['all-at-once', 'scheduled-time']));
    expect(daily).not.toContain('concurrency');
    expect(hints('It sends 100 requests at once.')).toContain('concurrency');
    expect(hints('Many connections go to the same destination at once.')).toContain('same-destination');
    expect(hints('Under load the WebSocket connections are dropped as keepalive failures.')).toContain(
      'ping-failures',
    );
    expect(hints('When our pods autoscale down, connections are closed.')).toContain('deploy');
    expect(hints('We see huge load during special events.')).toContain('under-load');
    // numbers that are not statuses or durations
    expect(parseWords('Memory limit of 512 MiB exceeded with 533 MiB used.').httpStatuses).toEqual([]);
    expect(parseWords('Os { code: 104, kind: ConnectionReset }').httpStatuses).toEqual([]);
    expect(parseWords('The proxy answered with 502 after 3 s.').httpStatuses).toEqual([502]);
    expect(parseWords('Cloudflare shows Error 520 for the origin.').httpStatuses).toEqual([520]);
    expect(parseWords('socket error: 104').httpStatuses).toEqual([]);
    expect(parseWords('DBUG [   388.710739s] proxy conn error').durationsS).toEqual([]);
    expect(parseWords('It failed after 1.5s.').durationsS).toEqual([1.5]);
  });

  it('reads the words of an eighth set of blind incidents as they were meant', () => {
    const retries = hints(
      'Netty retries with other pooled connections, but those fail too, so the retry never works.',
    );
    expect(retries).toContain('retry-fails');
    expect(retries).not.toContain('retry-succeeds');
    expect(retries).not.toContain('always');
    expect(hints('Disabling the HTTP pool did not solve it.')).toContain('retry-fails');
    expect(hints('The client tries to retry but shows the error instead of succeeding.')).not.toContain(
      'retry-succeeds',
    );
    expect(hints('We saw a very large number of connections sitting in the TimeWait state.')).toContain(
      'time-wait-pile',
    );
    expect(hints('Connecting to a SQL Server 2017 instance from the same image works.')).toContain(
      'other-server-works',
    );
    expect(hints('The ClickHouse server keeps executing the query after the client is gone.')).toContain(
      'server-still-working',
    );
    expect(hints('If I wait about a minute before typing the next command, it fails.')).toContain(
      'after-idle',
    );
    expect(hints('After a long test phase Maven can no longer download artifacts.')).toEqual(
      expect.arrayContaining(['after-idle', 'conn-dropped']),
    );
    expect(hints('(possibly due to the service shutting down)')).not.toContain('shutdown');
    expect(components('It depends on SSE (we have SSE2, the server uses SSE4.2).')).not.toContain(
      'websocket',
    );
    expect(components('Our SSE stream to the browser drops.')).toContain('websocket');
    expect(hints('The backend answers a request that carries a body with 409 Conflict.')).toContain(
      'early-response',
    );
    expect(hints('There are no problems between these origins and any other POP.')).toContain(
      'one-path-only',
    );
    expect(hints('Runners use the docker:dind sidecar.')).toContain('nested-network');
  });

  it('reads the words of a ninth set of blind incidents as they were meant', () => {
    expect(parseWords('It logs Connection reset by peer and retries every 5 seconds.').idleS).toBeUndefined();
    expect(hints('It then runs about 7 seconds of non-async computation.')).toContain('blocking-work');
    expect(hints('Every gRPC call through Traefik fails with a 502.')).toContain('always');
    expect(hints('A crawler was sending many requests.')).toContain('under-load');
    expect(hints('The idle connection gets closed automatically after some time.')).toContain('conn-dropped');
    expect(hints('The NFS client on Ubuntu against the same server keeps working.')).not.toContain(
      'server-still-working',
    );
    expect(hints('Mosquitto can only reach 1024 connections on Ubuntu.')).toContain('connection-ceiling');
    expect(hints('The 502s line up with HAProxy reloads.')).toContain('deploy');
    expect(hints("nginx said 'resource temporarily unavailable' connecting to the PHP-FPM socket")).toContain(
      'socket-backlog-full',
    );
    expect(hints('The reconnect succeeds, but it goes into an endless connect/disconnect loop.')).toContain(
      'reconnect-loop',
    );
    expect(hints('Outbound calls that take longer than about 350 seconds fail.')).toContain(
      'middlebox-timeout-duration',
    );
    // "after a while" says time passed, not that the connection sat idle
    expect(hints('After a while the listener fails with RST_STREAM.')).not.toContain('after-idle');
    expect(hints('After a long while without requests it fails.')).toContain('after-idle');
  });

  it('reads a full conntrack table and a connect that succeeds before the reset', () => {
    expect(hints('The host hit a full conntrack table after a scan.')).toContain('conntrack-full');
    expect(hints('connect() returns OK, but then the first receive gets a reset.')).toContain(
      'connect-succeeds',
    );
  });

  it('does not read a low rate of errors as low traffic', () => {
    expect(hints('We see an increased but low rate of these errors.')).not.toContain('low-traffic');
    expect(hints('At a low request rate the first call fails.')).toContain('low-traffic');
  });

  it("does not read 'socket hang up' as a hang, nor PHP-FPM's '[pool www]' as connection pooling", () => {
    expect(hints('Error: socket hang up')).not.toContain('slow-peer');
    expect(hints('The request hangs for a minute, then fails.')).toContain('slow-peer');
    expect(hints('[pool www] child 1152 exited on signal 9 (SIGKILL)')).not.toContain('pooling');
    expect(hints('We use a connection pool of 20.')).toContain('pooling');
    expect(hints('The HTTP client uses pooling.')).toContain('pooling');
  });

  it('tells a count of connections or a duration from a size', () => {
    expect(hints('It fails with more than 600 connections open.')).not.toContain('size-threshold');
    expect(hints('Idle for more than 5 minutes, then reset.')).not.toContain('size-threshold');
    expect(hints('Responses larger than 64 KB are cut.')).toContain('size-threshold');
    expect(hints('No more than about 600 MQTT connections can be established.')).toContain(
      'connection-ceiling',
    );
    expect(hints('Monitoring shows a new socket being opened for each request.')).toContain('no-pooling');
  });

  it('reads long requests and updated deployments in their usual phrasings', () => {
    expect(hints('Longer-running Python function executions fail.')).toContain('long-requests');
    expect(hints('A POST that takes about 4 minutes to process fails.')).toContain('long-requests');
    expect(hints('When a deployment behind the ingress is updated, requests are lost.')).toContain('deploy');
  });

  it('reads PROXY protocol, quiet consumers and small pages that load fine', () => {
    expect(hints("The route sets 'proxy_protocol v1' towards the broker.")).toContain('proxy-protocol');
    expect(hints('It is worse for consumers that stay quiet for a while.')).toContain('after-idle');
    const tunnel = hints('A small page loads fine, but fetching larger files through the tunnel fails.');
    expect(tunnel).toContain('size-threshold');
    expect(tunnel).toContain('large-response');
  });

  it('drops CPU and memory said to be fine in their own clause, and only there', () => {
    const fine = hints('CPU, memory, GC and DB pools were normal; only some nodes showed latency.');
    expect(fine).not.toContain('cpu');
    expect(fine).not.toContain('memory');
    const mixed = hints('CPU throttling was high while memory was fine.');
    expect(mixed).toContain('cpu');
    expect(mixed).not.toContain('memory');
    expect(hints('Memory looks healthy but CPU is saturated at peak.')).toContain('cpu');
    expect(hints('The heap keeps growing until the process dies.')).toContain('memory');
  });

  it('tells Node.js from a Kubernetes node', () => {
    expect(components('Workers connect to one node at startup.')).not.toContain('node');
    expect(components('Connections through a Kubernetes node are reset.')).not.toContain('node');
    expect(components('Node Exporter shows nothing odd.')).not.toContain('node');
    expect(components('Our Node.js gateway calls it.')).toContain('node');
    expect(components('After upgrading to Node 18 the errors started.')).toContain('node');
    expect(components('A node service behind the ALB.')).toContain('node');
    expect(components('An Express app.')).toContain('node');
  });

  it('names client libraries and runtimes only where they are meant', () => {
    expect(components('nginx returns 502 for some requests.')).not.toContain('python-requests');
    expect(components('requests.get fails with a connection error')).toContain('python-requests');
    expect(components('Redis at cache.windows.net fails')).not.toContain('dotnet');
    expect(components('A .NET 8 service and an ASP.NET API')).toContain('dotnet');
  });

  it('tells a shutdown delay and recycled workers from idleness and restarts', () => {
    const w = parseWords('The preStop script sleeps 30s before shutting the app down.');
    expect(w.hints).not.toContain('after-idle');
    expect(w.idleS).toBeUndefined();
    expect(hints('The laptop sleeps overnight and the first request fails.')).toContain('after-idle');
    expect(hints('gunicorn workers are periodically recycled (max-requests)')).toContain('shutdown');
    expect(hints('After switching to port 6380 every connection attempt fails.')).toContain('always');
  });

  it('names a hang of about fifteen minutes (the retransmission timeout) and resets told in other words', () => {
    expect(hints('The request blocks and only times out after about 15 minutes.')).toContain(
      'retransmission-timeout',
    );
    expect(hints('Requests time out after 15 seconds.')).not.toContain('retransmission-timeout');
    expect(hints('Once six clients connect, connections start getting reset.')).toContain('reset-by-peer');
  });

  it('reads conntrack counters named in the words', () => {
    const w = hints('nf_conntrack_count climbs from 100 to 65k within seconds');
    expect(w).toContain('conntrack');
    expect(w).toContain('conntrack-full');
  });

  it('names paths, sizes and settings that separate network causes', () => {
    expect(hints('Pushing to its internal IP or with host networking does not show the problem.')).toContain(
      'direct-path-works',
    );
    expect(
      hints('A capture shows the host itself sending a RST for a session it has no socket for.'),
    ).toContain('conntrack-invalid');
    expect(hints('TCP connects succeed, then the TLS handshake times out.')).toContain('connect-succeeds');
    expect(hints('Any request of 1868 bytes or more fails.')).toContain('size-threshold');
    expect(hints('Since enabling MaxConnectionAge on the servers.')).toContain('max-connection-age');
    expect(hints('Small jobs work, only large ones fail.')).toContain('scale-dependent');
    expect(hints('Upgrading to 1.5.2 did not solve it.')).toContain('upgrade-did-not-help');
    expect(hints('We see connection timeouts on outbound calls.')).toContain('connect-timeouts');
    expect(hints('A large number of workers all connect at startup.')).toContain('many-connections');
  });

  it('reads a rollout from what was done, not from how the app is hosted', () => {
    expect(hints('Scaling a deployment down from 10 to 5 pods produces 502s.')).toContain('deploy');
    expect(hints('Deleting pods gives errors at the ingress.')).toContain('deploy');
    expect(hints('A Rocket app deployed with the Rust buildpack gets H13 errors.')).not.toContain('deploy');
    expect(hints('H13 errors around dyno shutdowns and restarts.')).toContain('shutdown');
    expect(hints('The same download from the host works.')).toContain('direct-path-works');
  });

  it('names Azure App Service and overlay networks', () => {
    expect(components('Three Azure Web Apps went down.')).toContain('azure-app-service');
    expect(components('the CLI talking to our service in Azure')).toContain('azure');
    expect(components('pods on AKS call the API')).toContain('azure');
    expect(components('two masters behind keepalived and haproxy')).toContain('vip');
    expect(components('the apiserver VIP moved')).toContain('vip');
    expect(components('a vipassana retreat')).not.toContain('vip');
    expect(components('our VIP customers see resets')).not.toContain('vip');
    expect(components('a lazure glaze')).not.toContain('azure');
    expect(components('Kubernetes with Calico IPIP on OpenStack.')).toContain('overlay');
    expect(components('flannel vxlan between nodes')).toContain('overlay');
    expect(components('through the Docker bridge network')).toContain('docker-bridge');
  });

  it('names slow consumers, small hosts, host firewalls and drops told as what a server did', () => {
    expect(hints('The server disconnects our service connection when processing is too slow.')).toEqual(
      expect.arrayContaining(['slow-consumer', 'conn-dropped']),
    );
    expect(hints('NATS closes us as a slow consumer.')).toContain('slow-consumer');
    expect(hints('The broker drops the connection.')).not.toContain('conn-dropped');
    expect(hints('It fails on small systems (2 CPUs); the same works on larger hosts.')).toContain(
      'small-host',
    );
    expect(hints('We run a small team.')).not.toContain('small-host');
    expect(hints('Every machine also runs a local iptables firewall; ufw on the rest.')).toContain(
      'host-firewall',
    );
    expect(hints('About 800 SSH brute-force attempts hit the host.')).toContain('many-connections');
    expect(hints('Every client connection through it is dropped.')).toContain('conn-dropped');
    expect(hints('nginx upstream connections failed for an hour.')).toContain('conn-dropped');
    expect(hints('Timeout while establishing connection')).toContain('connect-timeouts');
    expect(hints('pgbouncer occasionally exits with a FATAL')).toContain('restarts');
    expect(hints('The container hit its 2 GiB memcg limit and was restarted.')).toContain('oom-words');
    expect(components('the Gorouter logs show EOF')).toContain('gorouter');
  });

  it('does not read a rollout from a canary host, a Helm message or a circuit breaker', () => {
    expect(hints('On the prod canary we see these errors.')).not.toContain('deploy');
    expect(hints('They start during the canary rollout.')).toContain('deploy');
    expect(hints('Error: getting deployed release "roiling-quail"')).not.toContain('deploy');
    expect(hints("cluster 'contour' match for URL '/x' max requests overflow")).not.toContain('shutdown');
    expect(hints('gunicorn max_requests recycles the workers')).toContain('shutdown');
  });

  it('reads TLS-only servers, hairpin paths, thread starvation and connection bursts', () => {
    expect(hints('The cache has encrypt in-transit = true.')).toContain('tls-required');
    expect(hints('The broker only accepts TLS on 9094.')).toContain('tls-required');
    expect(hints('We use TLS 1.3 everywhere.')).not.toContain('tls-required');
    expect(
      hints('From a shell in any pod, curling another service through the ingress hostname fails.'),
    ).toContain('hairpin');
    expect(hints('From outside the cluster every request works.')).not.toContain('hairpin');
    expect(hints('The thread count of the process suddenly jumps to 500.')).toContain('blocking-work');
    expect(hints('It looks like thread pool starvation.')).toContain('blocking-work');
    expect(hints('Instance 2 opens 1000 net.box connections at once.')).toContain('many-connections');
    expect(hints('Then a client makes 1000 GET requests to it.')).toContain('many-connections');
    expect(hints('The instance seems unable to even curl the endpoint without a timeout.')).not.toContain(
      'no-timeouts',
    );
    expect(hints('The client calls the API without a timeout.')).toContain('no-timeouts');
    expect(hints('The client makes 1000 requests per second.')).not.toContain('many-connections');
    expect(hints('Traefik is periodically killed by the Linux kernel due to an OOM.')).toContain('oom-words');
    expect(hints('It mostly happens on small EC2 instances under load.')).toContain('small-host');
    expect(hints('Moving to larger m5 instances made the 502s go away.')).toContain('small-host');
  });

  it('reads failures told as cut or closed at once, and servers that never saw them', () => {
    expect(hints('In-flight requests are cut off during pod termination.')).toContain('conn-dropped');
    expect(hints('The connection gets closed right away.')).toContain('conn-dropped');
    expect(hints('We cut over to the new cluster.')).not.toContain('conn-dropped');
    expect(hints('Those connections never make it to the server.')).toContain('no-trace');
    expect(hints('Both client and server logs are empty.')).toContain('no-trace');
  });

  it('does not read a success or a near-certainty as always failing', () => {
    expect(hints('Uploading a document almost always fails.')).not.toContain('always');
    expect(hints('From outside all requests through the LB succeed.')).not.toContain('always');
    expect(hints('From outside every request works.')).not.toContain('always');
    expect(hints('Every command fails immediately.')).toContain('always');
    expect(hints('Roughly 10% of requests fail.')).toContain('intermittent');
  });

  it('reads TLS versions switched off, failures that follow a user, and large headers', () => {
    expect(hints('With SSLProtocol ALL -SSLv2 -SSLv3 -TLSV1 every run fails.')).toContain(
      'tls-version-config',
    );
    expect(hints('We disabled TLS 1.0 on the load balancer.')).toContain('tls-version-config');
    expect(hints('We use TLS 1.2.')).not.toContain('tls-version-config');
    expect(hints('It fails only for logged-in users.')).toContain('per-user');
    expect(hints('Viewing the site from that same browser fails; other users are not affected.')).toContain(
      'per-user',
    );
    expect(hints('The upload cookies accumulated until the headers grew past 16 KB.')).toContain(
      'large-headers',
    );
  });

  it('reads thresholds, drops, counts and shares in more phrasings', () => {
    expect(hints('A packet of about 1e6 characters or more disconnects it.')).toContain('size-threshold');
    expect(hints('The socket is disconnected instantly.')).toContain('conn-dropped');
    expect(hints('Those are the ones where the server disconnects us.')).toContain('conn-dropped');
    expect(hints('Users see HTTP 5xx errors during a rollout restart.')).toContain('gateway-error');
    expect(hints('50 of 2000 requests get a 502.')).toContain('intermittent');
    expect(hints('The second time a portion of the requests fail.')).toContain('intermittent');
    expect(hints('Reproducible on node 0.12.7 and node 4.1.')).not.toContain('always');
    expect(hints('callback runs long_running_task(body) then acks it')).toContain('blocking-work');
    const ceiling = parseWords('It always stops when the count reaches 1013.');
    expect(ceiling.hints).toContain('connection-ceiling');
    expect(ceiling.connections).toBe(1013);
  });

  it('does not read host names, test handlers or hypotheticals as mechanisms', () => {
    expect(hints('Zabbix_host[chi-kickstart01.mss.local] fails')).not.toContain('mtu');
    expect(hints('our MSS is clamped to 1360')).toContain('mtu');
    expect(hints('I stop it while the server runs a long RPC that sleeps.')).not.toContain('after-idle');
    expect(
      hints('To the caller it is indistinguishable from a network failure or a gateway crash.'),
    ).not.toContain('crash');
    expect(parseWords('Our egress goes through a NordVPN tunnel.').components).toContain('vpn');
  });

  it('reads SYN retries in the latency, shared client ids and client addresses kept by a balancer', () => {
    expect(hints('A group of requests takes just over one second, although the work is trivial.')).toContain(
      'syn-retry-latency',
    );
    expect(hints('p99.9 1084 ms, max 1109 ms under the burst')).toContain('syn-retry-latency');
    expect(hints('p99 1084 ms')).not.toContain('syn-retry-latency');
    expect(hints('With only one ESP connected it does not get disconnected.')).toContain(
      'duplicate-client-id',
    );
    expect(hints('All devices use the same client ID.')).toContain('duplicate-client-id');
    expect(hints('The target groups keep client IP preservation enabled.')).toContain('client-ip-preserved');
  });

  it('reads workers replaced without a word, NAT by its spellings, bursts and growth in more phrasings', () => {
    expect(hints('There is only a message that a new worker is booting.')).toContain('restarts');
    expect(hints('There is no error message in the logs.')).toContain('no-trace');
    expect(parseWords('Egress goes through CloudNAT.').components).toContain('cloud-nat');
    expect(parseWords('Our Function App sends push notifications.').components).toContain(
      'azure-app-service',
    );
    expect(hints('Workloads open many parallel connections to the same external destination.')).toEqual(
      expect.arrayContaining(['many-connections', 'same-destination']),
    );
    expect(hints('Every .send establishes its own TCP connection.')).toContain('no-pooling');
    expect(hints('The peers see their connection attempts to bgpd rejected.')).toContain('refused');
    expect(hints('At low volume it works.')).not.toContain('low-traffic');
    expect(hints('As the request count grows, outbound calls fail.')).toContain('under-load');
  });

  it('does not read rotated cover sites as a rollout, nor a carrier throttling traffic as CPU', () => {
    expect(hints('We rotated cover sites and tried other egress ASNs.')).not.toContain('deploy');
    expect(hints('Failures start while rotating the nodes.')).toContain('deploy');
    expect(hints('We suspected carrier throttling of our IPs.')).not.toContain('cpu');
    expect(hints('The container is CPU throttled.')).toContain('cpu');
  });

  it('reads memory limits, plaintext clients on TLS ports and bodies over a configured maximum', () => {
    expect(hints('Agents get the default resources (memory 256Mi).')).toContain('memory-limit');
    expect(hints('The container is started with -m 500m.')).toContain('memory-limit');
    expect(hints('The host has 64 GB of RAM.')).not.toContain('memory-limit');
    expect(hints('The ingress controller pods run with a 4 GB memory limit.')).toContain('memory-limit');
    expect(hints('The memory limit is 1.5Gi.')).toContain('memory-limit');
    expect(
      parseWords('Each container has a 512m container memory cap, and mem_limit: 768m.').durationsS,
    ).toEqual([]);
    expect(parseWords('It fails after 5m of idle.').durationsS).toEqual([300]);
  });

  it('reads idle periods told as calls not made, channels left open and minutes without a query', () => {
    expect(parseWords("If the job hasn't called ES for about 8 minutes, the next call hangs.").idleS).toBe(
      480,
    );
    expect(parseWords('A query after about 10 minutes without any query fails.').idleS).toBe(600);
    expect(hints('After a channel has been left open for a while, a request fails.')).toContain('after-idle');
    expect(hints('The job has not used the client for a few minutes.')).toContain('after-idle');
    expect(hints('It fails without any request reaching the server.')).not.toContain('after-idle');
  });

  it('reads lost connections, every database failing, and a request that dies as no restart', () => {
    expect(hints('The application lost its MySQL connections through them.')).toContain('conn-dropped');
    expect(hints('Every imported database fails to connect.')).toContain('always');
    expect(hints('Stack trace (when copying this message, always include the lines below)')).not.toContain(
      'always',
    );
    expect(hints('The client request then dies with an unhandled error.')).not.toContain('restarts');
    expect(hints('The server then dies with an unhandled error.')).toContain('restarts');
    expect(hints('The indexer holds far more RDS connections than its configured pool size.')).toContain(
      'server-connections-exhausted',
    );
    expect(hints('When MongoDB comes back, the broker opens far too many connections at once.')).toContain(
      'server-connections-exhausted',
    );
    expect(parseWords('Our shared RDS instance refuses new connections.').components).toContain('database');
    expect(parseWords('We query Cosmos DB and MongoDB from the same service.').components).toContain(
      'database',
    );
    expect(parseWords('The pooler is RDS Proxy.').components).not.toContain('database');
  });

  it('reads stalls at a fixed size, handshakes stalling after the connection opens, and quiet connections', () => {
    expect(hints('The SFTP write stream gets stuck at 64kb every time.')).toContain('stalls-at-size');
    expect(hints('The download stalls at 300 KB/s.')).not.toContain('stalls-at-size');
    const tunnel = hints('The TCP connection opens, but curl stalls during the handshake.');
    expect(tunnel).toContain('handshake-stall');
    expect(tunnel).toContain('connect-succeeds');
    expect(hints('Broker connections that go quiet for a while later fail.')).toContain('after-idle');
    expect(hints('We get connector communication errors between IIS and Tomcat.')).toContain('conn-dropped');
    expect(hints('The error takes down every connected client.')).toContain('conn-dropped');
    expect(parseWords('GKE with a GCE Ingress in front of two pods.').components).toContain('gcp-lb');
  });

  it('reads build tools, updates told as recent, and other runtime versions that work', () => {
    expect(parseWords('Maven cannot transfer artifacts in CI.').components).toContain('maven');
    expect(hints('After the recent update to Git for Windows 2.41.0 it started failing.')).toContain(
      'upgrade',
    );
    expect(hints('It worked before the update.')).toContain('upgrade');
    expect(hints('The same projects build fine with other JDKs.')).toContain('version-contrast');
    expect(hints('It works with other clients.')).not.toContain('version-contrast');
    expect(hints('Downgrading curl to 7.87 works; upgrading to 7.88 brings it back.')).toContain(
      'version-contrast',
    );
    expect(hints('Disabling the HTTP/2 client via an environment variable avoids it.')).toContain(
      'http2-off-fixes',
    );
    expect(hints('Running with GODEBUG=http2client=0 makes the errors disappear.')).toContain(
      'http2-off-fixes',
    );
    expect(hints('With CARGO_HTTP_MULTIPLEXING=false the downloads succeed.')).toContain('http2-off-fixes');
    expect(hints('We tried disabling HTTP/2 but it still fails.')).not.toContain('http2-off-fixes');
    expect(hints('Clients keep getting disconnected with close code 1006.')).toContain('ws-abnormal-close');
    expect(hints('The socket closes with no close frame.')).toContain('ws-abnormal-close');
    expect(hints('It took 1006 ms to answer.')).not.toContain('ws-abnormal-close');
  });

  it('reads long query strings as large headers, Varnish and Squid as proxies, and TLS-only brokers', () => {
    expect(hints('Requests that carry very large sets of query parameters get reset.')).toContain(
      'large-headers',
    );
    expect(hints('Clients with very long URLs get the connection reset.')).toContain('large-headers');
    expect(parseWords('Varnish resets the connection.').components).toContain('proxy');
    expect(hints('The same setup works with SASL_SSL but not with any other security protocol.')).toContain(
      'plaintext-to-tls',
    );
    expect(hints('Go consumed all ephemeral ports and started failing to do requests.')).toContain(
      'ports-used-up',
    );
    expect(hints('When many connections open at once, connect starts failing with ENOBUFS.')).toContain(
      'ports-used-up',
    );
    expect(hints('We checked the ephemeral ports and they were fine.')).not.toContain('ports-used-up');
  });

  it('reads other clients and servers that work, servers on old TLS, and cleartext HTTP/2', () => {
    expect(
      hints('https.get fails with a read ECONNRESET, but curl can get a response from the same URL.'),
    ).toContain('other-client-works');
    expect(hints('With the rustls feature it fails; if I use native-tls (OpenSSL) it works.')).toContain(
      'other-client-works',
    );
    expect(hints('It works for other URLs; only this particular server fails.')).toContain(
      'other-server-works',
    );
    expect(
      hints(
        'One in six connections is reset, while other HTTPS APIs (api.openai.com, graph.microsoft.com) never reset.',
      ),
    ).toContain('other-server-works');
    expect(hints('The site uses TLS 1.0 only.')).toContain('tls-version-config');
    expect(hints('The site uses TLS 1.2.')).not.toContain('tls-version-config');
    expect(hints('> Upgrade: h2c')).toContain('h2c');
    expect(hints('o.Protocols = HttpProtocols.Http2;')).toContain('h2c');
    expect(hints('o.Protocols = HttpProtocols.Http1AndHttp2;')).not.toContain('h2c');
    expect(parseWords('Our AWS Lambda calls Stripe first thing.').components).toContain('serverless');
    expect(parseWords('Deployed to Google Cloud Functions.').components).toContain('serverless');
    expect(parseWords('We pass a lambda expression to the stream.').components).not.toContain('serverless');
  });

  it('reads a connection ceiling before a count told in passing, with a word between number and noun', () => {
    const server = parseWords('Our server goes down once roughly 1024 router sessions are connected.');
    expect(server.hints).toContain('connection-ceiling');
    expect(server.connections).toBe(1024);
    expect(
      parseWords(
        'I want to hold 2000 concurrent WebSocket connections, but the connection count stops growing at 1013.',
      ).connections,
    ).toBe(1013);
    expect(parseWords('We keep 300 database connections open.').connections).toBe(300);
    expect(hints("Now and then a call fails with a 'connection closed' error.")).toContain('conn-dropped');
    expect(hints('security.protocol is left at PLAINTEXT against the SSL listener.')).toContain(
      'plaintext-to-tls',
    );
    expect(hints('Files that exceed spring.servlet.multipart.max-file-size fail.')).toContain(
      'size-threshold',
    );
    expect(hints('Uploads of bigger files (> 100 MB) never start.')).toContain('size-threshold');
    expect(hints('The server closes the connection instead of responding with an error.')).toContain(
      'early-response',
    );
  });

  it('reads EOF said as the failure, logs pushed in bulk and rolling restarts; not a deployment narrated', () => {
    expect(hints('The scrape fails, most commonly with an EOF.')).toContain('conn-dropped');
    expect(hints('Could not push logs to Elasticsearch, resetting connection.')).toContain('bulk-write');
    expect(hints('The nodes are restarted one at a time for maintenance.')).toContain('deploy');
    expect(hints("I'm deploying the stack from the helm chart into a namespace.")).not.toContain('deploy');
    expect(hints('Errors start after deploying the new version.')).toContain('deploy');
  });

  it('reads stalls above a count of connections, warm sessions, silently dead sessions and MTU-sized thresholds', () => {
    expect(hints('Above 30 at once, connections beyond that time out.')).toContain('timing-out');
    expect(hints('Above ~30 many stall.')).toContain('timing-out');
    expect(hints('A flow lands on a warm session that has silently died.')).toContain('after-idle');
    expect(hints('A flow lands on a warm session that has silently died.')).toContain('conn-dropped');
    expect(hints('We noticed about 28K sockets in the ESTABLISHED state.')).toContain('many-connections');
    expect(hints('Once a response exceeds about 1,400 bytes the connection hangs.')).toContain('mtu');
    expect(hints('Bodies over 14,000 bytes are rejected.')).not.toContain('mtu');
    expect(hints('HTTP/2 connections did not show 502 errors with HAProxy 2.4.')).toContain(
      'version-contrast',
    );
    expect(
      hints('The server rejects new connections when many simultaneous connection requests arrive.'),
    ).toContain('refused');
    expect(hints('TcpExtListenOverflows was counting up under bursty load.')).toEqual(
      expect.arrayContaining(['accept-queue', 'spike']),
    );
  });

  it('reads small instance types, sockets hanging in TIME_WAIT, in-flight work broken and gaps between requests', () => {
    expect(hints('RabbitMQ runs in Docker on an AWS t2.small server.')).toContain('small-host');
    expect(hints('The sockets to Redis are all hanging in TIME_WAIT.')).toContain('time-wait-pile');
    expect(hints('Deleting one pod broke in-flight responses mid-stream.')).toContain('conn-dropped');
    expect(hints('ProxySQL crashed in production, dropping client connections.')).toContain('conn-dropped');
    expect(hints('Traffic comes in bursts with think/tool-call gaps between requests.')).toContain(
      'after-idle',
    );
    expect(hints('The gaps between requests are short.')).toContain('after-idle');
  });

  it('reads healthy backends, and does not take a near-idle process for an idle connection', () => {
    expect(hints('The API processes were healthy and near-idle.')).toContain('backends-healthy');
    expect(hints('The API processes were healthy and near-idle.')).not.toContain('after-idle');
    expect(hints('The CPU was mostly idle.')).not.toContain('after-idle');
    expect(hints('It fails after the connection sat idle.')).toContain('after-idle');
  });

  it('reads conntrack tracking a flow with no SYN, a JSON API that works, idle forwards closed, stops for deployments', () => {
    expect(
      hints('conntrack is making a new connection as established, but no SYN packet was seen.'),
    ).toContain('conntrack-invalid');
    expect(hints('The HTTP JSON API at https://db:4758/v3alpha/kv/range returns key a fine.')).toContain(
      'other-protocol-works',
    );
    expect(hints('If the forwarded connections stay idle for a few minutes they are closed.')).toContain(
      'conn-dropped',
    );
    expect(
      hints('When B is shut down (as we must do for deployments), the gateway keeps sending to it.'),
    ).toContain('deploy');
    expect(hints('The connection from the gateway to the EPP pod gets terminated.')).not.toContain('deploy');
    expect(hints('The connection from the gateway to the EPP pod gets terminated.')).not.toContain(
      'shutdown',
    );
    expect(hints('The EPP pod gets terminated.')).toContain('shutdown');
  });

  it('reads TIME_WAIT counts, a connection per scrape, pods being removed; not a fork of a repository', () => {
    expect(hints('netstat shows a huge number of TIME_WAIT connections to the broker port.')).toContain(
      'time-wait-pile',
    );
    expect(hints('There are many TIME_WAIT sockets.')).toContain('time-wait-pile');
    expect(hints('A new inbound API connection from the exporter on every scrape.')).toContain('no-pooling');
    expect(hints('It fails while ES pods are being removed or restarted.')).toContain('deploy');
    expect(hints('In a deployment of my fork the client fails.')).not.toContain('forking');
    expect(hints('We forked the repository to patch it.')).not.toContain('forking');
    expect(hints('The workers fork after the pool is created.')).toContain('forking');
  });

  it('reads warm serverless instances, a pod restarted in the passive, and TERM', () => {
    expect(hints('When the Lambda container is reused for a later invocation, requests fail.')).toContain(
      'warm-reuse',
    );
    expect(hints('Sometimes we get a cold container and sometimes a warm one is reused.')).toContain(
      'warm-reuse',
    );
    expect(hints('The first invocation works.')).toContain('first-then-fails');
    expect(hints('When a pod is restarted, a few requests get 502.')).toContain('deploy');
    expect(hints('Its workers get TERM and exit.')).toContain('shutdown');
  });

  it('reads a broker that will not accept more than a thousand clients as a connection ceiling', () => {
    expect(hints("The broker won't accept more than 985-1000 client connections.")).toContain(
      'connection-ceiling',
    );
    expect(hints('The broker accepts more clients after the upgrade.')).not.toContain('connection-ceiling');
  });

  it('reads Caddy, names that work where addresses fail, reloads of HAProxy and requests lost', () => {
    expect(parseWords('The Node.js server runs behind Caddy.').components).toEqual(
      expect.arrayContaining(['caddy', 'proxy', 'node']),
    );
    expect(hints("curl to the service's domain name works normally.")).toContain('sni');
    expect(hints('nginx needs proxy_ssl_server_name on for this upstream.')).toContain('sni');
    expect(hints('Applying settings reloads/restarts HAProxy.')).toContain('deploy');
    expect(hints('The benchmark loses a handful of requests.')).toContain('conn-dropped');
  });

  it('reads a long-running query as a long request', () => {
    expect(hints('psql fails after a long-running query of more than 5 minutes.')).toContain('long-requests');
  });

  it('reads 5-second DNS delays, smaller writes that work, sessions closed after a time; not low CPU as CPU trouble', () => {
    expect(hints('About 1% of DNS lookups hang for 5 seconds and then time out.')).toContain('dns-5s-delay');
    expect(hints('Persisting 35 MB fails. Smaller writes work.')).toContain('size-threshold');
    expect(
      hints('SSH sessions that go through the proxy are closed after about 48 seconds of idle time.'),
    ).toContain('conn-dropped');
    expect(hints('Usage is 5% CPU and 50MB memory.')).not.toContain('cpu');
    expect(hints('CPU usage is low.')).not.toContain('cpu');
    expect(hints('The pods are CPU throttled at peak.')).toContain('cpu');
    expect(hints('CPU is at 100% during the peak.')).toContain('cpu');
  });

  it('reads Android clients as OkHttp, and Cloudflare in the path but not its Terraform provider', () => {
    expect(parseWords('An Android client talks to the camera over HTTP.').components).toContain('okhttp');
    expect(parseWords('The web UI is published through Cloudflare.').components).toContain('cloudflare');
    expect(parseWords('The cloudflare provider updated from 2.19.0 to 2.19.1.').components).not.toContain(
      'cloudflare',
    );
  });

  it('reads an MTU setting named in a configuration key', () => {
    expect(hints('Clusters created with the network_mtu = 8991 option lose pod-to-pod traffic.')).toContain(
      'mtu',
    );
  });

  it('reads curl or browsers that connect fine as another client working', () => {
    expect(hints('curl connects to the same host fine and negotiates TLSv1.2.')).toContain(
      'other-client-works',
    );
    expect(hints('Browsers and Node 0.10 fetch the same page without problems.')).toContain(
      'other-client-works',
    );
    expect(hints('curl fails the same way.')).not.toContain('other-client-works');
  });

  it('reads one connection shared by threads, websockets dropped, and a job in a forked child', () => {
    expect(
      hints(
        'A single pika.BlockingConnection is created at module level; two threads each publish on it at once.',
      ),
    ).toContain('shared-across-threads');
    expect(hints('Pika is not thread safe.')).toContain('shared-across-threads');
    expect(hints('Each thread opens its own connection.')).not.toContain('shared-across-threads');
    expect(hints('Hundreds of chat-stream websockets dropped.')).toContain('conn-dropped');
    expect(hints('The worker runs each job in a forked child.')).toContain('forking');
  });

  it('reads DNS trouble said in words', () => {
    expect(hints('The whole cluster intermittently experiences DNS problems (lost DNS packets).')).toContain(
      'dns-trouble',
    );
    expect(hints('We changed the DNS settings of the pods.')).not.toContain('dns-trouble');
  });

  it('reads high memory usage and memory spikes as memory growth', () => {
    expect(hints('Monitoring had detected high memory usage on one of our Redis servers.')).toContain(
      'memory-growth',
    );
    expect(hints('An unexpected memory spike got the process killed.')).toContain('memory-growth');
    expect(hints('Memory usage is flat.')).not.toContain('memory-growth');
  });

  it('reads one version working where another fails, and poolers in front of a database', () => {
    expect(hints('It did not occur on 1.65 with the same code.')).toContain('version-contrast');
    expect(hints('On Node 10.16.2 it runs forever with no problems.')).toContain('version-contrast');
    expect(hints('The same file transferred fine with 1.54.1.')).toContain('version-contrast');
    expect(hints('In previous versions this did not happen.')).toContain('version-contrast');
    expect(hints('The only workaround has been rolling the slug back to the January version.')).toContain(
      'version-contrast',
    );
    expect(hints('With 10.15.3 that no longer works.')).not.toContain('version-contrast');
    expect(hints('It does not occur with TLS 1.2.')).not.toContain('version-contrast');
    expect(parseWords('The app reaches PostgreSQL through PgBouncer.').components).toContain('pooler');
    expect(parseWords('The app talks to PostgreSQL directly.').components).not.toContain('pooler');
  });

  it('reads .NET Framework clients, unchanged code, changed TLS settings and failing every time', () => {
    expect(parseWords('Our .NET Framework 4.5 app calls the API.').components).toContain('dotnet-framework');
    expect(parseWords('It runs on .NET 8.').components).not.toContain('dotnet-framework');
    expect(hints("I haven't changed any code.")).toContain('no-changes');
    expect(hints('IT has recently changed the SSL settings on our servers.')).toContain('tls-version-config');
    expect(hints('Loading the metadata fails every time.')).toContain('always');
    expect(hints('It happens every time we deploy.')).not.toContain('always');
  });

  it('reads a request measured a hair past a round timeout as cut at a fixed duration', () => {
    expect(hints('POST /submit - Responding with status 400 - took 60001ms')).toContain('fixed-duration');
    expect(hints('request_time=30.004 status=504')).toContain('fixed-duration');
    expect(hints('the upload failed after 100.2 s')).toContain('fixed-duration');
    // a setting, a round measurement, or a time well past the round value is not a cut
    expect(hints('proxy_read_timeout 60s')).not.toContain('fixed-duration');
    expect(hints('the job took 60 s')).not.toContain('fixed-duration');
    expect(hints('the job took 64.5 s')).not.toContain('fixed-duration');
    expect(hints('we waited 60.001 ms')).not.toContain('fixed-duration');
  });
  it('reads job runners that fork, Kafka, lightly used clusters and memory that climbs to each restart', () => {
    expect(hints('every time an RQ worker job finishes the connection is reset')).toContain('forking');
    expect(hints('php-resque workers process jobs that write to MySQL')).toContain('forking');
    expect(parseWords('kafka-python logs socket disconnected').components).toContain('kafka');
    expect(hints('errors on a lightly used cluster')).toContain('low-traffic');
    expect(hints('the memory graph shows a sawtooth that climbs to 550Mi before each restart')).toContain(
      'memory-growth',
    );
    expect(hints('memory climbs to 500 MiB before every restart')).toContain('memory-growth');
    expect(hints('the pods restart every few hours')).not.toContain('memory-growth');
  });

  it('reads got the library, not the verb, and a recurrence or a failure rate as no idle gap', () => {
    expect(parseWords('Two staff members randomly got 502 errors.').components).not.toContain('node-agent');
    expect(parseWords('We call it with got.post from the worker.').components).toContain('node-agent');
    expect(parseWords('We tried axios and got, same result.').components).toContain('node-agent');
    expect(parseWords('A user saw the 502 again two days later.').idleS).toBeUndefined();
    expect(parseWords('The first request two hours later fails.').idleS).toBe(7200);
    expect(parseWords('It throws a few times every 15 minutes.').idleS).toBeUndefined();
  });

  it('reads long transfers, migrations and backups as long operations', () => {
    expect(hints('the error surfaced during the long-running transfer')).toContain('long-requests');
    expect(hints('a long running backup loses its database connection')).toContain('long-requests');
  });

  it('reads many sockets in CLOSE_WAIT as a leak', () => {
    expect(hints('There were many sockets in CLOSE_WAIT on the host.')).toContain('leak');
    expect(hints('thousands of connections to SendGrid stuck in CLOSE_WAIT')).toContain('leak');
    expect(hints('one socket in CLOSE_WAIT')).not.toContain('leak');
  });
  it('reads a server library tracing its own sockets as no deploy, shutdown or load', () => {
    expect(hints('body receiver dropped before eof, draining or closing')).not.toContain('deploy');
    expect(hints('shut down IO complete')).not.toContain('shutdown');
    expect(hints('writing: KeepAlive, keep_alive: Busy')).not.toContain('under-load');
    expect(hints('we are draining the node before the upgrade')).toContain('deploy');
    expect(hints('the server is busy at peak')).toContain('under-load');
  });

  it('reads broken connections, connection resets, django-q, fragmented packets and TLS-only caches', () => {
    expect(hints('established client connections through it break immediately')).toContain('conn-dropped');
    expect(hints('Clients see TCP connection resets around each rollout.')).toContain('reset-by-peer');
    expect(hints('Using django-q 1.3.2, the cluster starts logging this error')).toContain('forking');
    expect(hints('a trace shows a large amount of fragmented packets')).toContain('mtu');
    expect(hints('a cluster created with encryption_in_transit=true')).toContain('tls-required');
    expect(hints('curl and wget always timeout in the build')).toContain('timing-out');
  });
  it('reads fanning out to processes, clients from some networks, up-front rejections and open connections', () => {
    expect(hints('it shows up in jobs that fan work out to multiple processes')).toContain('forking');
    expect(hints('the error comes for clients coming from some IP addresses')).toContain('one-path-only');
    expect(hints('it happens on requests the server rejects up front')).toContain('early-response');
    expect(hints('the service keeps its Redis connection open between commands')).toContain('long-lived');
  });
  it('reads TLS that fails where plain works, stream limits, retries that recover and quiet spells', () => {
    expect(
      hints('The secure websocket (wss://) fails, while the non-secure ws:// URL works fine.'),
    ).toContain('secure-fails-plain-works');
    expect(hints('It works over http:// but not over https.')).toContain('secure-fails-plain-works');
    expect(hints('The http:// page returns 404.')).not.toContain('secure-fails-plain-works');
    expect(hints('The server allows a smaller number of concurrent streams.')).toContain('stream-limit');
    expect(hints('We set max_concurrent_streams to 100.')).toContain('stream-limit');
    expect(hints('Many concurrent streams are fine.')).not.toContain('stream-limit');
    expect(hints('Most of the time the tool recovers after a retry.')).toContain('retry-succeeds');
    expect(hints('Connections through the ALB are closed during lulls in traffic.')).toEqual(
      expect.arrayContaining(['low-traffic', 'conn-dropped']),
    );
    expect(hints('A capture shows the client reusing a TCP stream for the next request.')).toContain(
      'pooling',
    );
    expect(hints('Connecting to a server which uses TLS 1.2 fails.')).toContain('tls-version-config');
    expect(hints('That host negotiated TLS 1.0 while the others used 1.2.')).toContain('tls-version-config');
    expect(hints('The server negotiated TLS 1.3.')).not.toContain('tls-version-config');
    expect(hints('I stopped the request under Chrome slow 3G throttling.')).not.toContain('cpu');
    expect(hints('On a single HTTP/2 connection it fails after many requests have gone through.')).toContain(
      'requests-per-connection',
    );
    expect(hints('A client reusing a keep-alive connection dies after the third request.')).toContain(
      'requests-per-connection',
    );
    expect(hints('It fails after many requests.')).not.toContain('requests-per-connection');
    expect(hints('The current connection count stays just under 2000.')).toContain('connection-ceiling');
    expect(hints("The server log fills up with 'Connection reset by peer' errors.")).toContain(
      'server-logs-resets',
    );
    expect(hints('The server logs show a reset at 10:02.')).not.toContain('server-logs-resets');
    expect(hints('There are more than a thousand sockets stuck in CLOSE_WAIT.')).toContain('leak');
    expect(hints('Running Article.import with 700k articles fails after a while.')).toContain('bulk-write');
    expect(hints('Reindexing about 7,000 imported issues fails part-way.')).toContain('bulk-write');
    expect(hints('index.add_documents(documents) broke with a broken pipe.')).toContain('bulk-write');
    expect(hints('The index of the array is wrong.')).not.toContain('bulk-write');
    expect(hints('Node does not produce them against the same server.')).toContain('other-client-works');
    expect(hints('We end up unable to open new connections to the endpoint.')).toContain('connect-timeouts');
    expect(hints('Apache forwards every Java request to Tomcat over AJP.')).not.toContain('always');
    expect(hints('Every request fails.')).toContain('always');
    expect(hints("Can't receive the response, network problems or tomcat is down")).not.toContain(
      'packet-loss',
    );
    expect(hints('We have network problems in that zone.')).toContain('packet-loss');
    expect(hints('The first frame seems to get lost and is never acknowledged.')).toContain('packet-loss');
    expect(hints('It starts off fine, but after roughly six hours it begins timing out.')).toContain(
      'uptime-dependent',
    );
    expect(hints('The client connects to the service over IPv6.')).toContain('ipv6-path');
    expect(hints('Forcing IPv4 fixes it.')).toContain('ipv6-path');
    expect(hints('The log shows ipv6:[::1]:50051.')).not.toContain('ipv6-path');
    expect(
      hints('Any request whose processing exceeds 60 seconds has its connection unexpectedly cut.'),
    ).toEqual(expect.arrayContaining(['long-requests', 'conn-dropped']));
    expect(hints('Any request whose processing exceeds 60 seconds fails.')).not.toContain('size-threshold');
    expect(hints('Uploads that exceed 10 MB fail.')).toContain('size-threshold');
    expect(hints('A terminal left alone for 60+ seconds stops working.')).toContain('after-idle');
    expect(hints('If the session keeps producing output, it stays open.')).toContain('after-idle');
    expect(hints('It fails only on some instances, and a restart restored them.')).toContain(
      'uptime-dependent',
    );
    expect(hints('A restart restored them permanently.')).not.toContain('uptime-dependent');
    expect(hints('Adding a Connection: close request header removes that error.')).toEqual([
      'keepalive-off-fixes',
    ]);
    expect(hints('We set Connection: close on every request.')).toContain('no-pooling');
    expect(hints("The Managed handler says 'The socket has been shut down'.")).not.toContain('shutdown');
    expect(hints('Backends come and go when their Kubernetes deployment is updated.')).toContain('deploy');
    expect(hints('After 10+ minutes with no registrations, the next one fails.')).toContain('after-idle');
    expect(hints('redis-cli can connect to the instance.')).toContain('other-client-works');
    expect(hints('It resets after minutes of sustained high-throughput ingestion.')).toContain('under-load');
    expect(hints('When more than 64 concurrent fetch() requests complete, some fail.')).not.toContain(
      'size-threshold',
    );
    expect(parseWords('It runs on OpenShift with liveness probes.').components).toContain('kubernetes');
  });
});

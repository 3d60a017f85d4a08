import {
  type Duration,
  extractDurations,
  extractPercents,
  extractRates,
  extractSizes,
  extractStatuses,
} from './extract-numbers.js';
import { createLiteralPrefilter } from './literal-prefilter.js';
import { requiredLiterals, topLevelAlternatives } from './required-literals.js';

/**
 * The person's own words ("behind the ALB, fails after idle", alert annotations, prose in a pasted snippet)
 * turned into hints, named components and the numbers that matter. Deterministic: regex tables only.
 */

export const MAX_WORDS_CHARS = 65_536;

export interface HintDef {
  readonly id: string;
  readonly re: RegExp;
}

const h = (id: string, re: RegExp): HintDef => ({ id, re });

/**
 * A pod or task named as the far end of a connection ("the connection to the pod gets terminated") is not
 * itself being stopped: the deploy and shutdown words skip it.
 */
const NOT_A_CONNECTIONS_END = String.raw`(?<!\b(?:connections?|streams?|sessions?) (?:from|to|between|with) [^.]{0,60})`;

/** "The pool crashes", PgBouncer's "server conn crashed?": a pool's or a connection's failure, not a process's. */
const NOT_A_POOLS_CRASH = String.raw`(?<!\b(?:connection )?pool (?:always |sometimes |then |eventually |also )?)(?<!\bserver conn )`;

/** Idle told as a use that did not happen: "hasn't called ES for 8 minutes" (hint and duration context alike). */
const NOT_CALLED = String.raw`\b(?:hasn't|has not|haven't|have not|hadn't|had not) (?:called|used|sent|queried|touched|talked to|hit|contacted)\b`;
/** Idle told as a connection or channel left alone: "left open for a while". */
const LEFT_UNTOUCHED = String.raw`\bleft (?:open|idle|unused|alone) for\b`;
/** A change told as the cure, later in the clause: "Connection: close removes that error", "... made it go away". */
const TOLD_AS_A_FIX = String.raw`[^.]{0,60}\b(?:removes|removed|fixes|fixed|avoids|avoided|solves|solved|resolves|resolved|stops|stopped|helps|helped|makes? (?:the )?(?:errors?|problem|issue|it|them) (?:go away|disappear)|made (?:the )?(?:errors?|problem|issue|it|them) (?:go away|disappear))\b`;

/** "SSE" as server-sent events, not the CPU's instructions ("we have SSE2", "depends on SSE"). */
const SSE = String.raw`(?<!\b(?:have|has|support|supports|use|uses|CPU|with|on) )\bSSE(?![\d.])\b`;

/** Named components. Ids are documented in docs/rules.md (words.components). */
const COMPONENTS: readonly HintDef[] = [
  h('alb', /\b(?:alb|application load ?balancer|elbv2|aws elb|httpcode_elb)/i),
  h('elb', /\b(?:elb|classic load ?balancer)\b/i),
  h('nlb', /\b(?:nlbs?|network load ?balancers?)\b/i),
  h(
    'gcp-lb',
    /\b(?:gclb|gfe|google (?:cloud )?(?:http\(?s?\)? )?load ?balanc|gcp (?:https? |application |external )?load ?balanc|gce[- ]ingress|gke ingress)/i,
  ),
  h('azure-lb', /\bazure (?:standard |basic )?load ?balancer\b|\bazure lb\b/i),
  h('nat-gateway', /\bnat[ -]?gateway|\bnat gw\b|\bnatgw\b/i),
  h('cloud-nat', /\bcloud ?nat\b/i),
  h('azure-nat', /\bazure nat\b/i),
  h('nat', /\bs?nat\b|\bprivate subnet/i),
  h('f5', /\bf5\b|\bbig-?ip\b|\bnetscaler\b/i),
  h('firewall', /\bfirewall|\bsecurity group|\biptables\b|\bnftables\b/i),
  h('ipvs', /\bipvs\b|\bdocker swarm|\bswarm (?:mode|vip|overlay|service)|\brouting mesh\b/i),
  h(
    'vpn',
    /\b(?:nord|open|express|proton|mullvad|cisco )?vpn\b|\bwire ?guard\b|\bipsec\b|\btailscale\b|\bzerotier\b|tunnel(?:s|ed|ing)?\b(?! ?(?:timeouts?|idle))/i,
  ),
  // Cloudflare's proxy in the path, not its Terraform provider, API or DNS-only records
  h(
    'cloudflare',
    /\bcloudflare\b(?! (?:provider|terraform|api|sdk|dns[- ]only|tunnel client|workers? kv)\b)/i,
  ),
  h('envoy', /\benvoy\b/i),
  h('istio', /\bistio\b|\bsidecar\b|\bservice mesh\b|\bconsul connect\b/i),
  h('linkerd', /\blinkerd\b/i),
  h('ingress-nginx', /\bingress[- ]nginx|\bnginx[- ]ingress/i),
  h('nginx', /\bnginx\b/i),
  h('haproxy', /\bhaproxy\b/i),
  // Cloud Foundry's router keeps idle backend connections for 90 s
  h('gorouter', /\bgorouter\b/i),
  h('traefik', /\btraefik\b/i),
  h('api-gateway', /\bapi[- ]gateway\b|\bkong\b|\bapigee\b/i),
  h('fly-proxy', /\bfly(?:\.io)? proxy\b|\bfly\.io\b/i),
  // functions frozen between invocations: AWS Lambda, Google Cloud Functions, Azure Functions and the like
  h(
    'serverless',
    /\b(?:aws )?lambdas?\b(?! expressions?| functions? in (?:java|python|c\+\+|kotlin))|\bcloud functions?\b|\bazure functions?\b|\bfirebase functions\b|\b(?:vercel|netlify) (?:serverless )?functions?\b|\bserverless functions?\b/i,
  ),
  h('load-balancer', /\bload[- ]?balanc|\blbs?\b/i),
  h('caddy', /\bcaddy(?:server)?\b/i),
  h('proxy', /\bprox(?:y|ies)\b|\breverse[- ]proxy|\bgateway\b|\bcaddy\b|\bvarnish\b|\bsquid\b/i),
  h('kube-proxy', /\bkube-proxy\b|\bservice ip\b|\bclusterip\b|\bkubernetes service\b/i),
  h('kubernetes', /\bkubernetes\b|\bk8s\b|\bpods?\b|\bkubectl\b|\beks\b|\bgke\b|\baks\b|\bopenshift\b/i),
  // Node.js, not a Kubernetes or cluster node: "Node.js", "Node 18", "our node service", a capitalised "Node"
  // that is not a node pool or exporter.
  h(
    'node',
    /\b[Nn](?:ode|ODE)(?:\.js|\.JS|js|JS)\b|\b[Nn]ode ?v?\d{1,2}\b|\bNode\b(?![ -](?:[Pp]ools?|[Gg]roups?|[Pp]orts?|[Aa]ffinity|[Ss]electors?|[Ee]xporter|IPs?|[Nn]ames?|is|has|was|\d))|\bnode (?:service|server|app|application|process|api|backend|client|runtime|http|worker|version)s?\b|\b[Ee]xpress(?:\.js)?\b|\b[Ff]astify\b|\b[Kk]oa\b|\b[Nn]est[Jj][Ss]\b|\b[Nn]ext\.js\b/,
  ),
  h('gunicorn', /\bgunicorn\b/i),
  h('uvicorn', /\buvicorn\b/i),
  h('uwsgi', /\buwsgi\b/i),
  h('tomcat', /\btomcat\b|\bspring boot\b/i),
  h('jetty', /\bjetty\b|\bdropwizard\b/i),
  h('kestrel', /\bkestrel\b|\basp\.net\b/i),
  h('puma', /\bpuma\b/i),
  h(
    'apache',
    /(?<![./])\bapache(?:2| httpd| web server)?\b(?! ?http ?client|\.http| ?(?:kafka|iotdb|tomcat|spark|flink|cassandra|zookeeper|pulsar|activemq|camel|thrift|dubbo|mina|cxf|solr|hadoop|hbase|hive|druid|ignite|storm|nifi|beam|airflow|superset|doris|shardingsphere|rocketmq|commons|httpcomponents|karaf|geode|james|axis2?)\b)|\bhttpd\b/i,
  ),
  h(
    'go',
    /\bgolang\b|\bgo (?:service|client|app|program|server|binary|code)\b|\bnet\/http\b|(?<!\.)\bhttp\.(?:Client|Transport|DefaultTransport)\b(?!\.)|\bk6\b/i,
  ),
  h(
    'python-requests',
    /\brequests\b(?=[^.]{0,40}\b(?:session|library|lib|python|urllib3)\b)|\brequests\.(?=[a-z])|\burllib3\b|\bpython[- ]requests\b|\brequests (?:session|library)\b/i,
  ),
  h('python', /\bpython\b|\bdjango\b|\bflask\b|\bfastapi\b|\baiohttp\b|\bhttpx\b/i),
  // Android's HttpURLConnection runs on OkHttp, so an Android client has OkHttp's 5-minute pool
  h('okhttp', /\bokhttp\b|\bretrofit\b|\bandroid (?:app|client|device|phone)s?\b|\ban android\b/i),
  h(
    'apache-httpclient',
    /\bapache ?http ?client\b|\bhttpcomponents\b|\bhttpclient ?[45]\b|\bhc[45]\b|\bNoHttpResponseException\b/i,
  ),
  h('reactor-netty', /\breactor[- ]netty\b|\bwebclient\b|\bspring webflux\b/i),
  // Maven's Wagon (and Gradle's) HTTP pool keeps connections across long build phases
  h(
    'maven',
    /\bmaven\b|\bmvn\b|\bwagon\b|\bgradle\b|\bCould not transfer artifact\b|\bCould not resolve dependencies\b/i,
  ),
  h('java', /\bjava\b|\bjvm\b|\bspring\b|\bkotlin\b|\bscala\b/i),
  // .NET Framework (not .NET Core / 5+): its default TLS versions come from ServicePointManager and the OS
  h(
    'dotnet-framework',
    /\.NET Framework\b|\bnet4[5-8]\d?\b|\.NET 4\.[0-8]\b|\bWindows PowerShell\b|\bServicePointManager\b|\bHttpWebRequest\b|\bWebClient\b|\bnot \.NET Core\b/i,
  ),
  h(
    'dotnet',
    /(?<![\w.-])\.net\b|\basp\.net\b|\bdotnet\b|\bc#|\bhttpclient\b|\bI?HttpClientFactory\b|\bAddHttpClient\b/i,
  ),
  h('undici', /\bundici\b|\bfetch\(\)|\bnode fetch\b/i),
  // Elixir's Finch pool (under Req and Tesla) keeps idle connections with no idle limit by default
  h('finch', /\bfinch\b/i),
  h(
    'node-agent',
    /\bhttp\.agent\b|\bagentkeepalive\b|\baxios\b|\bgot(?:@|\.(?:get|post|put|stream|extend)\b| (?:library|client|package|module)\b)|\b(?:axios|node-fetch|superagent),? (?:or|and) got\b|\brequest library\b|\bnode-fetch\b|\bsuperagent\b/i,
  ),
  h('grpc', /\bgrpc\b/i),
  h('redis', /\bredis\b/i),
  h('kafka', /\bkafka\b|\b(?:lib)?rdkafka\b/i),
  h('amqp', /\brabbit ?mq\b|\bamqp(?:lib|s)?\b|\bactivemq\b|\bqpid\b|\bpika\b/i),
  h('postgres', /\bpostgres(?:ql)?\b|\bpsycopg2?\b|\bpgbouncer\b|\bcloud sql\b/i),
  h('mysql', /\bmysql\b|\bmariadb\b/i),
  h(
    'database',
    /\bdatabase\b|\bdb\b|\bsql\b|\bmongo(?:db|d|ose)?\b|\bcassandra\b|\bscylla(?:db)?\b|\b(?:aws |amazon )?rds\b(?! proxy)|\baurora\b|\bcosmos ?db\b|\bcockroach(?:db)?\b|\bmssql\b|\bclickhouse\b|\bcouchbase\b|\bneo4j\b/i,
  ),
  // a connection pooler or proxy in front of a database or cache: its own client cap is a proxy's limit
  h(
    'pooler',
    /\bpgbouncer\b|\bpgpool(?:-ii)?\b|\bproxysql\b|\btwemproxy\b|\bnutcracker\b|\bodyssey\b|\bpgcat\b|\bsupavisor\b|\bmax_client_conn\b|\bconnection pooler\b|\brds proxy\b/i,
  ),
  h('websocket', new RegExp(String.raw`\bweb ?sockets?\b|\bsocket\.io\b|${SSE}|\bserver-sent events\b`, 'i')),
  h('raw-tcp', /\braw (?:tcp )?sockets?\b|\btcp sockets?\b|\bplain sockets?\b/i),
  h(
    'gcp-tcp-lb',
    /\b(?:gcp|google cloud|gce) (?:tcp(?:\/udp)?|network|internal tcp(?:\/udp)?|tcp proxy|ssl proxy) (?:proxy )?load ?balanc/i,
  ),
  h('azure-event-hubs', /\bevent ?hubs?\b/i),
  // anything hosted in Azure: its load balancers, NAT gateway, default outbound SNAT and Private Link all
  // forget TCP flows idle for 4 minutes
  h(
    'azure',
    /\bazure\b(?![- ](?:(?:c\+\+|java|python|\.net|js|go|node|rust|core) )?(?:sdk|cli|devops|storage emulator)\b)|\baks\b/i,
  ),
  h('pm2', /\bpm2\b/i),
  // a virtual IP moved between hosts by VRRP or a cluster manager: keepalived, ucarp, Pacemaker, kube-vip, MetalLB
  h(
    'vip',
    /\bkeepalived\b|\bvrrp\b|\bucarp\b|\bpacemaker\b|\bkube-vip\b|\bmetallb\b|\bfloating ips?\b|\bvirtual ips?\b|\bvips? (?:address|failover|moved|moves|flaps?|flapping|switch)|\b(?:the|apiserver|api|cluster|control[- ]plane|haproxy|keepalived) vips?\b/i,
  ),
  h(
    'azure-app-service',
    /\bazure (?:web ?apps?|app services?|functions?)\b|\bapp service(?: plan)?s?\b|\bfunction apps?\b|\bweb ?apps? (?:on|in) azure\b|\b(?:windows )?azure web ?sites?\b/i,
  ),
  h(
    'overlay',
    /\bcalico\b|\bflannel\b|\bvxlan\b|\bipip\b|\bip-in-ip\b|\bweave(?: net)?\b|\bcilium\b|\bgeneve\b|\bovs\b|\bopen ?vswitch\b|\bopenstack\b|\boverlay network\b|\btunnel(?:ed|s|ing)?\b|\bencapsulat/i,
  ),
  h(
    'docker-bridge',
    /\bdocker(?:'s)? (?:bridge|nat|network(?:ing)?|proxy)\b|\bbridge[- ]network|\bdocker0\b|\bdocker-proxy\b|\buserland[- ]proxy\b/i,
  ),
];

/** Behaviour and situation hints. Ids are documented in docs/rules.md (words.hints). */
const HINTS: readonly HintDef[] = [
  h(
    'after-idle',
    new RegExp(
      String.raw`(?<!\bnear-|\bnearly |\bmostly |\balmost |\bquite )\bidle\b(?! HTTP channel| cpu|[ _-]?time-?outs? (?:is|was|of|set to|at)\b)|\b(?:warm|pre-?warmed|spare|standby) (?:[\w-]{1,12} )?(?:sessions?|connections?)\b|\bwait (?:about |around |roughly |more than |over )?(?:a |an |one |\d{1,4} )(?:seconds?|minutes?|hours?|while) before\b|\b(?:waits?|waiting|waited) too long\b[^.]{0,60}\bclos(?:e|es|ed|ing)\b|\b(?:was |were |is |gets? )?(?:frozen|suspended|paused) for\b|\bwakes? (?:up )?from (?:sleep|suspend)|\bafter a period of (?:inactivity|no use)\b|\bno (?:activity|traffic)\b|\bwithout (?:any )?(?:traffic|activity|requests|commands|messages|calls|queries|jobs|work)\b|\bwithout sending (?:anything|any data|data|a byte)\b|\bwith no (?:traffic|activity|requests|commands|messages|calls|queries|data)\b|\binactiv|\bquiet (?:period|time)|\b(?:stays?|stayed|staying|go|goes|went|going|gone|remains?|remained) quiet\b|(?<!\bpre-?stop\b[^.]{0,40})(?<!\b(?:rpc|request|handler|call|function|task|job|test|endpoint|that|which) )\bsleeps?\b|\bafter (?:a )?(?:long |longer )?(?:pauses?|breaks?|gaps?)\b|\b(?:think(?:ing)?|idle|quiet)(?:[/ ][\w-]{1,12})? (?:time|gaps?|pauses?) between (?:requests|calls|turns|messages)\b|\bgaps between (?:requests|calls)\b|\bafter a long(?:er)? while\b|\bno requests for\b|${LEFT_UNTOUCHED} (?:a while|(?:a few|several|\d{1,4}\+?) (?:seconds|minutes|hours))(?!\w)|\b(?:keeps?|keeping) (?:producing|sending|printing|streaming|writing) (?:output|data|messages|something|bytes)\b[^.]{0,60}\b(?:stays?|remains?) (?:open|alive|connected)\b|${NOT_CALLED}[^.]{0,40}\bfor (?:about |around |roughly |over |more than )?(?:\d{1,4}|a few|several) (?:minutes?|hours?|mins?)\b|\bafter (?:about |around |roughly |over |more than )?(?:\d{1,4}|a few|several) (?:minutes?|hours?|mins?) without (?:any |a )?(?:query|call|request|command|message|use|activity)\b|\bafter (?:about |around |roughly |over |more than )?(?:\d{1,4}\+?|a few|several) (?:minutes?|hours?|mins?) (?:with no|without(?: any)?) [\w-]{2,20}\b|\bat night\b|\bovernight\b|\bfirst request (?:after|of the day)\b|\bhas had no\b|\bbeen unused\b|\bnot used for\b|\bafter a long (?:test |build |compile |batch |computation )?(?:phase|step|pause|computation|job|stage)\b|\b(?:untouched|unused) for\b|\bafter (?:we |i )?wait(?:ing)? (?:for )?(?:about |around |roughly |some |a few |~)?(?:a|an|one|\d{1,4}) ?(?:minutes?|mins?|hours?|seconds?)\b[^.]{0,60}\b(?:next|first|subsequent|following)\b|\b(?:calls|requests) (?:made )?(?:shortly|right|soon) after (?:previous|other|earlier|recent) (?:traffic|calls|requests) (?:work|succeed)\b|\b(?:traffic|requests|calls|load) (?:has|have|with) (?:gaps|pauses|lulls)\b`,
      'i',
    ),
  ),
  h(
    'low-traffic',
    /\blow[- ]traffic\b|\blow (?:request )?(?:rate|volume)\b(?! of (?:errors?|failures?|these|resets?|5\d\ds))(?!,? (?:it|things|everything) (?:works?|is fine|are fine|succeeds?))|\b(?:maybe |about |only |just )?(?:one|a few|a couple of|\d{1,2}) (?:events?|messages?|requests?|calls?|jobs?) (?:a|per) (?:day|hour)\b|\bnot much traffic\b|\brarely used\b|\blightly (?:used|loaded)\b|\bat night\b|\bovernight\b|\bweekends?\b|\bquiet (?:hours|periods?)\b|\blulls? (?:in|between) (?:traffic|requests|activity|use)\b|\b(?:very )?low[- ]frequency (?:endpoints?|routes?|jobs?|queries|requests?|calls?)\b|\binfrequently (?:used|called)\b|\b(?:worse|more often|more frequent(?:ly)?) on (?:the )?(?:quiet|idle|low-traffic|less busy) (?:nodes|hosts|instances|servers|replicas|pods)\b/i,
  ),
  h(
    'periodic',
    /\bevery (?:\d|few|couple|one|two|three|five|ten|hour|minute|day)|\bperiodic|\bcron\b|\bscheduled\b|\bhourly\b|\bnightly\b(?![ -](?:versions?|builds?|releases?|toolchains?|channel|rust|cargo|\d{4}-\d{2}-\d{2}))/i,
  ),
  // a serverless function's container frozen after one invocation and thawed for the next: its pooled
  // sockets sat frozen meanwhile, and the peer or the network has long forgotten them
  h(
    'warm-reuse',
    /\b(?:warm|reused|thawed) (?:lambda |function )?(?:containers?|instances?|execution environments?|lambdas?)\b|\b(?:lambda |function )?(?:containers?|instances?|execution environments?|lambdas?) (?:is |was |gets |got |are |were )?(?:being )?(?:reused|thawed|frozen)\b|\b(?:later|next|subsequent|warm) invocations?\b|\bbetween invocations\b|\bwarm starts?\b|\bwarm (?:one|ones) (?:is|are|was|were|gets?|got) reused\b/i,
  ),
  h(
    'first-then-fails',
    /\bfirst (?:request|call|one|attempt|invocation|run) (?:works|succeeds|is fine|goes through|returns)|\b(?:second|next|subsequent|later|following) (?:request|call|one)s?\b[^.]{0,40}\b(?:fails?|return|break|error)|\bsecond (?:of (?:two|the) )?(?:[\w-]{1,20} )?(?:requests?|calls?|fetch(?:es)?)\b[^.]{0,60}\b(?:always )?fails?\b/i,
  ),
  h(
    'under-load',
    /\bunder (?:heavy |high |some |the )?load\b|\b(?:rise|rises|grow|grows|increase|increases|go up|goes up|climb|climbs|scale|scales) with (?:the )?(?:traffic|load|request rate)\b|\bduring (?:the )?(?:peak|sale|traffic peak|load spike)|\bat peak\b|\bhigh[- ](?:load|traffic|concurrency|throughput|qps|rps)\b|\bhigh(?:er)?[- ]volume\b|\b(?:heavy|huge|massive|enormous) (?:load|traffic)\b|\bload[- ]?test|\bbenchmark|\bscalability test|\btest(?:ing|s|ed)? (?:the )?scalability\b|\bstress[- ]test|\bsiege\b|\bwrk\b|\bab -|\bapache ?bench|\bjmeter\b|\blocust\b|\bgatling\b|\bvegeta\b|\bpeak\b|\btraffic (?:spike|burst|surge)|\b\d[\d,.]{0,9} ?k? ?(?:requests?|calls?|queries) (?:per second|\/s)|\b\d[\d,.]{0,9} ?(?:rps|qps)\b|\bas load grows\b|\bas (?:the )?(?:request count|number of requests|request volume|volume|traffic|load|request rate) (?:grows|increases|rises|goes up)\b|\bload (?:grows|increases)\b|\b(?:load|traffic)\b[^.]{0,30}\bis (?:very |quite |too )?high\b|(?<![:=] ?)\bbusy\b(?! [\w-]{1,20} (?:is|are|was|were) (?:fine|ok|okay|unaffected|healthy))|\b(?:a lot|lots|large numbers?) of (?:outbound |outgoing |concurrent )?(?:requests|calls)\b|\b(?:sending|sends|sent|making|fired?) (?:very )?many requests\b|\b(?:a |the )?(?:web )?crawler\b|\bscraper\b|\bbot traffic\b|\bunder (?:that|this|such) load\b|\bheavy use of\b/i,
  ),
  h(
    'concurrency',
    /(?<!\.)\bconcurren|\bin parallel\b|\bforEach\(\s?async\b|\bPromise\.all\(|\b(?:a|one) (?:goroutine|thread|promise|task|coroutine) (?:per|for each|for every)\b|\b(?:multiple|many) (?:goroutines|threads)\b|\bparallel (?:requests|calls|connections)\b|\bsimultaneous|\bmany (?:api )?calls\b|(?<!\b(?:drop|drops|dropped|fail|fails|failed|die|dies|died|disconnect|disconnects|disconnected|close|closes|closed|reset|resets) )\bat once\b/i,
  ),
  h('spike', /\bspikes?\b|\bbursts?\b|\bbursty\b|\bsurge\b|\bwithin seconds\b|\bthundering herd\b/i),
  // A reader that cannot keep up: a server drops it when its writes stall (NATS' write_deadline, Redis'
  // client-output-buffer-limit, a broker's slow-consumer policy)
  h(
    'slow-consumer',
    /\bslow (?:consumers?|readers?|subscribers?)\b|\b(?:too slow|not fast enough) to (?:read|consume|process|keep up|drain)\b|\b(?:can(?:no|')t|cannot|could ?n[o']t|unable to) keep up\b|\b(?:falls?|fell|falling) behind\b|\bwrite[_ ]deadline\b|\bprocessing (?:can be |is |was |gets )?too slow\b|\bclient[-_ ]output[-_ ]buffer[-_ ]limit\b/i,
  ),
  // A stateful firewall on the host itself: every connection through it takes a conntrack entry
  h(
    'host-firewall',
    /\bufw\b|\bfirewalld\b|\b(?:local|host|host-based) (?:iptables |nftables )?firewall\b|\biptables firewall\b/i,
  ),
  // Fails on small machines, works on bigger ones: starved of CPU or memory
  h(
    'small-host',
    /\bon (?:small|smaller|tiny|low[- ]end|weak|under-?powered) (?:[\w-]{1,12} )?(?:systems?|hosts?|machines?|nodes?|vms?|instances?|boxes)\b|\b(?:on|an?|one|our) (?:aws |ec2 )?(?:t[234][ag]?\.(?:nano|micro|small)|f1-micro|e2-(?:micro|small)|b1l?s)\b|\b(?:larger|bigger|more powerful|beefier) (?:[\w-]{1,12} )?(?:hosts?|machines?|nodes?|vms?|instances?|systems?)\b[^.]{0,40}\b(?:works?|fine|succeeds?|ok|go(?:es)? away|went away|disappear(?:s|ed)?|stop(?:s|ped)?)\b|\b(?:works?|fine|succeeds?) on (?:larger|bigger|more powerful|beefier) (?:hosts?|machines?|nodes?|vms?|instances?|systems?)\b/i,
  ),
  h(
    'many-connections',
    /\b(?:hundreds|thousands)(?: (?:or|to) (?:hundreds|thousands))? of (?:\w{1,12} )?(?:clients|sessions|connections|users|sockets)\b|\bconnection (?:burst|storm|flood)|\b(?:opens?|starts?) (?:a few |several )?(?:thousand|hundreds?)|\b(?:opens?|opened|opening|creates?|created|creating) (?:\d[\d,]{2,9}|a thousand) (?:[\w.-]{1,15} )?(?:connections|clients|sockets|sessions)\b|\b(?:makes?|made|making|fires?|fired|firing|launch(?:es|ed)?) (?:\d[\d,]{2,9}|thousands of|hundreds of) (?:[\w-]{1,12} )?(?:requests|calls|connections)\b(?! (?:per|a|an|every|each) )|\bmany (?:long[- ]lived |parallel |concurrent |simultaneous |outbound )?(?:clients|connections|sockets)\b|\b(?:many|multiple|lots of|a lot of|numerous|hundreds of|thousands of) (?:simultaneous |concurrent |parallel )(?:tcp(?:\/ip)? |new )?connection (?:requests|attempts)\b|\b\d[\d,]{2,9} (?:concurrent |simultaneous |open |long[- ]lived )?(?:connections|clients|sessions|sockets)\b|\b\d{1,3}(?:\.\d)? ?[kK] (?:concurrent |simultaneous |open |established |long[- ]lived )?(?:connections|clients|sessions|sockets)\b|\b(?:large|huge|high|big) (?:number|count) of (?:client )?(?:workers|clients|connections|connection attempts|processes|pods|instances|containers|consumers|producers)\b|\ball (?:of them )?(?:connect|reconnect)(?: to [\w -]{1,30})? at (?:once|startup|the same time)\b|\b(?:ssh )?brute[- ]force (?:attempts|attacks?|connections)\b|\b(?:a large number|large numbers|lots|hundreds|thousands) of (?:workers|clients|processes|executors)\b[^.]{0,30}\bconnect/i,
  ),
  h(
    'deploy',
    new RegExp(
      String.raw`(?<!\b(?:i'm|i am|we're|we are) )\bdeploy(?:ing|s)?\b|\b(?:deployments?|statefulsets?|daemonsets?) (?:is|are|was|were|gets?|got|being) (?:updated|rolled out|redeployed|restarted|replaced)\b|\b(?:nodes?|pods?|servers?|instances?|brokers?|replicas?) (?:are|were|get|gets|got|being) restarted one (?:at a time|by one|after (?:the )?other)\b|\bautoscal(?:e|es|ed|ing|er)\b|\b(?:haproxy|nginx|envoy|traefik|proxy|config(?:uration)?|backend|controller|ingress) reloads?\b|\b(?:when|while|whenever|each time|every time|during) (?:we're|we are|i'm|i am|we|i) (?:deploying|redeploying|rolling out|releasing)\b|\boutside (?:of )?(?:deployments|deploys|releases|rollouts)\b|\breload(?:s|ed|ing)?(?:\/restart(?:s|ed|ing)?)? (?:of )?(?:haproxy|nginx|envoy|traefik|the proxy|the config(?:uration)?)\b|\bnew (?:ReplicaSet|replica ?set|revision|pods?|version) (?:became|becomes|is|was|got|gets) (?:ready|available|healthy)\b|\brolls? (?:out )?(?:repeatedly|again|often|frequently)\b|(?<!\bgetting )\bdeployed (?:a |the |our )?(?:new|fix|change|update|release|version|image)|\bscal(?:e|es|ing|ed) (?:a |the |our )?[\w-]{1,30} (?:down|in)\b|\bdelet(?:e|es|ed|ing) (?:a |the |some |one of the )?pods?\b|\b(?:release|version) cutover\b|\b(?:during|after|on|while|each|every) (?:a |the |each |every )?(?:deploy|deployment|rollout)s?\b|\bdeployments? (?:of a new|happen|rolls?|are rolled)|\bredeploy|\brolling (?:the |our |a )?(?:[\w-]{1,30} ){0,3}(?:deployment|daemonset|statefulset|pods|gateway|nodes|instances)\b|(?<!\bsince (?:we )?)\brolled out\b|(?<!\bsince (?:we )?)\broll(?:s|ed|ing)? ?out\b|\broll(?:out|ing[ -](?:update|restart|upgrade|deploy))|\brotat(?:ed|ing|e|ion) (?:of )?(?:the |our |all |a |every )?(?:[\w-]{1,20} )?(?:pods?|nodes?|instances?|hosts?|servers?|replicas?|containers?|vms?|machines?|workers?|backends?|tasks?)\b|\bscal(?:e|es|ing|ed)[ -](?:in|down)\b|\bscales? (?:our |the )?\w{1,20} (?:pods?|replicas|tasks|instances) down\b|${NOT_A_CONNECTIONS_END}\b(?:pods?|tasks?|instances?|containers?|replicas?|nodes?) (?:are |were |get |gets |being |are being |were being )?(?:terminat|replaced|recycled|evicted|rescheduled|stopped|drained|rotated|removed|deleted)|\bterminating (?:pods?|tasks?|instances?|containers?)\b|\bpod termination\b|\b(?:while|when|during|after|if) (?:i |we )?(?:restart|delet|kill|stop|recreat|terminat)(?:ping|ing|e|s)? (?:one of )?(?:the |a |an |our )?(?:pods?|containers?|replicas?|instances?|tasks?)\b|\bstop-task\b|\bupdat(?:e|ing) (?:a |the )?deployment\b|\bdeployments? (?:[\w-]{1,30} ){0,4}(?:is|are|was|were|gets?|got) (?:updated|upgraded|changed|restarted|rolled)\b|\bkubectl (?:apply|set image|rollout)\b|(?<!\bconnections? (?:is |are )?)\bdrain(?:ing|ed|s)?\b(?! or closing\b| (?:the )?(?:body|request|response|socket|buffer|stream|input)\b)|\bpre-?stop\b|\bnew version (?:is )?(?:rolled|deployed)|\bblue[- ]green\b|\b(?:when|while|after|if|each time|whenever) (?:a |the |one |our |any )?(?:pods?|containers?|instances?|replicas?|tasks?) (?:is |are |gets |get |was |were )?(?:being )?(?:restarted|deleted|terminated|replaced|stopped|killed)\b|\b(?:as we (?:must|have to|need to) do )?for (?:our |the |every |each )?deployments?\b(?! (?:of|with|in) )|\bcanary (?:release|rollout|deploy(?:ment)?|analysis)s?\b|\b(?:during|after|while|each|every) (?:a |the )?canary\b|\b(?:during|after|each|every|on) (?:a |the |each |every )?releases?\b|\b(?:after|during|on|with) (?:a |the |each |every )?(?:service|stack|rolling) updates?\b|\bscal(?:e|es|ed|ing)(?: the [\w-]{1,30})? (?:down|in)\b(?! (?:the )?(?:timeouts?|limits?|sizes?))|\b(?:reduc|decreas|lower)(?:e|es|ed|ing) (?:the )?(?:number of )?(?:[\w-]{1,20} )?(?:pods|replicas|instances|tasks|dynos|containers)\b`,
      'i',
    ),
  ),
  h(
    'shutdown',
    new RegExp(
      String.raw`(?<!\b(?:connections?|sockets?|streams?) (?:(?:gets?|got|is|was|are|were|being|getting|has been|have been|had been) )?)(?<!\bpossibly due to the service )\bshut(?:ting)? ?downs?\b(?! (?:IO|I/O|the (?:socket|stream|write|read)|write|read)\b)|${NOT_A_CONNECTIONS_END}\b(?:pods?|containers?|instances?|tasks?|replicas?|workers?) (?:are |is |get |gets |being |were |was )?terminat(?:ing|ed)\b|\bterminating (?:pods?|containers?|instances?|tasks?|replicas?)\b|\bserver\.close\(|\bsigterm\b|\bgets? (?:a )?TERM\b|\bTERM signal\b|\bsystemctl (?:stop|restart)\b|\bgraceful(?:ly)?\b|\bstopping\b|\b(?:workers?|processes) (?:are |is |get |gets )?(?:periodically )?(?:recycled|recycling)\b|\bmax[-_ ]requests\b(?! overflow)|\b(?:instance|pod|replica|task|container|node|server|dyno)s? (?:that )?(?:(?:was|is|were|are) )?going away\b|\b(?:when|while|after|once|whenever) (?:one|a|the|an|our|any) (?:[\w.-]{1,20} ){1,2}(?:is|are|gets?|was|were) (?:being )?(?:stopped|shut down|terminated)\b`,
      'i',
    ),
  ),
  h(
    'restarts',
    new RegExp(
      String.raw`\brestart(?:s|ed|ing)?\b|\b(?:new|replacement|another) worker (?:is |was )?boot(?:ing|ed|s)\b|\bbooting (?:a )?(?:new )?worker\b|\b(?:device|board|esp\w{0,6}|controller|router|firewall|appliance|node) (?:reboots|rebooted|rebooting|resets itself|resets and)\b|${NOT_A_POOLS_CRASH}\bcrash(?:es|ed|ing|loop)?\b(?! with ['\x22\u201c])|(?<!\b(?:connections?|sockets?|streams?|requests?|transfers?|commands?|calls?|downloads?|uploads?|builds?|jobs?) (?:then |also |just |simply |sometimes |often |randomly )?)\bd(?:ied|ies)\b|\bre-?spawn|\bexited\b|\bexits (?:with (?:a |an )?(?:fatal|error|exit code|non-zero)|unexpectedly|abnormally)\b|\bcore dump`,
      'i',
    ),
  ),
  h(
    'crash',
    new RegExp(
      String.raw`${NOT_A_POOLS_CRASH}\bcrash(?:es|ed|ing)?\b(?! with ['\x22\u201c])|\bpanic(?:s|ked)?\b|\bseg(?:mentation)? ?fault|\bsegv\b|\bunhandled (?:exception|error|rejection)|\buncaught\b|\bcore dump`,
      'i',
    ),
  ),
  h('memory', /(?<!\bperhaps out of )\bmemory\b|\bheap\b|\boom\b|\bleak/i),
  h(
    'memory-growth',
    /\bmemory\b[^.]{0,60}\b(?:keeps? (?:increasing|growing|rising|climbing)|never (?:goes|comes) (?:back )?down|only (?:goes|grows) up)\b|\bmemory (?:keeps? |is |was )?(?:grow|increas|climb|leak)|\bheap (?:usage )?(?:keeps? )?(?:grow|increas|climb)|\bmemory leak|\bgrowing memory|\bmemory usage (?:grows|increases|climbs)|\bhigh memory (?:usage|consumption|use|pressure)\b|\bmemory (?:usage |consumption )?spik(?:e|es|ed)\b|\bunexpected memory spike|\bmemory\b[^.]{0,40}\bsaw-?tooth|\bsaw-?tooth\b[^.]{0,40}\bmemory\b|\b(?:climbs?|grows?|creeps?|rises?) (?:up )?to \d[\d.,-]* ?[MG]i?B?\b[^.]{0,30}\bbefore (?:each|every|the) (?:restart|crash|kill)|\boom/i,
  ),
  h(
    'upgrade',
    /\bupgrad(?:e|ed|ing)\b(?![^.]{0,24}\b(?:https|http\/?2|h2c?|tls|ssl|websockets?|secure connection)\b)[^.]{0,40}\b(?:to|from)\b|\b(?:rolling back|rollback|reverting|downgrad(?:e|ed|ing))\b(?:[^.]|\.\d){0,60}\b(?:fix(?:es|ed)?|solves?|helps?|works|makes? (?:it|the (?:problem|issue|error)) go away|goes away)\b|\b(?:since|with|on|after|installing) (?:the )?(?:[\w.-]{1,20} ){0,2}(?:RC ?\d{1,2}|beta ?\d{0,2}|alpha ?\d{0,2}|pre-?release|nightly build)\b|\bafter (?:upgrading|updating|an? (?:upgrade|update)|bumping|moving to|switching to|the (?:upgrade|update))\b|\bafter (?:the |our |a )?(?:recent|latest|last) (?:upgrade|update)\b|\bworked (?:fine |well )?before the (?:update|upgrade)\b|\bsince (?:upgrading|updating|the (?:upgrade|update)|version|v?\d+\.\d+)|\bregression\b|\bbackport|\b(?:appeared|introduced|started|broke|regressed) in v?\d|\bstarted (?:with|after) (?:the |our )?(?:new )?(?:release|version|upgrade)|\b(?:fixed|gone|resolved) in v?\d|\bchangelog\b|\brelease notes?\b|\bsince (?:we )?(?:rolling|rolled) out\b|\b(?:changed|switched|migrated|moved)\b[^.]{0,60}\bto use\b|\bbroke in\b|\bintroduced in\b|\bstarted (?:with|in|on|after|from) (?:[\w.-]{1,20} )?v?\d{1,3}\.\d{1,3}(?:\.\d{1,4})?\b|\bpinn(?:ing|ed) (?:[\w.-]{1,20} )?(?:to|at|back to) (?:[\w.-]{1,20} )?v?\d{1,3}\.\d{1,3}|\b(?:moving|moved|switching|switched|upgrading|upgraded|updating|updated) (?:the )?(?:[\w.-]{1,20} ){0,3}to (?:the )?(?:[\w.-]{1,20} ){0,3}v?\d[\w.]{0,12}\b(?:[^.]|\.(?=\w)){0,60}\b(?:made (?:the (?:errors?|problem|issue|failures?) |it )?go away|fix(?:es|ed)|solved|resolved)\b|\bsince (?:\.?[A-Za-z][\w.+-]{0,19} )v?\d{1,3}\.\d{1,3}\b|\b(?:the )?(?:[\w/.-]{1,12} )?CVE[- ]fix(?:es)?\b|\bsecurity (?:release|fix(?:es)?|patch(?:es)?|update)\b[^.]{0,40}\b(?:made|broke|introduced|caused|started)\b|\bcommit [0-9a-f]{7,40}\b[^.]{0,60}\b(?:made it so|broke|introduced|caused)\b|\b(?:went|moved|jumped|bumped|changed|updated) from v?\d{1,3}\.\d{1,3}(?:\.\d{1,4})? to v?\d{1,3}\.\d{1,3}/i,
  ),
  // one version works and another fails: the behaviour changed between releases of a runtime or library
  h(
    'version-contrast',
    /\bdowngrad(?:e|ed|ing) (?:[\w.-]{1,20} ){0,3}to v?\d{1,3}(?:\.\d{1,4}){1,3}\b[^.;]{0,20}\b(?:works?|worked|fix(?:es|ed)|helps?|helped|solves?|solved)\b|\b(?:works?|worked|builds? fine|built fine|runs? fine|ran fine|(?:is|was) fine|no (?:problems?|issues?)) with (?:all )?(?:other|older|newer|previous|earlier|different) (?:JDKs?|JVMs?|Java versions?|versions?|releases?|runtimes?|node versions?|python versions?)\b|\b(?:on|with|in|using|under) (?:(?!tls|ssl|http)[\w.-]{1,20} )?(?:version |release |v)?\d{1,3}(?:\.\d{1,4}){1,3}(?:\.x)?\b[^.;]{0,50}(?<!\bno longer )\b(?:works?|worked|runs? (?:forever|fine|well)|ran (?:fine|well)|no (?:problems?|issues?|errors?)|(?:it |this )?(?:is|was) fine|pass(?:es|ed)|succeed(?:s|ed)|(?:did|does)(?:n't| not) (?:occur|happen|fail|reproduce))\b|(?<!\bno longer )\b(?:works?|worked|pass(?:es|ed)|succeed(?:s|ed)|(?:transferred|ran|runs) fine|(?:did|does)(?:n't| not) (?:occur|happen|reproduce|show (?:any |the |these |this |such )?(?:[\w-]{1,12} )?(?:errors?|problems?|issues?|failures?|resets?)))\b[^.;]{0,30}\b(?:on|with|in|under) (?:(?!tls|ssl|http)[\w.-]{1,20} )?(?:version |release |v)?\d{1,3}(?:\.\d{1,4}){1,3}(?:\.x)?\b|\b(?:did(?:n't| not)|never) (?:happen|occur)\b[^.;]{0,20}\b(?:in|with|on|before) (?:the )?(?:previous|older|earlier|old|prior) (?:[\w.-]{1,20} )?(?:versions?|releases?)\b|\b(?:in|with|on|under) (?:the )?(?:previous|older|earlier|prior) (?:[\w.-]{1,20} )?(?:versions?|releases?)\b[^.;]{0,40}\b(?:did(?:n't| not) (?:happen|occur)|worked|works|behaved as expected|(?:was|is) fine)\b|\broll(?:ed|ing)? (?:[\w-]{1,20} ){0,3}back to (?:the |an? |our )?(?:previous|older|earlier|old|last|prior|[\w.-]{1,20}(?:'s)? )(?:[\w.-]{1,20} )?(?:version|release|image|build)\b|\bbut not (?:on|with|in|under) (?:[\w.-]{1,20} )?v?\d{1,3}(?:\.\d{1,4}){1,3}\b|\b(?:one|a|two|1) (?:version|release)s? (?:down|back|older|earlier)\b(?:[^.;]|\.\d){0,40}\b(?:works?|makes? it work|fix(?:es|ed)?|solves?|resolves?)\b|\b(?:using|with|on|under|in) (?:[\w.-]{1,20} )?v?\d{1,3}(?:\.\d{1,4})? (?:or|and) (?:newer|later|above|higher)\b|\b(?:using|with|pinning|pinned to|rolling back to|rolled back to|downgrading to|going back to) (?:[\w.-]{1,20} )?(?:nightly[- ])?(?:\d{4}-\d{2}-\d{2}|v?\d{1,3}\.\d{1,3}(?:\.\d{1,4})?)\b(?:[^.;]|\.\d){0,50}(?<!\bno longer )\b(?:fix(?:es|ed)? (?:it|the (?:issue|problem))|appears to fix|works|worked|makes it work)\b|\b(?:versions?|nightlies|releases?|builds?) (?:>|>=|newer than|later than|after) v?(?:\d{4}-\d{2}-\d{2}|\d{1,3}\.\d{1,3})|\bv?\d{1,3}(?:\.\d{1,4}){1,3}\b(?:[^.;]|\.\d){0,30}\b(?:works?|proxies|runs|serves|connects|is) (?:fine|ok|correctly|as expected)\b(?:[^.;]|\.\d){0,30}\b(?:while|but|whereas)\b(?:[^.;]|\.\d){0,40}\bv?\d{1,3}(?:\.\d{1,4}){1,3}\b/i,
  ),
  h(
    'version',
    /(?<![\d.])v?\d{1,3}\.\d{1,3}\.\d{1,4}\b(?!\.\d)|\bfrom v?\d{1,3}\.\d{1,3}(?:\.\d{1,4})? to v?\d{1,3}\.\d{1,3}\b/i,
  ),
  h(
    'large-body',
    /\b(?:bod(?:y|ies)|payloads?|posts?) (?:over|above|exceeding|beyond|of (?:over|more than)|larger than|bigger than) (?:about |roughly |around |~)?\d{1,9}(?:\.\d{1,3})? ?(?:[KMG]i?B|bytes|kb|mb|gb)\b|\bupload|\b\d{1,6}(?:\.\d{1,3})? ?(?:KB|MB|MiB|GB|GiB) (?:body|bodies|payloads?|request bod(?:y|ies)|json|post)\b|(?<!\bdownload(?:s|ing|ed)?\b[^.]{0,40})\blarge (?:[a-z]{2,10} )?(?:bodies|body|payloads?|requests?|files?|posts?|images?|json|uploads?|attachments?|documents?)\b(?! downloads?\b)|\bbulk (?:requests?|index(?:ing)?|inserts?|uploads?|writes?|api)\b|<\s?\S{1,80}\.sql\b|\b(?:sql|database|mysql|postgres) dumps?\b|\b(?:import(?:ing)?|restor(?:e|es|ed|ing)|load(?:ing)?) (?:a |the )?(?:large |big |huge )?(?:sql |database )?dump\b|\bchunks? of \d{3,}|(?<!\bdownload(?:s|ing|ed)?\b[^.]{0,40})\bbig (?:payloads?|files?|bodies|body|requests?)\b(?! downloads?\b)|\bbody (?:size|limit)\b|\bpayload (?:size|limit)\b|\bmultipart\b|\bbase64\b|\btoo large\b|\bclient_max_body_size\b|\bmax(?:imum)? body\b|\bbody exceeds\b|\bexceeds? \d(?![\d.,]*\+?\s?(?:ms|s|sec|secs|seconds?|minutes?|mins?|hours?|h|m)\b)|\b(?:larger|bigger) (?:[\w-]{1,20} )?(?:crates?|packages?|files?|artifacts?|images?|uploads?|payloads?|bodies|requests?|documents?|archives?|attachments?)\b(?:[^.]|\.\d){0,60}\b(?:fail(?:s|ing|ed)?|are failing|break|get reset|error)/i,
  ),
  h(
    'large-response',
    /\blarge (?:responses?|downloads?)\b|\b(?:fetch|get|pull|retriev)(?:es|s|ed|ing)? (?:the )?(?:larger|large|big|bigger) (?:files?|pages?|objects?|images?|responses?)\b|\bdownload(?:s|ing)?\b|\bbig responses?\b|\bstreaming (?:large|big)\b/i,
  ),
  h(
    'partway',
    /\bhalf ?way\b|\bpart(?:ial(?:ly)?)?(?: of the)? ?way\b|\bpartway\b|\bin the middle\b|\bmid-?(?:stream|transfer|download|upload|way|body|response)\b|\bbefore (?:completing|finishing|the transfer)\b|\bpart of the way\b|\bgets? the headers and (?:part|some) of\b|\bpart of the (?:html|page|response|body|file)\b|\b(?:stops|stalls|hangs|fails|dies|breaks|aborts) at (?:about |around |roughly |~)?\d{1,2}(?: ?[-–] ?\d{1,2})? ?%/i,
  ),
  // The TLS handshake stops after the Client Hello: the server's answer (its certificates, several full-size
  // packets) never arrives, which is what an MTU black hole on a tunnel or overlay does.
  h(
    'handshake-stall',
    /\bclient ?hello\b[^.]{0,80}?\b(?:hangs?|hung|hanging|stuck|stalls?|stalled|waits?|waiting|never|timeout|times? out|timed out)\b|\b(?:hangs?|hung|hanging|stuck|stalls?|stalled)\b[^.]{0,40}\b(?:after|at|on) (?:the )?(?:tls )?client ?hello\b|\bnever (?:get|got|receives?|received) (?:a |the |any )?server ?hello\b|\bno server ?hello\b|\b(?:hangs?|hung|hanging|stuck|stalls?|stalled|freezes?)\b[^.]{0,20}\b(?:during|in|at) (?:the )?(?:tls |ssl )?handshake\b|\b(?:tls|ssl) handshakes? (?:hangs?|hung|stalls?|stalled|never (?:completes?|finishes))\b/i,
  ),
  // The peer's process was simply not there when callers failed: it died (a crash, or killed) rather than refusing work.
  h(
    'peer-not-running',
    /\bno [\w-]{2,20} process(?:es)? (?:was |were |is |are )?(?:running|alive|left)\b|\b(?:workers?|process(?:es)?|pods?|containers?) (?:appear to |appears to |seem to |seems to )?(?:disappear|vanish)(?:s|ed|ing)?\b|\b[\w-]{3,20} (?:is|was) no longer running\b|\b[\w-]{3,20} (?:is|was) not running any ?more\b|\b(?:process|server|daemon|mysqld|postgres|redis-server|mongod|service) (?:was |is |had )?(?:not running|no longer running|gone|vanished|disappeared)\b|\b(?:mysqld|postgres|redis-server|mongod|the (?:database|db|server|backend) process) (?:had |has )?(?:died|exited|disappeared|vanished)\b/i,
  ),
  // The process went away without leaving an error of its own: what a SIGKILL (the OOM killer) looks like.
  h(
    'no-trace',
    /\bno (?:clear |obvious )?(?:python |java |go |stack )?(?:tracebacks?|stack ?traces?|exceptions?|panics?)\b|\bno (?:clear |obvious )?errors?(?: messages?)? in (?:the )?(?:app(?:lication)?|gunicorn|worker|server|service)?(?: or \w+)? ?logs?\b|\bnothing (?:useful )?in the (?:app(?:lication)? |server |worker )?logs?\b|\bwithout (?:any |a )?(?:traceback|stack ?trace|error message|exception)\b|\bnever (?:make|made|makes|reach|reached|reaches) it to the (?:server|backend|application|app|service)\b|\b(?:both )?(?:client and server|server and client) logs (?:are|were|stay|stayed) (?:empty|clean)\b|\b(?:server|backend|application)'?s? logs? (?:is|are|was|were|stays?|stayed) (?:empty|clean)\b/i,
  ),
  h('post', /\bPOST(?:s|ed|ing)?\b|\bPUT\b|\bPATCH\b|\b[Ll]og ?in (?:request|call|form)s?\b/),
  h(
    'always',
    /\b(?:fails?|failing|errors?|breaks?|resets?) every (?:single )?time\b|(?<!\b(?:forwards?|forwarded|forwarding|routes?|routed|routing|proxies|proxied|proxying|handles?|handled|serves?|served|passes|logs?|logged) )\bevery (?:[\w-]{1,15} )?(?:request|call|upload|single|command|query|operation|connection(?: attempt)?)\b(?![^.;]{0,60}\b(?:succeeds|succeeded|works|worked|passes|passed|is fine|goes through|went through)\b)|\ball (?:requests|calls|uploads|connections|further)\b(?![^.]{0,60}\b(?:succeed|succeeded|work|worked|pass|passed|are fine|go through|went through)\b)|(?<!\b(?:must|should|will|to|almost|nearly) )\balways\b(?! (?:exists?|available|running|ready|up|on|present|there|include)\b)|\b100 ?%|\bconsistently\b|\bdeterministic|(?<!\bretr(?:y|ies) )\bnever works\b|\bevery further\b|\bevery (?:[\w-]{1,15} )?(?:database|instance|server|host|endpoint|node|client|cluster) (?:fails|failed|errors|resets|is reset|gets reset)\b/i,
  ),
  h(
    'intermittent',
    /\bintermittent|\bsporadic|\binconsistent(?:ly)?\b|\bcrops? up\b|\bcropping up\b|\boccasional|\bsometimes\b|\brandom(?:ly)?\b|\bfrom time to time\b|\bnow and then\b|\bsome (?:requests|calls|clients|connections)\b|\bsmall (?:but constant )?(?:number|percentage|fraction|rate|share)|\brare(?:ly)?\b|\bflaky\b|\bmost (?:calls|requests)[^.]{0,30}succeed|\bonce in a while\b|\bsmall percentage\b|\b(?:a portion|some|part) of (?:the |our |my )?(?:requests|calls|connections|uploads|queries|jobs|messages)\b|\b\d{1,4}\+? (?:of|out of) (?:the )?\d{2,7} (?:requests|calls|connections|attempts|queries|uploads)\b|\b(?:about |around |roughly |~)?\d{1,2}(?:\.\d{1,2})? ?% of (?:the |our |my )?(?:requests|calls|connections|uploads|attempts|queries|jobs|messages)\b|\b\d{1,4} (?:of|out of) (?:~|about |around )?[\d,]{4,12} (?:requests|calls|connections)\b/i,
  ),
  h(
    'retry-succeeds',
    /\bretry(?:ing)?\b(?:(?!\b(?:never|not|no|instead)\b|n't)[^.]){0,40}\b(?:succeeds?|works|fixes|helps|resolves|passes)|\bon retry\b|\bsecond attempt\b|\bworks (?:on|after) (?:a )?retr|\bsucceeds? (?:on|after) (?:a )?retr|\brecover(?:s|ed)? (?:on|after|with) (?:a |the )?retr/i,
  ),
  h('retries', /\bretr(?:y|ies|ying|ied)\b/i),
  h(
    'retry-storm',
    /\bretry storm|\bretries (?:amplif|storm|pile)|\bthundering herd|\bretry loop|\bwithout (?:any )?backoff|\bno backoff|\bretries keep|\bretry budget\b|\bmetastable/i,
  ),
  h(
    'pooling',
    /(?<!\b(?:no|without(?: a| any)?) )\bconnection pool|\bpooled\b|(?<!\[|\b(?:no|without(?: a| any)?) (?:connection )?)\bpool\b|(?<!\[)\bpooling\b|\bkeep-?alive\b|\bpersistent (?:connection|database connection)|\breus(?:e|es|ed|ing) (?:a |the )?(?:same |pooled |idle |existing )?(?:tcp )?(?:connection|socket|session|stream)|\bshared (?:client|session|http\.client|connection|agent|requests session)|\bone (?:requests )?session\b|\b(?:requests\.)?Session(?:\(\)| object)|\bhttp (?:client )?session\b|\bconnection reuse\b|\blong[- ]lived (?:http )?connection/i,
  ),
  h(
    'no-pooling',
    new RegExp(
      String.raw`\bnew connection (?:per|for each|for every|each|every)\b|\b(?:a )?(?:brand[- ])?new (?:[\w-]{1,12} ){0,3}(?:tcp |grpc |api |http |inbound |outbound )?connection (?:from (?:the |a |an )?[\w.-]{1,30} )?(?:on|for|per|with|at) (?:every|each) (?:scrape|request|call|message|query|check|poll|event|operation|run|invocation|publish)\b|\b(?:no|without|disabl(?:e|ed|ing)) (?:connection )?(?:keep-?alive|pooling|connection reuse|reuse)\b(?!${TOLD_AS_A_FIX})|\bconnection reuse disabled|\bnoConnectionReuse\b|\bnew [\w.-]{0,40}(?:clients?|instances?|connections?|sessions?|agents?|pools?) (?:for|per|on|in) (?:every|each)\b|\s-k 0\b|\bConnection: close\b(?!${TOLD_AS_A_FIX})|\bconnection per (?:request|call|session)\b|\bopens? (?:a )?(?:new )?(?:tcp )?connection (?:per|for each|for every|each)\b|\bone connection per\b|\bconnection churn\b|\b(?:no|without (?:a |any )?)connection pool\b|\bshort[- ]lived (?:tcp |http |database |db )?connections\b|\bopen(?:s|ing|ed)? and (?:then )?(?:explicitly )?clos(?:es|ing|ed)? (?:a |its |their )?(?:own |new )?connections?\b|\b(?:each|every) (?:one )?open(?:s|ing) (?:its|their) own\b|\b(?:establish(?:es|ing)?|opens?|opening|creat(?:es|ing)) (?:its|their) own (?:new )?(?:tcp |http |https )?connection\b|\bnew (?:[\w.-]{1,40} )?(?:sockets?|connections?|HttpClients?)(?: (?:being|is|are|gets?|got))? (?:opened|created|made|established) (?:for|per|on) (?:every|each)\b`,
      'i',
    ),
  ),
  h(
    'unbounded-sockets',
    /\bunbounded|\bunlimited (?:number of )?(?:sockets|connections)|\btoo many (?:sockets|connections)\b|\bmaxSockets\b(?!:? ?(?:of |to |= ?)?\d)|\bno (?:limit|cap) on (?:sockets|connections)|\bopen(?:s|ed)? (?:thousands|hundreds|many) (?:of )?(?:sockets|connections)|\btoo many connection\b/i,
  ),
  h(
    'fd-limit',
    /\bulimit\b|\bopen files\b|\bopen file handles\b|(?<!\bbad )\bfile descriptors?\b|\bfds?\b|\bnofile\b|\blsof\b|\brlimit/i,
  ),
  h(
    'ports',
    /\bephemeral|\bport range\b|\bip_local_port_range\b|\btime_?wait\b|\btw_reuse\b|\bsource ports?\b|\blocal ports?\b|\bport exhaustion\b|\bsocket exhaustion\b|\bSNAT ports?\b|\b(?:available|allocated|free) (?:outbound )?ports\b|\bexhaust(?:s|ed|ing)? (?:the )?sockets\b/i,
  ),
  h(
    'bulk-write',
    /\bbulk(?:[ _-]?(?:docs|inserts?|imports?|loads?|index(?:ing)?|requests?|writes?|uploads?|api))\b|\b_bulk\b|\bbulkDocs\b|\bimport(?:ing|s|ed)? (?:the )?(?:data|records|documents|rows)\b|\bbatch(?:es)? of (?:docs|documents|rows|records)\b|\b(?:re)?index(?:ing|es)? (?:about |all |the |our )?(?:[\d,.]+k? )?(?:imported |new )?(?:[\w-]{2,20} )?(?:documents|docs|records|rows|articles|issues|items|entries)\b|\breindex(?:_all|ing)?\b|\badd_documents\b|\b\w+\.import\b|\bimport(?:ing)? (?:about |all |the |our )?[\d,.]+k? (?:[\w-]{2,20} )?(?:documents|docs|records|rows|articles|issues|items|entries)\b|\bpush(?:es|ed|ing)? (?:the )?(?:logs|events|records|documents|metrics|chunks) to (?:elasticsearch|opensearch|loki|splunk|the (?:elasticsearch|opensearch) cluster)\b/i,
  ),
  h(
    'port-naming',
    /\bport (?:is |was )?named\b|\bport names?\b|\bappProtocol\b|\bprotocol (?:selection|sniffing|detection)\b/i,
  ),
  h(
    'port-mapping',
    /--publish\b|(?:^|\s)-p ["']?(?:[\d.]{7,15}:)?\d{2,5}:\d{2,5}\b|\bpublish(?:es|ed|ing)? (?:the )?(?:container'?s? )?port\b|\bport \d{2,5} (?:is )?published\b|\bport[- ]?forward(?:s|ed|ing)?\b|\bports? mapping\b|\bports:? ?\[?['"]\d{2,5}:\d{2,5}['"]|\bmapped (?:the )?port\b/im,
  ),
  h(
    'in-flight-together',
    /\b(?:several|many|multiple|all|a batch of|a burst of|a handful of) (?:\w+ ){0,2}(?:requests|calls|rpcs|streams) (?:\w+ ){0,2}fail(?:s|ed|ing)? (?:together|at once|at the same time|simultaneously)\b|\b(?:requests|calls|rpcs|streams) fail (?:together|in batches|in bursts)\b/i,
  ),
  h(
    'all-at-once',
    /\b(?:all|every) (?:the )?(?:active |open |connected )?(?:[\w-]{2,20} )?(?:connections|websockets|clients|sessions|sockets|users)\b[^.]{0,40}\b(?:drop|drops|dropped|disconnect|disconnects|disconnected|close|closes|closed|reset|resets) (?:at once|at the same time|simultaneously|together)\b|\bmass (?:websocket )?(?:disconnect|drop)s?\b|\bdropping everyone\b/i,
  ),
  h(
    'scheduled-time',
    /\bevery (?:day|night|morning|evening) at\b|\bdaily at\b|\bat (?:about |around )?the same time every (?:day|night|hour|week)\b|\bat (?:about |around )?\d{1,2}[:.]\d{2} (?:UTC|GMT|every day|each day|daily)\b/i,
  ),
  h(
    'same-destination',
    /\b(?:to|towards|against|call(?:s|ed|ing)?|hit(?:s|ting)?) (?:the )?(?:same|one|a single) (?:external |remote |public )?(?:destination|host|endpoint|ip|address|upstream|server)(?:\b|:)/i,
  ),
  h(
    'ping-failures',
    /\b(?:keep-?alive|ping|pong|heartbeat)s? (?:failures?|timeouts?|timed out|missed|fail(?:s|ed|ing)?)\b|\b(?:missed|missing|unanswered) (?:pings|pongs|heartbeats|keep-?alives)\b|\bping timeout\b|\bkeep-?alive (?:ping )?fail/i,
  ),
  h(
    'retry-fails',
    /\bretr(?:y|ies|ying)\b[^.]{0,60}\b(?:fail(?:s|ed)? too|also fail(?:s|ed)?|fail(?:s|ed)? as well|never (?:works|helps|succeeds))\b|\b(?:disabling|disabled|turning off|turned off|without) (?:the )?(?:http |connection )?(?:pool(?:ing)?|keep-?alive)\b[^.]{0,30}\b(?:did not|didn't|does not|doesn't|did nothing)\b|\b(?:other|next|all the other) (?:pooled )?connections?\b[^.]{0,30}\b(?:fail(?:s|ed)? too|are dead too|are broken too)\b/i,
  ),
  h(
    'time-wait-pile',
    /\b(?:a (?:very )?large number|large numbers|lots|thousands|tens of thousands|hundreds|many) of (?:\w+ ){0,3}(?:in|sitting in|stuck in|left in) (?:the )?TIME_?WAIT\b|\b(?:all|are all|all of them|most) (?:hanging|sitting|stuck|left|piling up) in (?:the )?TIME_?WAIT\b|\b(?:hanging|stuck|piling up) in (?:the )?TIME_?WAIT\b|\b(?:a )?(?:huge|large|big|high|great) (?:number|count|amount) of TIME_?WAIT\b|\b(?:many|lots of|thousands of|hundreds of|tons of) TIME_?WAIT\b|\bTIME_?WAIT (?:connections|sockets|entries) (?:pile|piling|accumulat|grow|build)/i,
  ),
  h(
    'other-server-works',
    /\b(?:connecting|connections?) to (?:a|an|the|another|our other) (?:newer |older |other |different )?[\w .-]{0,30}\b(?:server|instance|host|cluster)\b[^.]{0,40}\b(?:works|succeeds|is fine)\b|\b(?:another|other|the newer|a newer|the older) (?:servers?|instances?|hosts?) (?:works?|are fine|is fine|succeeds?)\b|\bworks? (?:fine |well )?(?:for|with|against) (?:all |most |any )?other (?:urls?|sites?|websites?|servers?|hosts?|domains?|apis?|endpoints?)\b|\bonly (?:this|that|one) (?:particular |specific )?(?:server|site|website|host|domain|endpoint) (?:fails|is failing|resets)\b|\bother (?:https )?(?:apis?|sites?|websites?|servers?|hosts?)\b(?:[^.]|\.(?=\w)){0,120}\bnever (?:resets?|fails?)\b/i,
  ),
  // the backends behind a proxy were up and answering while the proxy said none was available
  h(
    'backends-healthy',
    /\b(?:the )?(?:api|app|application|backend|upstream|server)s? (?:processes |servers |pods |instances |containers )?(?:were|was|are|is|stayed|remained|looked|looks) (?:all )?(?:healthy|up and running|fine)\b|\bbackends? (?:were|was|are|is) (?:all )?(?:healthy|up)\b|\bhealthy and (?:near-?|nearly |mostly )?idle\b/i,
  ),
  // a TLS server that needs the name it is asked for: works by host name, fails by address or from a proxy
  h(
    'sni',
    /\bSNI\b|\bserver name indication\b|\bproxy_ssl_server_name\b|\b(?:domain|host) ?name works\b|\bworks (?:with|by|using|via) (?:the )?(?:domain|host) ?name\b/i,
  ),
  // DNS lookups that wait 5 s: the resolver's retry after a dropped UDP query (conntrack races on the node)
  h(
    'dns-5s-delay',
    /\b(?:dns|lookups?|name resolution|queries)\b[^.]{0,60}\b(?:5|five)[- ]?(?:s|sec|secs|seconds?)\b|\b(?:5|five)[- ]?(?:s|sec|second)s? (?:dns )?(?:delays?|timeouts?|hangs?)\b[^.]{0,40}\b(?:dns|lookups?|resolution)\b/i,
  ),
  // one connection or client used by several threads at once: most clients are not safe for that
  h(
    'shared-across-threads',
    /\b(?:two|multiple|several|many|different|concurrent) threads\b[^.]{0,80}\b(?:same|single|one|shared) (?:[\w.-]{1,30} )?(?:connection|client|socket|channel|session)\b|\b(?:single|one|same|shared) (?:[\w.-]{1,30} )?[\w.-]{0,30}(?:connection|client|socket|channel|session)\b[^.]{0,80}\b(?:two|multiple|several|many|different|concurrent) threads\b|\bnot thread[- ]safe\b|\b(?:shared|used) (?:across|between|by|from) (?:two |multiple |several |many )?threads\b/i,
  ),
  // DNS itself failing or losing packets (not a client's own resolver settings)
  h(
    'dns-trouble',
    /\bdns (?:problems?|issues?|failures?|timeouts?|errors?|resolution failures?)\b|\bdns (?:lookups?|queries|requests) (?:fail|failed|failing|time out|timed out|timing out|hang|hung|stall|stalled|are lost|get lost|were lost)\b|\blost dns (?:packets|queries|responses)\b|\bdns (?:packets?|queries|responses) (?:are |were |get |got )?(?:lost|dropped)\b|\bdns (?:lookups?|queries|resolution|requests) (?:randomly |intermittently |sometimes |occasionally )fail/i,
  ),
  h(
    'server-still-working',
    /\b(?:the )?server (?:keeps|kept|is still|was still|continues|continued|goes on|went on) (?:executing|processing|working on|running|computing)\b|\bwhile the (?:server|backend|database) (?:is|was) still (?:executing|processing|working|running)\b/i,
  ),
  h(
    'one-path-only',
    /\bno problems? between [^.]{0,60}\band any other\b|\b(?:clients?|users?|requests?|connections?) (?:coming )?from (?:some|certain|specific|particular|a few) (?:ip(?: addresses)?|networks?|regions?|countries|locations|isps?|subnets?)\b|\bonly (?:from|between|on|through|via) (?:one|a single|this|that) (?:pop|region|zone|data ?center|path|link|route|isp|provider)\b|\bother (?:pops|regions|zones|paths|routes|links|isps) (?:are |were )?(?:unaffected|fine|not affected|work)\b/i,
  ),
  h(
    'nested-network',
    /\bdocker[:-]?in[:-]?docker\b|\bdind\b|\bnested (?:docker|containers?|virtuali[sz]ation|vms?)\b|\bkind cluster\b|\bcontainers? (?:inside|within) (?:a |the )?(?:pod|container|vm)s?\b|\b(?:when |while )?building (?:a |the |our )?(?:docker )?(?:container|image)s?\b|\bdocker build\b/i,
  ),
  h(
    'socket-backlog-full',
    /\bresource temporarily unavailable\b[^.]{0,80}\b(?:connect\w*|socket)\b|\b(?:connect\w*|socket)\b[^.]{0,80}\bresource temporarily unavailable\b/i,
  ),
  h(
    'reconnect-loop',
    /\b(?:connect|reconnect)\/disconnect loop\b|\bendless (?:re)?connect(?:ion)?(?:\/disconnect)? loop\b|\bdisconnect(?:s|ed|ion)? (?:follows |comes )?right after (?:it |the )?(?:re)?connect/i,
  ),
  // AWS NLB and NAT gateway forget a flow after 350 s of silence, Azure's load balancer and NAT after 240 s
  h('middlebox-timeout-duration', /\b(?:3[45]\d|24\d|23[5-9]) ?(?:s|secs?|seconds)\b/i),
  h('conntrack', /conntrack|\bconnection tracking\b/i),
  h(
    'conntrack-full',
    /\bconntrack (?:table )?(?:is |was |got )?(?:full|at (?:its|the) (?:limit|max(?:imum)?)|exhausted)|\bfull (?:nf_)?conntrack table\b|\bnf_conntrack_max (?:reached|hit|exceeded)|\bconntrack table fill|conntrack[\w ]{0,24}\b(?:climbs?|climbed|fills? up|filled up|reach(?:es|ed)? (?:the )?(?:limit|max(?:imum)?|\d)|hits? (?:the )?(?:limit|max(?:imum)?))|\b(?:nf_)?conntrack(?:_count| count| table| entries)? (?:climbs|grows|jumps|rises|fills up)\b/i,
  ),
  h(
    'node-scoped',
    /\bonly (?:the )?(?:pods |services )?on (?:one|a single|this|that|the same) node\b|\bonly (?:pods )?on node \S{1,64}|\bnode[- ](?:wide|scoped)\b|\ball (?:pods|services) on (?:one|the same|that) node\b|\b(?:pods|services|containers) on (?:one|a single|that) node (?:cannot|can't|can not|fail|time out)|\b(?:the )?other nodes (?:work|are fine|are ok)\b|\bonly (?:some|a few|certain|specific|two|three) (?:of the |of our )?(?:k8s |kubernetes |worker )?nodes\b|\bon (?:some|certain|specific) nodes only\b/i,
  ),
  h(
    'packet-loss',
    /\bpacket loss\b|\blost packets\b|\bdropp?ed packets\b|\bpackets? (?:are |were |being )?(?:lost|dropped)\b|\bretransmi|\bunstable (?:network|connection|link)|\bunreliable (?:network|connection|link)|\bflaky (?:network|connection|link)|\bpoor (?:network|connection)|\bbad network|\bwi-?fi\b|\bmobile network\b|\blossy\b|\b(?:frames?|segments?|packets?)\b[^.]{0,40}\b(?:seems? to |seem to )?(?:gets?|got|is|are|was|were|being) (?:lost|dropped)\b|\bnetwork (?:issues?|problems?|glitch|instability)\b(?! or\b)/i,
  ),
  h(
    'mtu',
    /\bmtu\b(?![.-]\w)|\b[a-z]{1,20}_mtu\b|\bfragmentation\b|\bfragmented (?:packets|frames|datagrams)\b|\bpmtu|\bjumbo frames?\b|\bpacket too big\b|\bmss\b(?![.-]\w)|\b(?:exceeds?|exceeding|over|above|larger than|bigger than|more than|past) (?:about |around |roughly |~ ?)?1[,.]?[2-5]\d\d ?bytes\b/i,
  ),
  h(
    'tls',
    /\btls\b|\bssl\b|\bhttps\b|\bmtls\b|\bcertificates?\b|\bencryption in[- ]transit\b|\bin-transit encryption\b/i,
  ),
  // Calls that time out (not a timeout setting)
  h(
    'timing-out',
    /\b(?:requests?|calls?|connections?|functions?|curl|queries|query|jobs?|it|they|fetch(?:es)?|downloads?|uploads?)(?: (?:beyond|above|past|over|after) (?:that|this|it|the limit))?(?: (?:also|still|often|sometimes|then))? (?:times|timed|timing|time) out\b|\b(?:it|they|curls?|wget|commands?|steps?|builds?|pulls?|installs?) (?:always |often |sometimes |randomly |keeps? )?timeouts?\b|\b(?:requests?|connections?|calls?|transfers?|downloads?|uploads?|many|some|they)(?: (?:also|still|often|sometimes|then|just))? stall(?:s|ed)?\b|\b(?:gets?|got|getting|hits?|hitting|sees?|saw|throws?|threw|receives?|received) (?:a |an )?read ?time-?outs?\b/i,
  ),
  // Several clients under one identity: a broker keeps one session per client id and drops the older one
  h(
    'duplicate-client-id',
    /\b(?:same|duplicate|duplicated|identical|shared|fixed|hard-?coded) (?:mqtt )?client[ _-]?ids?\b|\bclient[ _-]?ids? (?:collision|conflict|clash)|\bwith (?:only )?one (?:[\w-]{1,15} )?(?:connected|running|online)\b[^.]{0,40}\b(?:doesn'?t|does not|never|no longer) (?:get )?disconnect|\bwhen (?:several|multiple|two|more|many) (?:[\w-]{1,15} )?(?:devices|clients|boards|instances|[A-Z]{2,8}s) (?:connect|are connected|run)\b[^.]{0,80}\b(?:same|identical) (?:client|credentials|config|username|host)/i,
  ),
  // A plaintext client pointed at a TLS port (Kafka's security.protocol left at PLAINTEXT, an http:// URL
  // to an HTTPS port)
  h(
    'plaintext-to-tls',
    /\bsecurity\.protocol\b[^.]{0,30}\bPLAINTEXT\b[^.]{0,80}\b(?:SSL|TLS)\b|\b(?:SSL|TLS) (?:listener|port)\b[^.]{0,80}\bsecurity\.protocol\b[^.]{0,30}\bPLAINTEXT\b|\bplain ?text (?:client|connection|request)s? (?:to|against|on) (?:an? |the )?(?:ssl|tls|https) (?:port|listener|endpoint)\b|\b(?:ssl|tls)(?:[_-]?enabled?)? ?[:=] ?false\b|\bsslmode=disable\b|\buse_?ssl ?[:=] ?false\b|\bworks? (?:fine )?(?:only )?with (?:SASL_SSL|SSL|TLS)\b[^.]{0,40}\bbut not\b/i,
  ),
  // A memory limit stated with its size: tight limits kill a process that outgrows them
  h(
    'memory-limit',
    /\b(?:memory|mem) (?:limits?|caps?)\b[^.]{0,30}\b(?:\d{2,5} ?(?:Mi|MB|MiB|M|m)|\d{1,3}(?:\.\d)? ?(?:Gi|GB|GiB|G|g))\b|\b(?:\d{2,5} ?(?:Mi|MiB|MB|M|m)|\d{1,3}(?:\.\d)? ?(?:Gi|GiB|GB|G|g))\b (?:container |cgroup |pod )?(?:memory )?(?:limit|cap)\b|(?:^|\s)(?:-m|--memory)[= ]\d{2,5}[mMgG]\b|\blimited to \d{2,5} ?(?:Mi|MiB|MB|M|Gi|GiB|GB)\b(?: of)? (?:memory|ram)\b|\bmemory \d{2,5}(?:Mi|Gi)\b/,
  ),
  // Failures that follow a user or a browser, not a server: what they carry (cookies, headers) grew
  h(
    'per-user',
    /\bonly (?:for )?(?:logged[- ]in|some|certain|a few|specific|particular) users\b|\bfor logged[- ]in (?:[\w-]{1,12} )?users\b|\bfrom (?:that|the) same browser\b|\bother users (?:are|were) (?:not affected|fine|unaffected|ok)\b|\b(?:clearing|clear|deleting|delete|clears|cleared) (?:the |my |their |browser )?cookies\b|\bincognito\b|\bprivate (?:window|browsing)\b/i,
  ),
  h(
    'large-headers',
    /\b(?:large|big|huge|many|too many|oversized) (?:cookies|headers|set-cookie headers|request headers|response headers)\b|\bcookies? (?:grows?|grew|accumulat\w{0,5}|too large|too big)\b|\bheaders? (?:grows?|grew|too large|too big)\b|\bheader size\b|\b(?:very |too )?(?:large|long|huge|big) (?:sets of )?query (?:strings?|parameters|params)\b|\b(?:very |too )?(?:long|huge) (?:urls?|uris?|request lines?)\b|\blarge_client_header_buffers\b|\bproxy_buffer_size\b|\bmax_?header_?size\b/i,
  ),
  // TLS versions switched on or off: a client or server left with no version in common
  h(
    'tls-version-config',
    /\b(?:changed|updated|hardened|tightened) (?:the |its |their )?(?:ssl|tls)(?: settings| configuration| config| policy| protocols?)?\b|\bSSLProtocol\b|\bssl_protocols\b|\bMinProtocol\b|\bmin(?:imum)?[_ ]?tls[_ ]?version\b|(?:^|\s)[-+!]TLSv1(?:\.[0-3])?\b|\b(?:disabl(?:e|ed|es|ing)|remov(?:e|ed|es|ing)|dropp(?:ed|ing)|turn(?:ed|ing)? off) (?:support for )?(?:TLS ?(?:v|version )?1(?:\.[01])?|SSLv3)\b|\bTLS ?(?:v|version )?1\.[01] (?:is |was |has been )?(?:disabled|deprecated|no longer supported|turned off)\b|\b(?:uses|supports|speaks|only (?:speaks|supports|offers)) (?:only )?(?:TLS ?(?:v|version )?1(?:\.0)?|SSLv3)\b(?!\.[1-3])|\b(?:weak|old|legacy|obsolete|insecure) (?:tls )?cipher(?:s| suites?)\b|\bno shared cipher\b|\bRC4\b|\b(?:server|endpoint|host|site|service|api) (?:(?:which |that )(?:uses|requires|only accepts|accepts only|supports only|only supports)|(?:requires|only accepts|accepts only|supports only|only supports)) TLS ?(?:v|version )?1\.[23]\b|\bTLS ?(?:v|version )?1\.[23][- ]only\b|\bnegotiat(?:es|ed|ing) TLS ?(?:v|version )?1(?:\.[01])?\b(?!\.[1-3])|\b(?:did|does|do)(?:n't| not) support TLS ?(?:v|version )?1\.[23]\b/i,
  ),
  // A load balancer that keeps the client's source address: replies go straight back, bypassing it, so a
  // client behind NAT or VPN, or the target calling itself, sees an asymmetric path
  h(
    'client-ip-preserved',
    /\bpreserve_client_ip\b|\bclient ip preservation\b|\bpreserves? (?:the )?client(?:'s)? (?:source )?ip\b/i,
  ),
  // The server accepts only TLS on the port: a plaintext client is dropped at its first bytes
  h(
    'tls-required',
    /\bin-transit encryption\b|\bencrypt(?:ion)?[- _]in[- _]transit\b|\btransit[_ ]encryption\b|\btls[- ]only\b|\brequire_secure_transport\b|\b(?:requires?|enforces?|enforced|only accepts?|accepts only) (?:tls|ssl|encrypted connections|https)\b|\bforce[_-]?ssl\b|\bmongodb atlas\b|\batlas (?:cluster|database)\b/i,
  ),
  // Traffic from inside a network back to it through its own load balancer: NLB with client IP preservation
  // and Azure's internal load balancer drop a flow whose source is the target it lands on
  h(
    'hairpin',
    /\bhairpin(?:ning|ned)?\b|\bnat loopback\b|\bfrom (?:inside|within) (?:the |our )?(?:cluster|vpc|vnet)\b[^.]{0,80}\b(?:through|via|using) (?:the |its |our )?(?:nlb|load ?balancer|ingress|lb|public)\b|\bfrom (?:a shell in )?(?:any |a |the |another )?pods?\b[^.]{0,60}\b(?:through|via|using) the (?:ingress|load ?balancer|nlb|lb)\b/i,
  ),
  h(
    'tls-both-sides',
    /\b(?:https|tls|ssl) (?:(?:was |is )?(?:configured|enabled|terminated) )?(?:both )?(?:in|on|at) both\b|\bboth (?:nginx and|the proxy and) the backend\b|\bplain ?(?:text|http) to (?:a |an )?(?:tls|https|ssl)|\b(?:tls|https|ssl) to (?:a |an )?plain|\bspoke plain|\bspeaks? (?:plain )?http to (?:a |an )?(?:tls|https)|\bdouble (?:tls|ssl)\b|\bdisabling (?:tls|ssl|https) on the backend|\bonly (?:if|when|with) (?:I |we )?(?:add|use|enable|pass|turn on)?\s?(?:the )?(?:--tls|--ssl|tls|ssl|rediss:\/\/|https:\/\/)(?:\s|\b)|\bwithout (?:--tls|--ssl|tls|ssl)\b[^.]{0,40}\bsame (?:error|reset|failure)\b/i,
  ),
  h('http2', /\bhttp\/?2\b|(?<!\boffering )\bh2c?\b|\balpn\b(?!,? offering)|\bupgrade: h2|\bgrpc\b/i),
  h('upgrade-header', /\bupgrade(?::| header)\b/i),
  h(
    'proxy-protocol',
    /\bproxy[_ -]?protocol\b|\bsend-proxy(?:-v2)?\b|\baccept-proxy\b|\bproxy protocol v[12]\b/i,
  ),
  // The same path carries other HTTP fine while gRPC (HTTP/2) fails: a hop that does not speak HTTP/2 end to end.
  h(
    'other-protocol-works',
    /\b(?:REST|HTTP\/1(?:\.[01])?|plain HTTP|regular HTTP|normal HTTP|non-gRPC|(?:the )?HTTP(?:\/JSON| JSON)|JSON)\b(?: (?:gateway|requests?|calls?|traffic|endpoints?|APIs?))?[^.,;:!?\n]{0,40}?(?<!\bnot |n't |\bnever )\b(?:works?|succeed(?:s)?|(?:are|is) fine|go(?:es)? through|pass(?:es)?|returns? (?:[\w-]{1,12} ){0,3}fine)\b|\b(?:REST|HTTP(?:\/JSON| JSON)?|JSON) (?:gateway|API|endpoint)\b[^\n]{0,80}?\breturns? (?:[\w-]{1,12} ){0,3}fine\b/i,
  ),
  h('protocol', /\bprotocol\b|\bwrong port\b|\bport mismatch\b|(?<!\boffering )\bhttp\/1\.[01]\b/i),
  h(
    'limits',
    /\bcircuit[- ]?break|\bmax(?:imum)? (?:connections|requests|pending)|\bmax_?connections\b|\bmaxconn\b|\bworker_connections\b|\bconnection limit|\bpending requests?\b|\boverflow\b|\brate[- ]limit|\bconcurrency limit|\blimit of \d|\bdefault (?:limit|thresholds?)\b|\bthresholds?\b/i,
  ),
  h(
    'instant-rejection',
    /\b(?:instantly|immediately|right away)\b[^.]{0,40}\b(?:50[234]|rejected|refused)|\brejected instantly\b|\bno upstream time\b|\bfails? fast\b/i,
  ),
  h(
    'external',
    /\bexternal\b|\bthird[- ]party\b|\bpublic (?:api|endpoint|service)\b|\binternet\b|\boutside (?:the |of the )?(?:cluster|vpc|network|datacenter)\b|\bsaas\b|\bremote api\b|\bcloud api\b|\bgovernment\b|\bvendor\b|\bover the internet\b|\bleaves? the vpc\b|\begress\b|\bcross[- ]vpc\b/i,
  ),
  h(
    'egress',
    /\begress\b|\bprivate subnet\b|\boutbound\b|\boutgoing connections?\b|\bleaves? the vpc\b|\bvia (?:a |the )?nat\b/i,
  ),
  h(
    'localhost',
    /\blocalhost\b|\b127\.0\.0\.1\b|\bloopback\b|(?<!\bto the )\bsame (?:host|machine|node)\b|\bon the same box\b|\ba local (?:server|redis|instance|service|machine)\b|\bagainst (?:a )?local\b/i,
  ),
  h(
    'size-threshold',
    /\bonly (?:happens |fails |occurs )?(?:for|with) (?:the )?(?:larger|bigger) (?:files|uploads|bodies|requests|payloads|messages)\b|\b(?:exceed|exceeds|exceeded|exceeding) (?:the )?(?:configured )?(?:upload|file size|body|request|size) (?:size )?limit\b|\b(?:exceed|exceeds|exceeded|exceeding) (?:the )?(?:configured )?[\w.-]{0,60}?(?:max[-_.]?(?:file|request|body|upload|content|message|post)[-_.]?(?:size|length)|body[-_.]?(?:size[-_.]?)?limit|client_max_body_size|upload_max_filesize|post_max_size)\b|\b(?:bigger|larger) (?:files?|uploads?|bodies|requests?|payloads?|messages?) \(?(?:>|over|above|of more than) ?\d|\b(?:messages?|packets?|payloads?|frames?|bodies|body|requests?) of (?:about |around |roughly |~)?\d(?:e\d{1,2}|[\d,.]{0,12}) ?(?:characters|chars|bytes|[KMG]i?B) or (?:more|larger|bigger)\b|\bsmaller (?:writes|requests|payloads|uploads|files|messages|inserts|values|bodies|queries|documents|blobs) (?:work|succeed|are fine|go through)\b|\b(?:bod(?:y|ies)|payloads?|requests?|uploads?|files?|posts?|messages?) (?:over|above|exceeding|beyond|of (?:over|more than)|larger than|bigger than) (?:about |roughly |around |~)?\d{1,9}(?:\.\d{1,3})? ?(?:[KMG]i?B|bytes|kb|mb|gb)\b|\b(?:larger|bigger|more) than (?:roughly |about |around |~)?\d(?![\d.,]*\s?(?:k\s)?(?:(?:concurrent|simultaneous|open|active|parallel|tcp|client|mqtt|websocket)\s)?(?:[\w()-]{1,20}\s)?(?:connections?|clients?|requests?|users?|sessions?|sockets?|threads?|workers?|pods?|nodes?|times?|seconds?|minutes?|hours?|days?|ms|s|m|h)\b)|\bsmaller (?:uploads?|requests?|files?|ones?|bodies|payloads?|batch(?:es)?|chunks?|documents?|messages?|inserts?)\b[^.]{0,30}\b(?:work|succeed|are fine|return|go through|pass)|\b(?:larger|bigger) than (?:the|my|our|its|a|the configured) (?:[\w<>.-]{1,30} )?(?:cap|limit|maximum|max|[\w.]{0,20}SizeLimit)\b|\bsmall (?:request|upload|file|body|page|response|download|transfer|object)s?\b[^.]{0,60}\b(?:works?|succeeds?|returns? (?:a |the )?normal|loads? (?:fine|ok|well)|(?:is|are) fine)|\bonce (?:the )?(?:request|body|payload|file|upload)s? (?:reach(?:es)?|exceeds?|grows?)|\babove (?:a |the )?(?:certain )?(?:size|limit|threshold)|\bsize (?:threshold|limit)|\bexceeds? (?:\d(?![\d.,]*\+?\s?(?:ms|s|sec|secs|seconds?|minutes?|mins?|hours?|h|m)\b)|the (?:size|body|limit))|\b\d{2,9} ?(?:bytes|b|kb|kib) or (?:more|larger|bigger)\b|\bsmaller ones? (?:work|succeed|are fine|pass)\b|\b(?:size|zip|archive|file|upload|body|payload)\b[^.]{0,30}?\b(?:is|was|gets|are) (?:sometimes |just |slightly )?(?:above|over|bigger than|larger than) (?:about |~)?\d{1,9}(?:\.\d{1,3})? ?(?:[KMG]i?B|kb|mb|gb)\b|\bwhen (?:it|the (?:file|upload|body|payload|zip|request)) is too (?:big|large)\b/i,
  ),
  h(
    'at-connect',
    /\bright after connect|\bimmediately after connect|\bon connect\b|\bwhen connecting\b|\bno longer (?:able to )?connect\b|\bcan(?:not|'t|no longer) (?:even )?(?:connect|open (?:a )?connections?)\b|\bduring (?:the )?(?:connect|handshake)\b|\bat connection time\b|\bwhile connecting\b/i,
  ),
  h(
    'cross-zone',
    /\bcross[- ](?:region|az|zone|datacenter|dc)\b|\binter-?(?:region|az)\b|\bbetween (?:regions|zones|datacenters)\b/i,
  ),
  h(
    'both-sides',
    /\bboth (?:the )?(?:client and server|server and client|sides|ends)\b|\bon both (?:server and client|client and server)/i,
  ),
  h(
    'refused',
    /\bconnection refused\b|\brefused\b|\bECONNREFUSED\b|\b(?:connections?|connection attempts?|connects?)\b[^.]{0,30}\b(?:(?:are|were|being|is|was|get|gets|got) )?rejected\b|\breject(?:s|ed|ing)? (?:them|new connections?|the connections?|connections?|connection (?:attempts|requests))\b/i,
  ),
  h('empty-reply', /\bempty reply\b/i),
  h(
    'long-lived',
    new RegExp(
      String.raw`\blong[- ]lived\b|\bkeeps? (?:its |the |a |their )?(?:[\w-]{1,20} )?connections? open\b|\blong[- ]running (?:connections?|jobs?|requests?|streams?|sessions?)|\bstream(?:s|ed|ing)? (?:the )?(?:[\w-]{1,20} )?(?:logs?|events|updates|output)\b|\b(?:log|event) streams?\b|\bserver[- ]sent events\b|${SSE}|\blong[- ]poll(?:ing)?\b|\bwatch(?:es)? (?:streams?|connections?)\b|\bpersistent (?:tcp )?connections?\b|\bstays? connected\b|\bkeeps? (?:the )?connections? open\b|\bkeeps? (?:it|them|the (?:session|connection)s?) (?:up|open|alive)\b|\bwaits? for (?:jobs|messages|events|work)\b|\bconnect(?:ed)? (?:once|at startup)\b|\bpub\/?sub (?:subscriptions?|connections?)\b|\bsubscriptions? (?:drop|disconnect)`,
      'i',
    ),
  ),
  h(
    'forking',
    /(?<!\b(?:my|our|a|the|your|this|that|their|his|her) )\bfork\b(?! of\b)|\bfork(?:s|ed|ing)\b(?! (?:the |this |our |that |a )?(?:repo|repository|project|library|code|crate|package)s?\b)|\bpre-?fork|\bprocesses ?= ?\d|\bpreload(?:ing)?\b|\blazy[- ]apps\b|\bmultiprocessing\b|\bdjango-rq\b|\bfan(?:s|ned)? (?:the )?(?:work )?out to (?:multiple|several|many) (?:worker )?processes\b|\bdjango-q\b|\bqcluster\b|\brq (?:workers?|jobs?)\b|\bwork ?horses?\b|\b(?:php-)?resque\b|\bshared (?:across|between|by) (?:the )?(?:processes|workers|threads)|\b(?:workers|processes|threads) share\b|\b(?:opened|created) (?:in the parent|before (?:the )?fork)/i,
  ),
  h(
    'leak',
    /\bnever clos(?:e|es|ed|ing)\b|\bnot clos(?:e|ed|ing)\b|\bwithout closing\b|\bforg(?:et|ets|etting|ot) to close\b|\bconnection leak|\bleak(?:s|ed|ing)? (?:connections|sockets|file descriptors|fds|handles)\b|\b(?:connections|sockets) (?:are |were )?(?:never )?leak|\b(?:thousands|hundreds|tens|lots|many|\d{3,}|a (?:few )?(?:thousand|hundred))(?: of)? (?:thousands of )?(?:connections|sockets)\b[^.]{0,40}?\b(?:in|stuck in|left in) CLOSE_WAIT\b|\bCLOSE_WAIT (?:connections|sockets)? ?(?:pile|piling|accumulat|grow|build)|\b(?:after |been )?running for (?:about |over |more than |some )?(?:\w+ )?(?:days|weeks|months)\b[^.]{0,40}\b(?:too many|runs? out of|exhaust)/i,
  ),
  h(
    'gc-pauses',
    /\b(?:full |long |stop-the-world )?gc pauses?\b|\bgarbage collection (?:pauses?|stalls?)\b|\bstop-the-world\b|\bfull gc\b/i,
  ),
  h(
    'oom-words',
    /\bran out of memory\b|(?<!\bperhaps )\bout of memory\b|\boom[-_ ]?kill|\boomkilled\b|\bmemory limit (?:was )?(?:exceeded|reached|hit)\b|\b(?:hit|hits|reached|reaches|exceeded|exceeds) (?:its |the |their |a )?(?:\d{1,5}(?:\.\d{1,2})? ?[MG]i?B )?(?:memory|memcg|cgroup memory|container memory) limit\b|\bkilled for (?:using too much )?memory\b|\bdue to (?:an? )?oom\b|\bkilled by the (?:linux )?kernel\b/i,
  ),
  h('evicted', /\bevict(?:ed|ion|ions)\b/i),
  h(
    'client-gave-up',
    /\b(?:users?|clients?|browsers?|callers?) (?:who |that )?(?:close|closes|closed|cancel|cancels|cancell?ed|abort|aborts|aborted|navigate away|disconnect|disconnects|hang up|give up|gave up)\b|\bclients? (?:times? out|timed out|gave up|disconnect(?:s|ed)?)\b|\b(?:closes?|closed) the (?:tab|browser|page|app) before\b|\bcancels? (?:the )?requests? after\b/i,
  ),
  h(
    'fixed-duration',
    /\b(?:after|at) exactly (?:~|about )?\d|\balways (?:after|at) (?:~|about )?\d{1,4} ?(?:s|sec|seconds|minutes?)\b|\bafter (?:about |~)?\d{1,4} ?(?:s|sec|seconds) (?:every time|each time|always|sharp)\b/i,
  ),
  h(
    'health-probe',
    /\bliveness\b|\breadiness\b|\bhealth ?checks?\b|\bprobes?\b|\bchecks? (?:the )?(?:node |backend |server |service |cluster )?(?:status|health)\b/i,
  ),
  h(
    'slow-peer',
    /\bslow(?:s|ed)? down\b|\bslowdown\b|\bslow (?:responses?|downstream|upstream|backend|service)\b|\blatency (?:spikes?|increases?|is high|grows)\b|\btakes? (?:several )?(?:seconds|minutes)\b|\b(?:takes?|taking|took) too long to (?:respond|answer|reply)\b|\btoo slow to (?:respond|answer)\b|\bhangs?\b(?! up\b)|\bstuck\b/i,
  ),
  h(
    'early-response',
    /\bcloses? the connection instead of (?:responding|answering|returning|sending)\b|\brejects? (?:them |it |requests? )?up[- ]front\b|\breturns? early\b|\banswers? early\b|\b(?:answers?|responds?|replies|returns?) (?:to )?(?:a |the )?(?:requests?|posts?|puts?|uploads?) (?:that carr(?:y|ies)|carrying|with) a (?:request )?body with (?:a |an )?4\d\d\b|\bresponds? early\b|\b(?:clients?|callers?) (?:that |which )?(?:is |was |are )?still (?:streaming|sending|uploading|writing)\b|\brespond(?:s|ed)? without (?:needing|reading|consuming|waiting for) (?:the )?(?:request )?body\b|\b(?:uploads?|request bod(?:y|ies)) (?:is |are |was |were |gets? |got )?(?:rejected|refused)\b|\b(?:rejects?|refuses?) (?:its |the |an? )?(?:uploads?|request body|body)\b|\bupload[^.]{0,60}\bfails on the server side\b|\bbefore (?:reading|consuming|finishing|receiving) (?:the )?(?:whole |full |entire )?(?:request )?body\b|\bbefore [^.]{0,40}\bfinished sending\b|\brespond(?:s|ed)? (?:early|before)\b|\b(?:sends?|sent|returns?|returned|answers?|answered) (?:a |an |the )?(?:4\d\d|error|unauthori[sz]ed)[^.]{0,30}\b(?:immediately|early|before)|\bearly (?:response|reply|4\d\d|401|413)\b|\breq\.destroy\(\)|\bdestroy(?:s|ed)? the (?:request|socket)\b|\bunread (?:request )?(?:body|data)\b|\binstead of (?:a |an |the )?(?:4\d\d|401|413)\b|\bwhile (?:[\w.-]{1,20} )?(?:is |was )?still (?:writing|sending|uploading|streaming) (?:the )?(?:request )?body\b|\b(?:answers?|responds?|replies) (?:to )?(?:a |the )?(?:POST|PUT|upload|form post)s?\b[^.]{0,60}\bwith a redirect\b|\b(?:prints?|gets?|receives?|got|returns?) (?:the )?[24]\d\d (?:status|response)\b[^.]{0,60}\bthen\b[^.]{0,40}\b(?:EPIPE|broken pipe|write (?:error|fail(?:s|ed|ure)?)|reset)\b/i,
  ),
  h(
    'auth-failure',
    /\b401\b|\bunauthori[sz]ed\b|\b403\b|\bforbidden\b|\b(?:token|session) (?:has |had |is )?expired|\bexpired (?:token|session|jwt)|\bauth(?:entication)? (?:failure|error|retry)|\bprotected endpoint\b/i,
  ),
  h(
    'connection-ceiling',
    /\b(?:connections?|conns?|sessions?|clients?) ?(?:count|number)? (?:stays?|staying|stayed|sits?|sitting|plateaus?|plateaued|plateauing|hovers?|hovering|stuck|capped) (?:just |right |flat )?(?:under|below|at|near|around) (?:about |~)?\d{2,6}\b|\b(?:always )?(?:stops|stalls|hangs|halts|tops out|plateaus) (?:when|once|at|after) (?:the )?(?:count|number|counter)? ?(?:reaches |hits |gets to )?(?:about |around |~)?\d{3,6}\b|\b(?:no|not) more than (?:about |around |roughly |~)?\d{2,6} (?:[a-z]{2,12} )?(?:connections|clients|sessions|sockets)\b|\b(?:once|after|beyond|above) (?:about |around |roughly |~)?\d{2,6} (?:(?:concurrent|simultaneous|open|active|tcp) )?(?:[a-z]{3,12} )?(?:connections|clients|sessions|sockets) (?:are|have been|were|is) (?:open|established|connected|reached)\b|\b(?:connections|clients|sessions) (?:top|max|cap|level) out at\b|\b(?:won't|will not|doesn't|does not|can't|cannot|never) (?:accept|handle|take|allow|open|serve|get past) (?:more than |over |beyond |past )?(?:about |around |roughly |~)?\d{2,6}(?:[-–]\d{2,6})? (?:[a-z]{2,12} )?(?:connections|clients|sessions|sockets)\b|\bstuck at (?:about |around |roughly |~)?\d{2,6} (?:connections|clients|sessions)\b|\bcan only (?:reach|get to|accept|handle) (?:about |around |roughly |~)?\d{2,6} (?:connections|clients|sessions)\b|\bconnection count (?:stops|stalls|plateaus|tops out|caps)(?: growing| increasing)? at (?:about |~)?\d{2,6}\b|\b(?:max(?:imum)?|most) (?:number of )?(?:clients|connections|sessions) (?:I|we) (?:was |were |am |are )?(?:able to |can |could )?(?:reach|get|open|establish)\w{0,4}\b[^.]{0,30}\b(?:is|was) (?:about |around |~)?\d{2,6}\b/i,
  ),
  // Requests that take "just over one second" while their work takes milliseconds waited for a SYN retry
  // (synRetryFigures reads the same from latency figures)
  h(
    'syn-retry-latency',
    /\b(?:just|slightly|a (?:little|bit)) (?:over|above|more than) (?:one|1|a|three|3) ?(?:s|sec|second)s?\b|\b(?:exactly|almost exactly) (?:one|1|three|3) ?(?:s|sec|second)s? (?:longer|slower|of (?:extra )?(?:latency|delay))\b/i,
  ),
  h(
    'accept-queue',
    /\bbacklog\b|\baccept queue\b|\blisten queue\b|\bsomaxconn\b|\bsyn (?:queue|backlog|flood)|(?:\b|\btcpext)listenoverflows\b|\blisten overflows?\b|\blistendrops\b|\bacceptq\b/i,
  ),
  h(
    'cpu',
    /(?<!\b(?:[0-9]|[12][0-9]) ?% ?(?:of )?|\b(?:low|little|idle|normal|no|minimal) )\bcpu\b(?! (?:usage |load |utili[sz]ation )?(?:is |was |stays? |stayed |remains? |remained )?(?:low|idle|normal|fine|minimal|near zero|under \d{1,2} ?%|at \d ?%))|(?<!\b(?:carrier|network|bandwidth|isp|rate|api|request|traffic|upload|download|[2-5]G) )\bthrottl|\bevent[- ]loop (?:lag|block)|\bthread pool\b|\bsaturat/i,
  ),
  h(
    'no-timeouts',
    /\bno timeouts?\b|(?<!\b(?:unable|able|can(?:no|')?t|cannot|could ?n[o']t|fails?|failing|impossible)\b[^.]{0,50})\bwithout (?:a |any )?timeouts?\b|\btimeouts? (?:not set|missing|disabled)\b|\bhangs? forever\b|\bnever times? out\b/i,
  ),
  h(
    'works-elsewhere',
    /\bworks (?:fine |well |without (?:errors|problems) )?(?:on|in) (?:another|other|a different)|\bon (?:another|other|a different) (?:machine|host|linux|os)[^.]{0,30}\bworks\b|\bonly (?:on|in) (?:one|this|production|prod)\b|\bcannot reproduce\b|\bworks? (?:without (?:an )?errors? |fine |well )?on (?:windows|linux|fedora|ubuntu|debian|mac ?os|os ?x|macos)(?: \d{1,2})?(?: and (?:windows|linux|fedora|ubuntu|debian|mac ?os|os ?x|macos)(?: \d{1,2})?)?\b[^.]{0,60}\bbut on\b|\bon (?:windows|linux|fedora|ubuntu|debian|mac ?os|os ?x|macos)(?: \d{1,2})?(?: and (?:windows|linux|fedora|ubuntu|debian|mac ?os|os ?x|macos)(?: \d{1,2})?)? it works\b[^.]{0,40}\bbut\b/i,
  ),
  h(
    'no-changes',
    /\b(?:haven't|have not|hasn't|has not|didn't|did not) (?:been )?chang(?:e|ed) (?:any|our|my|the|a)? ?(?:code|config(?:uration)?|anything|line)\b|\bno (?:infrastructure |config(?:uration)? |code )?changes?\b|\bnothing changed\b|\bwithout any changes?\b/i,
  ),
  h(
    'timeout-mismatch',
    /\b(?:inconsistent|mismatch(?:ed)?|different|shorter|longer) (?:idle |keep-?alive )?(?:timeouts?|timeout settings)\b|\btimeouts? (?:mismatch|inconsisten)|\b(?:server|backend|upstream)'?s? (?:idle |keep-?alive )?timeout is (?:shorter|lower|less)\b/i,
  ),
  h(
    'gateway-error',
    /\b50[234x]s?\b|\b5xx(?:s|es)?\b|\bbad gateway\b|\bservice unavailable\b|\bgateway timeout\b/i,
  ),
  h(
    'server-idle-setting',
    /\bwait_timeout\b|\bserver_idle_timeout\b|\bclient_idle_timeout\b|\bidle_session_timeout\b|\bidle_in_transaction_session_timeout\b|\bkeepalive_timeout\b|\bkeepAliveTimeout\b|\btimeout_keep_alive\b|\bidleTimeout\b|\bIdleConnTimeout\b|\bmaxLifetime\b|\bmax_?idle_?time\b|\bpool_recycle\b|\bCONN_MAX_AGE\b|\bpooledConnectionIdleTimeout\b|\bidle[_ -]?timeout\b/i,
  ),
  h(
    'long-requests',
    /\b(?:processing|request|call|response|generation|query|job|task|stream)s? (?:time )?(?:exceeds?|exceeding|goes past|lasts? (?:more|longer) than|runs? (?:past|over|beyond|longer than)) (?:~|about )?\d{1,4}\+? ?(?:s|sec|seconds|minutes?|mins?)\b|\btakes? longer than (?:~|about )?\d|\b(?:needs|takes) (?:about |around |~)?\d{2,4} ?(?:s|sec|seconds)\b|\btak(?:e|es|ing) more than (?:~|about )?\d{1,4} ?(?:s|sec|seconds|minutes?)\b|\blong(?:er)?[- ]running (?:[\w-]{1,20} ){0,2}(?:requests?|executions?|calls?|jobs?|functions?|quer(?:y|ies)|operations?|tasks?|uploads?|downloads?|exports?|reports?|transfers?|migrations?|backups?|syncs?)\b|\b(?:needs|takes|taking) (?:about |around |~)?\d{1,3} ?(?:min|minutes) to (?:process|complete|finish|run|respond|answer)\b|\bslow requests?\b|\brequests? (?:that )?(?:take|last|run) (?:longer|more) than\b|\b(?:runs?|running|takes?|taking|lasts?|lasting)(?: for)? (?:anywhere )?(?:between |up to |about |around |several |a couple of |a few )?(?:\d{1,2} ?(?:to|and|or|-) ?)?(?:\d{1,2} )?hours\b|\blong (?:sql |database |db )?(?:quer(?:y|ies)|statements?|transactions?)\b|\bafter (?:exactly |about |around |roughly )?\d{1,4} (?:seconds|minutes|s|min) of (?:run ?time|running|execution)\b/i,
  ),
  h('tcp-keepalive', /\btcp[_ -]?keep-?alive|\bso_keepalive\b|\btcpKeepalive\b|\bkeepalive probes?\b/i),
  h(
    'mtls-strict',
    /\bpeer ?authentication\b|\bstrict (?:mode )?mtls\b|\bmtls (?:mode )?(?:is )?(?:set to )?strict\b|\bmode: ?STRICT\b|\bSTRICT mode\b/i,
  ),
  h(
    'other-client-works',
    /\b(?:redis-cli|psql|mysql|mongosh|mongo shell|openssl s_client|telnet|netcat|nc|grpcurl|kcat|kafkacat) (?:can|could|is able to|was able to) (?:connect|reach|talk)\b|\b(?:node(?:\.js)?|curl|wget|go|python|java|chrome|firefox|the browser|browsers|postman|undici|axios|okhttp|requests|httpx|aiohttp|reqwest|hyper) (?:does not|doesn't|did not|didn't|never) (?:produce|show|have|hit|get|see|trigger|reproduce) (?:them|it|this|these|any|the (?:errors?|resets?|issue|problem|failures?))\b|\b(?:curl|wget|browsers?|postman|openssl(?: s_client)?|a browser)\b (?:can|could) (?:get|fetch|reach|load|open|download) (?:a |the )?(?:response|page|it|data|file|url)\b|\b(?:if|when|once) (?:I|we) (?:use|switch to|build with|enable) (?:the )?[\w.-]{2,30}(?: \([\w. -]{1,30}\))?(?: feature| backend| instead)?,? (?:it|everything|the request|the same request) works\b|\b(?:curl|wget|browsers?|postman|openssl(?: s_client)?|netcat|a browser)\b(?: and [\w. ]{1,20}?)? (?:connects?|connected|fetch(?:es|ed)?|loads?|loaded|opens?|opened|gets?|got|reaches?|reached|downloads?|downloaded)\b[^.]{0,60}\b(?:fine|without (?:any )?(?:problems?|issues?|errors?)|successfully|normally|ok)\b|\b(?:same (?:code|request|call)s? )?works (?:fine |well |correctly )?(?:in|with|from|using) (?:the )?(?:browsers?|curl|wget|postman|insomnia|node-fetch|axios|other (?:clients|http clients|libraries|tools)|(?:a )?different (?:client|library|http client))\b|\bwith(?:out)? (?:connection )?pooling(?: disabled| turned off)?\)? it works\b|\b(?:curl|wget|postman|browsers|node-fetch|axios)(?: and [\w-]{1,20})? (?:both )?work(?:s|ed)?\b|\bnewConnection\(\)[^.]{0,40}\bworks\b|\b[\w.-]{2,30} with --[\w-]{2,30} (?:connects|works)\b|\b(?:connecting |calls? |requests? )?(?:via|from|with|using|in) (?:the )?(?:JavaScript|browsers?|Python|Java|Go|node(?:\.js)?|curl|Postman|openssl|another (?:client|language))\b (?:is|are) (?:unaffected|fine|not affected|still working)\b|\b(?:openssl(?: s_client)?|curl|wget|browsers?)\b(?:[^.]|\.(?=\S)){0,100}\bhandshake (?:resolves|succeeds|completes|works)\b/i,
  ),
  h(
    'brief-failures',
    /\b(?:fail|fails|failed|lost|dropped|errors?|refused|unavailable|down)\b[^.]{0,40}\bfor (?:a )?(?:short (?:time|while|period)|few seconds|(?:a )?(?:couple of|several) seconds|(?:\d{1,2}|one|two|three|five|ten) ?(?:-\d{1,2} ?)?(?:s|sec|seconds))\b|\bbrief (?:window|outage|blip|period) of (?:errors|failures)\b/i,
  ),
  h(
    'blocking-work',
    /\b(?:heavy|cpu[- ]bound|cpu[- ]intensive|cpu[- ]heavy|long[- ]running cpu[- ]bound) (?:[\w-]{1,20} ){0,2}(?:tasks?|jobs?|work|computations?|processing)\b|\bheavy (?:data[- ])?(?:exports?|imports?)\b|\b(?:several |few |many )?minutes of (?:processing|work|computation)\b|\blong (?:processing|computation|blocking (?:call|work|task))\b|\bblock(?:s|ed|ing)? (?:the )?(?:i\/o|io|event|ioloop|connection'?s?) ?loop\b|\bprocessing (?:between|takes longer than)\b|\blong-running (?:task|callback|handler|work)\b|\b(?:non-async|synchronous|cpu-bound|cpu-heavy|blocking) (?:computation|work|step|processing|code|call)\b|\bblocks? the event loop\b|\bevent loop (?:is |was )?blocked\b|\bthread ?pool starvation\b|\bstarv(?:es|ed|ing) the thread ?pool\b|\bsync[- ]over[- ]async\b|\blong_running_\w{1,30}\(|\btasks? (?:run|runs|ran|take|takes|took|last|lasts) (?:for )?(?:over|more than|longer than) (?:\d{1,3}|a few|several) minutes\b|\bthread count (?:of the (?:process|app|application|service) )?(?:suddenly )?(?:jumps|jumped|spikes|spiked|climbs|climbed|grows|grew|explodes|exploded)\b|\btakes? (?:very |too |a )?long(?: time)? to (?:do|run|finish|process|complete) (?:a |the |its |each )?(?:job|task|work|computation|message)\b/i,
  ),
  // Only the requests a client may not retry fail: idempotent ones are retried on a fresh connection when a
  // reused one turns out closed, so the keep-alive race shows on POSTs alone
  h(
    'only-non-idempotent',
    /\b(?:only|just) (?:the |our )?(?:POST|PUT|PATCH)(?:s| requests?)?\b[^.]{0,40}\b(?:fail|error|break|reset)|\b(?:chang|switch)(?:e|es|ed|ing) (?:the request |it |them )?to (?:a )?GET\b[^.]{0,40}\b(?:don't|do not|doesn't|does not|no longer|never|stops?)\b|\bGETs? (?:requests )?(?:work|are fine|succeed|never fail)\b|\b(?:stream |document |db )?writes?(?: \([^)]{0,60}\))? fail(?:s|ed)? while (?:the )?reads? (?:don't|do not|work|succeed|are fine)\b|\bPOSTs? fail(?:s|ed)? while GETs? (?:don't|do not|work|succeed|are fine)\b/i,
  ),
  // A server that restarts its workers after so many requests (gunicorn max_requests, php-fpm
  // pm.max_requests, Apache MaxConnectionsPerChild): each exit closes the keep-alive connections it held
  // the process was stopped while requests were still being served: they are cut, not finished
  h(
    'in-flight',
    /\bin[- ]flight (?:requests?|responses?|transfers?|connections?|calls?|uploads?|downloads?)\b|\b(?:requests?|responses?|calls?|transfers?) (?:still )?in[- ]flight\b|\b(?:requests?|connections?) (?:that were |which were )?still being (?:served|processed|handled)\b/i,
  ),
  // one side still holds a connection the other has given up on: something between them forgot it
  h(
    'server-still-sees-connection',
    /\b(?:server|database|db|broker|backend)\b[^.]{0,40}\b(?:still )?(?:shows?|lists?|sees?|reports?) (?:the |my |our )?(?:session|connection|query|client)s? (?:as )?(?:still )?(?:active|open|alive|established|running)\b/i,
  ),
  // small exchanges work and bigger ones hang: the signature of a path MTU black hole
  h(
    'small-works-large-hangs',
    /\b(?:dns(?: requests?| lookups?| queries)?|pings?|ssh|small (?:requests?|files?|pages?|responses?))\b[^.]{0,30}\bwork(?:s|ed)?\b[^.]{0,80}\b(?:sites?|websites?|pages?|https|large|big|downloads?|transfers?)\b[^.]{0,40}\b(?:time(?:s|d)? out|hang(?:s|ing)?|stall(?:s|ed)?)\b|\bgets? the headers and (?:part|some) of\b/i,
  ),
  // failures after about as many connections as one host's ephemeral port range holds: 16,384 on macOS
  // and Windows (49152-65535), 28,232 on Linux (32768-60999)
  h(
    'ephemeral-range-count',
    /\b(?:past|after|around|about|at|exactly|roughly|once|~) ?(?:roughly |about |around |~)?(?:1[6-9],?\d{3}|16k|2[78],?\d{3}|28k) (?:(?:concurrent |open |outbound |upstream |new )?(?:requests|connections|sockets|calls|iterations)|(?:were |are )?in use)\b(?! (?:per|a|each) (?:second|sec|minute|min)\b|\/s)/i,
  ),
  // work done item by item, each item opening its own connection (mail in a loop, a request per row)
  h(
    'per-item-loop',
    /\blooping (?:over|through) (?:an? |the )?(?:array|list|batch|set)\b|\bloops? (?:over|through) (?:an? |the )?(?:array|list) of\b|\b(?:calling|call|calls|sending|send|opening) [^.]{0,40}\bfor each (?:one|item|address|email|record|row|message|entry|recipient)\b|\bsending (?:many|lots of|thousands of|hundreds of) (?:e-?mails|messages|requests)\b/i,
  ),
  // the client's own thread sleeps or blocks between uses of a connection whose heartbeats only that thread answers
  h(
    'io-thread-sleeps',
    /\b(?:time\.)?sleep\( ?[\w.]{1,16} ?\)|\bBlockingConnection\b|\bcall(?:s|ing)? (?:time\.)?sleep\b/i,
  ),
  // a Content-Length the caller worked out itself, or a body with characters that take more than one byte
  h(
    'content-length-by-hand',
    /\bcontent-?length\b[^.]{0,60}\b(?:(?:i|we) (?:set|computed?|calculated?) (?:it )?(?:myself|ourselves|manually|by hand)|from (?:the )?(?:request |body |json )?string\b|\.length\b|(?:number|count) of characters\b)|\b(?:set(?:s|ting)?|computes?|computed|calculates?|calculated) (?:the )?content-?length (?:header )?(?:myself|ourselves|manually|by hand)\b/i,
  ),
  h(
    'non-ascii-body',
    /\b(?:contains?|containing|with|has|had) (?:a |some |any )?(?:utf-?8|non-?ascii|unicode|multi-?byte|special|accented|non-latin) (?:utf-?8 )?(?:characters?|chars?|content|text|letters?)\b|\bnon-?ascii\b[^.]{0,40}\b(?:content|body|characters?|text)\b/i,
  ),
  // a proxy or client keeps sending to addresses that went away when their pods or servers were replaced
  h(
    'stale-endpoint',
    /\b(?:keeps?|kept|still) (?:trying to |tries to )?(?:connect(?:ing|s)?|send(?:ing|s)?|rout(?:ing|es)|go(?:ing|es)|point(?:ing|s)?|dial(?:ing|s)?) (?:traffic |requests )?to the (?:old|previous|stale|former) (?:pod |container |node |instance )?(?:ips?|address(?:es)?|endpoints?|instances?|pods?|backends?)\b|\bnever (?:manage|managed|manages) to reconnect\b|\bstale endpoints?\b/i,
  ),
  // replicas removed by an autoscaler rather than by a deploy
  h(
    'autoscaling',
    /\bautoscal(?:e|es|ed|ing|er)\b|\bhpa\b|\bhorizontal pod autoscaler\b|\bscal(?:e|es|ed|ing)[ -](?:in|down)\b/i,
  ),
  // the process is killed (not crashing on its own), what a memory limit does
  h(
    'killed-repeatedly',
    /\b(?:containers?|pods?|tasks?|processes|workers?|instances?) (?:kept |keep |keeps |were |are |kept on )?(?:getting |being )?killed\b/i,
  ),
  // tcp_tw_recycle drops SYNs whose timestamps go backwards: every host behind one NAT address but the last is refused
  h('tw-recycle', /\btcp_tw_recycle\b|\btw_recycle\b/i),
  // an application keep-alive longer than some value breaks the connection, a shorter one keeps it: something on the path forgets idle flows sooner
  h(
    'keepalive-above-threshold',
    /\bkeep-?alive\b[^.]{0,60}\b(?:is |of |set to )?(?:over|above|longer than|more than|greater than|higher than|>) ?\d{2,5}\b[^.]{0,40}\b(?:disconnect|drop|fail|break|close|time)/i,
  ),
  // a restart someone makes (or a supervisor runs on a schedule), as opposed to one after a crash
  h(
    'planned-restart',
    /\b(?:whenever|when|each time|every time|after|while) (?:it|we|i|they|(?:the|our|one) [\w-]{1,30}(?: [\w-]{1,30})?) (?:is |are |gets? |was |were )?(?:being )?restart(?:ed|s|ing)?\b(?! (?:after|because|by) (?:a |the )?(?:crash|oom|panic))|\b(?:whenever|when|each time|every time|after) (?:we|i) (?:restart|reboot|stop|redeploy)\b/i,
  ),
  // the same method fails only when it carries a body: whatever reads or forwards the body is at fault
  h(
    'body-only-fails',
    /\b(?:POST|PUT|PATCH)(?:s| requests?)? without (?:a |any )?body (?:is|are|works?|succeeds?|goes through) ?(?:fine|ok|well)?\b|\bonly (?:requests|POSTs|PUTs|calls) with (?:a |any )?(?:request )?body\b[^.]{0,40}\b(?:fail|hang|break|reset)/i,
  ),
  // a transfer that stalls at the same small size every time: the first full-size segments never arrive
  h(
    'stalls-at-size',
    /\b(?:gets? |got |is |was )?(?:stuck|stalls?|stalled|stalling|hangs?|hung|freezes?|froze|stops?|stopped) (?:at|after) (?:about |around |exactly |roughly |~)?\d{1,6} ?(?:kb|kib|k|bytes|b)\b(?! ?\/ ?s)/i,
  ),
  // turning the HTTP/2 client off (or its multiplexing) makes the failures go away: the HTTP/2 code is at fault
  h(
    'http2-off-fixes',
    /\bGODEBUG=[\w=,]{0,40}http2client=0\b|(?:\b|_)MULTIPLEXING=false\b|\b(?:disabling|disable|disabled|turning off|turned off|turn off) (?:the )?(?:HTTP\/?2|h2|multiplexing)(?: client| support)?\b(?:[^.]|\.\d){0,60}\b(?:fix(?:es|ed)?|works?|worked|avoids?|avoided|succeed(?:s|ed)?|disappear(?:s|ed)?|goes away|went away|helps?|helped|solves?|solved)\b|\bwith (?:HTTP\/?2|multiplexing) (?:off|disabled)\b[^.]{0,40}\b(?:works?|succeed(?:s|ed)?)\b/i,
  ),
  // the encrypted form fails where the plain one works (wss:// against ws://, https against http): the TLS
  // handshake is what breaks, so versions, ciphers or SNI, not the network
  h(
    'secure-fails-plain-works',
    /\b(?:non-?secure|unencrypted|plain(?:text)?|insecure) (?:ws:\/\/ |http:\/\/ )?(?:url|endpoint|version|connection|websocket|one)s? (?:still )?works?\b|\b(?:ws|http):\/\/ (?:url |endpoint |version |connection )?(?:still )?works?\b|\bworks (?:fine |ok )?(?:over|with|on) (?:plain )?(?:ws|http):\/\/|\bworks (?:fine |ok )?(?:over|with|on) (?:plain )?http\b(?!s|\/)[^.]{0,40}\bbut (?:not )?(?:over |with |on )?https\b/i,
  ),
  // the server limits how many HTTP/2 streams a connection may carry at once: streams past it are refused
  h(
    'stream-limit',
    /\bmax[_ ]?concurrent[_ ]?streams\b|\b(?:number|count|limit) of (?:concurrent|simultaneous|parallel) (?:http\/?2 |h2 |grpc )?streams\b|\bconcurrent[- ]streams? (?:limit|cap|setting)\b|\bstreams? (?:limit|cap) (?:per|on (?:a|the|one)) connection\b/i,
  ),
  // failures on one connection once it has carried a number of requests: a cap on requests per connection
  // (nginx keepalive_requests / http2_max_requests, Envoy max_requests_per_connection) closing it
  h(
    'requests-per-connection',
    /\b(?:on|over|through|reusing|reuses|reused) (?:a|the|one) (?:single |same )?(?:http\/?2 |h2 |keep-?alive |tcp |persistent )?connection\b[^.]{0,60}\bafter (?:many|a (?:large |certain )?number of|several (?:hundred|thousand)|(?:about |around |roughly |exactly |~)?\d{1,6}|the (?:\d{1,6}(?:th|st|nd|rd)|second|third|fourth|fifth|hundredth|thousandth)) (?:successful |consecutive )?(?:requests?|calls?|streams?)\b|\bafter (?:many|a (?:large |certain )?number of|(?:about |around |roughly |exactly |~)?\d{1,6}) (?:successful |consecutive )?(?:requests|calls|streams) (?:on|over|through) (?:a|the|one) (?:single |same )?(?:http\/?2 |h2 |keep-?alive |tcp |persistent )?connection\b/i,
  ),
  // only the server's log shows the resets (and the calls themselves succeed): the clients are what closes with
  // a RST, on purpose (SO_LINGER 0, probes, pools evicting) or not
  h(
    'server-logs-resets',
    /\b(?:server|backend|service|daemon|broker|database)(?:'s)?(?: error)? logs? (?:fills? up with|is (?:flooded|full|filled) with|keeps? (?:showing|logging|printing)|(?:is )?spammed with)\b[^.]{0,60}\b(?:reset|broken pipe|econnreset|forcibly closed)|\b(?:server|backend) (?:keeps? )?logs? (?:lots of |many |a lot of |frequent |constant )?['"]?(?:connection reset|broken pipe|econnreset)|\blogs? (?:this|these|the) (?:connection[- ]reset|broken pipe|reset) (?:errors?|exceptions?|warnings?) (?:at (?:a )?high (?:frequency|rate)|constantly|repeatedly|all the time|every few)/i,
  ),
  // fine after a start or restart, failing once the process has run for hours: something it holds
  // accumulates (descriptors, memory, connections) until a limit is reached
  h(
    'uptime-dependent',
    /\b(?:starts?|started|begins?|began|runs?|ran|works?|worked) (?:off |out )?fine\b[^.]{0,40}\bafter (?:roughly |about |around |some |~)?(?:\d{1,3}|a few|several|one|two|three|four|five|six|seven|eight|nine|ten|twelve) (?:hours|days)\b|\bafter (?:roughly |about |around |~)?(?:\d{1,3}|a few|several|some) (?:hours|days) of (?:uptime|running|operation)\b|\b(?:a|the) (?:restart|reboot) (?:fixes|cures|clears|helps) it (?:for|until)\b|\b(?:a|the) (?:restart|reboot) (?:restores?|restored|fixe[sd]|cleared|brings? back|brought back) (?:it|them|those|the (?:affected |failing )?(?:instances?|service|process|nodes?|pods?))\b(?! (?:permanently|for good))/i,
  ),
  // the connection runs over IPv6 (or works over IPv4 only): the IPv6 path's own MTU and middleboxes
  h(
    'ipv6-path',
    /\b(?:over|via|using|through) (?:native )?IPv6\b|\bnative IPv6\b|\bIPv6 (?:path|route|routing|connectivity|only)\b|\b(?:forcing|forced|force|pinning|using only|switching to) IPv4\b[^.]{0,40}\b(?:works?|worked|fix(?:es|ed)?|helps?|helped|succeeds?|avoids?)\b|\b(?:disabling|disabled|turning off|turned off) IPv6\b[^.]{0,40}\b(?:works?|worked|fix(?:es|ed)?|helps?|helped|avoids?)\b/i,
  ),
  // turning keep-alive off (Connection: close, disableKeepAlive) makes the failures go away: they came from
  // reusing connections, so the two ends' idle timeouts are the first suspect
  h(
    'keepalive-off-fixes',
    new RegExp(
      String.raw`\b(?:adding|sending|setting|forcing|with|use|using) (?:a |the )?["'\x60]?Connection: ?close["'\x60]?(?: request)?(?: header)?\b${TOLD_AS_A_FIX}|\b(?:disabling|disabled|turning off|turned off|disable|turn off|switching off) (?:http |connection )?keep-?alive\b${TOLD_AS_A_FIX}|\bdisableKeepAlive ?= ?true\b[^.]{0,60}\b(?:fix|go away|disappear|stop)`,
      'i',
    ),
  ),
  // a WebSocket closed without a close frame (1006): the TCP connection under it was cut, not closed by either end's code
  h(
    'ws-abnormal-close',
    /\b(?:code |status )?1006\b(?! ?(?:ms|bytes|ports?)\b)|\babnormal closure\b|\bno close frame\b/i,
  ),
  // the reporter says the local ports ran out (or a connect fails with ENOBUFS, Windows' word for it)
  h(
    'ports-used-up',
    /\b(?:consumed|consumes|consuming|used up|uses up|exhausted|exhausts|exhausting|ran out of|runs? out of|running out of) (?:all )?(?:of )?(?:the )?(?:available )?(?:ephemeral|local|source|outbound|SNAT|client) ports\b|\b(?:ephemeral|local|source|SNAT) ports? (?:are |were |got |get )?(?:exhausted|used up|all used|all in use)\b|\bconnect\b[^.]{0,40}\bENOBUFS\b/i,
  ),
  // HTTP/2 in cleartext (h2c): an Upgrade: h2c request, prior knowledge, or a server set to HTTP/2 only without TLS
  h('h2c', /\bUpgrade: h2c\b|\bh2c\b|\bhttp2-prior-knowledge\b|\bHttpProtocols\.Http2\b(?!AndHttp)/i),
  h(
    'worker-recycling',
    /\b(?:workers?|processes|children|child processes) (?:are |is |get |gets |being )?(?:periodically |regularly )?(?:recycled|recycling|restarted after (?:every |each )?\d)|\bmax[-_ ]requests(?:[-_ ]jitter)?\b(?! overflow)|\bpm\.max_requests\b|\bMax(?:Requests|Connections)PerChild\b|\b(?:application|app) ?pools? (?:recycl(?:e|es|ed|ing)|restarts?)\b|\brecycl(?:e|es|ed|ing) (?:of )?the (?:application |app )?pool\b|\b[\w-]{0,20}worker[-_ ]killer\b|\bUSR2 (?:restart|reload)s?\b/i,
  ),
  // A data store's own connection limit used up by its callers ("floods the database with connections")
  h(
    'server-connections-exhausted',
    /\bflood(?:s|ed|ing)? (?:the |our |a )?(?:[\w-]{1,20} ){0,3}with (?:new )?connections\b|\b(?:host|server|database|db|instance)(?:'s)? connections (?:are |were |get |got )?(?:exhausted|used up|all used)\b|\bmax(?:imum)?[_ ]connections (?:is |was |were |are )?(?:reached|exceeded|hit|exhausted)\b|\bruns? out of (?:database |db |server )connections\b|\b(?:far |many )?more (?:[\w-]{1,12} )?connections than (?:its|the|our|their|a) (?:configured )?pool(?: size)?\b|\bopen(?:s|ed|ing)? (?:far |way )too many connections\b/i,
  ),
  h(
    'heartbeats',
    /\bheart-?beats?\b(?! (?:is |are )?(?:fine|ok|working))|\bheartbeat[_ -](?:interval|timeout)\b|\bmissed heartbeats?\b|\bkeep-?alive pings?\b/i,
  ),
  h(
    'conntrack-invalid',
    /\b(?:host|node|kernel) (?:itself )?(?:is )?(?:send(?:s|ing)?|sent|answers? with|replies with|generates?|generating) (?:an? |the )?(?:tcp )?rst\b|\bno socket for\b|\brst (?:for|on) a (?:session|connection|flow) (?:it|that) (?:has|had) no socket|\bctstate invalid\b|\bconntrack (?:marks?|marked|considers?) [^.]{0,30}\binvalid\b|\binvalid (?:state )?packets?\b|\binvalid state\b|\bout[- ]of[- ]window\b|\btcp_be_liberal\b|\bbe_liberal\b|\bno syn (?:packet )?(?:was |is )?(?:ever )?seen\b|\b(?:tracked|treated|marked|making|made) (?:it |this )?as (?:a )?new (?:connection|flow|entry)\b[^.]{0,80}\b(?:without|no) (?:a |any )?syn\b|\bnot created as part of (?:the )?(?:tcp )?(?:connection )?(?:establishment|handshake)\b/i,
  ),
  h(
    'connect-succeeds',
    /\btcp (?:connects?|connections?|handshakes?) (?:succeed|succeeds|work|works|are fine|is fine|complete|completes)\b|\b(?:tcp )?connection (?:opens|is established|gets established|is made)\b[^.]{0,20}\bbut\b|\bconnects? (?:fine|successfully|ok)\b[^.]{0,40}\b(?:then|but)\b|\bconnect\(\) (?:returns|succeeds|returned|succeeded)(?: OK)?\b[^.]{0,60}\b(?:then|but)\b|\b(?:ping|telnet|nc|netcat) (?:works|succeeds|is fine|connects)\b|\bcan (?:ping|reach|connect to) (?:it|the (?:pod|server|host|service))\b[^.]{0,40}\bbut\b/i,
  ),
  h(
    'max-connection-age',
    /\bmax[_ -]?connection[_ -]?(?:age(?:grace)?|duration)\b|\bconnection max age\b|\bmax[_ -]?requests[_ -]?per[_ -]?connection\b|\bkeepalive_requests\b|\bmax(?:imum)? connection (?:lifetime|age)\b|\bdebug data: \\?["']max_age\b/i,
  ),
  h(
    'proxy-sends-rst',
    /\b(?:tcp )?(?:rsts?|resets?)\b[^.]{0,20}\bfrom (?:the |our )?(?:nginx|haproxy|envoy|traefik|proxy|proxies)\b|\breset by (?:the |our )?(?:nginx|haproxy|envoy|traefik|proxy|proxies)\b/i,
  ),
  h(
    'connect-timeouts',
    /\bconnect(?:ion)? (?:attempts? )?(?:timeouts?|timed out|time out)\b[^.]{0,40}\b(?:on |to |for )?(?:new |outbound |outgoing )connections?\b|\b(?:new |outbound |outgoing )connections? (?:time out|timed out|fail to (?:connect|open)|cannot be (?:opened|established))\b|\b(?:unable|not able|fails?|failing|failed) to (?:open|establish|create) (?:any )?(?:new |more )?(?:tcp )?connections\b|\bconnect(?:ion)? time(?:d[- ]out|outs?|[- ]outs?)\b(?! (?:setting|option|value|parameter|config))|\btime(?:s|d)? ?out (?:while |when )?connecting\b|\btimeout while (?:establishing|opening) (?:a |the )?connection\b|\bfail(?:s|ed|ing)? to connect\b|\bcannot connect\b|\bcan't connect\b|\bconnection attempts? (?:fail|time)/i,
  ),
  h(
    'reset-by-peer',
    /\breset by peer\b|\bECONNRESET\b|\bconnection resets?\b|\b(?:TCP )?RST (?:is |was )?received\b|\b(?:receiv(?:e|es|ed|ing)|got|gets?|getting|answers? with|answered with|responds? with|responded with|replies with|replied with|sends? back) (?:a |an )?(?:TCP )?RST\b|\bconnections? (?:start |started |starts )?(?:get|gets|getting|got|are|were|being) reset\b|\bconnection-reset\b/i,
  ),
  h(
    'conn-dropped',
    /\b(?:connections?|sockets?|websockets?|channels?|sessions?) (?:(?:to|through|via) [\w.-]{1,40} )?(?:(?:was|were|is|are|get|gets|got|getting|being|keeps? getting|kept getting) )?(?:dropped|severed|torn down|closed unexpectedly|closed abruptly|abruptly closed|forcibly closed|break|broke|broken)\b|\b(?:sessions?|connections?|tunnels?)\b[^.]{0,50}\b(?:are|get|gets|were|is) closed after (?:about |around |roughly |~)?\d|\b(?:sessions?|connections?|tunnels?|streams?)\b(?:[^.]|\.\w){0,70}\b(?:are|get|gets|were) closed (?:during|in) (?:lulls?|quiet|idle|low)\b|\b(?:loses|lost|losing|drops|dropped|dropping) (?:a (?:handful|few|couple)|some|several|\d{1,6}) (?:of )?(?:the )?(?:requests|connections|calls)\b|\b(?:connections?|sessions?|tunnels?|port-?forwards?)\b[^.]{0,60}\b(?:they|it) (?:are|were|is|was|get|gets|got) (?:closed|dropped|killed|terminated)\b|\b(?:broke|breaks|breaking|killed|kills|killing|dropped|drops|dropping|aborted|aborts|cut|cuts|cutting) (?:all |every |the |its )?in-flight (?:requests?|responses?|streams?|connections?|calls?|transfers?|tunnels?)\b|\bdrop(?:s|ped|ping) (?:all |the |our |its |every )?(?:client |tcp |open |existing |active )connections\b|\b(?:connections?|sockets?|channels?|sessions?) (?:that )?(?:(?:has|have|had) )?(?:silently |quietly )(?:died|dies|dying|dropped|gone dead|went dead)\b|\b(?:connections?|sockets?|channels?|sessions?) (?:(?:are|were|keep|kept) )?(?:silently |quietly )?dying\b|\bbroken (?:[\w-]{2,20} )?connections?\b|\b(?:got|get|gets|getting|keeps? getting|kept getting) disconnected\b|\btransport error\b|['"\u2018\u201c]connection closed['"\u2019\u201d] (?:errors?|exceptions?)\b|\b(?:connector |socket |network )?communication (?:errors?|failures?)\b|\b(?:takes|took|taking) down (?:every|all(?: the)?|each) (?:connected |open )?(?:clients?|connections?|sessions?|sockets?)\b|\b(?:lost|loses|losing) (?:its|their|our|all|all its|all their|every)(?: [\w-]{2,20}){0,2} connections\b|\bdisconnect(?:s|ed|ions)? (?:every|after|randomly|periodically|roughly|about)\b|\b(?:close|closing) code 1006\b|\bcode 1006\b|\b(?:websockets?|connections?|sockets?|streams?) (?:keeps? |kept )?break(?:s|ing)?\b|\bkeeps? breaking\b|\bmass (?:websocket )?disconnect|\bpeer disconnected\b|\bcan no longer (?:download|fetch|reach)\b|\b(?:connections? |it )?(?:gets?|got|is|was) closed (?:automatically|by itself|on its own)\b|\bdropped by itself\b|\bunexpected EOF\b|\bsocket hang[- ]?ups?\b|\bEOF (?:errors?|exceptions?)\b|\b(?:an?|with|returns?|returned|gets?|got|receives?|received|commonly|mostly|often) EOF\b|\b(?:socket|connection|client|websocket) (?:is|gets|was|got) disconnected\b|\b(?:connections? |it )?(?:gets?|got|is|was|were|are) closed (?:right away|immediately|at once|instantly)\b|\b(?:in-flight |long-lived |persistent |critical |existing |open )?(?:connections?|requests?|streams?|transfers?|uploads?|downloads?) (?:(?:are|were|get|gets|got|being|is|was) )?(?:unexpectedly |abruptly |suddenly |silently )?cut(?: off)?\b(?! (?:down|short|over|through|in)\b)|\bdropped (?:tcp )?connections\b|\b(?:upstream|tcp|backend|intermittent|random) connection (?:failures|errors|closures)\b|\bconnection errors with\b|\b(?:amqp |broker |rabbitmq |mq |channel )connection (?:gets|got|was|is) closed\b|\bfailing requests against\b|\b(?:upstream|tcp|backend) connections (?:failed|fail|were closed)\b|\b(?:server|broker|proxy|peer|gateway) (?:disconnects|disconnected) (?:our |the |my |a )?(?:[\w-]{1,20} )?(?:connection|client|session)s?\b|\b(?:server|broker|proxy|peer|gateway) (?:disconnects|disconnected|drops|dropped|kicks|kicked) us\b|\bdrops? (?:the |all |open |in-flight |active |existing |live )?connections\b/i,
  ),
  // A request that hangs about 15 minutes before failing: Linux gives up retransmitting on an established
  // connection after ~15.4 min (tcp_retries2 = 15), which is what a flow silently dropped on the path looks like.
  h(
    'retransmission-timeout',
    /\b(?:hang|hangs|hanging|hung|stuck|blocks?|blocked|blocking|waits?|waited)\b[^.]{0,120}\b(?:15|16) ?min(?:ute)?s?\b|\b(?:15|16) ?min(?:ute)?s?\b[^.]{0,40}\b(?:hang|hung|stuck|block|times? ?out|timed out)/i,
  ),
  h(
    'proxy-to-backend',
    /(?<!-|:\d{1,5})->|\bbehind\b|\bin front of\b|\bthrough (?:a |an |the )?\w{0,20} ?(?:proxy|gateway|load ?balancer|lb|sidecar)|\bproxies to\b|\bforwards? to\b/i,
  ),
  h(
    'upgrade-did-not-help',
    /\b(?:upgrad|updat|bump)\w{0,4}\b(?:[^.]|\.\d){0,80}\bbut (?:i'm |i am |we're |we are |it's |it is |i'm |we )?still (?:getting|seeing|hitting|having|get|see|hit)\b|\b(?:upgrad|updat|bump)\w{0,4}\b(?:[^.]|\.\d){0,60}\b(?:did(?:n't| not) (?:help|fix|solve|change)|does(?:n't| not) (?:help|fix|solve)|made no difference|no (?:change|difference)|same (?:issue|problem|error))/i,
  ),
  h(
    'direct-path-works',
    /\b(?:from|on) the host (?:itself )?(?:works|succeeds|is fine)\b|\bsame [\w ]{1,30} from the host (?:works|succeeds|is fine)\b|\b(?:directly|direct(?:ly)? to the pod|pod ips?|internal ips?|host network(?:ing)?|--net(?:work)?=host|node ?port)\b[^.]{0,60}\b(?:works?|fine|succeeds?|does not (?:show|happen|fail)|doesn't (?:show|happen|fail)|no (?:problem|issue|error)s?)\b|\b(?:through|via) (?:the )?(?:service ip|clusterip|service|nat|bridge|overlay|vip)\b[^.]{0,40}\b(?:do(?:es)? not work|doesn't work|fails?|breaks?|times? out)\b/i,
  ),
  h(
    'scale-dependent',
    /\bsmall (?:jobs?|clusters?|deployments?|runs?|batches|setups?|tests?) (?:work|are fine|succeed|run fine)|\bonly (?:with|when|for|at) (?:many|a (?:large|high) number of|large|high|more than \d)|\b(?:large|big) (?:jobs?|clusters?|batches|runs?) (?:fail|break|hit)/i,
  ),
];

/** Every `words.components` id, in the order they are tested (the documented vocabulary). */
export const COMPONENT_IDS: readonly string[] = COMPONENTS.map((d) => d.id);
/** Every `words.hints` id (the documented vocabulary). */
export const HINT_IDS: readonly string[] = HINTS.map((d) => d.id);

/** Words near a duration that make it an idle time before failure rather than a setting. */
const IDLE_CONTEXT = new RegExp(
  String.raw`\bidle\b|\bsleeps?\b|\bsleeping\b|\bwithout (?:any )?(?:traffic|activity|requests|commands|messages|calls|queries|query|jobs|work|use)\b|${NOT_CALLED}|${LEFT_UNTOUCHED}|\bwith no (?:traffic|activity|requests|commands|messages|calls|queries|data)\b|\bno (?:activity|traffic|requests)\b|\binactiv|\bquiet\b|\bpause|\bwaits?\b|\bwaiting\b(?! (?:for|on) (?:the |a |an )?(?:response|reply|answer|headers?|data|results?|server)\b)|\bunused\b|\bhas had no\b|\btakes longer than\b|\bbetween (?:requests|calls|messages|uses)\b|\bin background\b`,
  'i',
);
/** "every 6 minutes": a period between uses, so an idle time. */
const EVERY_BEFORE = /\bevery\s{1,3}(?:~\s?|about |around |roughly )?$/i;
/** "on 5-second intervals", "10 seconds apart": the period between uses. */
const INTERVAL_AFTER = /^\s?(?:intervals?\b|apart\b)/i;
/** "one request every 5 seconds", "polls on 5-second intervals": a cadence of use, even next to keep-alive words. */
const USE_BEFORE =
  /\b(?:requests?|calls?|polls?|polling|polled|queries|query|messages?|posts?|flush(?:es)?|send(?:s|ing)?|fetch(?:es)?|checks?)\b(?:[^.\n]|\.(?=\w)){0,40}$/i;
/** "six minutes after the first request", "ten minutes later": the gap between two uses. */
const GAP_AFTER = /^\s{0,3}(?:after (?:the )?(?:first|previous|last|prior|earlier)\b|later\b)/i;
/** "a few times every 15 minutes": how often it fails, not how long a connection sat idle. */
const RATE_BEFORE =
  /\b(?:times?|errors?|failures?|occurrences?|resets?|exceptions?)\s{1,3}(?:or so\s{1,3})?every\s{1,3}(?:~\s?|about |around |roughly )?$/i;
/** "it happened again two days later": the time until the next occurrence, not an idle gap. */
const RECURRENCE_BEFORE =
  /\b(?:again|recurr\w*|return(?:s|ed)?|came back|comes back|reappear\w*)\s+(?:about |around |some |only )?$/i;
/** A wait before a process stops (a preStop sleep, a grace period): a shutdown delay, not an idle time. */
const SHUTDOWN_DELAY_CONTEXT =
  /\bpre-?stop\b|\bgrace(?:ful)?(?: shutdown)? ?period|\bterminationGracePeriod|\bbefore (?:shutting (?:it |the \w{1,12} )?down|exiting|stopping)\b/i;

/**
 * "restarting every 30 minutes", "retries every 5 seconds": how often something restarts, retries or
 * reconnects, not how long a connection sat idle.
 */
const RESTART_PERIOD_BEFORE =
  /\b(?:restart(?:s|ed|ing)?|crash(?:es|ed|ing)?|dies|died|reboot(?:s|ed|ing)?|recycl\w{0,4}|respawn\w{0,4}|OOM[- ]?kill\w{0,4}|retr(?:y|ies|ying|ied)|reconnect(?:s|ed|ing)?)\b[^.]{0,20}$/i;

const TIMEOUT_CONTEXT =
  /\btime-?outs?\b|\bpool\b[^.\n]{0,20}\bidle\b|\bkeeps? (?:idle )?connections? (?:idle|open|alive|around) for\b|\bkeep-?alive|\bkeepAliveTimeout\b|\bidleTimeout\b|\bexpir|\bcloses? (?:idle )?connections? after\b|\bttl\b/i;
const SERVER_SIDE =
  /\bserver|\bbackend|\bupstream|\bapp(?:lication)?\b|\bkeepAliveTimeout\b|\bgunicorn|\buvicorn|\bnode|\btomcat|\bjetty|\bjava application|\bservice\b/i;
/** A duration right after a setting's name: 'max_execution_time 1800 s', 'idleTimeoutMillis: 30000'. */
const SETTING_BEFORE = /\b[a-z][a-z0-9]*(?:[_.][a-z0-9]+)+ ?[=:]? ?$|\b[a-z]+[A-Z][A-Za-z0-9]* ?[=:]? ?$/;

/** A server side named as the destination of connections, not as the one whose timeout follows. */
const DESTINATION =
  /\b(?:connections?|requests?|traffic|calls?) to (?:the |our |its |their |a )?(?:[\w.-]{1,20} )?(?:servers?|backends?|upstreams?|apps?|applications?|services?|nodes?)\b/gi;
const CALLER_SIDE =
  /\bkeeps? (?:idle )?connections? (?:idle|open|alive|around) for\b|\bclient|\bpool|\bload ?balancer|\balb\b|\belb\b|\bnlb\b|\bproxy|\bproxies|\benvoy|\bnginx|\bingress|\bcaller|\bhttp\.Client|\bIdleConnTimeout|\bsession\b|\bgateway\b/i;

const VAGUE_IDLE: readonly { re: RegExp; seconds: number }[] = [
  {
    re: /\bseveral minutes\b|\ba few minutes\b|\bfew minutes\b|\bsome minutes\b|\bminutes of (?:no|in)activity/i,
    seconds: 300,
  },
  { re: /\ban hour\b|\bhours\b/i, seconds: 3600 },
  { re: /\bovernight\b|\bthe next morning\b/i, seconds: 28_800 },
];

export interface WordsFacts {
  readonly hints: readonly string[];
  readonly components: readonly string[];
  readonly idleS?: number;
  readonly timeoutsS: readonly number[];
  readonly serverTimeoutS?: number;
  readonly callerTimeoutS?: number;
  readonly durationsS: readonly number[];
  readonly maxSizeBytes?: number;
  readonly rps?: number;
  readonly percent?: number;
  readonly restarts?: number;
  readonly connections?: number;
  readonly httpStatuses: readonly number[];
  readonly nginxVersion?: string;
  readonly nodeVersion?: string;
  /** Major version of Node.js named ("Node 20", "node v18.19.0"). */
  readonly nodeMajor?: number;
}

function windowAround(text: string, index: number, before: number, after: number): string {
  return text.slice(Math.max(0, index - before), Math.min(text.length, index + after));
}

function sentenceAround(text: string, index: number): string {
  const start = Math.max(
    text.lastIndexOf('.', index - 1),
    text.lastIndexOf(';', index - 1),
    text.lastIndexOf('\n', index - 1),
  );
  const ends = ['.', ';', '\n'].map((c) => text.indexOf(c, index)).filter((i) => i !== -1);
  const end = ends.length > 0 ? Math.min(...ends) : text.length;
  return text.slice(start + 1, end);
}

const RESTARTS =
  /\brestart(?:ed|s)?\b[^.\n]{0,20}?\b(\d{1,7})\s?(?:times|restarts)?\b|\b(\d{1,7})\s?(?:times|restarts)\b/i;
/** a connection count stated as a ceiling or maximum: read before any count mentioned in passing */
const CONNECTION_CEILING =
  /\b(?:max(?:imum)?|most) (?:number of )?(?:clients|connections|sessions)\b[^.]{0,50}\b(?:is|was) (?:about |around |~)?(\d{2,9})\b|\bconnection count (?:stops|stalls|plateaus|tops out|caps)(?: growing| increasing)? at (?:about |~)?(\d{2,9})\b|\b(?:stops|stalls|hangs|halts|tops out|plateaus) (?:when|once|at|after) (?:the )?(?:connection )?(?:count|number|counter) (?:reaches |hits |gets to )?(?:about |around |~)?(\d{3,6})\b/i;
const CONNECTIONS =
  /\b(\d{1,3}(?:,\d{3})+|\d{2,9})\s?(?:concurrent |simultaneous |open |parallel |long[- ]lived )?(?:(?:router|client|tcp|websocket|mqtt|ssh|database|db|backend|upstream) )?(?:connections|clients|sessions|sockets|calls|one-way calls)\b/i;
const NGINX_VERSION = /\bnginx[/ ]v?(\d{1,2}\.\d{1,3}(?:\.\d{1,3})?)\b/i;
const NODE_VERSION = /\bnode(?:\.js|js)?[/ ]v?(\d{1,2}(?:\.\d{1,3}){0,2})\b/i;

export interface TimeoutSettings {
  readonly timeoutsS: readonly number[];
  readonly serverTimeoutS?: number;
  readonly callerTimeoutS?: number;
}

/**
 * Timeout settings stated in text ("keepAliveTimeout 5 s", "the pool keeps idle connections 60s"), each
 * attributed to the server or the caller by the words just before it. Used on the person's words and on
 * log lines that print their configuration.
 */
export function timeoutSettingsOf(text: string, durations = extractDurations(text)): TimeoutSettings {
  const timeoutsS: number[] = [];
  let serverTimeoutS: number | undefined;
  let callerTimeoutS: number | undefined;
  for (const d of durations) {
    if (!TIMEOUT_CONTEXT.test(windowAround(text, d.index, 60, 30))) continue;
    timeoutsS.push(d.seconds);
    // a server named as where connections go ("pool connections to the Node servers") does not hold them
    const before = windowAround(text, d.index, 80, 0).replace(DESTINATION, ' ');
    const server = SERVER_SIDE.test(before);
    const caller = CALLER_SIDE.test(before);
    if (server && !caller) serverTimeoutS ??= d.seconds;
    else if (caller && !server) callerTimeoutS ??= d.seconds;
    else if (caller && server) {
      // "the client kept idle connections 60s while the server's idleTimeout is 30s": nearest side wins
      const lastServer = Math.max(before.search(/server[^.]{0,40}$/i), -1);
      if (lastServer >= 0) serverTimeoutS ??= d.seconds;
      else callerTimeoutS ??= d.seconds;
    }
  }
  return {
    timeoutsS,
    ...(serverTimeoutS === undefined ? {} : { serverTimeoutS }),
    ...(callerTimeoutS === undefined ? {} : { callerTimeoutS }),
  };
}

/**
 * The hint and component tables behind one literal prefilter. Each pattern is split into its top-level
 * alternatives, every alternative is bounded by literals it cannot match without (required-literals.ts),
 * one pass over the text finds which of those occur, and only the alternatives with a literal in the text
 * run. On a typical paragraph that is a dozen small regexes of the 747 alternatives: running each of
 * the 147 patterns whole was most of the time a diagnosis spent on words (V8 tries every alternative of a
 * pattern at every position of the text), and so was running whole the dozen a pattern-level prefilter
 * let through. A pattern matches a text exactly when one of its alternatives does. Exported for the tests
 * that hold the prefilter to the patterns.
 */
export const WORD_PATTERNS: readonly HintDef[] = [...HINTS, ...COMPONENTS];

interface Alternative {
  /** Index of its pattern in WORD_PATTERNS. */
  readonly pattern: number;
  readonly re: RegExp;
}

const WORD_ALTERNATIVES: readonly Alternative[] = WORD_PATTERNS.flatMap((d, pattern) =>
  (topLevelAlternatives(d.re.source) ?? [d.re.source]).map((source) => ({
    pattern,
    re: new RegExp(source, d.re.flags),
  })),
);
const WORD_PREFILTER = createLiteralPrefilter(
  WORD_ALTERNATIVES.map((a) => requiredLiterals(a.re.source, a.re.flags)),
);
/** Reused by every call, as the prefilter's own array is. */
const PATTERN_MATCHED = new Uint8Array(WORD_PATTERNS.length);

/**
 * Which word patterns match the text, by index into WORD_PATTERNS (1: matches). The array is overwritten
 * by the next call: read it first.
 */
export function matchingWordPatterns(text: string): Uint8Array {
  const maybe = WORD_PREFILTER.candidates(text);
  PATTERN_MATCHED.fill(0);
  for (let i = 0; i < WORD_ALTERNATIVES.length; i++) {
    if (maybe[i] !== 1) continue;
    const alt = WORD_ALTERNATIVES[i] as Alternative;
    if (PATTERN_MATCHED[alt.pattern] === 0 && alt.re.test(text)) PATTERN_MATCHED[alt.pattern] = 1;
  }
  return PATTERN_MATCHED;
}

/**
 * Hints a person often states in the negative ("it does not look like a network problem", "no OOM kills",
 * "it doesn't happen under load"): these count only where one mention is not negated in its own clause.
 */
const NEGATABLE: ReadonlySet<string> = new Set([
  'packet-loss',
  'crash',
  'restarts',
  'memory-growth',
  'oom-words',
  'under-load',
  'deploy',
  'mtu',
  'conntrack-full',
  'evicted',
  'cpu',
  'leak',
]);
/** A negation in the clause before a mention (clauses end at sentence marks, commas and "but"). */
const NEGATED_BEFORE =
  /(?:\b(?:not|no|never|without|nor|neither|none)\b|n't\b|\bruled? out\b|\bexclude[ds]?\b|\bindistinguishable from\b|\bmistaken for\b|\brather than\b|\binstead of\b)[^.;:!?,\n]{0,40}$/i;
/** Words that end a clause: what follows says something else ("no crash, but the pods restart"). */
const CLAUSE_BREAK_WORDS = 'but|however|although|while';
const CLAUSE_BREAK = new RegExp(`\\b(?:${CLAUSE_BREAK_WORDS})\\b`, 'gi');
const globalOf = new WeakMap<RegExp, RegExp>();

/**
 * The pattern with the global flag, made once per pattern (compiling a regex costs more than running it),
 * ready to search from the start.
 */
function globalVersion(re: RegExp): RegExp {
  let g = globalOf.get(re);
  if (!g) {
    g = new RegExp(re.source, `${re.flags.replace('g', '')}g`);
    globalOf.set(re, g);
  }
  g.lastIndex = 0;
  return g;
}

function asserted(def: HintDef, text: string): boolean {
  if (!NEGATABLE.has(def.id)) return true;
  for (const m of text.matchAll(globalVersion(def.re))) {
    const before = text.slice(Math.max(0, m.index - 72), m.index);
    const clause = before.split(CLAUSE_BREAK).pop() ?? before;
    if (!NEGATED_BEFORE.test(clause)) return true;
  }
  return false;
}

/**
 * A resource said to be fine in the same clause ("CPU, memory and GC were normal"); the clause ends at
 * "but", "while" and the like (and "whereas", "except"), so "CPU throttling was high while memory was
 * fine" keeps the CPU.
 */
const RESOURCE_FINE = new RegExp(
  `^(?:(?!\\b(?:${CLAUSE_BREAK_WORDS}|whereas|except)\\b)[\\s\\S])*?\\b(?:was|were|is|are|looked|looks|look|stayed|stays|remained|remains|seemed|seems)\\s+(?:all\\s+|still\\s+|completely\\s+|perfectly\\s+)?(?:normal|fine|ok|okay|low|healthy|stable|unremarkable|negligible|minimal)\\b`,
  'i',
);

/**
 * Hints whose only mention is denied in its own sentence ("upgrading to 1.5.2 did not solve it": the upgrade
 * was a tried fix, not the change that started the failures).
 */
const NEGATED_IN_SENTENCE: Readonly<Record<string, RegExp>> = {
  upgrade:
    /\b(?:did not|didn't|does not|doesn't|won't|did nothing to) (?:solve|fix|help|change|resolve)\b|\bmade no difference\b|\bno (?:difference|effect)\b|\bwithout (?:any )?(?:success|effect|luck)\b|\bexpecting\b[^.]{0,80}\bbut (?:i'm |i am |we're |we are |we |i )?still (?:getting|seeing|hitting|having|get|see|hit)\b/i,
  cpu: RESOURCE_FINE,
  memory: RESOURCE_FINE,
};

function negated(d: HintDef, text: string): boolean {
  const neg = NEGATED_IN_SENTENCE[d.id];
  if (!neg) return false;
  const global = globalVersion(d.re);
  for (let m = global.exec(text); m !== null; m = global.exec(text)) {
    // the rest of the sentence (version numbers like 1.5.2 keep their dots)
    const rest = text.slice(m.index, m.index + 160);
    const end = rest.search(/[.;!?](?:\s|$)|\n/);
    if (!neg.test(end === -1 ? rest : rest.slice(0, end))) return false;
    if (m[0].length === 0) global.lastIndex++;
  }
  return true;
}

/** The seconds of the durations whose preceding `window` characters match `before` ("took", "p99"). */
function durationsAfter(
  text: string,
  durations: readonly Duration[],
  before: RegExp,
  window: number,
): number[] {
  return durations
    .filter((d) => before.test(text.slice(Math.max(0, d.index - window), d.index)))
    .map((d) => d.seconds);
}

/** Round values timeouts are set to, in seconds (proxies' request, read and idle timeouts, gateways' caps). */
const ROUND_TIMEOUTS_S = [15, 30, 60, 90, 100, 120, 180, 300, 600, 900, 1800, 3600] as const;
/** A duration measured, not set: "took 60001ms", "request_time=60.004", "failed after 30.01 s". */
const MEASURED_BEFORE =
  /\b(?:took|taking|lasted|elapsed|duration|request_time|response_time|upstream_response_time|time(?:_total)?|after|in)\s?[:=]?\s?~?$/i;
/** nginx's and Envoy's access-log timings, in seconds without a unit ("request_time=60.004"). */
const UNITLESS_TIMING =
  /\b(?:request_time|upstream_response_time|upstream_connect_time|response_time|rt|urt)\s?[=:]\s?"?(\d{1,5}\.\d{1,3})\b/gi;

function justPastRoundTimeout(s: number): boolean {
  return !Number.isInteger(s) && ROUND_TIMEOUTS_S.some((r) => s > r && s <= r * 1.02);
}

/**
 * A request that ended a hair after a round number of seconds ("took 60001ms", "after 30.02 s") was cut by
 * a timeout set to that number, not by the network: the measured time has a fraction the setting lacks.
 */
function cutAtRoundTimeout(text: string, durations: readonly Duration[]): boolean {
  if (durationsAfter(text, durations, MEASURED_BEFORE, 24).some(justPastRoundTimeout)) return true;
  return [...text.matchAll(UNITLESS_TIMING)].some((m) => justPastRoundTimeout(Number(m[1])));
}

/**
 * A connection attempt whose SYN was dropped is retried after the initial retransmission timeout: 1 s on
 * Linux since 3.x, 3 s before. Two latency figures a hair past that, when the work takes milliseconds,
 * waited for the retry (the words for it are the 'syn-retry-latency' pattern).
 */
/** A latency figure: a percentile, the maximum, the tail. */
const TAIL_BEFORE =
  /\b(?:p9\d(?:\.\d{1,2})?|max(?:imum)?|tail|slowest|latency|latencies|took|takes?)\b[^.\n]{0,30}$/i;

function justPastSynRetry(s: number): boolean {
  return (s > 1 && s <= 1.12) || (s > 3 && s <= 3.12);
}

function synRetryFigures(text: string, durations: readonly Duration[]): boolean {
  return durationsAfter(text, durations, TAIL_BEFORE, 40).filter(justPastSynRetry).length >= 2;
}

export function parseWords(input: string): WordsFacts {
  const text = input.length > MAX_WORDS_CHARS ? input.slice(0, MAX_WORDS_CHARS) : input;
  const matched = matchingWordPatterns(text);
  const hints = HINTS.filter((d, i) => matched[i] === 1 && asserted(d, text) && !negated(d, text)).map(
    (d) => d.id,
  );
  const components = COMPONENTS.filter((_, i) => matched[HINTS.length + i] === 1).map((d) => d.id);

  const durations = extractDurations(text);
  if (!hints.includes('fixed-duration') && cutAtRoundTimeout(text, durations)) hints.push('fixed-duration');
  if (!hints.includes('syn-retry-latency') && synRetryFigures(text, durations))
    hints.push('syn-retry-latency');
  const { timeoutsS: timeouts, serverTimeoutS, callerTimeoutS } = timeoutSettingsOf(text, durations);
  const idleCandidates: number[] = [];
  for (const d of durations) {
    const near = windowAround(text, d.index, 60, 30);
    const sentence = sentenceAround(text, d.index);
    const before = text.slice(Math.max(0, d.index - 60), d.index);
    const after = text.slice(d.index + d.text.length, d.index + d.text.length + 40);
    const every = EVERY_BEFORE.test(before.slice(-20));
    const rate = RATE_BEFORE.test(before.slice(-40));
    const periodic = every || INTERVAL_AFTER.test(after.slice(0, 12));
    if (periodic && USE_BEFORE.test(before) && !rate && d.seconds >= 1) {
      idleCandidates.push(d.seconds);
      continue;
    }
    if (TIMEOUT_CONTEXT.test(near) || SHUTDOWN_DELAY_CONTEXT.test(near)) continue;
    // the value of a named setting (max_execution_time 1800 s, readTimeout: 30s) is not a time anyone waited
    if (SETTING_BEFORE.test(before)) continue;
    if (RESTART_PERIOD_BEFORE.test(before.slice(-40))) continue;
    if (
      IDLE_CONTEXT.test(near) ||
      IDLE_CONTEXT.test(sentence) ||
      (every && !rate) ||
      (GAP_AFTER.test(after) && !RECURRENCE_BEFORE.test(before.slice(-30)))
    ) {
      if (d.seconds >= 1) idleCandidates.push(d.seconds);
    }
  }
  if (idleCandidates.length === 0 && hints.includes('after-idle')) {
    for (const v of VAGUE_IDLE) {
      if (v.re.test(text)) {
        idleCandidates.push(v.seconds);
        break;
      }
    }
  }
  const sizes = extractSizes(text);
  const rates = extractRates(text);
  const percents = extractPercents(text);
  const restartMatch = hints.includes('restarts') ? RESTARTS.exec(text) : null;
  const restarts = restartMatch ? Number(restartMatch[1] ?? restartMatch[2]) : undefined;
  const ceilingMatch = CONNECTION_CEILING.exec(text);
  const connMatch = CONNECTIONS.exec(text);
  const connections = ceilingMatch
    ? Number(ceilingMatch[1] ?? ceilingMatch[2] ?? ceilingMatch[3] ?? '')
    : connMatch
      ? Number((connMatch[1] ?? '').replace(/,/g, ''))
      : undefined;
  const nginxVersion = NGINX_VERSION.exec(text)?.[1];
  const nodeVersion = NODE_VERSION.exec(text)?.[1];
  const idleS = idleCandidates.length > 0 ? Math.max(...idleCandidates) : undefined;
  return {
    hints,
    components,
    ...(idleS === undefined ? {} : { idleS }),
    timeoutsS: timeouts,
    ...(serverTimeoutS === undefined ? {} : { serverTimeoutS }),
    ...(callerTimeoutS === undefined ? {} : { callerTimeoutS }),
    durationsS: durations.map((d) => d.seconds),
    ...(sizes.length > 0 ? { maxSizeBytes: Math.max(...sizes) } : {}),
    ...(rates.length > 0 ? { rps: Math.max(...rates) } : {}),
    ...(percents.length > 0 ? { percent: Math.max(...percents) } : {}),
    ...(restarts !== undefined && Number.isFinite(restarts) ? { restarts } : {}),
    ...(connections !== undefined && Number.isFinite(connections) ? { connections } : {}),
    httpStatuses: extractStatuses(text),
    ...(nginxVersion === undefined ? {} : { nginxVersion }),
    ...(nodeVersion === undefined ? {} : { nodeVersion, nodeMajor: Number(nodeVersion.split('.')[0]) }),
  };
}

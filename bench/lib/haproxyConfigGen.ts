/**
 * Generates a realistic, valid HAProxy configuration of about `targetLines` lines for the
 * benchmarks: global, defaults, peers, userlist, then pairs of frontends (binds, ACLs,
 * http-request rules, stick-table tracking, use_backend) and backends (balance, health
 * checks, stick tables, cookies, servers). Names are unique so `haproxy -c` accepts it.
 * The last frontend is fixed (see benchTail) so the benchmark knows its positions.
 *
 * `variant` (0 = the plain names) gives another text of exactly the same shape and size:
 * every proxy, server and ACL name carries the variant and the per-proxy numbers move, so
 * nearly every line differs from the other variants. The benchmark opens a different
 * variant each time, so no cache keyed by statement or line content can answer a "warm"
 * open: each one is a real full validation.
 */

function head(variant: number): string[] {
  return [
  `# generated benchmark config, variant ${variant}`,
  'global',
  '    log 127.0.0.1:514 local0',
  `    maxconn ${20000 + variant}`,
  '    nbthread 2',
  '    stats timeout 30s',
  '    tune.bufsize 16384',
  '    ssl-default-bind-ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256',
  '    ssl-default-bind-options ssl-min-ver TLSv1.2 no-tls-tickets',
  '',
  'defaults',
  '    mode http',
  '    log global',
  '    option httplog',
  '    option dontlognull',
  '    option http-server-close',
  '    option forwardfor except 127.0.0.0/8',
  '    option redispatch',
  '    retries 3',
  '    timeout http-request 10s',
  '    timeout queue 1m',
  '    timeout connect 5s',
  '    timeout client 1m',
  '    timeout server 1m',
  '    timeout http-keep-alive 10s',
  '    timeout check 10s',
  `    maxconn ${3000 + variant}`,
  '',
  'userlist admins',
  '    group ops',
  '    user alice insecure-password s3cret groups ops',
  '',
  ];
}

/** The name infix of a variant: '' for variant 0 (the names the benchmark requests use). */
const tag = (variant: number) => (variant === 0 ? '' : `v${variant}`);

function frontend(i: number, backends: number, variant: number): string[] {
  const v = tag(variant);
  const be = (k: number) => `be_${v}app${(i + k) % backends}`;
  return [
    `frontend fe_${v}site${i}`,
    `    bind 127.0.0.1:${10000 + i}`,
    `    bind 127.0.0.2:${10000 + i} name alt${v}${i}`,
    '    mode http',
    '    option httplog',
    `    capture request header Host len 64`,
    `    acl is_api${v}${i} path_beg /api /v${i % 3}/api`,
    `    acl is_static${v}${i} path_end .css .js .png .jpg`,
    `    acl host_site${v}${i} hdr(host) -i site${i}.example.org www.site${i}.example.org`,
    `    acl bad_ip${v}${i} src 192.0.2.0/24 198.51.100.${i % 250}`,
    `    acl too_fast${v}${i} sc0_http_req_rate gt ${50 + ((i + variant) % 100)}`,
    `    http-request track-sc0 src table ${be(0)}`,
    `    http-request deny deny_status 429 if too_fast${v}${i}`,
    `    http-request deny if bad_ip${v}${i} !{ path_beg /public }`,
    `    http-request set-header X-Forwarded-Proto https if { ssl_fc }`,
    `    http-request add-header X-Site site${v}${i}`,
    `    http-response set-header Cache-Control max-age=3600 if { status 200 }`,
    `    use_backend ${be(1)} if is_api${v}${i} host_site${v}${i}`,
    `    use_backend ${be(2)} if is_static${v}${i}`,
    `    default_backend ${be(0)}`,
    '',
  ];
}

function backend(i: number, variant: number): string[] {
  const v = tag(variant);
  const lines = [
    `backend be_${v}app${i}`,
    '    mode http',
    i % 2 ? '    balance leastconn' : '    balance roundrobin',
    '    option httpchk',
    `    http-check send meth GET uri /health${v}${i} ver HTTP/1.1 hdr Host app${v}${i}.internal`,
    '    http-check expect status 200',
    `    stick-table type ip size 100k expire ${30 + variant}s store http_req_rate(10s),conn_cur`,
    `    cookie SRV${v}${i} insert indirect nocache`,
    `    http-request set-header X-Backend app${v}${i}`,
    `    timeout server ${30 + variant}s`,
  ];
  for (let s = 0; s < 4; s++) {
    lines.push(`    server app${v}${i}_${s} 10.${i % 250}.${s}.${(i * 7) % 250 + 1}:${8080 + s} check inter 2s fall 3 rise 2 weight ${10 + s} cookie s${s} maxconn 100`);
  }
  lines.push('');
  return lines;
}

/** The fixed end of every generated config: the benchmark's request positions are in here. */
export const benchTail = (variant = 0): string[] => [
  `frontend fe_${tag(variant)}bench`,
  '    bind 127.0.0.1:9999',
  '    mode http',
  '    acl is_static path_beg /static',
  '    option httplog',
  '    http-request deny if { path_beg /admin } !is_static',
  `    use_backend be_${tag(variant)}app0 if is_static`,
  `    default_backend be_${tag(variant)}app1`,
  '',
];

/** Generates the config; returns its text and its number of lines (the same for every variant). */
export function generateHaproxyConfig(targetLines: number, variant = 0): { text: string; lines: number } {
  const tail = benchTail(variant);
  const start = head(variant);
  const perPair = frontend(0, 1, 0).length + backend(0, 0).length;
  const pairs = Math.max(2, Math.round((targetLines - start.length - tail.length) / perPair));
  const out = [...start];
  for (let i = 0; i < pairs; i++) out.push(...backend(i, variant));
  for (let i = 0; i < pairs; i++) out.push(...frontend(i, pairs, variant));
  out.push(...tail);
  return { text: out.join('\n'), lines: out.length };
}

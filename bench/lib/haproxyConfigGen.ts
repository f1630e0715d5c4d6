/**
 * Generates a realistic, valid HAProxy configuration of about `targetLines` lines for the
 * benchmarks: global, defaults, peers, userlist, then pairs of frontends (binds, ACLs,
 * http-request rules, stick-table tracking, use_backend) and backends (balance, health
 * checks, stick tables, cookies, servers). Names are unique so `haproxy -c` accepts it.
 * The last frontend is fixed (see BENCH_TAIL) so the benchmark knows its positions.
 */

const HEAD = [
  'global',
  '    log 127.0.0.1:514 local0',
  '    maxconn 20000',
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
  '    maxconn 3000',
  '',
  'userlist admins',
  '    group ops',
  '    user alice insecure-password s3cret groups ops',
  '',
];

function frontend(i: number, backends: number): string[] {
  const be = (k: number) => `be_app${(i + k) % backends}`;
  return [
    `frontend fe_site${i}`,
    `    bind 127.0.0.1:${10000 + i}`,
    `    bind 127.0.0.2:${10000 + i} name alt${i}`,
    '    mode http',
    '    option httplog',
    `    capture request header Host len 64`,
    `    acl is_api${i} path_beg /api /v${i % 3}/api`,
    `    acl is_static${i} path_end .css .js .png .jpg`,
    `    acl host_site${i} hdr(host) -i site${i}.example.org www.site${i}.example.org`,
    `    acl bad_ip${i} src 192.0.2.0/24 198.51.100.${i % 250}`,
    `    acl too_fast${i} sc0_http_req_rate gt ${50 + (i % 100)}`,
    `    http-request track-sc0 src table ${be(0)}`,
    `    http-request deny deny_status 429 if too_fast${i}`,
    `    http-request deny if bad_ip${i} !{ path_beg /public }`,
    `    http-request set-header X-Forwarded-Proto https if { ssl_fc }`,
    `    http-request add-header X-Site site${i}`,
    `    http-response set-header Cache-Control max-age=3600 if { status 200 }`,
    `    use_backend ${be(1)} if is_api${i} host_site${i}`,
    `    use_backend ${be(2)} if is_static${i}`,
    `    default_backend ${be(0)}`,
    '',
  ];
}

function backend(i: number): string[] {
  const lines = [
    `backend be_app${i}`,
    '    mode http',
    i % 2 ? '    balance leastconn' : '    balance roundrobin',
    '    option httpchk',
    `    http-check send meth GET uri /health${i} ver HTTP/1.1 hdr Host app${i}.internal`,
    '    http-check expect status 200',
    '    stick-table type ip size 100k expire 30s store http_req_rate(10s),conn_cur',
    `    cookie SRV${i} insert indirect nocache`,
    '    http-request set-header X-Backend ' + `app${i}`,
    '    timeout server 30s',
  ];
  for (let s = 0; s < 4; s++) {
    lines.push(`    server app${i}_${s} 10.${i % 250}.${s}.${(i * 7) % 250 + 1}:${8080 + s} check inter 2s fall 3 rise 2 weight ${10 + s} cookie s${s} maxconn 100`);
  }
  lines.push('');
  return lines;
}

/** The fixed end of every generated config: the benchmark's request positions are in here. */
export const BENCH_TAIL = [
  'frontend fe_bench',
  '    bind 127.0.0.1:9999',
  '    mode http',
  '    acl is_static path_beg /static',
  '    option httplog',
  '    http-request deny if { path_beg /admin } !is_static',
  '    use_backend be_app0 if is_static',
  '    default_backend be_app1',
  '',
];

/** Generates the config; returns its text and its number of lines. */
export function generateHaproxyConfig(targetLines: number): { text: string; lines: number } {
  const tailLen = BENCH_TAIL.length;
  const perPair = frontend(0, 1).length + backend(0).length;
  const pairs = Math.max(2, Math.round((targetLines - HEAD.length - tailLen) / perPair));
  const out = [...HEAD];
  for (let i = 0; i < pairs; i++) out.push(...backend(i));
  for (let i = 0; i < pairs; i++) out.push(...frontend(i, pairs));
  out.push(...BENCH_TAIL);
  return { text: out.join('\n'), lines: out.length };
}

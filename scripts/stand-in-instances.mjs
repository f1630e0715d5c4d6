// Stand-ins for the example's Zope instances, so "HAProxy: Start" in the try-it workspace shows
// both servers UP (green) without installing Plone: one tiny HTTP server per `instanceN = port`
// line of the profile's [ports] section, on 127.0.0.1 only, answering every request (HAProxy's
// `option httpchk GET /` included) with 200. Started and stopped by scripts/start.sh.
//   node scripts/stand-in-instances.mjs path/to/buildout.cfg
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

/** `instanceN = port` pairs of the [ports] section (plain numbers only, as in the example). */
export function instancePorts(profileText) {
  const ports = [];
  let inPorts = false;
  for (const line of profileText.split('\n')) {
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) { inPorts = header[1].trim() === 'ports'; continue; }
    const m = inPorts && /^(instance[\w-]*)\s*=\s*(\d+)\s*$/.exec(line);
    if (m) ports.push({ name: m[1], port: Number(m[2]) });
  }
  return ports;
}

function serve({ name, port }) {
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`${name}: a stand-in for a Zope instance (scripts/stand-in-instances.mjs) answered ${req.method} ${req.url}\n`);
    });
    server.once('error', (err) => {
      console.log(`stand-in ${name}: port ${port} is taken (${err.code}); HAProxy checks whatever listens there`);
      resolve(undefined);
    });
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

async function main() {
  const profile = process.argv[2];
  if (!profile) { console.error('usage: node scripts/stand-in-instances.mjs buildout.cfg'); process.exit(2); }
  const ports = instancePorts(readFileSync(profile, 'utf8'));
  const servers = await Promise.all(ports.map(serve));
  const up = servers.filter(Boolean);
  const where = ports.filter((_, i) => servers[i]).map((p) => `127.0.0.1:${p.port}`).join(', ');
  console.log(where ? `stand-in Zope instances answer on ${where} (INSTANCES=0 to skip)` : 'no stand-in Zope instance started');
  const stop = () => { for (const s of up) s.close(); process.exit(0); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// Run as a script (not when a test imports instancePorts).
if (import.meta.url === `file://${process.argv[1]}`) void main();

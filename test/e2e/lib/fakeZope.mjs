// Tiny loopback HTTP servers that play the Zope instances behind HAProxy: they answer every
// request (HAProxy's `option httpchk GET /` included) with 200 and their own name.
import { createServer } from 'node:http';
import { freePort } from './codeServer.mjs';

export async function startFakeInstances(names) {
  const instances = [];
  for (const name of names) {
    const port = await freePort();
    const server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`${name} says hello to ${req.method} ${req.url}\n`);
    });
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    instances.push({ name, port, server });
  }
  return {
    instances,
    close: () => Promise.all(instances.map((i) => new Promise((r) => i.server.close(r)))),
  };
}

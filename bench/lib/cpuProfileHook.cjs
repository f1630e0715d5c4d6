/**
 * `node --require bench/lib/cpuProfileHook.cjs`: writes a V8 CPU profile of the whole process
 * to $CPU_PROF_DIR when it exits. Node refuses `--cpu-prof` in NODE_OPTIONS, and the LSP bench
 * starts the server through the shared test client (fixed argv), so the bench passes this hook
 * in NODE_OPTIONS instead (`--require` is allowed there). The in-thread inspector session
 * answers synchronously, so the profile can be taken in the 'exit' handler.
 */
'use strict';
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.CPU_PROF_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  // 200 µs between samples: the opens last ~0.1 s, the default 1 ms gives too few samples.
  session.post('Profiler.setSamplingInterval', { interval: 200 });
  session.post('Profiler.start');
  process.on('exit', () => {
    session.post('Profiler.stop', (err, result) => {
      if (err) return;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `server-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}

// Preloaded into a process under measurement (node --expose-gc -r): on SIGUSR2 it forces a full
// garbage collection and appends the heap still in use to $HEAP_PROBE_FILE, one number a line.
// So a benchmark can read the live heap of a production build without an endpoint for it.
const { appendFileSync } = require('node:fs');

process.on('SIGUSR2', () => {
  global.gc();
  appendFileSync(process.env.HEAP_PROBE_FILE, `${process.memoryUsage().heapUsed}\n`);
});

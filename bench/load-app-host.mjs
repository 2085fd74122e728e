// Runs the production server (server.ts) in this process with --expose-gc, so the load test can
// ask for a full garbage collection (SIGUSR2) and read the heap that is really retained.
//   node --expose-gc bench/load-app-host.mjs -H 127.0.0.1 -p 3000
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  globalThis.gc?.();
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  process.stdout.write(`@@memory ${JSON.stringify({ rss, heapUsed, external, arrayBuffers })}\n`);
});
process.argv = [process.argv[0], 'server.ts', ...process.argv.slice(2)];
await import('../server.ts');

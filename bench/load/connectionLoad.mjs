// Load for the benchmarks: N established loopback TCP connections between two child
// processes (the accepting ends in a "server" child, the client ends in a "client" child),
// because one process may hold at most 20,000 fds here. Prints one JSON line when ready.
// usage: node connectionLoad.mjs server            -> {"port":P,"pid":..}
//        node connectionLoad.mjs client PORT N     -> {"connected":N,"pid":..}
import net from 'node:net';

const [role, portArg, countArg] = process.argv.slice(2);
const held = [];

if (role === 'server') {
  const server = net.createServer((s) => {
    s.on('error', () => {});
    held.push(s);
  });
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(JSON.stringify({ port: server.address().port, pid: process.pid }) + '\n');
  });
} else if (role === 'client') {
  const port = Number(portArg);
  const total = Number(countArg);
  let opened = 0;
  // Open in batches so the accept queue never overflows.
  const batch = () => {
    const n = Math.min(500, total - opened);
    if (n === 0) {
      process.stdout.write(JSON.stringify({ connected: opened, pid: process.pid }) + '\n');
      return;
    }
    let done = 0;
    for (let i = 0; i < n; i++) {
      const s = net.connect(port, '127.0.0.1', () => {
        if (++done === n) batch();
      });
      s.on('error', (err) => {
        process.stderr.write(`connect failed: ${err.message}\n`);
        process.exit(1);
      });
      held.push(s);
      opened++;
    }
  };
  batch();
} else {
  process.stderr.write('usage: connectionLoad.mjs server | client PORT N\n');
  process.exit(2);
}
// Reset rather than close, so thousands of sockets don't linger in TIME_WAIT and skew the next measurement.
process.on('SIGTERM', () => {
  for (const s of held) s.resetAndDestroy();
  setTimeout(() => process.exit(0), 50);
});

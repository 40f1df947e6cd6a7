#!/usr/bin/env node
// Byte-level TCP <-> unix-socket forwarder. Unix sockets are not scoped by network namespace, so
// two of these connect a TCP port inside a namespace to a TCP port on the host's loopback:
//   bridge.mjs unix-to-tcp SOCKET HOST:PORT   (host side: accept on SOCKET, connect to HOST:PORT)
//   bridge.mjs tcp-to-unix HOST:PORT SOCKET   (namespace side: accept on HOST:PORT, connect to SOCKET)
import fs from 'node:fs';
import net from 'node:net';

const [mode, a, b] = process.argv.slice(2);
const hostPort = (s) => {
  const i = s.lastIndexOf(':');
  return { host: s.slice(0, i), port: Number(s.slice(i + 1)) };
};

function pipe(client, connectOpts) {
  const upstream = net.connect(connectOpts);
  client.pipe(upstream).pipe(client);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', close);
  upstream.on('error', close);
  client.on('close', close);
  upstream.on('close', close);
}

let server;
if (mode === 'unix-to-tcp') {
  fs.rmSync(a, { force: true });
  server = net.createServer((c) => pipe(c, hostPort(b)));
  server.listen(a);
} else if (mode === 'tcp-to-unix') {
  const { host, port } = hostPort(a);
  server = net.createServer((c) => pipe(c, { path: b }));
  server.listen(port, host);
} else {
  process.stderr.write('usage: bridge.mjs unix-to-tcp SOCKET HOST:PORT | tcp-to-unix HOST:PORT SOCKET\n');
  process.exit(2);
}
server.on('error', (e) => {
  process.stderr.write(`bridge: ${e.message}\n`);
  process.exit(1);
});
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));

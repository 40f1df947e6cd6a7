// A test-only HTTP reverse proxy in front of the real kube-apiserver, for the faults toxiproxy
// cannot make because TLS passes through it: HTTP statuses (429 with Retry-After, 5xx), bodies that
// are not JSON or are cut short, and a request held back (a continue token kept until etcd has
// compacted past it). It listens on plain HTTP on loopback and forwards over TLS with the cluster's CA;
// every answer it forwards is the apiserver's own.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';

/** What to do with one request instead of (or before) forwarding it. */
export type Fault =
  | { status: number; headers?: Record<string, string>; body?: string }
  | { reset: true }
  | { truncate: true }
  | { before: () => Promise<void> };

/** One request as the proxy saw it: what was asked, what was answered (injected or the apiserver's), when. */
export interface ProxyLogEntry {
  url: string;
  status: number | 'reset' | 'truncated';
  injected: boolean;
  at: number;
}

export interface HttpFaultProxy {
  /** http://127.0.0.1:PORT */
  server: string;
  /** Decides per request; return null to forward untouched. `n` counts requests from 0. */
  plan: (request: { url: string; n: number }) => Fault | null;
  log: ProxyLogEntry[];
  /** Cuts every open client connection (watch streams included), as a flaky network or a restarting apiserver would. */
  dropConnections(): void;
  stop(): Promise<void>;
}

/**
 * Starts the proxy in front of `upstream` (https://127.0.0.1:PORT of the apiserver). Like `kubectl proxy`,
 * it authenticates upstream itself with `token`: clients talk plain http to it, and client-go (so
 * svc-explain too) never sends credentials over plain http.
 */
export async function startHttpFaultProxy(upstream: string, caFile: string, token: string): Promise<HttpFaultProxy> {
  const ca = fs.readFileSync(caFile);
  const agent = new https.Agent({ ca, keepAlive: true });
  const sockets = new Set<net.Socket>();
  let n = 0;
  const proxy: HttpFaultProxy = { server: '', plan: () => null, log: [], dropConnections: () => undefined, stop: async () => undefined };
  const record = (url: string, status: ProxyLogEntry['status'], injected: boolean) => proxy.log.push({ url, status, injected, at: Date.now() });

  const forward = (request: http.IncomingMessage, response: http.ServerResponse) => {
    const url = request.url ?? '/';
    const upstreamRequest = https.request(new URL(url, upstream), { method: request.method, headers: { ...request.headers, host: new URL(upstream).host, authorization: `Bearer ${token}` }, agent }, (answer) => {
      record(url, answer.statusCode ?? 0, false);
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      // A watch sends nothing until its first event: pass the headers on now, as the apiserver does.
      response.flushHeaders();
      answer.pipe(response);
    });
    upstreamRequest.on('error', () => response.destroy());
    response.on('close', () => upstreamRequest.destroy());
    request.pipe(upstreamRequest);
  };

  const server = http.createServer(async (request, response) => {
    const url = request.url ?? '/';
    const fault = proxy.plan({ url, n: n++ });
    if (fault === null) return forward(request, response);
    if ('before' in fault) {
      await fault.before();
      return forward(request, response);
    }
    if ('reset' in fault) {
      record(url, 'reset', true);
      request.socket.resetAndDestroy();
      return;
    }
    if ('truncate' in fault) {
      record(url, 'truncated', true);
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '4096' });
      response.write('{"kind":"PodList","items":[{"metadata":');
      setTimeout(() => request.socket.destroy(), 20);
      return;
    }
    record(url, fault.status, true);
    response.writeHead(fault.status, { 'Content-Type': 'text/plain', ...(fault.headers ?? {}) });
    response.end(fault.body ?? `injected ${fault.status}\n`);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.server = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  proxy.dropConnections = () => {
    for (const socket of sockets) socket.destroy();
  };
  proxy.stop = async () => {
    for (const socket of sockets) socket.destroy();
    agent.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
  return proxy;
}

// toxiproxy (built from its Go module by scripts/faults/build-toxiproxy.sh) as a TCP-level fault
// injector between the CLI and the real kube-apiserver: TLS passes through it untouched, so it adds
// latency, resets, stalls and cut-off streams, but cannot forge HTTP statuses (see http-fault-proxy.ts).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../helpers/free-port.js';
import { fileURLToPath } from 'node:url';

export { freePort };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** One toxic as toxiproxy's API takes it (https://github.com/Shopify/toxiproxy#toxics). */
export interface Toxic {
  type: 'latency' | 'reset_peer' | 'timeout' | 'limit_data' | 'slicer' | 'bandwidth' | 'slow_close';
  stream?: 'upstream' | 'downstream';
  toxicity?: number;
  attributes: Record<string, number>;
}

/** A running toxiproxy server with one proxy in front of `upstream`. */
export interface Toxiproxy {
  /** host:port the CLI connects to instead of the apiserver. */
  listen: string;
  addToxic(name: string, toxic: Toxic): Promise<void>;
  removeToxic(name: string): Promise<void>;
  stop(): Promise<void>;
}

async function api(base: string, method: string, pathname: string, body?: unknown): Promise<void> {
  const response = await fetch(`${base}${pathname}`, { method, ...(body ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } } : {}) });
  if (!response.ok) throw new Error(`toxiproxy ${method} ${pathname}: ${response.status} ${await response.text()}`);
}

/** Builds toxiproxy if needed, starts it on loopback and creates a proxy to `upstream` (host:port). */
export async function startToxiproxy(upstream: string): Promise<Toxiproxy> {
  const build = spawnSync('bash', [path.join(root, 'scripts', 'faults', 'build-toxiproxy.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (build.status !== 0) throw new Error(`scripts/faults/build-toxiproxy.sh failed (exit ${build.status})`);
  const binary = build.stdout.trim().split('\n').at(-1) as string;
  const [apiPort, listenPort] = [await freePort(), await freePort()];
  const child: ChildProcess = spawn(binary, ['-host', '127.0.0.1', '-port', String(apiPort)], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${apiPort}`;
  for (let tries = 0; ; tries++) {
    try {
      await api(base, 'GET', '/version');
      break;
    } catch (error) {
      if (tries > 100 || child.exitCode !== null) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const listen = `127.0.0.1:${listenPort}`;
  await api(base, 'POST', '/proxies', { name: 'apiserver', listen, upstream, enabled: true });
  return {
    listen,
    addToxic: (name, toxic) => api(base, 'POST', '/proxies/apiserver/toxics', { name, stream: 'downstream', toxicity: 1, ...toxic }),
    removeToxic: (name) => api(base, 'DELETE', `/proxies/apiserver/toxics/${name}`),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

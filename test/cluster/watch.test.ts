// `explain SERVICE --watch` and `check --watch` as processes against the real apiserver: the view
// follows Pods appearing, readiness flipping and Pods going; a block is printed only when the view
// changed; dropped connections are resumed and an expired resourceVersion (410) relists; Ctrl-C exits 0.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clients, cluster, createService, eventually, fixture, runPod, setPodStatus } from './helpers/k8s.js';
import { startHttpFaultProxy, type HttpFaultProxy } from './helpers/http-fault-proxy.js';
import { runCli, startWatch, type CliRun, type WatchProcess } from './helpers/watch-process.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

let f: Awaited<ReturnType<typeof fixture>>;
let ns: string;
let tmp: string;
let proxy: HttpFaultProxy;
let viaProxy: string;

/** Waits until the watch's last block is what a fresh run of the same command prints. */
async function expectCurrent(watch: WatchProcess, args: string[], also: (block: string) => void = () => undefined): Promise<string> {
  return eventually(async () => {
    const fresh = await runCli(args, cluster().kubeconfig);
    expect([0, 1]).toContain(fresh.status);
    const last = watch.blocks().at(-1);
    expect(last).toBe(fresh.stdout);
    also(last as string);
    return last as string;
  }, { timeoutMs: 60_000, intervalMs: 300, what: 'the watch view to match a fresh run' });
}

/** Ctrl-C ended it: exit 0, not killed, nothing on stderr. */
function expectCleanExit(end: CliRun): void {
  expect(end, end.stderr).toMatchObject({ status: 0, signal: null, stderr: '' });
}

function expectNoRepeats(blocks: string[]): void {
  for (let i = 1; i < blocks.length; i++) expect(blocks[i], `block ${i} repeats block ${i - 1}`).not.toBe(blocks[i - 1]);
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` before this suite');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'svcx-watch-'));
  f = await fixture('watch', { nodes: [{ zone: 'zone-a' }] });
  ns = f.namespace;
  await runPod(ns, 'web-1', { labels: { app: 'web' }, node: f.nodes[0], ip: '10.244.93.1', ports: [{ name: 'http', containerPort: 8080 }] });
  await createService(ns, 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' as never }] });
  proxy = await startHttpFaultProxy(cluster().server, cluster().caFile, cluster().adminToken);
  viaProxy = path.join(tmp, 'proxy.kubeconfig');
  fs.writeFileSync(
    viaProxy,
    `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: ${proxy.server}\n    insecure-skip-tls-verify: true\nusers:\n- name: u\n  user:\n    token: ${cluster().adminToken}\ncontexts:\n- name: c\n  context: {cluster: c, user: u, namespace: default}\ncurrent-context: c\n`,
    { mode: 0o600 },
  );
});

afterAll(async () => {
  await proxy?.stop();
  await f?.cleanup();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('explain --watch', () => {
  it('follows a Pod appearing, turning unready and going away; one block per change; Ctrl-C exits 0', async () => {
    const args = ['explain', 'web', '-n', ns];
    const watch = startWatch(args, cluster().kubeconfig);
    let end: CliRun | undefined;
    try {
      await expectCurrent(watch, args, (block) => expect(block).toContain('web-1'));
      await runPod(ns, 'web-2', { labels: { app: 'web' }, node: f.nodes[0], ip: '10.244.93.2', ports: [{ name: 'http', containerPort: 8080 }] });
      await expectCurrent(watch, args, (block) => expect(block).toContain('web-2'));
      await setPodStatus(ns, 'web-1', { phase: 'Running', ips: ['10.244.93.1'], ready: false });
      await expectCurrent(watch, args, (block) => expect(block).toMatch(/web-1.*not ready|not ready.*web-1/is));
      await clients().core.deleteNamespacedPod({ namespace: ns, name: 'web-2', gracePeriodSeconds: 0 });
      await expectCurrent(watch, args, (block) => expect(block).not.toContain('web-2'));
    } finally {
      end = await watch.interrupt();
    }
    expectCleanExit(end);
    expectNoRepeats(watch.blocks());
    expect(watch.blocks().length).toBeGreaterThanOrEqual(4);
  });

  it('resumes after dropped connections, relists after a 410 in the watch stream, and keeps following', async () => {
    const args = ['explain', 'web', '-n', ns];
    const watch = startWatch(args, viaProxy);
    let end: CliRun | undefined;
    try {
      await expectCurrent(watch, args);
      // A dropped connection: every watch reconnects from its last resourceVersion.
      proxy.log = [];
      proxy.dropConnections();
      await eventually(() => expect(proxy.log.filter((entry) => entry.url.includes('/pods?') && entry.url.includes('watch=1')).length).toBeGreaterThan(0));
      await setPodStatus(ns, 'web-1', { phase: 'Running', ips: ['10.244.93.1'], ready: true });
      await expectCurrent(watch, args);
      // The next Pods watch is told its resourceVersion is too old, as the apiserver says it after compaction.
      proxy.log = [];
      let injected = false;
      proxy.plan = ({ url }) => {
        if (injected || !url.includes('/pods?') || !url.includes('watch=1')) return null;
        injected = true;
        const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'too old resource version: 1 (2)', reason: 'Expired', code: 410 };
        return { status: 200, headers: { 'Content-Type': 'application/json' }, body: `${JSON.stringify({ type: 'ERROR', object: status })}\n` };
      };
      proxy.dropConnections();
      await eventually(() => {
        const at = proxy.log.findIndex((entry) => entry.injected);
        expect(at).toBeGreaterThanOrEqual(0);
        const after = proxy.log.slice(at + 1);
        expect(after.some((entry) => entry.url.includes('/pods?') && entry.url.includes('limit=1') && !entry.url.includes('watch='))).toBe(true);
        expect(after.some((entry) => entry.url.includes('/pods?') && entry.url.includes('watch=1') && !entry.injected)).toBe(true);
      });
      proxy.plan = () => null;
      await runPod(ns, 'web-3', { labels: { app: 'web' }, node: f.nodes[0], ip: '10.244.93.3', ports: [{ name: 'http', containerPort: 8080 }] });
      await expectCurrent(watch, args, (block) => expect(block).toContain('web-3'));
    } finally {
      proxy.plan = () => null;
      end = await watch.interrupt();
    }
    expect(end, end.stderr).toMatchObject({ status: 0, signal: null });
    expectNoRepeats(watch.blocks());
  });
});

describe('check --watch', () => {
  it('adds a line when a Service appears and follows its Pods', async () => {
    const args = ['check', '-n', ns];
    const watch = startWatch(args, cluster().kubeconfig);
    let end: CliRun | undefined;
    try {
      await expectCurrent(watch, args);
      await createService(ns, 'api', { selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
      await expectCurrent(watch, args, (block) => expect(block).toContain('api'));
      await runPod(ns, 'api-1', { labels: { app: 'api' }, node: f.nodes[0], ip: '10.244.93.11', ports: [{ containerPort: 8080 }] });
      await expectCurrent(watch, args);
    } finally {
      end = await watch.interrupt();
    }
    expectCleanExit(end);
    expectNoRepeats(watch.blocks());
  });
});

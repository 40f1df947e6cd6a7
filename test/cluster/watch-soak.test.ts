// Soak: `explain SERVICE --watch` while Pods churn (created, deleted, readiness flipped) for
// SVC_EXPLAIN_SOAK_SECONDS (default 60 in the suite; `npm run soak` runs 600). At checkpoints and at
// the end the watch's last block must equal a fresh `explain` (no missed change), and the watch
// process's live heap after a full GC must stay flat from the end of the warm-up (the first fifth)
// to the end (heap snapshots; SVC_EXPLAIN_SOAK_SNAPSHOTS=DIR keeps them for a look in DevTools);
// resident memory, sampled from /proc, is bounded too, for memory outside the JS heap.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clients, cluster, createService, eventually, fixture, runPod, setPodStatus } from './helpers/k8s.js';
import { runCli, startWatch, type WatchProcess } from './helpers/watch-process.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SECONDS = Number(process.env.SVC_EXPLAIN_SOAK_SECONDS ?? 60);
const POOL = 12;
/** Resident memory may grow by this much from the end of the warm-up to the end of the churn. */
const RSS_GROWTH_LIMIT_KIB = 30 * 1024;
/** The live heap after GC may grow by this much from the end of the warm-up to the end: noise, not a leak. */
const HEAP_GROWTH_LIMIT_KIB = 1024;

let f: Awaited<ReturnType<typeof fixture>>;
let ns: string;

/** A small deterministic random source, so a failing run can be repeated (seed in the test name). */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function expectCurrent(watch: WatchProcess, args: string[]): Promise<void> {
  await eventually(async () => {
    const fresh = await runCli(args, cluster().kubeconfig);
    expect([0, 1]).toContain(fresh.status);
    expect(watch.blocks().at(-1)).toBe(fresh.stdout);
  }, { timeoutMs: 60_000, intervalMs: 500, what: 'the watch view to match a fresh explain' });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` before this suite');
  f = await fixture('soak', { nodes: [{ zone: 'zone-a' }, { zone: 'zone-b' }] });
  ns = f.namespace;
  await createService(ns, 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' as never }] });
});
afterAll(async () => f?.cleanup());

const SEED = Number(process.env.SVC_EXPLAIN_SOAK_SEED ?? 20261201);

it(`explain --watch through ${SECONDS}s of Pod churn: no missed change, flat memory (seed ${SEED})`, async () => {
  const random = mulberry32(SEED);
  const args = ['explain', 'web', '-n', ns];
  const live = new Map<string, { ip: string; ready: boolean }>();
  const keep = process.env.SVC_EXPLAIN_SOAK_SNAPSHOTS;
  const snapshots = keep ? (fs.mkdirSync(keep, { recursive: true }), keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'svc-explain-soak-'));
  const watch = startWatch(args, cluster().kubeconfig, { heapSnapshots: snapshots, keepSnapshots: Boolean(keep) });
  let heapWarmKiB: number | undefined;
  let heapLastKiB = NaN;
  const samples: Array<{ at: number; rssKiB: number }> = [];
  let operations = 0;
  let checkpoints = 0;
  const started = Date.now();
  const sampler = setInterval(() => samples.push({ at: Date.now() - started, rssKiB: watch.rssKiB() }), 1_000);
  try {
    await eventually(() => expect(watch.blocks().length).toBeGreaterThan(0), { what: 'the first block' });
    let nextCheckpoint = Date.now() + 15_000;
    for (let serial = 0; Date.now() - started < SECONDS * 1000; ) {
      const name = `web-${Math.floor(random() * POOL)}`;
      const pod = live.get(name);
      if (!pod) {
        const ip = `10.244.95.${(++serial % 250) + 1}`;
        const ready = random() < 0.7;
        await runPod(ns, name, { labels: { app: 'web' }, node: f.nodes[serial % 2], ip, ready, ports: [{ name: 'http', containerPort: 8080 }] });
        live.set(name, { ip, ready });
      } else if (random() < 0.6) {
        pod.ready = !pod.ready;
        await setPodStatus(ns, name, { phase: 'Running', ips: [pod.ip], ready: pod.ready });
      } else {
        await clients().core.deleteNamespacedPod({ namespace: ns, name, gracePeriodSeconds: 0 });
        live.delete(name);
      }
      operations++;
      if (heapWarmKiB === undefined && Date.now() - started >= (SECONDS * 1000) / 5) heapWarmKiB = await watch.heapAfterGcKiB();
      // About ten changes a second: a busy rollout, without starving the other processes on the machine.
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (Date.now() >= nextCheckpoint) {
        await expectCurrent(watch, args);
        checkpoints++;
        nextCheckpoint = Date.now() + 15_000;
      }
    }
    await expectCurrent(watch, args);
    checkpoints++;
    heapLastKiB = await watch.heapAfterGcKiB();
  } finally {
    clearInterval(sampler);
    const end = await watch.interrupt();
    if (!keep) fs.rmSync(snapshots, { recursive: true, force: true });
    expect(end.status, end.stderr).toBe(0);
    expect(end.stderr).toBe('');
  }
  // Memory: the first fifth is warm-up (JIT, heap growing to its working size); compare the second fifth with the last.
  const fifth = Math.max(1, Math.floor(samples.length / 5));
  const warm = median(samples.slice(fifth, 2 * fifth).map((s) => s.rssKiB));
  const last = median(samples.slice(-fifth).map((s) => s.rssKiB));
  const peak = Math.max(...samples.map((s) => s.rssKiB));
  const figures = { seconds: SECONDS, operations, checkpoints, blocks: watch.blocks().length, rssWarmMiB: +(warm / 1024).toFixed(1), rssLastMiB: +(last / 1024).toFixed(1), rssPeakMiB: +(peak / 1024).toFixed(1), heapWarmMiB: +((heapWarmKiB ?? NaN) / 1024).toFixed(2), heapLastMiB: +(heapLastKiB / 1024).toFixed(2) };
  console.log(`watch soak: ${JSON.stringify(figures)}`);
  expect(operations).toBeGreaterThan(0);
  expect(watch.blocks().length).toBeGreaterThan(checkpoints);
  expect(heapWarmKiB, 'a heap snapshot at the end of the warm-up').toBeDefined();
  expect(heapLastKiB - (heapWarmKiB as number), JSON.stringify(figures)).toBeLessThan(HEAP_GROWTH_LIMIT_KIB);
  expect(last - warm, JSON.stringify(figures)).toBeLessThan(RSS_GROWTH_LIMIT_KIB);
}, (SECONDS + 300) * 1000);

// Randomized, seeded scenarios against the real controllers and kube-proxy (issue 4, task 1).
//
// Each scenario is one Service with Pods in assorted states (ready, unready, terminating, terminal,
// without IP, on a missing Node, with and without the named ports, native sidecars, hostnames), or a
// selectorless Service with hand-written Endpoints. Scenarios are created in batches (one namespace
// per batch), the real controllers converge, and the prediction read back through the tool's own live
// data path must equal what they wrote, as sets. Where kube-proxy runs, its nat rules for each Service
// must equal the predicted ones rule by rule.
//
//   SVC_EXPLAIN_SEED=<n>                seed (default below; printed at the start)
//   SVC_EXPLAIN_SCENARIOS=0-239 | 17,40 which scenario indices to run (default 0-239)
//   SVC_EXPLAIN_SCENARIO_BATCH=60       scenarios per namespace
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cluster, clients, createPod, createService, fixture, iptablesSave, parseIptablesSave, randomSuffix, setPodStatus, terminatePod } from './helpers/k8s.js';
import { compareNamespace, diffRules, predictedServiceRules, realServiceRules, usesLocalhostNfacct, type NamespaceComparison } from './helpers/cluster-snapshot.js';
import { describeScenario, generateScenario, type GeneratedPod, type GeneratorNodes, type Scenario } from './helpers/scenario-generator.js';

const DEFAULT_SEED = 20261122;
const seed = process.env.SVC_EXPLAIN_SEED ? Number(process.env.SVC_EXPLAIN_SEED) : DEFAULT_SEED;
if (!Number.isInteger(seed)) throw new Error(`SVC_EXPLAIN_SEED must be an integer, got ${process.env.SVC_EXPLAIN_SEED}`);

function parseIndices(text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw new Error(`SVC_EXPLAIN_SCENARIOS: cannot read "${part}" (use 0-239 or 3,17)`);
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    for (let i = lo; i <= hi; i++) out.push(i);
  }
  return out;
}
const indices = parseIndices(process.env.SVC_EXPLAIN_SCENARIOS ?? '0-239');
const batchSize = Number(process.env.SVC_EXPLAIN_SCENARIO_BATCH ?? 60);
const batches: number[][] = [];
for (let i = 0; i < indices.length; i += batchSize) batches.push(indices.slice(i, i + batchSize));

/** Run `fn` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

async function createScenarioPod(namespace: string, pod: GeneratedPod): Promise<void> {
  await createPod(namespace, pod.name, {
    labels: pod.labels, node: pod.node, containers: pod.containers,
    ...(pod.initContainers ? { initContainers: pod.initContainers } : {}),
    ...(pod.hostname ? { hostname: pod.hostname, subdomain: pod.subdomain } : {}),
  });
  const ips = pod.ips.length ? pod.ips : undefined;
  switch (pod.state) {
    case 'ready':
    case 'terminating-ready':
      await setPodStatus(namespace, pod.name, { phase: 'Running', ips, ready: true });
      break;
    case 'unready':
    case 'terminating-unready':
      await setPodStatus(namespace, pod.name, { phase: 'Running', ips, ready: false });
      break;
    case 'failed':
      await setPodStatus(namespace, pod.name, { phase: 'Failed', ips, ready: false });
      break;
    case 'succeeded':
      await setPodStatus(namespace, pod.name, { phase: 'Succeeded', ips, ready: false });
      break;
    case 'running-no-ip':
      await setPodStatus(namespace, pod.name, { phase: 'Running', ready: true });
      break;
    case 'pending-no-ip':
      break;
  }
  if (pod.state.startsWith('terminating-')) await terminatePod(namespace, pod.name, { via: 'finalizer' });
}

async function createScenario(namespace: string, s: Scenario): Promise<void> {
  await pool(s.pods, 3, (pod) => createScenarioPod(namespace, pod));
  await createService(namespace, s.name, s.service);
  if (s.endpoints) {
    await clients().core.createNamespacedEndpoints({
      namespace,
      body: { metadata: { name: s.name, labels: s.endpoints.labels }, subsets: s.endpoints.subsets },
    });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function endpointFailures(cmp: NamespaceComparison, scenarios: Scenario[]): Map<number, string> {
  const failures = new Map<number, string>();
  for (const s of scenarios) {
    const c = cmp.services.get(s.name);
    if (!c) {
      failures.set(s.index, `Service ${s.name} not read back`);
      continue;
    }
    const lines = [
      ...c.problems,
      ...c.sliceDifferences.map((d) => `EndpointSlices: ${d.message}`),
      ...c.endpointsDifferences.map((d) => `Endpoints: ${d.message}`),
    ];
    if (lines.length) failures.set(s.index, `${lines.map((l) => `  - ${l}`).join('\n')}\n${c.summary}`);
  }
  return failures;
}

/**
 * Poll until every scenario's prediction equals the controllers' output, or until the namespace's
 * Endpoints and EndpointSlices have not changed for `quietMs` (the controllers are done, the
 * remaining differences are real), or the deadline passes.
 */
async function converge(namespace: string, scenarios: Scenario[], { quietMs = 6_000, deadlineMs = 120_000 } = {}) {
  const start = Date.now();
  let lastSignature = '';
  let quietSince = Date.now();
  for (;;) {
    const cmp = await compareNamespace(cluster().kubeconfig, namespace);
    const failures = endpointFailures(cmp, scenarios);
    if (failures.size === 0) {
      for (const c of cmp.services.values()) {
        totals.sliceEndpoints += c.slices.reduce((n, sl) => n + (sl.endpoints ?? []).length, 0);
        totals.endpointsAddresses += c.endpointsAddresses;
      }
      return { cmp, failures, ms: Date.now() - start };
    }
    if (cmp.signature !== lastSignature) {
      lastSignature = cmp.signature;
      quietSince = Date.now();
    }
    if (Date.now() - quietSince >= quietMs || Date.now() - start >= deadlineMs) return { cmp, failures, ms: Date.now() - start };
    await sleep(500);
  }
}

/** What a batch really compared, so a run that compares nothing cannot pass quietly. */
const totals = { sliceEndpoints: 0, endpointsAddresses: 0, svcChains: 0, sepChains: 0, servicesRules: 0 };

function natFailures(cmp: NamespaceComparison, namespace: string, scenarios: Scenario[], nodeName: string, count = false): Map<number, string> {
  const nat = parseIptablesSave(iptablesSave('nat'));
  const node = cmp.nodes.find((n) => n.metadata.name === nodeName);
  // The localhost NodePort counter line depends on the node's kernel (nfacct), not on the Service.
  const nfacct = usesLocalhostNfacct(nat);
  const failures = new Map<number, string>();
  for (const s of scenarios) {
    const c = cmp.services.get(s.name);
    if (!c) continue;
    const predicted = predictedServiceRules(c.service, c.slices, node, cluster().clusterCIDR, nfacct);
    const real = realServiceRules(nat, namespace, s.name);
    if (count) {
      const chains = Object.keys(real.natChains);
      totals.svcChains += chains.filter((c) => /^KUBE-(SVC|SVL)-/.test(c)).length;
      totals.sepChains += chains.filter((c) => c.startsWith('KUBE-SEP-')).length;
      totals.servicesRules += real.servicesRules.length;
    }
    const diff = diffRules(predicted, real);
    if (diff.length) failures.set(s.index, diff.map((l) => `  - ${l}`).join('\n'));
  }
  return failures;
}

async function convergeNat(namespace: string, scenarios: Scenario[], nodeName: string, { quietMs = 8_000, deadlineMs = 90_000 } = {}) {
  const start = Date.now();
  let lastText = '';
  let quietSince = Date.now();
  for (;;) {
    const cmp = await compareNamespace(cluster().kubeconfig, namespace);
    const failures = natFailures(cmp, namespace, scenarios, nodeName);
    if (failures.size === 0) {
      natFailures(cmp, namespace, scenarios, nodeName, true);
      return { failures, ms: Date.now() - start };
    }
    const text = [...failures.values()].join('\n');
    if (text !== lastText) {
      lastText = text;
      quietSince = Date.now();
    }
    if (Date.now() - quietSince >= quietMs || Date.now() - start >= deadlineMs) return { failures, ms: Date.now() - start };
    await sleep(1000);
  }
}

describe(`random scenarios (seed ${seed}, ${indices.length} scenarios)`, () => {
  let f: Awaited<ReturnType<typeof fixture>>;
  let nodes: GeneratorNodes;
  const coverage = new Map<string, number>();
  const timings: string[] = [];

  beforeAll(async () => {
    console.log(`[random-scenarios] SVC_EXPLAIN_SEED=${seed} SVC_EXPLAIN_SCENARIOS=${process.env.SVC_EXPLAIN_SCENARIOS ?? '0-239'} (${indices.length} scenarios in ${batches.length} batch(es))`);
    f = await fixture('rnd-nodes', { nodes: [{ name: `rnd-a-${randomSuffix()}`, zone: 'zone-a' }, { name: `rnd-b-${randomSuffix()}`, zone: 'zone-b' }] });
    const proxyNode = cluster().proxy?.node;
    // Node names are fixed per run so a scenario's text is the same on every run with the seed.
    nodes = { existing: [...(proxyNode ? [proxyNode] : []), ...f.nodes], ghost: 'ghost-node' };
  });
  afterAll(async () => {
    const tags = [...coverage.entries()].sort().map(([t, n]) => `${t}=${n}`).join(' ');
    console.log(`[random-scenarios] seed ${seed}; coverage: ${tags}\n${timings.join('\n')}\n  compared: ${JSON.stringify(totals)}`);
    await f?.cleanup();
  });

  for (const [b, batch] of batches.entries()) {
    it(`batch ${b + 1}/${batches.length}: scenarios ${batch[0]}..${batch[batch.length - 1]}`, async () => {
      // Node names in the scenario text are stable (rnd-a/rnd-b stand for the two fake Nodes).
      const scenarios = batch.map((i) => generateScenario(seed, i, nodes));
      for (const s of scenarios) for (const t of s.tags) coverage.set(t, (coverage.get(t) ?? 0) + 1);
      const ns = await fixture(`rnd${b}`);
      try {
        const t0 = Date.now();
        await pool(scenarios, 6, (s) => createScenario(ns.namespace, s));
        const created = Date.now() - t0;
        const { failures, ms } = await converge(ns.namespace, scenarios);
        const report = [...failures.entries()].map(([i, text]) => `${describeScenario(scenarios.find((s) => s.index === i)!)}\n${text}`);
        let natMs = 0;
        let natReport: string[] = [];
        const proxy = cluster().proxy;
        if (proxy) {
          const ok = scenarios.filter((s) => !failures.has(s.index));
          const nat = await convergeNat(ns.namespace, ok, proxy.node);
          natMs = nat.ms;
          natReport = [...nat.failures.entries()].map(([i, text]) => `${describeScenario(scenarios.find((s) => s.index === i)!)}\n  kube-proxy (nat) differs:\n${text}`);
        }
        timings.push(`  batch ${b + 1}: ${scenarios.length} scenarios, created in ${created} ms, controllers converged in ${ms} ms, kube-proxy in ${natMs} ms`);
        expect(report, `prediction ≠ controllers in namespace ${ns.namespace} for ${report.length} scenario(s):\n${report.join('\n\n')}`).toEqual([]);
        expect(totals.sliceEndpoints, 'no EndpointSlice endpoint was compared').toBeGreaterThan(0);
        if (proxy) expect(totals.sepChains, 'no KUBE-SEP chain was compared').toBeGreaterThan(0);
        expect(natReport, `prediction ≠ kube-proxy in namespace ${ns.namespace} for ${natReport.length} scenario(s):\n${natReport.join('\n\n')}`).toEqual([]);
      } finally {
        if (process.env.SVC_EXPLAIN_KEEP_SCENARIOS !== '1') await ns.cleanup();
      }
    }, 600_000);
  }
});

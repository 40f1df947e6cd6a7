// Randomized, seeded scenarios against the real controllers and kube-proxy (issue 4, task 1).
//
// Each scenario is one Service with Pods in assorted states (ready, unready, terminating, terminal,
// without IP, on a missing Node, with and without the named ports, native sidecars, hostnames), or a
// selectorless Service with hand-written Endpoints. Scenarios are created in batches (one namespace
// per batch), the real controllers converge, and the prediction read back through the tool's own live
// data path must equal what they wrote, as sets. Where kube-proxy runs, its nat rules for each Service
// must equal the predicted ones rule by rule, for its IPv4 (iptables) and IPv6 (ip6tables) proxier.
// The Service range is dual-stack, so scenarios include PreferDualStack/RequireDualStack Services
// (ipFamilies IPv4,IPv6 or IPv6,IPv4, headless too), single-stack IPv6 ones, and Pods with one or
// both families: one set of slices per address type, Endpoints in ipFamilies[0].
//
//   SVC_EXPLAIN_SEED=<n>                seed (default below; printed at the start)
//   SVC_EXPLAIN_SCENARIOS=0-239 | 17,40 which scenario indices to run (default 0-239)
//   SVC_EXPLAIN_SCENARIO_BATCH=60       scenarios per namespace
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cluster, createNode, createPod, createService, deleteNamespace, deleteNode, fixture, iptablesSave, nftList, parseIptablesSave, randomSuffix, setPodStatus, waitFor } from './helpers/k8s.js';
import { applyMutation, createScenario, pool } from './helpers/scenario-objects.js';
import { nftablesDifferences, parseNftTable } from './helpers/nft-table.js';
import { iptablesViewDifferences, nftablesViewDifferences } from './helpers/proxy-view-oracle.js';
import { differencesInAnyReadOrder, readOrderDecides } from './helpers/read-order.js';
import { computeProxyTargets } from '../../src/core/predict/proxy-targets.js';
import { factsForMinor } from '../../src/core/version/index.js';
import type { ProxyTargets } from '../../src/core/predict/proxy-target-types.js';
import type { EndpointSlice, Node, Service } from '../../src/core/kubernetes-types.js';
import { compareNamespace, diffRules, predictedServiceRules, realFilterRules, realServiceRules, usesLocalhostNfacct, type NamespaceComparison } from './helpers/cluster-snapshot.js';
import {
  describeMutations, describeScenario, generateMutations, generateScenario, rng, scenarioSeed, type GeneratorNodes, type Mutation, type Scenario,
} from './helpers/scenario-generator.js';

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

const describeWith = (s: Scenario, mutations: Map<number, Mutation[]>) =>
  `${describeScenario(s)}${mutations.get(s.index)?.length ? `\n${describeMutations(mutations.get(s.index)!)}` : ''}`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Pods of a Node deleted after they were published stay in the controller's slices until the Service is
 * synced for another reason (see 'known controller drift'); differences in their stale endpoints are the
 * only ones allowed, and only once the Node is gone. kube-proxy reads the stale slices, so the proxy
 * comparisons stay exact.
 */
function staleAfterNodeDeletion(s: Scenario, doomed: string | null, d: { kind: string; address?: string }): boolean {
  if (!doomed) return false;
  const ips = new Set(s.pods.filter((pod) => pod.node === doomed).flatMap((pod) => pod.ips));
  if (ips.size === 0) return false;
  // Stale: the endpoint itself, and with publishNotReadyAddresses (which keeps Pods of missing Nodes) its old zone and hints.
  return d.kind === 'slice-group' || ips.has(d.address ?? '');
}

/** What the checks must say about the wider cases: foreign slices, and matches only in another namespace. */
function findingProblems(cmp: NamespaceComparison, s: Scenario): string[] {
  const checks = cmp.findings.get(s.name) ?? [];
  const problems: string[] = [];
  // kube-proxy reads every slice with the service-name label but the headless-labelled ones (from 1.36
  // service-proxy-name filters Services only; up to 1.35 slices too: the rules comparison checks which).
  const readsProxyName = factsForMinor(cluster().kubernetesMinor).proxyReadsSlicesWithProxyName;
  const readByProxy = (s.extraSlices ?? []).some((x) => !('service.kubernetes.io/headless' in x.labels) &&
    (readsProxyName || !('service.kubernetes.io/service-proxy-name' in x.labels)));
  if (readByProxy !== checks.includes('foreign-endpointslices')) {
    problems.push(`foreign-endpointslices ${readByProxy ? 'missing' : 'unexpected'} (extra slices: ${(s.extraSlices ?? []).map((x) => x.name).join(', ') || 'none'})`);
  }
  if (s.service.type !== 'ExternalName' && s.service.selector) {
    const own = cmp.explain(s.name, {}).pods.length;
    const elsewhere = own === 0 && (s.elsewherePods ?? []).length > 0;
    if (elsewhere !== checks.includes('selector-in-other-namespace')) problems.push(`selector-in-other-namespace ${elsewhere ? 'missing' : 'unexpected'} (${own} own matches)`);
    if (elsewhere && checks.includes('selector-matches-nothing')) problems.push('selector-matches-nothing reported although the Pods are in another namespace');
  }
  return problems;
}

function endpointFailures(cmp: NamespaceComparison, scenarios: Scenario[], doomed: string | null = null): Map<number, string> {
  const failures = new Map<number, string>();
  for (const s of scenarios) {
    const c = cmp.services.get(s.name);
    if (!c) {
      failures.set(s.index, `Service ${s.name} not read back`);
      continue;
    }
    const lines = [
      ...c.problems,
      ...findingProblems(cmp, s),
      ...c.sliceDifferences.filter((d) => !staleAfterNodeDeletion(s, doomed, d)).map((d) => `EndpointSlices: ${d.message}`),
      ...c.endpointsDifferences.map((d) => `Endpoints: ${d.message}`),
    ];
    if (lines.length) failures.set(s.index, `${lines.map((l) => `  - ${l}`).join('\n')}\n${c.summary}`);
  }
  return failures;
}

/**
 * Poll until every scenario's prediction equals the controllers' output, or until the namespace's
 * Endpoints and EndpointSlices have not changed for `quietMs` (the controllers are done, the
 * remaining differences are real), or the deadline passes. The quiet window is long because the
 * controller manager's client is rate-limited (20 QPS) and a sync that fails on a stale informer
 * cache is retried with exponential backoff (1 s, 2 s, 4 s, ...): a busy controller can leave a
 * namespace untouched for several seconds and still have work queued for it.
 */
async function converge(namespace: string, scenarios: Scenario[], { quietMs = 20_000, deadlineMs = 120_000, doomed = null as string | null } = {}) {
  const start = Date.now();
  let lastSignature = '';
  let quietSince = Date.now();
  for (;;) {
    const cmp = await compareNamespace(cluster().kubeconfig, namespace);
    const failures = endpointFailures(cmp, scenarios, doomed);
    if (failures.size === 0) {
      for (const c of cmp.services.values()) {
        totals.sliceEndpoints += c.slices.reduce((n, sl) => n + (sl.endpoints ?? []).length, 0);
        totals.ipv6SliceEndpoints += c.slices.filter((sl) => sl.addressType === 'IPv6').reduce((n, sl) => n + (sl.endpoints ?? []).length, 0);
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
const totals = {
  sliceEndpoints: 0, ipv6SliceEndpoints: 0, endpointsAddresses: 0, svcChains: 0, sepChains: 0, servicesRules: 0, filterRules: 0,
  /** The same counts from ip6tables (kube-proxy's IPv6 proxier). */
  ipv6: { svcChains: 0, sepChains: 0, servicesRules: 0, filterRules: 0 },
  /** Map elements (ClusterIP, NodePort) compared with the nftables-mode kube-proxy, both families. */
  nftablesFrontends: 0,
  /** Of those, ClusterIPs whose internalTrafficPolicy Local chain had endpoints on that kube-proxy's Node. */
  nftablesLocalChains: 0,
  /** Frontends and backends of the whole explain view compared with the real rules (all families). */
  explainView: { iptablesFrontends: 0, iptablesBackends: 0, ipv6Frontends: 0, nftablesFrontends: 0 },
  /** Comparisons where kube-proxy's (unordered) read of the slices decides a backend, and those it read in another order. */
  readOrder: { marked: 0, otherOrder: 0 },
  /** Selectorless Services with a port kube-proxy rejects for want of endpoints (manual-endpoints-no-backend must say so). */
  manualEndpointsRejected: 0,
};

/** The explain view must cover every family kube-proxy programs: spec.ipFamilies as the API server set it. */
function viewFamilyProblems(service: { spec?: { ipFamilies?: string[]; clusterIP?: string; type?: string } }, families: string[]): string[] {
  if (service.spec?.type === 'ExternalName' || service.spec?.clusterIP === 'None') return [];
  const want = service.spec?.ipFamilies ?? [];
  return want.join() === families.join() ? [] : [`explain -o json has proxy views for [${families.join(', ')}], the Service has ipFamilies [${want.join(', ')}]`];
}

/**
 * kube-proxy runs dual-stack (primary IPv4): its IPv4 proxier writes iptables, its IPv6 proxier
 * ip6tables. Each family is compared on its own; IPv6 only where the cluster records kube-proxy's IPv6
 * cluster CIDR (clusters started before the Service range was dual-stack have none).
 */
function proxyFamilies(): Array<{ family: 'IPv4' | 'IPv6'; clusterCIDR: string }> {
  const v6 = cluster().clusterCIDRv6;
  return [{ family: 'IPv4', clusterCIDR: cluster().clusterCIDR }, ...(v6 ? [{ family: 'IPv6' as const, clusterCIDR: v6 }] : [])];
}

function natFailures(cmp: NamespaceComparison, namespace: string, scenarios: Scenario[], nodeName: string, count = false): Map<number, string> {
  const node = cmp.nodes.find((n) => n.metadata.name === nodeName);
  const minor = cluster().kubernetesMinor;
  // Counted once converged: comparisons where the prediction marks the read order as deciding, and of
  // those, how many matched kube-proxy only in another read order than the slices' as read back.
  const anyReadOrder = (slices: EndpointSlice[], family: string, decides: boolean, differences: (order: EndpointSlice[]) => string[]) => {
    const found = differencesInAnyReadOrder(slices, family, decides, differences);
    if (count && decides) {
      totals.readOrder.marked += 1;
      if (found.length === 0 && differences(slices).length > 0) totals.readOrder.otherOrder += 1;
    }
    return found;
  };
  // The explain view recomputed for another read order of the slices, with the options explain used.
  const reordered = (view: ProxyTargets, service: Service, order: EndpointSlice[], at: Node | undefined) => computeProxyTargets(service, order, {
    family: view.family, mode: view.mode, kubernetesMinor: minor,
    ...(at ? { nodeName: at.metadata.name, nodeLabels: at.metadata.labels ?? {} } : {}),
  });
  const failures = new Map<number, string>();
  for (const { family, clusterCIDR } of proxyFamilies()) {
    const nat = parseIptablesSave(iptablesSave('nat', family));
    const filter = parseIptablesSave(iptablesSave('filter', family));
    // The localhost NodePort counter line depends on the node's kernel (nfacct), not on the Service.
    const nfacct = usesLocalhostNfacct(nat);
    for (const s of scenarios) {
      const c = cmp.services.get(s.name);
      if (!c) continue;
      const predicted = predictedServiceRules(c.service, c.slices, node, clusterCIDR, nfacct, family, minor);
      const real = { ...realServiceRules(nat, namespace, s.name), filterRules: realFilterRules(filter, namespace, s.name) };
      const decides = readOrderDecides(computeProxyTargets(c.service, c.slices, { family, nodeName, kubernetesMinor: minor }));
      if (count) {
        const chains = Object.keys(real.natChains);
        const t = family === 'IPv4' ? totals : totals.ipv6;
        t.svcChains += chains.filter((c) => /^KUBE-(SVC|SVL)-/.test(c)).length;
        t.sepChains += chains.filter((c) => c.startsWith('KUBE-SEP-')).length;
        t.servicesRules += real.servicesRules.length;
        t.filterRules += real.filterRules.length;
      }
      const diff = anyReadOrder(c.slices, family, decides, (order) =>
        diffRules(order === c.slices ? predicted : predictedServiceRules(c.service, order, node, clusterCIDR, nfacct, family, minor), real));
      if (diff.length) {
        const text = diff.map((l) => `  - ${family === 'IPv6' ? '[ip6tables] ' : ''}${l}`).join('\n');
        failures.set(s.index, failures.has(s.index) ? `${failures.get(s.index)}\n${text}` : text);
      }
    }
  }
  // The whole `explain -o json` proxy view (every family, frontend, backend and share), not only the
  // chains the prediction names, against the real tables of both proxiers.
  const tables = new Map(proxyFamilies().map(({ family }) => [family, {
    nat: parseIptablesSave(iptablesSave('nat', family)), filter: parseIptablesSave(iptablesSave('filter', family)),
  }]));
  for (const s of scenarios) {
    const c = cmp.services.get(s.name);
    if (!c) continue;
    const view = cmp.explain(s.name, { nodeName });
    const text = viewFamilyProblems(c.service, view.proxyByFamily.map((v) => v.family));
    for (const familyView of view.proxyByFamily) {
      const table = tables.get(familyView.family);
      if (!table) continue;
      const { frontends, backends } = iptablesViewDifferences(familyView, table.nat, table.filter);
      const differences = anyReadOrder(view.proxySlices, familyView.family, readOrderDecides(familyView), (order) =>
        iptablesViewDifferences(order === view.proxySlices ? familyView : reordered(familyView, c.service, order, node), table.nat, table.filter).differences);
      if (count) {
        totals.explainView.iptablesFrontends += frontends;
        totals.explainView.iptablesBackends += backends;
        if (familyView.family === 'IPv6') totals.explainView.ipv6Frontends += frontends;
      }
      text.push(...differences.map((d) => `[explain -o json, iptables] ${d}`));
    }
    if (text.length) {
      const lines = text.map((l) => `  - ${l}`).join('\n');
      failures.set(s.index, failures.has(s.index) ? `${failures.get(s.index)}\n${lines}` : lines);
    }
  }
  // manual-endpoints-no-backend exactly where the real kube-proxy rejects a port of a selectorless Service
  // for want of endpoints ("has no endpoints" in the filter table). Cluster policies only: under a Local
  // policy one node's REJECT says nothing about the endpoints elsewhere.
  for (const s of scenarios) {
    const c = cmp.services.get(s.name);
    const spec = c?.service.spec;
    if (!c || !spec || Object.keys(spec.selector ?? {}).length > 0 || spec.type === 'ExternalName' || !spec.clusterIP || spec.clusterIP === 'None') continue;
    if (spec.internalTrafficPolicy === 'Local' || spec.externalTrafficPolicy === 'Local') continue;
    if ('service.kubernetes.io/service-proxy-name' in (c.service.metadata?.labels ?? {})) continue;
    const rejected = (spec.ports ?? []).filter((port) => [...tables.values()].some(({ filter }) =>
      (filter.rules.get('KUBE-SERVICES') ?? []).some((rule) => rule.includes(`"${namespace}/${s.name}${port.name ? `:${port.name}` : ''} has no endpoints"`))));
    const reported = (cmp.findings.get(s.name) ?? []).includes('manual-endpoints-no-backend');
    if (count && rejected.length > 0) totals.manualEndpointsRejected += 1;
    if ((rejected.length > 0) !== reported) {
      const line = `  - manual-endpoints-no-backend ${reported ? 'reported, but kube-proxy rejects no port' : `missing: kube-proxy rejects ${rejected.map((p) => p.name ?? p.port).join(', ')} for want of endpoints`}`;
      failures.set(s.index, failures.has(s.index) ? `${failures.get(s.index)}\n${line}` : line);
    }
  }
  const nft = cluster().nftProxy;
  if (nft) {
    const nftTables = new Map(proxyFamilies().map(({ family }) => [family, parseNftTable(nftList('table', family === 'IPv6' ? 'ip6' : 'ip', 'kube-proxy'))]));
    const nftAt = cmp.nodes.find((n) => n.metadata.name === nft.node);
    for (const s of scenarios) {
      const c = cmp.services.get(s.name);
      if (!c) continue;
      const view = cmp.explain(s.name, { nodeName: nft.node, proxyMode: 'nftables' });
      const text: string[] = [];
      for (const familyView of view.proxyByFamily) {
        const table = nftTables.get(familyView.family);
        if (!table) continue;
        const { frontends } = nftablesViewDifferences(familyView, table);
        const differences = anyReadOrder(view.proxySlices, familyView.family, readOrderDecides(familyView), (order) =>
          nftablesViewDifferences(order === view.proxySlices ? familyView : reordered(familyView, c.service, order, nftAt), table).differences);
        if (count) totals.explainView.nftablesFrontends += frontends;
        text.push(...differences.map((d) => `[explain -o json, nftables] ${d}`));
      }
      if (text.length) {
        const lines = text.map((l) => `  - ${l}`).join('\n');
        failures.set(s.index, failures.has(s.index) ? `${failures.get(s.index)}\n${lines}` : lines);
      }
    }
  }
  if (nft) {
    const nftNode = cmp.nodes.find((n) => n.metadata.name === nft.node);
    for (const { family } of proxyFamilies()) {
      const table = parseNftTable(nftList('table', family === 'IPv6' ? 'ip6' : 'ip', 'kube-proxy'));
      for (const s of scenarios) {
        const c = cmp.services.get(s.name);
        if (!c) continue;
        const { compared, localChains } = nftablesDifferences(c.service, c.slices, nftNode, table, family);
        const decides = readOrderDecides(computeProxyTargets(c.service, c.slices, { family, mode: 'nftables', kubernetesMinor: minor, ...(nftNode ? { nodeName: nft.node } : {}) }));
        const differences = anyReadOrder(c.slices, family, decides, (order) => nftablesDifferences(c.service, order, nftNode, table, family).differences);
        if (count) {
          totals.nftablesFrontends += compared;
          totals.nftablesLocalChains += localChains;
        }
        if (differences.length === 0) continue;
        const text = differences.map((l) => `  - [nftables ${family}] ${l}`).join('\n');
        failures.set(s.index, failures.has(s.index) ? `${failures.get(s.index)}\n${text}` : text);
      }
    }
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
  let mutationCount = 0;

  beforeAll(async () => {
    console.log(`[random-scenarios] SVC_EXPLAIN_SEED=${seed} SVC_EXPLAIN_SCENARIOS=${process.env.SVC_EXPLAIN_SCENARIOS ?? '0-239'} (${indices.length} scenarios in ${batches.length} batch(es))`);
    f = await fixture('rnd-nodes', { nodes: [{ name: `rnd-a-${randomSuffix()}`, zone: 'zone-a' }, { name: `rnd-b-${randomSuffix()}`, zone: 'zone-b' }, { name: `rnd-c-${randomSuffix()}` }] });
    // Pods also land on the kube-proxies' own Nodes, so Local policies have local endpoints there.
    const proxyNodes = [cluster().proxy?.node, cluster().nftProxy?.node].filter((node): node is string => Boolean(node));
    nodes = { existing: [...proxyNodes, ...f.nodes], ghost: 'ghost-node' };
  });
  afterAll(async () => {
    const tags = [...coverage.entries()].sort().map(([t, n]) => `${t}=${n}`).join(' ');
    console.log(`[random-scenarios] seed ${seed}; coverage: ${tags}\n${timings.join('\n')}\n  compared: ${JSON.stringify(totals)}; ${mutationCount} scenarios mutated and compared again`);
    await f?.cleanup();
  });

  for (const [b, batch] of batches.entries()) {
    it(`batch ${b + 1}/${batches.length}: scenarios ${batch[0]}..${batch[batch.length - 1]}`, async () => {
      // Node names carry a random suffix; the scenario text is otherwise the same for a seed (rnd-a: zone-a, rnd-b: zone-b, rnd-c: no zone).
      // A Node of this batch only, deleted after the first comparison: its Pods were published before.
      const doomed = `rnd-doomed-${b}-${randomSuffix()}`;
      await createNode(doomed, { zone: 'zone-b' });
      let doomedDeleted: string | null = null;
      const scenarios = batch.map((i) => generateScenario(seed, i, { ...nodes, doomed, kubernetesMinor: cluster().kubernetesMinor }));
      for (const s of scenarios) for (const t of s.tags) coverage.set(t, (coverage.get(t) ?? 0) + 1);
      const ns = await fixture(`rnd${b}`);
      const other = await fixture(`rnd${b}o`);
      try {
        const t0 = Date.now();
        await pool(scenarios, 6, (s) => createScenario(ns.namespace, s, other.namespace));
        const created = Date.now() - t0;
        const none = new Map<number, Mutation[]>();
        const phase = async (label: string, mutations: Map<number, Mutation[]>) => {
          const { failures, ms } = await converge(ns.namespace, scenarios, { doomed: doomedDeleted });
          const report = [...failures.entries()].map(([i, text]) => `${describeWith(scenarios.find((s) => s.index === i)!, mutations)}\n${text}`);
          let natMs = 0;
          let natReport: string[] = [];
          const proxy = cluster().proxy;
          if (proxy) {
            const ok = scenarios.filter((s) => !failures.has(s.index));
            const nat = await convergeNat(ns.namespace, ok, proxy.node);
            natMs = nat.ms;
            natReport = [...nat.failures.entries()].map(([i, text]) => `${describeWith(scenarios.find((s) => s.index === i)!, mutations)}\n  kube-proxy differs:\n${text}`);
          }
          timings.push(`  batch ${b + 1} ${label}: controllers converged in ${ms} ms, kube-proxy in ${natMs} ms`);
          expect(report, `${label}: prediction ≠ controllers in namespace ${ns.namespace} for ${report.length} scenario(s):\n${report.join('\n\n')}`).toEqual([]);
          // The differences first: a batch whose rules never converged compares no chain, and that says less.
          expect(natReport, `${label}: prediction ≠ kube-proxy in namespace ${ns.namespace} for ${natReport.length} scenario(s):\n${natReport.join('\n\n')}`).toEqual([]);
          expect(totals.sliceEndpoints, 'no EndpointSlice endpoint was compared').toBeGreaterThan(0);
          if (proxy) expect(totals.sepChains, 'no KUBE-SEP chain was compared').toBeGreaterThan(0);
          if (cluster().nftProxy) expect(totals.nftablesFrontends, 'no nftables map element was compared').toBeGreaterThan(0);
          if (proxy) expect(totals.explainView.iptablesBackends, 'no backend of the explain view was compared').toBeGreaterThan(0);
        };
        timings.push(`  batch ${b + 1}: ${scenarios.length} scenarios created in ${created} ms`);
        await phase('as created', none);
        await deleteNode(doomed);
        doomedDeleted = doomed;
        // Then change some of them (readiness flips, terminations, deletions, relabels, new Pods).
        const mutations = new Map(scenarios.map((s) => [s.index, generateMutations(s)]));
        const mutated = scenarios.filter((s) => mutations.get(s.index)!.length > 0);
        mutationCount += mutated.length;
        await pool(mutated, 6, async (s) => {
          for (const m of mutations.get(s.index)!) await applyMutation(ns.namespace, s, m);
        });
        await phase(`after mutating ${mutated.length}`, mutations);
      } finally {
        // Wait for the namespace to go, so its Pods' deletions do not compete with the next batch.
        // A cleanup failure is reported, but never hides the test's own error.
        if (!doomedDeleted) await deleteNode(doomed).catch(() => {});
        if (process.env.SVC_EXPLAIN_KEEP_SCENARIOS !== '1') {
          await deleteNamespace(ns.namespace, { wait: true }).catch((e) => console.warn(`[random-scenarios] cleanup of ${ns.namespace}: ${e}`));
          await deleteNamespace(other.namespace, { wait: true }).catch((e) => console.warn(`[random-scenarios] cleanup of ${other.namespace}: ${e}`));
        }
      }
    }, 600_000);
  }
});

// One large Service per run: more endpoints than fit in one EndpointSlice (100), so the controller
// splits them, and a KUBE-SVC chain with that many probability rules (1/130 ... 1/2).
describe(`large Service (seed ${seed})`, () => {
  it('130 Pods (seeded readiness): slices, Endpoints and kube-proxy chains as predicted', async () => {
    const f = await fixture('large', { nodes: [{ zone: 'zone-a' }] });
    try {
      const ns = f.namespace;
      const r = rng(scenarioSeed(seed, 1_000_000));
      const pods = Array.from({ length: 130 }, (_, i) => ({
        name: `big-${i}`, i, ready: r() < 0.85, node: cluster().proxy && r() < 0.5 ? cluster().proxy!.node : f.nodes[0],
      }));
      await pool(pods, 8, async (p) => {
        await createPod(ns, p.name, { labels: { app: 'big' }, node: p.node, ports: [{ name: 'http', containerPort: 8080 }] });
        await setPodStatus(ns, p.name, { phase: 'Running', ips: [`10.244.${200 + (p.i >> 7)}.${1 + (p.i & 127)}`], ready: p.ready });
      });
      await createService(ns, 'big', { selector: { app: 'big' }, ports: [{ name: 'http', port: 80, targetPort: 'http' as never }] });
      const fake = { seed, index: -1, name: 'big', service: {}, pods: [], tags: [] } as Scenario;
      const text = `large Service: 130 Pods, seed ${seed}, ready ${pods.filter((p) => p.ready).length}`;
      const { failures, cmp } = await converge(ns, [fake]);
      expect([...failures.values()], text).toEqual([]);
      const slices = cmp.services.get('big')!.slices;
      expect(slices.length, text).toBeGreaterThanOrEqual(2);
      expect(slices.flatMap((sl) => sl.endpoints ?? [])).toHaveLength(130);
      if (cluster().proxy) {
        const nat = await convergeNat(ns, [fake], cluster().proxy!.node);
        expect([...nat.failures.values()], text).toEqual([]);
      }
    } finally {
      await f.cleanup();
    }
  }, 300_000);
});

// The one difference the random runs found, pinned down: a real controller drift, not a prediction
// error. The endpoints and EndpointSlice controllers decide whether a Pod update matters with
// podEndpointsChanged (pkg/controller/util/endpoint), which looks at labels, hostname, deletion
// timestamp, readiness and IPs, but not at the phase. A Pod that is already not ready and then turns
// Failed (or Succeeded) keeps its IP, so the Service is not resynced and the stale not-ready endpoint
// stays until something else touches the Service. A full resync would drop it (terminal Pods are never
// endpoints), which is what svc-explain predicts, so it reports the stale endpoint as drift.
// If a Kubernetes release fixes this, the first assertion fails: delete this test and the 'fail'
// restriction in generateMutations.
describe('known controller drift', () => {
  it('an unready Pod that turns Failed stays in Endpoints and EndpointSlices; svc-explain reports it', async () => {
    const f = await fixture('drift', { nodes: [{ zone: 'zone-a' }] });
    try {
      const ns = f.namespace;
      const port = [{ name: 'http', containerPort: 8080 }];
      const endpointsOf = (c: NamespaceComparison, name: string) => c.services.get(name)!.slices.flatMap((sl) => sl.endpoints ?? []);
      // A sync of the Service that was still queued when p0 turned Failed (a busy controller manager)
      // would drop p0 legitimately; try up to three times, one clean observation proves the drift.
      const seen: string[] = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        const [d, c, p0, p1, c0] = [`drift-${attempt}`, `control-${attempt}`, `p0-${attempt}`, `p1-${attempt}`, `c0-${attempt}`];
        const ip = (k: number) => `10.244.79.${attempt * 10 + k}`;
        await createPod(ns, p0, { labels: { app: d }, node: f.nodes[0], ports: port });
        await setPodStatus(ns, p0, { phase: 'Running', ips: [ip(1)], ready: false });
        await createPod(ns, p1, { labels: { app: d }, node: f.nodes[0], ports: port });
        await setPodStatus(ns, p1, { phase: 'Running', ips: [ip(2)], ready: true });
        // A control Service whose Pod is ready before it fails.
        await createPod(ns, c0, { labels: { app: c }, node: f.nodes[0], ports: port });
        await setPodStatus(ns, c0, { phase: 'Running', ips: [ip(3)], ready: true });
        await createService(ns, d, { selector: { app: d }, ports: [{ name: 'http', port: 80, targetPort: 'http' as never }] });
        await createService(ns, c, { selector: { app: c }, ports: [{ name: 'http', port: 80, targetPort: 'http' as never }] });
        await waitFor(async () => {
          const cmp = await compareNamespace(cluster().kubeconfig, ns);
          expect(endpointsOf(cmp, d)).toHaveLength(2);
          expect(endpointsOf(cmp, c)).toHaveLength(1);
          for (const x of [cmp.services.get(d)!, cmp.services.get(c)!]) expect([...x.sliceDifferences, ...x.endpointsDifferences]).toEqual([]);
          return true;
        }, { what: 'all Pods published as predicted' });
        await sleep(3000); // let queued syncs of the new Services run

        // p0 (not ready) turns Failed: same IPs, same readiness, only the phase changes. c0 (ready)
        // turns Failed too: its readiness changes, so its Service is resynced and c0 leaves.
        await setPodStatus(ns, p0, { phase: 'Failed', ips: [ip(1)], ready: false });
        await setPodStatus(ns, c0, { phase: 'Failed', ips: [ip(3)], ready: false });
        await waitFor(async () => endpointsOf(await compareNamespace(cluster().kubeconfig, ns), c).length === 0,
          { timeoutMs: 30_000, what: `${c0} (ready, then Failed) leaves the control Service` });
        await sleep(2000);
        const svc = (await compareNamespace(cluster().kubeconfig, ns)).services.get(d)!;
        const kept = svc.slices.flatMap((sl) => sl.endpoints ?? []).filter((e) => e.addresses.includes(ip(1)));
        seen.push(`attempt ${attempt + 1}: ${kept.length ? 'stale endpoint kept' : 'endpoint removed'}`);
        if (!kept.length) continue;
        expect(kept[0].conditions?.ready).toBe(false);
        // svc-explain predicts the resynced state, so it names the stale endpoint in both objects.
        expect(svc.sliceDifferences.map((x) => x.kind)).toContain('unexpected-endpoint');
        expect(svc.endpointsDifferences.map((x) => x.message).join('\n')).toContain(`unexpected address ${ip(1)} (Pod ${p0})`);
        return;
      }
      expect.fail(`Kubernetes dropped the unready Pod that turned Failed every time (${seen.join('; ')}): if a release fixed podEndpointsChanged, remove this test and the 'fail' restriction in generateMutations`);
    } finally {
      await f.cleanup();
    }
  });

  // Same mechanism, other trigger: the controllers skip Pods whose Node does not exist only when they
  // sync the Service; deleting the Node later does not resync it, so its Pods stay published.
  it('Pods of a Node deleted after they were published stay; svc-explain reports them', async () => {
    const f = await fixture('drift-node', { nodes: [{ zone: 'zone-a' }, { zone: 'zone-b' }] });
    try {
      const ns = f.namespace;
      const port = [{ name: 'http', containerPort: 8080 }];
      const seen: string[] = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        const svcName = `gone-${attempt}`;
        const doomed = attempt === 0 ? f.nodes[1] : `drift-node-${randomSuffix()}`;
        if (attempt > 0) await createNode(doomed, { zone: 'zone-b' });
        const ip = (k: number) => `10.244.80.${attempt * 10 + k}`;
        await createPod(ns, `a-${attempt}`, { labels: { app: svcName }, node: f.nodes[0], ports: port });
        await setPodStatus(ns, `a-${attempt}`, { phase: 'Running', ips: [ip(1)], ready: true });
        await createPod(ns, `b-${attempt}`, { labels: { app: svcName }, node: doomed, ports: port });
        await setPodStatus(ns, `b-${attempt}`, { phase: 'Running', ips: [ip(2)], ready: true });
        await createService(ns, svcName, { selector: { app: svcName }, ports: [{ name: 'http', port: 80, targetPort: 'http' as never }] });
        await waitFor(async () => {
          const c = (await compareNamespace(cluster().kubeconfig, ns)).services.get(svcName)!;
          expect(c.slices.flatMap((sl) => sl.endpoints ?? [])).toHaveLength(2);
          expect([...c.sliceDifferences, ...c.endpointsDifferences]).toEqual([]);
          return true;
        }, { what: 'both Pods published as predicted' });
        await sleep(3000);
        await deleteNode(doomed);
        await sleep(3000);
        const svc = (await compareNamespace(cluster().kubeconfig, ns)).services.get(svcName)!;
        const kept = svc.slices.flatMap((sl) => sl.endpoints ?? []).filter((e) => e.addresses.includes(ip(2)));
        seen.push(`attempt ${attempt + 1}: ${kept.length ? 'stale endpoint kept' : 'endpoint removed'}`);
        if (!kept.length) continue;
        expect(svc.sliceDifferences.map((x) => x.message).join('\n')).toContain(`unexpected IPv4 endpoint ${ip(2)}`);
        return;
      }
      expect.fail(`the EndpointSlice controller dropped the Pod of the deleted Node every time (${seen.join('; ')}): remove this test if Kubernetes now resyncs on Node deletion`);
    } finally {
      await f.cleanup();
    }
  });
});

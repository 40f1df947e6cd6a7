// Read a namespace back from the test cluster through the tool's own live data path (KubeApi →
// readNamespaceObjects → assembleClusterSnapshot → runAnalysis → explainLive) and line predictions up
// with what the real controllers and kube-proxy produced.
import { runAnalysis } from '../../../src/core/analyze.js';
import type { EndpointSlice, Node, Service } from '../../../src/core/kubernetes-types.js';
import { explainLive, type LiveExplanation } from '../../../src/core/live/explain-live.js';
import type { ProxyMode } from '../../../src/core/predict/proxy-target-types.js';
import { diffEndpointSlices } from '../../../src/core/predict/compare.js';
import type { Difference } from '../../../src/core/predict/difference.js';
import { predictIptablesRules } from '../../../src/core/predict/iptables-rules.js';
import { assembleClusterSnapshot } from '../../../src/sources/cluster/cluster-snapshot.js';
import { KubeApi } from '../../../src/sources/cluster/kube-api.js';
import { readNamespaceObjects } from '../../../src/sources/cluster/read-cluster.js';
import { withServerVersion } from '../../../src/sources/cluster/read-version.js';
import type { NatTable } from './k8s.js';


export interface ServiceComparison {
  name: string;
  service: Service;
  sliceDifferences: Difference[];
  endpointsDifferences: Difference[];
  /** Extra facts the comparison does not cover (e.g. ExternalName must publish nothing). */
  problems: string[];
  /** Actual slices of the Service (any manager), for kube-proxy's prediction. */
  slices: EndpointSlice[];
  /** Addresses in the actual Endpoints object (ready and not ready). */
  endpointsAddresses: number;
  summary: string;
}

export interface NamespaceComparison {
  services: Map<string, ServiceComparison>;
  /** `explain SERVICE --node NODE [--proxy-mode nftables] -o json` for one Service, from the same read. */
  explain(name: string, options: { nodeName?: string; proxyMode?: ProxyMode }): LiveExplanation;
  /** The check ids reported for each Service (the namespace's whole analysis, as `check -n` runs it). */
  findings: Map<string, string[]>;
  nodes: Node[];
  /** resourceVersions of every Endpoints and EndpointSlice in the namespace: changes while controllers work. */
  signature: string;
}

let api: Promise<KubeApi> | undefined;
let apiConfig: string | undefined;

function connect(kubeconfig: string): Promise<KubeApi> {
  if (!api || apiConfig !== kubeconfig) {
    api = KubeApi.connect({ kubeconfig, requestTimeout: 30_000 });
    apiConfig = kubeconfig;
  }
  return api;
}

function summarizeSlices(slices: EndpointSlice[]): string {
  return slices
    .map((s) => `${s.addressType} [${(s.ports ?? []).map((p) => `${p.name ?? ''}:${p.port}/${p.protocol}`).join(' ')}] ` +
      (s.endpoints ?? []).map((e) => `${e.addresses.join('|')}${e.targetRef ? `(${e.targetRef.name})` : ''}` +
        `{r=${e.conditions?.ready},s=${e.conditions?.serving},t=${e.conditions?.terminating}${e.hostname ? `,h=${e.hostname}` : ''}${e.nodeName ? `,n=${e.nodeName}` : ''}${e.zone ? `,z=${e.zone}` : ''}}`).join(' '))
    .sort()
    .join('; ');
}

/** Compare predicted and actual Endpoints/EndpointSlices for every Service of `namespace`, the way `explain` does. */
export async function compareNamespace(kubeconfig: string, namespace: string): Promise<NamespaceComparison> {
  // As the CLI does: the objects, then the server's minor (/version), which decides nftables rule shapes.
  const api = await connect(kubeconfig);
  const objects = await readNamespaceObjects(api, namespace);
  const snapshot = await withServerVersion(api, Promise.resolve(assembleClusterSnapshot(objects)));
  const { context, report } = runAnalysis(snapshot);
  const findings = new Map<string, string[]>();
  for (const finding of report.findings) findings.set(finding.object.name, [...(findings.get(finding.object.name) ?? []), finding.check]);
  const explain = (name: string, options: { nodeName?: string; proxyMode?: ProxyMode }) => {
    const analysis = context.services.find((candidate) => candidate.entry.ref.name === name);
    if (!analysis) throw new Error(`Service ${name} not read back`);
    return explainLive(snapshot, context.index, analysis, options);
  };
  const services = new Map<string, ServiceComparison>();
  for (const analysis of context.services) {
    // As `explain` runs it (content only), and strictly (labels and annotations too, as the suite
    // wants); then the slices once more with hints, which explain skips for PreferSameZone/Node.
    const live = explainLive(snapshot, context.index, analysis, { compareMetadata: true });
    const asExplain = explainLive(snapshot, context.index, analysis);
    const withHints = diffEndpointSlices(live.endpointSlices.predicted, live.endpointSlices.actual, { ignoreMetadata: true })
      .filter((d) => d.kind === 'hints');
    const service = analysis.entry.object;
    const name = analysis.entry.ref.name;
    const mine = objects.endpointSlices.filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === name);
    const problems: string[] = [];
    if (service.spec?.type === 'ExternalName') {
      if (mine.length) problems.push(`ExternalName Service has ${mine.length} EndpointSlice(s)`);
      if (objects.endpoints.some((e) => e.metadata.name === name)) problems.push('ExternalName Service has an Endpoints object');
    }
    if (live.endpointSlices.unavailable || live.endpoints.unavailable) problems.push('endpoints or endpointslices unreadable');
    // The controllers always write both objects for a selector Service, even empty ones. The
    // comparison treats a missing Endpoints like an empty one, so check their existence here.
    if (analysis.selector && service.spec?.type !== 'ExternalName') {
      if (!live.endpoints.actual) problems.push('no Endpoints object (yet)');
      if (live.endpointSlices.actual.length === 0) problems.push('no EndpointSlice (yet)');
    }
    const ep = live.endpoints.actual;
    services.set(name, {
      name,
      service,
      sliceDifferences: [...live.endpointSlices.differences, ...withHints, ...asExplain.endpointSlices.differences.filter((d) => !live.endpointSlices.differences.some((x) => x.message === d.message))],
      endpointsDifferences: [...live.endpoints.differences, ...asExplain.endpoints.differences.filter((d) => !live.endpoints.differences.some((x) => x.message === d.message))],
      problems,
      slices: mine,
      endpointsAddresses: (ep?.subsets ?? []).reduce((n, sub) => n + (sub.addresses ?? []).length + (sub.notReadyAddresses ?? []).length, 0),
      summary: [
        `    predicted slices: ${summarizeSlices(live.endpointSlices.predicted)}`,
        `    actual slices:    ${summarizeSlices(live.endpointSlices.actual)}`,
        `    predicted endpoints: ${JSON.stringify(live.endpoints.predicted?.subsets ?? null)}`,
        `    actual endpoints:    ${JSON.stringify(ep?.subsets ?? null)}`,
      ].join('\n'),
    });
  }
  const signature = [
    ...objects.endpoints.map((o) => `ep/${o.metadata.name}@${o.metadata.resourceVersion}`),
    ...objects.endpointSlices.map((o) => `eps/${o.metadata.name}@${o.metadata.resourceVersion}`),
  ]
    .sort()
    .join(',');
  return { services, nodes: objects.nodes, signature, explain, findings };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The real nat lines of one Service: its KUBE-SERVICES/KUBE-NODEPORTS lines and its own chains (rules in order). */
export function realServiceRules(nat: NatTable, namespace: string, name: string): { servicesRules: string[]; nodePortsRules: string[]; natChains: Record<string, string[]> } {
  const mention = new RegExp(`--comment "?[^"]*\\b${escapeRe(`${namespace}/${name}`)}(?=[: "])`);
  const line = (chain: string, rule: string) => `-A ${chain} ${rule}`;
  const servicesRules = (nat.rules.get('KUBE-SERVICES') ?? []).filter((r) => mention.test(r)).map((r) => line('KUBE-SERVICES', r));
  const nodePortsRules = (nat.rules.get('KUBE-NODEPORTS') ?? []).filter((r) => mention.test(r)).map((r) => line('KUBE-NODEPORTS', r));
  const natChains: Record<string, string[]> = {};
  for (const [chain, rules] of nat.rules) {
    if (!/^KUBE-(SVC|SVL|EXT|FW|SEP)-/.test(chain)) continue;
    if (!rules.some((r) => mention.test(r))) continue;
    natChains[chain] = rules.map((r) => line(chain, r));
  }
  return { servicesRules, nodePortsRules, natChains };
}

/** The real filter-table lines of one Service (REJECT/DROP for no endpoints, health checks, firewalls), any chain. */
export function realFilterRules(filter: NatTable, namespace: string, name: string): string[] {
  const mention = new RegExp(`--comment "?[^"]*\\b${escapeRe(`${namespace}/${name}`)}(?=[: "])`);
  const out: string[] = [];
  for (const [chain, rules] of filter.rules) for (const r of rules) if (mention.test(r)) out.push(`-A ${chain} ${r}`);
  return out;
}

/**
 * Predicted nat lines for one Service on kube-proxy's Node, from the actual slices (what kube-proxy
 * reads), for the proxier of one IP family (iptables-save for IPv4, ip6tables-save for IPv6).
 */
export function predictedServiceRules(service: Service, slices: EndpointSlice[], node: Node | undefined, clusterCIDR: string, localhostNodePortsNfacct = false, family: 'IPv4' | 'IPv6' = 'IPv4', kubernetesMinor?: number) {
  const p = predictIptablesRules(service, slices, {
    family,
    ...(kubernetesMinor ? { kubernetesMinor } : {}),
    ...(node ? { nodeName: node.metadata.name, nodeLabels: node.metadata.labels ?? {} } : {}),
    localDetector: { mode: 'ClusterCIDR', cidr: clusterCIDR },
    localhostNodePortsNfacct,
  });
  return { servicesRules: p.servicesRules, nodePortsRules: p.nodePortsRules, natChains: p.natChains, filterRules: p.filterRules };
}

/**
 * Whether this kube-proxy writes the localhost NodePort nfacct line: a property of the node (kernel
 * nfacct support, iptables.localhostNodePorts), seen from any rule using the counter.
 */
export function usesLocalhostNfacct(nat: NatTable): boolean {
  return (nat.rules.get('KUBE-NODEPORTS') ?? []).some((r) => r.includes('localhost_nps_accepted_pkts'));
}

/** Differences between predicted and real rules: KUBE-SERVICES/NODEPORTS lines as sets, each chain rule by rule. */
export function diffRules(predicted: ReturnType<typeof predictedServiceRules>, real: ReturnType<typeof realServiceRules> & { filterRules?: string[] }): string[] {
  const out: string[] = [];
  const setDiff = (what: string, want: string[], got: string[]) => {
    for (const l of want) if (!got.includes(l)) out.push(`${what}: missing ${l}`);
    for (const l of got) if (!want.includes(l)) out.push(`${what}: unexpected ${l}`);
  };
  setDiff('KUBE-SERVICES', predicted.servicesRules, real.servicesRules);
  setDiff('KUBE-NODEPORTS', predicted.nodePortsRules, real.nodePortsRules);
  if (real.filterRules) setDiff('filter table', predicted.filterRules, real.filterRules);
  const chains = [...new Set([...Object.keys(predicted.natChains), ...Object.keys(real.natChains)])].sort();
  for (const chain of chains) {
    const want = predicted.natChains[chain];
    const got = real.natChains[chain];
    if (!want) {
      out.push(`unexpected chain ${chain}:\n      ${got.join('\n      ')}`);
      continue;
    }
    if (!got) {
      out.push(`missing chain ${chain}:\n      ${want.join('\n      ')}`);
      continue;
    }
    const n = Math.max(want.length, got.length);
    for (let i = 0; i < n; i++) {
      if (want[i] !== got[i]) out.push(`${chain} rule ${i + 1}:\n      predicted ${want[i] ?? '<none>'}\n      real      ${got[i] ?? '<none>'}`);
    }
  }
  return out;
}

// The DNS oracle's two sides: the records explain predicts for every Service of the cluster (read back
// through the tool's own live data path, as `explain` composes them), and the zone CoreDNS transfers.
import { runAnalysis } from '../../../src/core/analyze.js';
import { recordLine } from '../../../src/core/dns/dns-record.js';
import { buildDnsView } from '../../../src/core/dns/dns-view.js';
import type { Service } from '../../../src/core/kubernetes-types.js';
import { explainLive } from '../../../src/core/live/explain-live.js';
import { assembleClusterSnapshot } from '../../../src/sources/cluster/cluster-snapshot.js';
import { KubeApi } from '../../../src/sources/cluster/kube-api.js';
import { readNamespaceObjects } from '../../../src/sources/cluster/read-cluster.js';
import { withServerVersion } from '../../../src/sources/cluster/read-version.js';

/** One Service's predicted records: from the actual EndpointSlices (live) and from the predicted ones. */
export interface ServiceRecords {
  namespace: string;
  name: string;
  service: Service;
  live: string[];
  /** From the controllers' predicted slices plus the slices no controller manages (hand-made, mesh). */
  predicted: string[];
  /** The DNS view's notes (FQDN endpoints, which queries answer apart from the zone). */
  notes: string[];
  /** The endpoint prediction differs from the controllers' slices (the random-scenario suite's subject). */
  sliceDifferences: number;
}

let api: Promise<KubeApi> | undefined;

/** Every Service of the cluster with its predicted records, one line each ("name. TYPE data"). */
export async function predictZone(kubeconfig: string, domain: string): Promise<ServiceRecords[]> {
  api ??= KubeApi.connect({ kubeconfig, requestTimeout: 30_000 });
  const client = await api;
  const objects = await readNamespaceObjects(client, null);
  const snapshot = await withServerVersion(client, Promise.resolve(assembleClusterSnapshot(objects)));
  const { context } = runAnalysis(snapshot, { mode: 'cluster' });
  return context.services.map((analysis) => {
    const live = explainLive(snapshot, context.index, analysis);
    const service = analysis.entry.object;
    const own = new Set(live.endpointSlices.actual.map((slice) => slice.metadata.name));
    const unmanaged = live.proxySlices.filter((slice) => !own.has(slice.metadata.name));
    const lines = (slices: typeof unmanaged, source: 'actual' | 'predicted') =>
      buildDnsView(service, slices, source, domain).records.map(recordLine);
    const notes = buildDnsView(service, live.proxySlices, live.proxySource, domain).notes;
    return {
      namespace: analysis.entry.ref.namespace,
      name: analysis.entry.ref.name,
      service,
      live: lines(live.proxySlices, live.proxySource),
      predicted: lines([...live.endpointSlices.predicted, ...unmanaged], 'predicted'),
      notes,
      sliceDifferences: live.endpointSlices.differences.length,
    };
  });
}

/** The zone's own records (SOA, NS, the name server's address), which belong to no Service. */
export function isApexRecord(line: string, domain: string): boolean {
  const [name, type] = line.split(' ');
  return type === 'SOA' || type === 'NS' || name === `ns.dns.${domain}.`;
}

/** Multiset difference: lines of `want` missing from `got` and lines of `got` not in `want`. */
export function lineDifferences(want: readonly string[], got: readonly string[]): { missing: string[]; unexpected: string[] } {
  const counts = new Map<string, number>();
  for (const line of got) counts.set(line, (counts.get(line) ?? 0) + 1);
  const missing: string[] = [];
  for (const line of want) {
    const n = counts.get(line) ?? 0;
    if (n === 0) missing.push(line);
    else counts.set(line, n - 1);
  }
  const unexpected = [...counts.entries()].flatMap(([line, n]) => Array<string>(n).fill(line));
  return { missing: missing.sort(), unexpected: unexpected.sort() };
}

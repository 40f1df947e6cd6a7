import type { LabelMap } from '../kubernetes-types.js';
import { effectiveSelector, matchesSelector } from '../selector.js';
import { workloadOf, type Snapshot, type SnapshotPod } from '../snapshot.js';
import { canReach, DNS_POD_LABELS, type CanReachVerdict } from './can-reach.js';
import { policyContextOf, policyPodOf } from './policy-context.js';
import type { PolicyPod } from './evaluate.js';

/** The client of `can-reach`: a Pod (or, offline, a workload whose template stands for its Pods), or labels in a namespace. */
export type CanReachClient = { pod: string; namespace: string } | { labels: LabelMap; namespace: string };

/** What can go wrong before there is an answer: a name that is not in the snapshot. */
export type CanReachLookup = { verdict: CanReachVerdict } | { missing: string };

function findClient(snapshot: Snapshot, client: CanReachClient): { pod: PolicyPod; name: string | null } | null {
  if ('labels' in client) return { pod: { ref: { kind: 'Pod', namespace: client.namespace, name: '(client)' }, namespace: client.namespace, labels: client.labels, ips: [], ports: [] }, name: null };
  const found = snapshot.pods.find((pod) => pod.ref.namespace === client.namespace && (pod.ref.name === client.pod || workloadOf(pod).name === client.pod));
  return found ? { pod: policyPodOf(found), name: client.pod } : null;
}

/** Resolves the Service, its Pods, the client and the DNS Pods in a snapshot, then answers can-reach. Pure. */
export function canReachInSnapshot(snapshot: Snapshot, input: { namespace: string; service: string; port?: string; client: CanReachClient }): CanReachLookup {
  const entry = snapshot.services.find((candidate) => candidate.ref.namespace === input.namespace && candidate.ref.name === input.service);
  if (!entry) return { missing: `service "${input.service}" not found in namespace "${input.namespace}"` };
  const client = findClient(snapshot, input.client);
  if (!client) return { missing: `pod "${'pod' in input.client ? input.client.pod : ''}" not found in namespace "${input.client.namespace}"` };
  const ports = entry.object.spec?.ports ?? [];
  if (input.port && !ports.some((port) => port.name === input.port || String(port.port) === input.port)) {
    return { missing: `service "${input.service}" has no port "${input.port}" (ports: ${ports.map((port) => port.name || String(port.port)).join(', ') || 'none'})` };
  }
  const selector = effectiveSelector(entry.object);
  const pods: SnapshotPod[] = selector ? snapshot.pods.filter((pod) => pod.ref.namespace === input.namespace && matchesSelector(pod.labels, selector)) : [];
  const dnsPods = snapshot.pods.filter((pod) => pod.ref.namespace === 'kube-system' && matchesSelector(pod.labels, DNS_POD_LABELS));
  const verdict = canReach(policyContextOf(snapshot), { client: client.pod, clientPod: client.name, service: entry.object, serviceRef: entry.ref, pods, dnsPods, ...(input.port ? { port: input.port } : {}) });
  if (!selector) verdict.notes.push('the Service has no selector: its endpoints are not Pods this tool can check');
  else if (pods.length === 0) verdict.notes.push('the Service selects no Pod: nothing to connect to');
  return { verdict };
}

import type { Check, CheckContext, CheckResult } from '../../check.js';
import { formatRef, type Entry } from '../../snapshot.js';
import { formatLabelSelector, isEmptyLabelSelector, matchesLabelSelector } from '../../label-selector.js';
import { NAMESPACE_NAME_LABEL } from '../policy-context.js';
import type { LabelSelector, NetworkPolicy, NetworkPolicyPeer } from '../types.js';
import { namespaceHasPods, onPolicy, policiesReadable } from './policy-helpers.js';
import { namespaceSelectorNearMisses, podSelectorNearMisses, type PeerNamespace } from './peer-near-misses.js';

/** labels null when the input has no Namespace object: only the name label is certain. */
type KnownNamespace = PeerNamespace;

function knownNamespaces(context: CheckContext): KnownNamespace[] {
  const byName = new Map<string, KnownNamespace>();
  for (const entry of context.snapshot.namespaces) byName.set(entry.ref.name, { name: entry.ref.name, labels: { ...(entry.object.metadata.labels ?? {}), [NAMESPACE_NAME_LABEL]: entry.ref.name } });
  if (context.snapshot.source === 'manifests') {
    for (const pod of context.snapshot.pods) if (!byName.has(pod.ref.namespace)) byName.set(pod.ref.namespace, { name: pod.ref.namespace, labels: null });
  }
  return [...byName.values()];
}

/** Namespaces a selector matches; null when it cannot be told (a namespace without labels in the input). */
function namespacesMatching(selector: LabelSelector, namespaces: KnownNamespace[]): string[] | null {
  const onlyName = Object.keys(selector.matchLabels ?? {}).every((key) => key === NAMESPACE_NAME_LABEL) && (selector.matchExpressions ?? []).every((e) => e.key === NAMESPACE_NAME_LABEL);
  const matched: string[] = [];
  for (const namespace of namespaces) {
    if (namespace.labels === null && !onlyName) return null;
    if (matchesLabelSelector(selector, namespace.labels ?? { [NAMESPACE_NAME_LABEL]: namespace.name })) matched.push(namespace.name);
  }
  return matched;
}

function namespaceHint(selector: LabelSelector, namespaces: KnownNamespace[]): string {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (key !== NAMESPACE_NAME_LABEL && namespaces.some((namespace) => namespace.name === value)) {
      return ` Namespace ${value} exists but has no label ${key}=${value}: select it by ${NAMESPACE_NAME_LABEL}: ${value}, the label the API server sets on every namespace.`;
    }
  }
  return '';
}

function checkPeer(context: CheckContext, entry: Entry<NetworkPolicy>, peer: NetworkPolicyPeer, where: string, namespaces: KnownNamespace[]): CheckResult | null {
  if (peer.ipBlock) return null;
  let targets: string[] = [entry.ref.namespace];
  if (peer.namespaceSelector && !isEmptyLabelSelector(peer.namespaceSelector)) {
    if (context.snapshot.unavailable.includes('namespaces')) return null;
    const matched = namespacesMatching(peer.namespaceSelector, namespaces);
    if (matched === null) return null;
    if (matched.length === 0) {
      const hint = namespaceHint(peer.namespaceSelector, namespaces) || namespaceSelectorNearMisses(peer.namespaceSelector, namespaces);
      // A manifest set rarely holds every namespace of the cluster: there, only a telling mistake is reported.
      if (context.snapshot.source === 'manifests' && !hint) return null;
      return onPolicy(entry, `${where}: namespaceSelector ${formatLabelSelector(peer.namespaceSelector)} selects no namespace, so this peer admits nothing.${hint}`);
    }
    targets = matched;
  } else if (peer.namespaceSelector) {
    targets = namespaces.map((namespace) => namespace.name);
  }
  if (!peer.podSelector || isEmptyLabelSelector(peer.podSelector)) return null;
  if (!targets.every((namespace) => namespaceHasPods(context, namespace))) return null;
  const selector = peer.podSelector;
  if (context.snapshot.pods.some((pod) => targets.includes(pod.ref.namespace) && matchesLabelSelector(selector, pod.labels))) return null;
  const nearMisses = podSelectorNearMisses(context, selector, targets);
  return onPolicy(entry, `${where}: podSelector ${formatLabelSelector(selector)} selects no Pod in ${targets.length === 1 ? `namespace ${targets[0]}` : `namespaces ${targets.join(', ')}`}, so this peer admits nothing.${nearMisses}`);
}

/** Rule peers whose selectors select nothing: the rule looks like it allows someone and allows nobody. */
export const networkPolicyPeerSelectsNothing: Check = {
  id: 'network-policy-peer-selects-nothing',
  severity: 'warning',
  title: 'NetworkPolicy rule peer selects no namespace or Pod',
  modes: ['manifests', 'cluster'],
  help:
    'A from/to peer chooses Pods by namespaceSelector (namespace labels) and podSelector (Pod labels). This one matches nothing, ' +
    'so the rule admits nobody. The usual cause is a namespaceSelector on a label the namespace does not carry (name: web): every ' +
    'namespace has the label kubernetes.io/metadata.name set by the API server, so select by that. A manifest set rarely holds ' +
    'every namespace, so there a namespaceSelector is reported only when a namespace of that name exists without the label ' +
    'or one misses it by a look-alike label. As for Service selectors, the finding lists near misses of a matchLabels ' +
    'selector: Pods and pod templates that differ by one label (a look-alike key or value, or one key missing), and ' +
    'namespaces whose labels differ by a look-alike key or value.',
  run(context) {
    if (!policiesReadable(context)) return [];
    const namespaces = knownNamespaces(context);
    const results: CheckResult[] = [];
    for (const entry of context.snapshot.networkPolicies) {
      for (const direction of ['ingress', 'egress'] as const) {
        (entry.object.spec?.[direction] ?? []).forEach((rule, ruleIndex) => {
          const peers = (direction === 'ingress' ? rule.from : rule.to) ?? [];
          peers.forEach((peer, peerIndex) => {
            const where = `${formatRef(entry.ref)} spec.${direction}[${ruleIndex}].${direction === 'ingress' ? 'from' : 'to'}[${peerIndex}]`;
            const result = checkPeer(context, entry, peer, where, namespaces);
            if (result) results.push(result);
          });
        });
      }
    }
    return results;
  },
};

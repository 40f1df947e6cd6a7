import type { ObjectRef } from '../snapshot.js';
import { formatLabelSelector, isEmptyLabelSelector } from '../label-selector.js';
import type { NetworkPolicyPeer } from './types.js';

/** One peer of a rule in words: "Pods app=web in namespace shop", "every Pod in namespaces team=a", "10.0.0.0/8 except …". */
export function describePeer(peer: NetworkPolicyPeer, policy: ObjectRef): string {
  if (peer.ipBlock) {
    const except = Array.isArray(peer.ipBlock.except) && peer.ipBlock.except.length > 0 ? ` except ${peer.ipBlock.except.join(', ')}` : '';
    return `addresses in ${String(peer.ipBlock.cidr)}${except}`;
  }
  const pods = !peer.podSelector || isEmptyLabelSelector(peer.podSelector) ? 'every Pod' : `Pods ${formatLabelSelector(peer.podSelector)}`;
  if (!peer.namespaceSelector) return `${pods} in namespace ${policy.namespace}`;
  if (isEmptyLabelSelector(peer.namespaceSelector)) return `${pods} in every namespace`;
  return `${pods} in namespaces ${formatLabelSelector(peer.namespaceSelector)}`;
}

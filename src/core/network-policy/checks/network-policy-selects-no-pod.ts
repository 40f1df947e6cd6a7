import type { Check } from '../../check.js';
import { formatRef } from '../../snapshot.js';
import { formatLabelSelector } from '../../label-selector.js';
import { namespaceHasPods, onPolicy, podsSelectedBy, policiesReadable } from './policy-helpers.js';

/** A policy whose podSelector selects nothing protects nothing: usually a label typo. */
export const networkPolicySelectsNoPod: Check = {
  id: 'network-policy-selects-no-pod',
  severity: 'warning',
  title: 'NetworkPolicy podSelector selects no Pod',
  modes: ['manifests', 'cluster'],
  help:
    "spec.podSelector chooses the Pods of the policy's namespace that the policy isolates and allows traffic for. It matches " +
    'none, so the policy has no effect: compare it with the pod template labels of the workload it is meant for. In manifests ' +
    'this is reported only when the namespace has workloads in the input.',
  run(context) {
    if (!policiesReadable(context)) return [];
    return context.snapshot.networkPolicies
      .filter((entry) => namespaceHasPods(context, entry.ref.namespace) && podsSelectedBy(context, entry).length === 0)
      .map((entry) =>
        onPolicy(entry, `${formatRef(entry.ref)}: spec.podSelector ${formatLabelSelector(entry.object.spec?.podSelector ?? {})} selects no Pod in namespace ${entry.ref.namespace}, so the policy has no effect.`),
      );
  },
};

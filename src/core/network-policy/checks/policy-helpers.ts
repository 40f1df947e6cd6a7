import type { CheckContext, CheckResult } from '../../check.js';
import type { Entry, SnapshotPod } from '../../snapshot.js';
import { matchesLabelSelector } from '../../label-selector.js';
import { onEntry } from '../../checks/check-helpers.js';
import type { NetworkPolicy } from '../types.js';

/** The Pods (or templates) a policy's spec.podSelector selects in its namespace. */
export function podsSelectedBy(context: CheckContext, entry: Entry<NetworkPolicy>): SnapshotPod[] {
  const selector = entry.object.spec?.podSelector ?? {};
  return context.snapshot.pods.filter((pod) => pod.ref.namespace === entry.ref.namespace && matchesLabelSelector(selector, pod.labels));
}

/** Whether the input holds any Pod or workload in the namespace, so "selects nothing" can be told from "not in the input". */
export function namespaceHasPods(context: CheckContext, namespace: string): boolean {
  return context.snapshot.pods.some((pod) => pod.ref.namespace === namespace);
}

/** A finding on a NetworkPolicy, pointing at its file and line when it came from a manifest. */
export function onPolicy(entry: Entry<NetworkPolicy>, message: string, severity?: CheckResult['severity']): CheckResult {
  return onEntry(entry, message, severity);
}

/** NetworkPolicies are an optional source: checks stay quiet when they could not be read. */
export function policiesReadable(context: CheckContext): boolean {
  return !context.snapshot.unavailable.includes('networkpolicies');
}

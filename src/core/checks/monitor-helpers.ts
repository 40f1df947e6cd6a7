import { distance } from 'fastest-levenshtein';
import type { CheckContext, ServiceAnalysis } from '../check.js';
import type { LabelMap, LabelSelector, MonitorNamespaceSelector } from '../kubernetes-types.js';
import { matchesLabelSelector, unmetRequirements } from '../label-selector.js';
import { formatRef, type Entry, type ObjectRef, type SnapshotPod, type SourceLocation } from '../snapshot.js';
import { listSome } from './check-helpers.js';

/** A ServiceMonitor or PodMonitor, reduced to what both monitor checks read. */
export interface Monitor {
  ref: ObjectRef;
  location?: SourceLocation;
  kind: 'ServiceMonitor' | 'PodMonitor';
  /** An absent selector is an empty one: the operator then selects every Service (or Pod) it looks at. */
  selector: LabelSelector;
  /** The namespaces it looks in; null for namespaceSelector.any. */
  namespaces: string[] | null;
}

function namespacesOf(own: string, selector: MonitorNamespaceSelector | undefined): string[] | null {
  if (selector?.any) return null;
  if (selector?.matchNames && selector.matchNames.length > 0) return selector.matchNames;
  return [own];
}

function toMonitor(entry: Entry<{ spec?: { selector?: LabelSelector; namespaceSelector?: MonitorNamespaceSelector } }>, kind: Monitor['kind']): Monitor {
  const spec = entry.object.spec;
  const selector = spec?.selector && typeof spec.selector === 'object' ? spec.selector : {};
  return {
    ref: entry.ref,
    kind,
    selector,
    namespaces: namespacesOf(entry.ref.namespace, spec?.namespaceSelector),
    ...(entry.location ? { location: entry.location } : {}),
  };
}

/** Every monitor of the snapshot, ServiceMonitors first. */
export function monitorsOf(context: CheckContext): Monitor[] {
  return [
    ...(context.snapshot.serviceMonitors ?? []).map((entry) => toMonitor(entry, 'ServiceMonitor')),
    ...(context.snapshot.podMonitors ?? []).map((entry) => toMonitor(entry, 'PodMonitor')),
  ];
}

/** "namespace shop", "namespaces a, b" or "every namespace", for messages. */
export function describeNamespaces(monitor: Monitor): string {
  if (monitor.namespaces === null) return 'every namespace';
  return monitor.namespaces.length === 1 ? `namespace ${monitor.namespaces[0]}` : `namespaces ${monitor.namespaces.join(', ')}`;
}

function inScope(monitor: Monitor, namespace: string): boolean {
  return monitor.namespaces === null || monitor.namespaces.includes(namespace);
}

/** The Services a ServiceMonitor scrapes: in the namespaces it looks at, matching its selector. */
export function monitoredServices(context: CheckContext, monitor: Monitor): ServiceAnalysis[] {
  return context.services.filter((analysis) => inScope(monitor, analysis.entry.ref.namespace) && matchesLabelSelector(monitor.selector, analysis.entry.object.metadata.labels));
}

/** The Pods (or templates) a PodMonitor scrapes. */
export function monitoredPods(context: CheckContext, monitor: Monitor): SnapshotPod[] {
  return context.snapshot.pods.filter((pod) => inScope(monitor, pod.ref.namespace) && matchesLabelSelector(monitor.selector, pod.labels));
}

/** The candidates a monitor could have meant: in scope, or matching from outside the namespaces it looks at. */
export function candidatesOf(context: CheckContext, monitor: Monitor): { ref: ObjectRef; labels: LabelMap }[] {
  if (monitor.kind === 'ServiceMonitor') return context.services.map((analysis) => ({ ref: analysis.entry.ref, labels: analysis.entry.object.metadata.labels ?? {} }));
  return context.snapshot.pods.map((pod) => ({ ref: pod.ref, labels: pod.labels }));
}

/** Near misses: objects in scope one requirement away, and full matches outside the namespaces it looks at. */
export function monitorNearMisses(context: CheckContext, monitor: Monitor): string[] {
  const hints: string[] = [];
  for (const candidate of candidatesOf(context, monitor)) {
    const unmet = unmetRequirements(monitor.selector, candidate.labels);
    if (!inScope(monitor, candidate.ref.namespace)) {
      if (unmet.length === 0) hints.push(`${formatRef(candidate.ref)} matches but is outside ${describeNamespaces(monitor)} (set spec.namespaceSelector)`);
    } else if (unmet.length === 1) {
      const [requirement] = unmet;
      const key = requirement.split(/[= ]/)[0];
      const want = monitor.selector.matchLabels?.[key];
      const has = candidate.labels[key];
      // With one requirement every object carrying the key is "one away": only look-alike values tell.
      const telling = requirementCount(monitor.selector) > 1 || (want !== undefined && has !== undefined && distance(want.toLowerCase(), has.toLowerCase()) <= 2);
      if (telling) hints.push(`${formatRef(candidate.ref)} ${has !== undefined ? `has ${key}=${has}` : `has no label ${key}`} where the selector wants ${requirement}`);
    }
  }
  return hints;
}

function requirementCount(selector: LabelSelector): number {
  return Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length;
}

/** How many objects of the monitored kind the input holds where the monitor looks: 0 means the input may just lack them. */
export function objectsInScope(context: CheckContext, monitor: Monitor): number {
  return candidatesOf(context, monitor).filter((candidate) => inScope(monitor, candidate.ref.namespace)).length;
}

/** "a, b and 3 more" for hints. */
export function listHints(hints: string[]): string {
  return listSome(hints, 3);
}

/**
 * Near misses for a NetworkPolicy peer that selects nothing: Pods (or pod templates) and namespaces that
 * miss its selector by one label that looks like a mistake, found with the Service selector search
 * (near-miss.ts, label-difference.ts) and bounded the same way.
 */
import type { CheckContext } from '../../check.js';
import type { LabelMap } from '../../kubernetes-types.js';
import { differenceFor, isSimilarValue } from '../../label-difference.js';
import { matchesLabelSelector } from '../../label-selector.js';
import { findNearMisses, isSearchablePair } from '../../near-miss.js';
import type { LabelDifference } from '../../report.js';
import type { LabelSelector } from '../types.js';

/** How many near misses a finding names; the rest are counted. */
const SHOWN = 3;
/** How many namespaces a podSelector's near misses are searched in (each search is bounded by near-miss.ts). */
const NAMESPACES_SEARCHED = 20;
/** How many namespaces are compared with a namespaceSelector (each comparison is bounded by the selector's size). */
const NAMESPACES_COMPARED = 1000;

/** A namespace as the peer check knows it: labels null when the input has no Namespace object. */
export interface PeerNamespace {
  name: string;
  labels: LabelMap | null;
}

function describeDifference(d: LabelDifference): string {
  return d.actualKey === null ? `no label ${d.selectorKey}` : `${d.actualKey}=${d.actualValue}`;
}

/** " Near misses: A (x=y), B (no label z) (and 2 more)." or "" when there are none. */
function nearMissText(items: string[], total: number): string {
  if (items.length === 0) return '';
  const more = total - Math.min(items.length, SHOWN);
  return ` Near misses: ${items.slice(0, SHOWN).join(', ')}${more > 0 ? ` (and ${more} more)` : ''}.`;
}

/** Only matchLabels selectors are searched, as for Service selectors; expressions are left to the reader. */
function searchableLabels(selector: LabelSelector): LabelMap | null {
  if ((selector.matchExpressions ?? []).length > 0) return null;
  const labels = selector.matchLabels ?? {};
  const pairs = Object.entries(labels);
  return pairs.length > 0 && pairs.every(([key, value]) => isSearchablePair(key, value)) ? labels : null;
}

/** Pods and pod templates in `namespaces` that miss the podSelector by one telling label. */
export function podSelectorNearMisses(context: CheckContext, selector: LabelSelector, namespaces: string[]): string {
  const labels = searchableLabels(selector);
  if (!labels) return '';
  const items: string[] = [];
  let total = 0;
  for (const namespace of namespaces.slice(0, NAMESPACES_SEARCHED)) {
    const found = findNearMisses(context.index, namespace, labels, true);
    if (found.telling === 0) continue;
    total += found.total;
    for (const miss of found.nearMisses) {
      items.push(`${miss.object.kind} ${namespace}/${miss.object.name} (${miss.differences.map(describeDifference).join(', ')})`);
    }
  }
  return nearMissText(items, total);
}

/** Namespaces whose labels miss the namespaceSelector by one pair: a look-alike key, or a look-alike value. */
export function namespaceSelectorNearMisses(selector: LabelSelector, namespaces: PeerNamespace[]): string {
  const labels = searchableLabels(selector);
  if (!labels) return '';
  const items: string[] = [];
  for (const namespace of namespaces.slice(0, NAMESPACES_COMPARED)) {
    if (namespace.labels === null) continue;
    const nsLabels = namespace.labels;
    const missed = Object.entries(labels).filter(([key, value]) => !matchesLabelSelector({ matchLabels: { [key]: value } }, nsLabels));
    if (missed.length !== 1) continue;
    const d = differenceFor(nsLabels, missed[0][0], missed[0][1]);
    if (!d || d.actualKey === null) continue;
    if (d.actualKey === d.selectorKey && !isSimilarValue(d.want, d.actualValue ?? '')) continue;
    items.push(`Namespace ${namespace.name} (${describeDifference(d)})`);
  }
  return nearMissText(items, items.length);
}

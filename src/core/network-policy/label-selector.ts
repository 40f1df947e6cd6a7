import type { LabelMap } from '../kubernetes-types.js';
import type { LabelSelector } from './types.js';

/**
 * Whether labels satisfy a metav1.LabelSelector, as LabelSelectorAsSelector builds it: every
 * matchLabels pair and every expression must hold; an empty selector selects everything. Callers
 * decide what a missing (null) selector means, since the NetworkPolicy API gives it several meanings.
 */
export function matchesLabelSelector(selector: LabelSelector, labels: LabelMap | undefined): boolean {
  const have = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (!Object.hasOwn(have, key) || have[key] !== value) return false;
  }
  for (const requirement of selector.matchExpressions ?? []) {
    const present = Object.hasOwn(have, requirement.key);
    const values = requirement.values ?? [];
    switch (requirement.operator) {
      case 'In':
        if (!present || !values.includes(have[requirement.key])) return false;
        break;
      case 'NotIn':
        if (present && values.includes(have[requirement.key])) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
      default:
        // The API server rejects other operators; an object that has one selects nothing.
        return false;
    }
  }
  return true;
}

/** True for `{}` (and a selector with only empty lists): it selects every object. */
export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

/** "k=v,k in (a,b),!k" the way kubectl prints a LabelSelector; `<all>` for the empty one. */
export function formatLabelSelector(selector: LabelSelector): string {
  const parts = Object.keys(selector.matchLabels ?? {}).sort().map((key) => `${key}=${selector.matchLabels![key]}`);
  for (const requirement of selector.matchExpressions ?? []) {
    const values = (requirement.values ?? []).join(',');
    if (requirement.operator === 'In') parts.push(`${requirement.key} in (${values})`);
    else if (requirement.operator === 'NotIn') parts.push(`${requirement.key} notin (${values})`);
    else if (requirement.operator === 'Exists') parts.push(requirement.key);
    else if (requirement.operator === 'DoesNotExist') parts.push(`!${requirement.key}`);
    else parts.push(`${requirement.key} ${requirement.operator} (${values})`);
  }
  return parts.length === 0 ? '<all>' : parts.join(',');
}

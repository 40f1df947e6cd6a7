/**
 * metav1.LabelSelector (matchLabels and matchExpressions), as workloads, PodDisruptionBudgets and
 * Prometheus-operator monitors use it; follows apimachinery's LabelSelectorAsSelector.
 */
import type { LabelMap, LabelSelector } from './kubernetes-types.js';

/** Why a selector cannot be turned into a selector at all (the API server rejects it); null when it can. */
export function labelSelectorProblem(selector: LabelSelector): string | null {
  for (const expression of selector.matchExpressions ?? []) {
    if (expression.values !== undefined && expression.values !== null && !Array.isArray(expression.values)) {
      return `matchExpressions key ${expression.key} has values that are not a list`;
    }
    const values = expression.values ?? [];
    switch (expression.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) return `matchExpressions key ${expression.key} with operator ${expression.operator} needs values`;
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) return `matchExpressions key ${expression.key} with operator ${expression.operator} must have no values`;
        break;
      default:
        return `matchExpressions key ${expression.key} has the unknown operator "${expression.operator}" (In, NotIn, Exists, DoesNotExist)`;
    }
  }
  return null;
}

/** True when the selector has no requirement at all: it selects everything (a nil selector selects nothing). */
export function isEmptyLabelSelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

/** Each requirement the labels fail, as "app=web" or "tier In (a, b)": empty when they match. */
export function unmetRequirements(selector: LabelSelector, labels: LabelMap): string[] {
  const unmet: string[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (labels[key] !== value) unmet.push(`${key}=${value}`);
  for (const expression of selector.matchExpressions ?? []) {
    const values = valuesOf(expression);
    const has = Object.hasOwn(labels, expression.key);
    const value = labels[expression.key];
    const met =
      expression.operator === 'In' ? has && values.includes(value) :
      expression.operator === 'NotIn' ? !has || !values.includes(value) :
      expression.operator === 'Exists' ? has :
      expression.operator === 'DoesNotExist' ? !has : false;
    if (!met) unmet.push(describeRequirement(expression));
  }
  return unmet;
}

/** True when the labels satisfy the selector; a selector the API would reject matches nothing. */
export function matchesLabelSelector(selector: LabelSelector | null | undefined, labels: LabelMap | undefined): boolean {
  if (!selector || labelSelectorProblem(selector)) return false;
  return unmetRequirements(selector, labels ?? {}).length === 0;
}

/** "app=web,tier In (a, b)", the way a message quotes a selector. */
export function formatLabelSelector(selector: LabelSelector | null | undefined): string {
  if (!selector) return '<none>';
  const parts = [
    ...Object.entries(selector.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`),
    ...(selector.matchExpressions ?? []).map(describeRequirement),
  ];
  return parts.length > 0 ? parts.join(',') : '<everything>';
}

function describeRequirement(expression: { key: string; operator: string; values?: string[] | null }): string {
  if (expression.operator === 'Exists') return expression.key;
  if (expression.operator === 'DoesNotExist') return `!${expression.key}`;
  return `${expression.key} ${expression.operator} (${valuesOf(expression).join(', ')})`;
}

/** The values of a requirement; a malformed (non-list) value stands for none, and labelSelectorProblem names it. */
function valuesOf(expression: { values?: string[] | null }): string[] {
  return Array.isArray(expression.values) ? expression.values : [];
}

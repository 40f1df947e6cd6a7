import { describe, expect, it } from 'vitest';
import { labelSelectorProblem, matchesLabelSelector, unmetRequirements } from '../../../src/core/label-selector.js';

describe('matchesLabelSelector (metav1.LabelSelector semantics)', () => {
  it.each([
    ['matchLabels subset', { matchLabels: { app: 'web' } }, { app: 'web', tier: 'fe' }, true],
    ['matchLabels other value', { matchLabels: { app: 'web' } }, { app: 'api' }, false],
    ['In', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe', 'be'] }] }, { tier: 'be' }, true],
    ['In without the key', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe'] }] }, {}, false],
    ['NotIn without the key matches', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['fe'] }] }, {}, true],
    ['NotIn with a listed value', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['fe'] }] }, { tier: 'fe' }, false],
    ['Exists', { matchExpressions: [{ key: 'canary', operator: 'Exists' }] }, { canary: '' }, true],
    ['DoesNotExist', { matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }] }, { canary: 'x' }, false],
    ['labels and expressions together', { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe'] }] }, { app: 'web', tier: 'be' }, false],
    ['empty selector selects everything', {}, { any: 'thing' }, true],
    ['invalid selector selects nothing', { matchExpressions: [{ key: 'tier', operator: 'In', values: [] }] }, { tier: 'fe' }, false],
  ])('%s', (_name, selector, labels, expected) => {
    expect(matchesLabelSelector(selector, labels)).toBe(expected);
  });

  it('a nil selector selects nothing', () => {
    expect(matchesLabelSelector(null, { app: 'web' })).toBe(false);
  });

  it('names each unmet requirement', () => {
    expect(unmetRequirements({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe', 'be'] }, { key: 'x', operator: 'DoesNotExist' }] }, { app: 'web', x: '1' }))
      .toEqual(['tier In (fe, be)', '!x']);
  });

  it.each([
    [{ key: 'a', operator: 'Exists', values: ['x'] }, /must have no values/],
    [{ key: 'a', operator: 'NotIn', values: [] }, /needs values/],
    [{ key: 'a', operator: 'Equals', values: ['x'] }, /unknown operator/],
  ])('rejects %j as the API server does', (expression, message) => {
    expect(labelSelectorProblem({ matchExpressions: [expression] })).toMatch(message);
  });
});

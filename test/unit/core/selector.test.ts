import { describe, expect, it } from 'vitest';
import type { LabelMap, ServiceSpec } from '../../../src/core/kubernetes-types.js';
import { buildIndex } from '../../../src/core/snapshot-index.js';
import { effectiveSelector, formatSelector, matchesSelector, selectPods, selectPodsInOtherNamespaces } from '../../../src/core/selector.js';
import { deployment, pod, service, snapshotOf } from '../builders.js';

describe('matchesSelector', () => {
  it.each<{ labels: LabelMap | undefined; selector: LabelMap; want: boolean }>([
    { labels: { app: 'web' }, selector: { app: 'web' }, want: true },
    { labels: { app: 'web', tier: 'backend' }, selector: { app: 'web' }, want: true },
    { labels: { app: 'web' }, selector: { app: 'web', tier: 'backend' }, want: false },
    { labels: { app: 'Web' }, selector: { app: 'web' }, want: false },
    { labels: { App: 'web' }, selector: { app: 'web' }, want: false },
    { labels: { app: '' }, selector: { app: '' }, want: true },
    { labels: {}, selector: { app: '' }, want: false },
    { labels: undefined, selector: { app: 'web' }, want: false },
  ])('$labels against $selector → $want', ({ labels, selector, want }) => {
    expect(matchesSelector(labels, selector)).toBe(want);
  });
});

describe('effectiveSelector', () => {
  it.each<{ spec: ServiceSpec; want: LabelMap | null }>([
    { spec: { selector: { app: 'web' } }, want: { app: 'web' } },
    { spec: { selector: {} }, want: null },
    { spec: {}, want: null },
    { spec: { selector: null }, want: null },
    { spec: { type: 'ExternalName', externalName: 'db.example.com', selector: { app: 'db' } }, want: null },
    { spec: { type: 'NodePort', selector: { app: 'web' } }, want: { app: 'web' } },
  ])('$spec → $want', ({ spec, want }) => {
    expect(effectiveSelector({ metadata: { name: 's' }, spec })).toEqual(want);
  });
});

describe('selectPods', () => {
  const snapshot = snapshotOf({
    workloads: [
      deployment('web', { app: 'web', tier: 'frontend' }),
      deployment('api', { app: 'api', tier: 'backend' }),
      deployment('web-other-ns', { app: 'web', tier: 'frontend' }, undefined, { namespace: 'shop' }),
    ],
    pods: [pod('debug', { app: 'web' })],
  });
  const index = buildIndex(snapshot);
  it.each<{ selector: LabelMap; want: string[] }>([
    { selector: { app: 'web' }, want: ['debug', 'web'] },
    { selector: { app: 'web', tier: 'frontend' }, want: ['web'] },
    { selector: { tier: 'backend' }, want: ['api'] },
    { selector: { app: 'nope' }, want: [] },
  ])('$selector selects $want in its own namespace only', ({ selector, want }) => {
    expect(selectPods(index, 'default', selector).map((p) => p.ref.name).sort()).toEqual(want);
  });
  it('finds matches in other namespaces only on request', () => {
    expect(selectPodsInOtherNamespaces(index, 'default', { app: 'web', tier: 'frontend' }).map((p) => p.ref.namespace)).toEqual(['shop']);
  });
  it('formats selectors sorted by key like kubectl describe', () => {
    expect(formatSelector({ tier: 'backend', app: 'myapp' })).toBe('app=myapp,tier=backend');
    expect(formatSelector(service('x', null).object.spec?.selector)).toBe('<none>');
  });
});

import { describe, expect, it } from 'vitest';
import type { LabelMap } from '../../../src/core/kubernetes-types.js';
import type { LabelDifference } from '../../../src/core/report.js';
import { isLookAlikeKey, isSimilarValue } from '../../../src/core/label-difference.js';
import { findNearMisses, NEAR_MISS_LIMIT } from '../../../src/core/near-miss.js';
import { buildIndex } from '../../../src/core/snapshot-index.js';
import { deployment, snapshotOf } from '../builders.js';

describe('isSimilarValue', () => {
  it.each([
    ['frontend', 'frontnd', true],
    ['frontend', 'Frontend', true],
    ['frontend', 'frontend-v2', true],
    ['cart-service', 'cart-servce', true],
    ['backend', 'backedn', true],
    ['app-1234x', 'app-5678', false],
    ['abcdef', 'abcxyz', false],
    ['web', 'api', false],
    ['exporter', 'adapter', false],
  ])('%s vs %s → %s', (wanted, actual, want) => {
    expect(isSimilarValue(wanted, actual)).toBe(want);
  });
});

describe('isLookAlikeKey', () => {
  it.each([
    ['app', 'App', true],
    ['app_name', 'app-name', true],
    ['app', 'ap', true],
    ['tier', 'teir', true],
    ['app', 'app', false],
    ['app', 'environment', false],
    ['app.kubernetes.io/name', 'app.kubernetes.io/instance', false],
  ])('%s vs %s → %s', (wanted, actual, want) => {
    expect(isLookAlikeKey(wanted, actual)).toBe(want);
  });
});

interface NearMissCase {
  name: string;
  selector: LabelMap;
  object: string;
  difference: LabelDifference;
}

describe('findNearMisses', () => {
  const index = buildIndex(
    snapshotOf({
      workloads: [
        deployment('frontend', { app: 'frontend', tier: 'web' }),
        deployment('cased', { App: 'myapp', tier: 'backend' }),
        deployment('frontend-tier', { app: 'myapp', tier: 'frontend' }),
        deployment('no-tier', { app: 'myapp' }),
        deployment('good', { app: 'myapp', tier: 'backend' }),
        deployment('unrelated', { team: 'x' }),
        deployment('run-key', { run: 'catalog' }),
        deployment('other-ns', { app: 'myapp', tier: 'backen' }, undefined, { namespace: 'shop' }),
      ],
    }),
  );
  it.each<NearMissCase>([
    {
      name: 'same key, another value',
      selector: { app: 'myapp', tier: 'backend' },
      object: 'frontend-tier',
      difference: { selectorKey: 'tier', want: 'backend', actualKey: 'tier', actualValue: 'frontend' },
    },
    {
      name: 'look-alike key',
      selector: { app: 'myapp', tier: 'backend' },
      object: 'cased',
      difference: { selectorKey: 'app', want: 'myapp', actualKey: 'App', actualValue: 'myapp' },
    },
    {
      name: 'missing key',
      selector: { app: 'myapp', tier: 'backend' },
      object: 'no-tier',
      difference: { selectorKey: 'tier', want: 'backend', actualKey: null, actualValue: null },
    },
    {
      name: 'one-label selector that matches nothing: same key, another value',
      selector: { app: 'frontnd' },
      object: 'frontend',
      difference: { selectorKey: 'app', want: 'frontnd', actualKey: 'app', actualValue: 'frontend' },
    },
    {
      name: 'one-label selector: the wanted value under another key',
      selector: { app: 'catalog' },
      object: 'run-key',
      difference: { selectorKey: 'app', want: 'catalog', actualKey: 'run', actualValue: 'catalog' },
    },
  ])('$name', ({ selector, object, difference }) => {
    const { nearMisses } = findNearMisses(index, 'default', selector, true);
    const found = nearMisses.find((nearMiss) => nearMiss.object.name === object);
    expect(found?.differences).toEqual([difference]);
  });

  it('never lists objects that match, objects two labels away, or other namespaces', () => {
    const names = findNearMisses(index, 'default', { app: 'myapp', tier: 'backend' }, false).nearMisses.map((n) => n.object.name);
    expect(names).not.toContain('good');
    expect(names).not.toContain('frontend');
    expect(names).not.toContain('unrelated');
    expect(names).not.toContain('other-ns');
  });

  it('for a one-label selector with matches, lists look-alike keys but not every other value', () => {
    const names = findNearMisses(index, 'default', { app: 'myapp' }, false).nearMisses.map((n) => n.object.name);
    expect(names).toEqual(['cased']);
  });

  it('lists telling near misses only, when there are any, with their total', () => {
    const many = Array.from({ length: 30 }, (_, i) => deployment(`app-${i}`, { app: `service-${i}` }));
    const typos = [deployment('typo', { app: 'frontnd' }), deployment('variant', { app: 'frontend-v2' })];
    const result = findNearMisses(buildIndex(snapshotOf({ workloads: [...many, ...typos] })), 'default', { app: 'frontend' }, true);
    expect(result.nearMisses.map((nearMiss) => nearMiss.object.name)).toEqual(['typo', 'variant']);
    expect(result).toMatchObject({ total: 2, telling: 2 });
  });

  it('without telling near misses, lists the closest three weak ones and counts them all', () => {
    const many = Array.from({ length: 30 }, (_, i) => deployment(`app-${i}`, { app: `service-${i}` }));
    const result = findNearMisses(buildIndex(snapshotOf({ workloads: many })), 'default', { app: 'xyz' }, true);
    expect(result.nearMisses).toHaveLength(3);
    expect(result).toMatchObject({ total: 30, telling: 0 });
  });

  it('caps telling near misses at the limit', () => {
    const typos = Array.from({ length: 15 }, (_, i) => deployment(`typo-${i}`, { App: 'web', tier: `t${i}` }));
    const result = findNearMisses(buildIndex(snapshotOf({ workloads: typos })), 'default', { app: 'web' }, true);
    expect(result.nearMisses).toHaveLength(NEAR_MISS_LIMIT);
    expect(result.total).toBe(15);
  });
});

describe('findNearMisses on values no label can have', () => {
  const long = 'a'.repeat(200_000);
  const index = buildIndex(
    snapshotOf({
      workloads: [
        deployment('long', { app: `${long}b`, tier: 'web' }),
        deployment('typo', { app: 'frontnd', tier: 'web' }),
        deployment('long-key', { [`k${long}`]: 'frontend', tier: 'web' }),
      ],
    }),
  );

  it('skips a selector pair the API server would reject (invalid-service reports it), without an edit distance over it', () => {
    const result = findNearMisses(index, 'default', { app: long, tier: 'web' }, true);
    expect(result.nearMisses.flatMap((miss) => miss.differences.map((difference) => difference.selectorKey))).not.toContain('app');
  });

  it('still finds the look-alike of a valid value, and treats a 200,001-character label as no look-alike', () => {
    const result = findNearMisses(index, 'default', { app: 'frontend', tier: 'web' }, true);
    expect(result.nearMisses.map((miss) => miss.object.name)).toContain('typo');
    expect(result.nearMisses.filter((miss) => miss.object.name === 'long').length).toBe(0);
    expect(isLookAlikeKey('app', `k${long}`)).toBe(false);
  });
});

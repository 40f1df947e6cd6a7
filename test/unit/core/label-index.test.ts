import { describe, expect, it } from 'vitest';
import { LabelIndex } from '../../../src/core/label-index.js';

function shopIndex(): LabelIndex<string> {
  const index = new LabelIndex<string>();
  index.add('shop', { app: 'web', tier: 'frontend' }, 'web-1');
  index.add('shop', { app: 'web', tier: 'frontend' }, 'web-2');
  index.add('shop', { app: 'api', tier: 'backend' }, 'api-1');
  index.add('shop', { app: 'db', tier: 'backend', role: 'primary' }, 'db-0');
  index.add('other', { app: 'web' }, 'other-web');
  return index;
}

describe('LabelIndex', () => {
  it.each([
    { namespace: 'shop', key: 'app', value: 'web', objects: ['web-1', 'web-2'] },
    { namespace: 'shop', key: 'tier', value: 'backend', objects: ['api-1', 'db-0'] },
    { namespace: 'other', key: 'app', value: 'web', objects: ['other-web'] },
    { namespace: 'shop', key: 'app', value: 'cart', objects: [] },
    { namespace: 'missing', key: 'app', value: 'web', objects: [] },
  ])('finds $objects for $key=$value in $namespace', ({ namespace, key, value, objects }) => {
    expect(shopIndex().withLabel(namespace, key, value)).toEqual(objects);
  });

  it('lists the objects carrying a key whatever the value, and the keys of a namespace', () => {
    const index = shopIndex();
    expect(index.postings('shop', 'role')?.all).toEqual(['db-0']);
    expect([...(index.postings('shop', 'app')?.byValue.keys() ?? [])]).toEqual(['web', 'api', 'db']);
    expect(index.postings('shop', 'version')).toBeUndefined();
    expect([...index.keys('shop')].sort()).toEqual(['app', 'role', 'tier']);
    expect([...index.keys('missing')]).toEqual([]);
  });

  it.each<{ selector: Record<string, string>; candidates: string[]; why: string }>([
    { selector: { tier: 'backend', role: 'primary' }, candidates: ['db-0'], why: 'the rarest pair' },
    { selector: { app: 'web', tier: 'frontend' }, candidates: ['web-1', 'web-2'], why: 'a pair as rare as the others' },
    { selector: { app: 'web', tier: 'nope' }, candidates: [], why: 'a pair nobody has' },
    { selector: {}, candidates: [], why: 'an empty selector' },
  ])('hands back $candidates as candidates for $why', ({ selector, candidates }) => {
    expect(shopIndex().candidates('shop', selector)).toEqual(candidates);
  });
});

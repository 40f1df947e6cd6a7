import { describe, expect, it } from 'vitest';
import type { EndpointSlice } from '../../../../src/core/kubernetes-types.js';
import { sameSliceContent } from '../../../../src/core/checks/live/slice-content.js';
import { diffEndpointSlices } from '../../../../src/core/predict/index.js';
import { endpoint, slice } from '../../predict/builders.js';

const http = [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9100 }];
const a = endpoint('10.244.1.5', { node: 'node-a', zone: 'zone-a', pod: 'web-1' });
const b = endpoint('10.244.2.5', { node: 'node-b', zone: 'zone-b', pod: 'web-2' });
const base = [slice([a, b], http)];

describe('sameSliceContent', () => {
  it.each<{ title: string; actual: EndpointSlice[]; same: boolean }>([
    { title: 'the same slices', actual: [slice([a, b], http)], same: true },
    { title: 'endpoints in another order and split over two slices', actual: [slice([b], http), slice([a], http)], same: true },
    { title: 'ports listed in another order', actual: [slice([a, b], [...http].reverse())], same: true },
    { title: 'an endpoint missing', actual: [slice([a], http)], same: false },
    { title: 'a condition changed', actual: [slice([a, { ...b, conditions: { ...b.conditions, ready: false } }], http)], same: false },
    { title: 'another zone', actual: [slice([a, { ...b, zone: 'zone-c' }], http)], same: false },
    { title: 'another port', actual: [slice([a, b], [{ name: 'http', port: 9090 }])], same: false },
    { title: 'an extra empty slice with other ports', actual: [slice([a, b], http), slice([], [])], same: false },
    { title: 'nothing at all', actual: [], same: false },
  ])('$title → $same', ({ actual, same }) => {
    expect(sameSliceContent(base, actual)).toBe(same);
    // Never looser than the full comparison: the same content always means no difference.
    if (same) expect(diffEndpointSlices(base, actual, { ignoreMetadata: true })).toEqual([]);
    else expect(diffEndpointSlices(base, actual, { ignoreMetadata: true })).not.toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { endpointSlicesMissing } from '../../../../src/core/checks/live/endpointslices-missing.js';
import { endpointsDrift } from '../../../../src/core/checks/live/endpoints-drift.js';
import { endpointsOverCapacity } from '../../../../src/core/checks/live/endpoints-over-capacity.js';
import { localTrafficPolicyWithoutLocalEndpoints } from '../../../../src/core/checks/live/local-traffic-policy-without-local-endpoints.js';
import { endpoint, endpointsObject, node, pod, service, slice } from '../../predict/builders.js';
import { clusterContext } from './cluster-context.js';

const local = service({ internalTrafficPolicy: 'Local' });
const pods = [pod('web-1', { ip: '10.244.1.5', node: 'node-a' })];
const nodes = [node('node-a', 'zone-a'), node('node-b', 'zone-b')];
const stale = slice([endpoint('10.244.9.9', { node: 'node-a', pod: 'web-0' })], [{ name: 'http', port: 8080 }]);
const truncated = endpointsObject([], 'web', {}, { 'endpoints.kubernetes.io/over-capacity': 'truncated' });

/** Each check reports in the full state and stays quiet once one resource it needs is forbidden. */
describe('live checks when a resource could not be read', () => {
  it.each([
    { check: endpointSlicesMissing, state: { services: [local], pods, nodes }, forbidden: 'endpointslices' },
    { check: endpointsDrift, state: { services: [local], pods, nodes, slices: [stale] }, forbidden: 'endpointslices' },
    { check: endpointsDrift, state: { services: [local], pods, nodes, slices: [stale] }, forbidden: 'pods' },
    { check: endpointsOverCapacity, state: { services: [local], endpoints: [truncated] }, forbidden: 'endpoints' },
    { check: localTrafficPolicyWithoutLocalEndpoints, state: { services: [local], pods, nodes, slices: [stale] }, forbidden: 'nodes' },
    { check: localTrafficPolicyWithoutLocalEndpoints, state: { services: [local], pods, nodes, slices: [stale] }, forbidden: 'endpointslices' },
  ])('$check.id: quiet without $forbidden', ({ check, state, forbidden }) => {
    expect(check.run(clusterContext(state))).toHaveLength(1);
    expect(check.run(clusterContext({ ...state, unavailable: [forbidden] }))).toEqual([]);
  });
});

// Nodes only give zones: without them the EndpointSlices are still compared, zones and hints aside.
describe('endpoints-drift without nodes', () => {
  it('still names the stale endpoint', () => {
    const state = { services: [local], pods, slices: [stale], unavailable: ['nodes'] };
    expect(endpointsDrift.run(clusterContext(state)).map((finding) => finding.message).join('\n')).toMatch(/unexpected IPv4 endpoint 10\.244\.9\.9/);
  });
});

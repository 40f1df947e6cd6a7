import { describe, expect, it } from 'vitest';
import { compareEndpointObjects, findEndpointDrift } from '../../../../src/core/checks/live/find-endpoint-drift.js';
import { endpoint, endpointsObject, node, pod, service, slice } from '../../predict/builders.js';
import { clusterContext, type ClusterState } from './cluster-context.js';

const web = service();
const pods = [pod('web-1', { ip: '10.244.1.5', node: 'node-a' }), pod('web-2', { ip: '10.244.2.5', node: 'node-b', ready: false })];
const nodes = [node('node-a', 'zone-a'), node('node-b', 'zone-b')];
const http = [{ name: 'http', port: 8080 }];
const currentSlice = slice(
  [endpoint('10.244.1.5', { node: 'node-a', zone: 'zone-a', pod: 'web-1' }), endpoint('10.244.2.5', { node: 'node-b', zone: 'zone-b', pod: 'web-2', ready: false })],
  http,
);
const staleSlice = slice([endpoint('10.244.1.5', { node: 'node-a', zone: 'zone-a', pod: 'web-1' })], http);
const address = (ip: string, name: string, nodeName: string) => ({ ip, nodeName, targetRef: { kind: 'Pod', namespace: 'default', name } });
const currentEndpoints = endpointsObject([
  { addresses: [address('10.244.1.5', 'web-1', 'node-a')], notReadyAddresses: [address('10.244.2.5', 'web-2', 'node-b')], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
]);
const staleEndpoints = endpointsObject([{ addresses: [address('10.244.1.5', 'web-1', 'node-a')], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] }]);

const db = service({ selector: null, ports: [{ name: 'pg', port: 5432, targetPort: 5432, protocol: 'TCP' }] }, 'db');
const dbEndpoints = endpointsObject([{ addresses: [{ ip: '10.40.0.1' }, { ip: '10.40.0.2' }], ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }] }], 'db');
const mirrored = (ips: string[]) =>
  slice(ips.map((ip) => ({ addresses: [ip], conditions: { ready: true } })), [{ name: 'pg', port: 5432 }], {
    metadata: { name: 'db-x', namespace: 'default', labels: { 'kubernetes.io/service-name': 'db', 'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io' } },
  });

function drift(state: ClusterState) {
  const context = clusterContext(state);
  return context.services.flatMap((analysis) => findEndpointDrift(context, analysis)).map((found) => ({
    subject: found.subject,
    kinds: found.differences.map((difference) => difference.kind),
  }));
}

describe('findEndpointDrift', () => {
  it.each([
    { title: 'slices and Endpoints in step', state: { services: [web], pods, nodes, slices: [currentSlice], endpoints: [currentEndpoints] }, expected: [] },
    {
      title: 'a slice missing an endpoint',
      state: { services: [web], pods, nodes, slices: [staleSlice], endpoints: [currentEndpoints] },
      expected: [{ subject: 'endpointslices', kinds: ['missing-endpoint'] }],
    },
    {
      title: 'an Endpoints object missing an address',
      state: { services: [web], pods, nodes, slices: [currentSlice], endpoints: [staleEndpoints] },
      expected: [{ subject: 'endpoints', kinds: ['missing-endpoint'] }],
    },
    { title: 'no slices and no Endpoints: nothing to compare', state: { services: [web], pods, nodes }, expected: [] },
    {
      title: 'EndpointSlices forbidden',
      state: { services: [web], pods, nodes, slices: [staleSlice], endpoints: [currentEndpoints], unavailable: ['endpointslices'] },
      expected: [],
    },
    {
      title: 'Nodes forbidden: slices still compared (zones aside), Endpoints too',
      state: { services: [web], pods, slices: [staleSlice], endpoints: [staleEndpoints], unavailable: ['nodes'] },
      expected: [{ subject: 'endpointslices', kinds: ['missing-endpoint'] }, { subject: 'endpoints', kinds: ['missing-endpoint'] }],
    },
    {
      title: 'Nodes forbidden: Pods are not taken for Pods on missing Nodes, zones are not compared',
      state: { services: [web], pods, slices: [currentSlice], endpoints: [currentEndpoints], unavailable: ['nodes'] },
      expected: [],
    },
    {
      title: 'Endpoints forbidden',
      state: { services: [web], pods, nodes, slices: [currentSlice], endpoints: [staleEndpoints], unavailable: ['endpoints'] },
      expected: [],
    },
    {
      title: 'a truncated Endpoints object is not compared',
      state: {
        services: [web], pods, nodes, slices: [currentSlice],
        endpoints: [{ ...staleEndpoints, metadata: { ...staleEndpoints.metadata, annotations: { 'endpoints.kubernetes.io/over-capacity': 'truncated' } } }],
      },
      expected: [],
    },
    { title: 'mirrored slices in step', state: { services: [db], endpoints: [dbEndpoints], slices: [mirrored(['10.40.0.1', '10.40.0.2'])] }, expected: [] },
    {
      title: 'a mirrored slice missing an address',
      state: { services: [db], endpoints: [dbEndpoints], slices: [mirrored(['10.40.0.1'])] },
      expected: [{ subject: 'mirrored-endpointslices', kinds: ['missing-endpoint'] }],
    },
    {
      title: 'mirroring never happened',
      state: { services: [db], endpoints: [dbEndpoints] },
      expected: [{ subject: 'mirrored-endpointslices', kinds: ['missing-endpoint', 'missing-endpoint'] }],
    },
    { title: 'a selectorless Service without Endpoints', state: { services: [db] }, expected: [] },
    {
      title: 'an ExternalName Service',
      state: { services: [service({ type: 'ExternalName', externalName: 'db.example.com', selector: null }, 'ext')], endpoints: [endpointsObject([], 'ext')] },
      expected: [],
    },
  ])('$title', ({ state, expected }) => {
    expect(drift(state as ClusterState)).toEqual(expected);
  });
});

describe('predicted hints follow the server minor', () => {
  it('PreferSameNode gets node hints from 1.34 (PreferSameTrafficDistribution on), none on 1.33', () => {
    const near = service({ trafficDistribution: 'PreferSameNode' });
    const hints = (minor: string) => {
      const context = clusterContext({ services: [near], pods: [pods[0]], nodes, slices: [staleSlice] });
      context.snapshot.kubernetesVersion = { minor, source: 'server', server: `v${minor}.0` };
      return compareEndpointObjects(context, context.services[0], { compareMetadata: true }).slices.predicted[0]?.endpoints?.[0]?.hints ?? null;
    };
    expect(hints('1.33')).toBeNull();
    expect(hints('1.34')).toEqual({ forZones: [{ name: 'zone-a' }], forNodes: [{ name: 'node-a' }] });
  });
});

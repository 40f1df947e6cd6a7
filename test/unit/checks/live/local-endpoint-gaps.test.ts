import { describe, expect, it } from 'vitest';
import type { ServiceSpec } from '../../../../src/core/kubernetes-types.js';
import { findLocalEndpointGaps } from '../../../../src/core/checks/live/local-endpoint-gaps.js';
import { endpoint, service, slice } from '../../predict/builders.js';

const NODES = ['node-a', 'node-b', 'node-c'];
const nodePort = { type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', nodePort: 30080 }] } satisfies Partial<ServiceSpec>;
const http = [{ name: 'http', port: 8080 }];

describe('findLocalEndpointGaps', () => {
  it.each([
    {
      title: 'externalTrafficPolicy Local on a NodePort: the node without a Pod drops',
      spec: { ...nodePort, externalTrafficPolicy: 'Local' },
      endpoints: [endpoint('10.244.1.5', { node: 'node-a' }), endpoint('10.244.2.5', { node: 'node-b' })],
      expected: { traffic: ['external'], nodesWithout: ['node-c'], nodesWith: ['node-a', 'node-b'] },
    },
    {
      title: 'internalTrafficPolicy Local on a ClusterIP',
      spec: { internalTrafficPolicy: 'Local' },
      endpoints: [endpoint('10.244.1.5', { node: 'node-a' })],
      expected: { traffic: ['internal'], nodesWithout: ['node-b', 'node-c'], nodesWith: ['node-a'] },
    },
    {
      title: 'a not-ready endpoint does not count as local',
      spec: { internalTrafficPolicy: 'Local' },
      endpoints: [endpoint('10.244.1.5', { node: 'node-a' }), endpoint('10.244.2.5', { node: 'node-b', ready: false })],
      expected: { traffic: ['internal'], nodesWithout: ['node-b', 'node-c'], nodesWith: ['node-a'] },
    },
    {
      title: 'a serving, terminating endpoint still takes local traffic',
      spec: { internalTrafficPolicy: 'Local' },
      endpoints: [endpoint('10.244.1.5', { node: 'node-a' }), endpoint('10.244.2.5', { node: 'node-b', ready: false, serving: true, terminating: true })],
      expected: { traffic: ['internal'], nodesWithout: ['node-c'], nodesWith: ['node-a', 'node-b'] },
    },
    {
      title: 'an endpoint on every node: nothing dropped',
      spec: { ...nodePort, externalTrafficPolicy: 'Local' },
      endpoints: NODES.map((node, i) => endpoint(`10.244.${i + 1}.5`, { node })),
      expected: { traffic: ['external'], nodesWithout: [], nodesWith: NODES },
    },
    {
      title: 'no usable endpoint anywhere: traffic is rejected, not dropped',
      spec: { internalTrafficPolicy: 'Local' },
      endpoints: [endpoint('10.244.1.5', { node: 'node-a', ready: false })],
      expected: { traffic: [], nodesWithout: [], nodesWith: [] },
    },
    {
      title: 'externalTrafficPolicy Local on a plain ClusterIP does nothing',
      spec: { externalTrafficPolicy: 'Local' },
      endpoints: [endpoint('10.244.1.5', { node: 'node-a' })],
      expected: { traffic: [], nodesWithout: [], nodesWith: [] },
    },
    {
      title: 'Cluster policies do nothing',
      spec: { ...nodePort, externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster' },
      endpoints: [endpoint('10.244.1.5', { node: 'node-a' })],
      expected: { traffic: [], nodesWithout: [], nodesWith: [] },
    },
  ])('$title', ({ spec, endpoints, expected }) => {
    expect(findLocalEndpointGaps(service(spec), [slice(endpoints, http)], NODES)).toEqual(expected);
  });
});

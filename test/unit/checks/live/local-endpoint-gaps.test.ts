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

  it('a dual-stack Service: a node with only an IPv4 endpoint still drops its IPv6 Local traffic', () => {
    const dual = service({ internalTrafficPolicy: 'Local', ipFamilies: ['IPv4', 'IPv6'], clusterIPs: ['10.96.0.10', 'fd00:10:96::10'] });
    const v4 = slice([endpoint('10.244.1.5', { node: 'node-a' }), endpoint('10.244.2.5', { node: 'node-b' })], http);
    const v6 = slice([endpoint('fd00:10:244:1::5', { node: 'node-a' })], http, { addressType: 'IPv6', metadata: { ...v4.metadata, name: 'web-v6' } });
    expect(findLocalEndpointGaps(dual, [v4, v6], NODES)).toEqual({ traffic: ['internal'], nodesWithout: ['node-b', 'node-c'], nodesWith: ['node-a'] });
  });

  it("reads the slices as the server's kube-proxy minor does: a service-proxy-name slice counts from 1.36 only", () => {
    const other = slice([endpoint('10.244.3.5', { node: 'node-c' })], http);
    other.metadata = { ...other.metadata, name: 'web-other', labels: { ...other.metadata.labels, 'service.kubernetes.io/service-proxy-name': 'other-proxy' } };
    const own = slice([endpoint('10.244.1.5', { node: 'node-a' })], http);
    const local = service({ internalTrafficPolicy: 'Local' });
    expect(findLocalEndpointGaps(local, [own, other], NODES, 33).nodesWithout).toEqual(['node-b', 'node-c']);
    expect(findLocalEndpointGaps(local, [own, other], NODES, 37).nodesWithout).toEqual(['node-b']);
  });
});

import { describe, expect, it } from 'vitest';
import { noProxyBackends } from '../../../../src/core/checks/live/no-proxy-backends.js';
import { foreignEndpointSlices } from '../../../../src/core/checks/live/foreign-endpointslices.js';
import { endpoint, node, pod, service, slice } from '../../predict/builders.js';
import { clusterContext } from './cluster-context.js';

const web = service();
const http = [{ name: 'http', port: 8080 }];
const empty = slice([], []);
const messages = (state: Parameters<typeof clusterContext>[0]) => noProxyBackends.run(clusterContext(state)).map((finding) => finding.message);

describe('no-proxy-backends', () => {
  it('Pods on a deleted Node: an error naming the Node for each Pod', () => {
    const pods = [pod('web-1', { ip: '10.244.1.5', node: 'gone' }), pod('web-2', { ip: '10.244.1.6', node: 'gone' })];
    const [message, ...rest] = messages({ services: [web], pods, nodes: [node('node-a')], slices: [empty] });
    expect(rest).toEqual([]);
    expect(message).toMatch(/kube-proxy has no backend for port http \(80\/TCP\)/);
    expect(message).toMatch(/Pod web-1: its Node gone does not exist.*Pod web-2: its Node gone does not exist/);
  });

  it('a ready Pod the controller has not published, next to one without IP', () => {
    const pods = [pod('web-1', { ip: '10.244.1.5', node: 'node-a' }), pod('web-2', { node: 'node-a', ip: [] })];
    const [message] = messages({ services: [web], pods, nodes: [node('node-a')], slices: [empty] });
    expect(message).toMatch(/Pod web-1: no EndpointSlice has it: the EndpointSlice controller has not published it/);
    expect(message).toMatch(/Pod web-2: it has no IP yet/);
  });

  it('without readable Nodes the cause says the Node is unknown, not missing', () => {
    const pods = [pod('web-1', { ip: '10.244.1.5', node: 'gone' })];
    const [message] = messages({ services: [web], pods, slices: [empty], unavailable: ['nodes'] });
    expect(message).toMatch(/its Node may not exist; nodes are not readable/);
  });

  it('quiet when a backend exists, when no Pod is ready (no-ready-endpoints), and for headless Services', () => {
    const ready = [pod('web-1', { ip: '10.244.1.5', node: 'node-a' })];
    expect(messages({ services: [web], pods: ready, nodes: [node('node-a')], slices: [slice([endpoint('10.244.1.5', { pod: 'web-1' })], http)] })).toEqual([]);
    expect(messages({ services: [web], pods: [pod('web-1', { ip: '10.244.1.5', node: 'gone', ready: false })], slices: [empty] })).toEqual([]);
    expect(messages({ services: [service({ clusterIP: 'None' })], pods: ready, slices: [empty] })).toEqual([]);
  });
});

describe('foreign-endpointslices', () => {
  const labels = { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'mesh.example.com' };
  const mesh = slice([endpoint('10.50.0.1')], http, { metadata: { name: 'web-mesh', namespace: 'default', labels } });
  const own = slice([endpoint('10.244.1.5', { pod: 'web-1' })], http);
  const pods = [pod('web-1', { ip: '10.244.1.5', node: 'node-a' })];

  it('warns when the slice adds backends next to the Service\'s own Pods', () => {
    const [finding] = foreignEndpointSlices.run(clusterContext({ services: [web], pods, nodes: [node('node-a')], slices: [own, mesh] }));
    expect(finding.severity).toBe('warning');
    expect(finding.message).toMatch(/EndpointSlice web-mesh \(managed-by mesh\.example\.com\).*10\.50\.0\.1, next to the Service's own Pods/);
  });

  it('info for a selectorless Service; nothing when endpointslices are not readable', () => {
    const bare = service({ selector: null });
    expect(foreignEndpointSlices.run(clusterContext({ services: [bare], slices: [mesh] }))[0].severity).toBe('info');
    expect(foreignEndpointSlices.run(clusterContext({ services: [web], pods, slices: [own, mesh], unavailable: ['endpointslices'] }))).toEqual([]);
  });
});

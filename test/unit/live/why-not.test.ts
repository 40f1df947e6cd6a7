import { describe, expect, it } from 'vitest';
import type { Endpoints, Node, Pod, Service } from '../../../src/core/kubernetes-types.js';
import { explainWhyNot, type WhyNotInput, type WhyNotVerdict } from '../../../src/core/live/why-not.js';
import { predictEndpointSlices, predictEndpoints, predictMirroredSlices } from '../../../src/core/predict/index.js';
import { endpoint, node, pod, port, service, slice } from '../predict/builders.js';

/**
 * The cluster as the controllers would leave it: actual EndpointSlices and Endpoints are what the
 * prediction core produces for the Pod when the selector matches it (the prediction core itself is
 * held to the real controllers by the integration suite).
 */
function settled(svc: Service, p: Pod, nodes: Node[] = [node('node-a', 'zone-a')]): WhyNotInput {
  const selector = svc.spec?.selector ?? {};
  const selected = Object.entries(selector).every(([key, value]) => p.metadata.labels?.[key] === value) && p.metadata.namespace === svc.metadata.namespace;
  const pods = selected ? [p] : [];
  const slices = predictEndpointSlices({ service: svc, pods, nodes }).slices.map((s, i) => ({ ...s, metadata: { ...s.metadata, name: `web-${i}` } }));
  const endpoints: Endpoints | null = predictEndpoints({ service: svc, pods }).endpoints;
  return { service: svc, pod: p, nodes, endpointSlices: slices, endpoints, unavailable: [] };
}

const IP = '10.244.1.3';
const readyPod = (options: Parameters<typeof pod>[1] = {}) => pod('web-3', { ip: IP, ...options });

function crashLooping(): Pod {
  const p = readyPod({ ready: false });
  p.status!.containerStatuses = [{ name: 'app', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } }];
  return p;
}

function gated(): Pod {
  const p = readyPod({ ready: false });
  p.spec!.readinessGates = [{ conditionType: 'example.com/lb-registered' }];
  p.status!.containerStatuses = [{ name: 'app', ready: true, state: { running: {} } }];
  p.status!.conditions!.push({ type: 'example.com/lb-registered', status: 'False', reason: 'Pending' });
  return p;
}

function withLabels(labels: Record<string, string>): Pod {
  return readyPod({ labels });
}

const failing = (verdict: WhyNotVerdict) => verdict.items.filter((item) => item.reason).map((item) => item.topic);

interface Row {
  name: string;
  input: WhyNotInput;
  behind: WhyNotVerdict['behind'];
  answer: string;
  /** Topics of the rule lines that keep the Pod out, in order. */
  blocking: string[];
  /** Predicted place in the slices: absent, ready, not-ready or terminating. */
  slices: string;
  /** Predicted list in Endpoints. */
  endpoints: 'addresses' | 'notReadyAddresses' | null;
}

const rows: Row[] = [
  {
    name: 'a ready Pod that matches', input: settled(service(), readyPod()),
    behind: 'yes', answer: 'Pod web-3 is behind Service web and ready', blocking: [], slices: 'ready', endpoints: 'addresses',
  },
  {
    name: 'a label with another value', input: settled(service(), withLabels({ app: 'webb' })),
    behind: 'no', answer: 'Pod web-3 is not behind Service web: label app is "webb", the selector wants "web"', blocking: ['label'], slices: 'absent', endpoints: null,
  },
  {
    name: 'a look-alike label key', input: settled(service(), withLabels({ App: 'web' })),
    behind: 'no', answer: 'the Pod has no label app (it has the look-alike App=web), the selector wants app=web', blocking: ['label'], slices: 'absent', endpoints: null,
  },
  {
    name: 'the value under another key', input: settled(service(), withLabels({ run: 'web' })),
    behind: 'no', answer: 'the Pod has no label app (it has run=web: that value under another key), the selector wants app=web', blocking: ['label'], slices: 'absent', endpoints: null,
  },
  {
    name: 'a missing label among several', input: settled(service({ selector: { app: 'web', tier: 'backend' } }), withLabels({ app: 'web' })),
    behind: 'no', answer: 'the Pod has no label tier, the selector wants tier=backend', blocking: ['label'], slices: 'absent', endpoints: null,
  },
  {
    name: 'another namespace', input: settled(service(), readyPod({ namespace: 'other' })),
    behind: 'no', answer: 'the Pod is in namespace other, the Service in default', blocking: ['namespace'], slices: 'absent', endpoints: null,
  },
  {
    name: 'phase Succeeded', input: settled(service(), readyPod({ phase: 'Succeeded', ready: false })),
    behind: 'no', answer: 'it has phase Succeeded', blocking: ['phase'], slices: 'absent', endpoints: null,
  },
  {
    name: 'phase Failed', input: settled(service(), readyPod({ phase: 'Failed', ready: false })),
    behind: 'no', answer: 'it has phase Failed', blocking: ['phase'], slices: 'absent', endpoints: null,
  },
  {
    name: 'no IP', input: settled(service(), pod('web-3', { ready: false, phase: 'Pending' })),
    behind: 'no', answer: 'Pod web-3 is not behind Service web: it has no IP yet; it is not ready', blocking: ['ip', 'ready'], slices: 'absent', endpoints: null,
  },
  {
    name: 'an unscheduled Pod', input: settled(service(), { ...pod('web-3', { ready: false, phase: 'Pending' }), spec: { containers: [{ name: 'app', ports: [{ name: 'http', containerPort: 8080 }] }] } }),
    behind: 'no', answer: 'Pod web-3 is not behind Service web: it has no IP yet; it is not scheduled to a node; it is not ready (the Ready condition is not True)',
    blocking: ['ip', 'node', 'ready'], slices: 'absent', endpoints: null,
  },
  {
    name: 'an IPv4 Pod behind an IPv6-only Service', input: settled(service({ ipFamilies: ['IPv6'], clusterIP: 'fd00::10' }), readyPod()),
    behind: 'no', answer: `it has no IPv6 address (only ${IP})`, blocking: ['ip'], slices: 'absent', endpoints: null,
  },
  {
    name: 'a crash-looping container', input: settled(service(), crashLooping()),
    behind: 'no', answer: 'Pod web-3 is not behind Service web: it is not ready (container app waiting: CrashLoopBackOff, 3 restarts)',
    blocking: ['ready'], slices: 'not-ready', endpoints: 'notReadyAddresses',
  },
  {
    name: 'a readiness gate that is False', input: settled(service(), gated()),
    behind: 'no', answer: 'it is not ready (readiness gate example.com/lb-registered is False (Pending))', blocking: ['ready'], slices: 'not-ready', endpoints: 'notReadyAddresses',
  },
  {
    name: 'not ready, with publishNotReadyAddresses', input: settled(service({ publishNotReadyAddresses: true }), crashLooping()),
    behind: 'yes', answer: 'is behind Service web and ready, though only because publishNotReadyAddresses is set', blocking: [], slices: 'ready', endpoints: 'addresses',
  },
  {
    name: 'terminating', input: settled(service(), readyPod({ deleting: true })),
    behind: 'no', answer: 'Pod web-3 is not behind Service web: it is terminating', blocking: ['terminating'], slices: 'terminating', endpoints: null,
  },
  {
    name: 'terminating, with publishNotReadyAddresses', input: settled(service({ publishNotReadyAddresses: true }), readyPod({ deleting: true })),
    behind: 'yes', answer: 'though only because publishNotReadyAddresses is set', blocking: [], slices: 'ready', endpoints: 'addresses',
  },
  {
    name: 'a Node that does not exist', input: settled(service(), readyPod(), []),
    behind: 'no', answer: 'its node node-a does not exist, so the EndpointSlice controller skips it', blocking: ['node'], slices: 'absent', endpoints: 'addresses',
  },
  {
    name: 'a missing Node, with publishNotReadyAddresses', input: settled(service({ publishNotReadyAddresses: true }), readyPod(), []),
    behind: 'yes', answer: 'is behind Service web and ready', blocking: [], slices: 'ready', endpoints: 'addresses',
  },
  {
    name: 'the only named port missing', input: settled(service(), readyPod({ containers: [{ name: 'app', ports: [{ name: 'web', containerPort: 8080 }] }] })),
    behind: 'no', answer: 'is not behind Service web: no Service port resolves on it (port http: targetPort "http" is not a port name of the Pod)',
    blocking: ['port'], slices: 'ready', endpoints: null,
  },
  {
    name: 'one of two named ports missing',
    input: settled(service({ ports: [port('http', 80, 'http', 'TCP'), port('metrics', 9090, 'metrics', 'TCP')] }), readyPod()),
    behind: 'partly', answer: 'Pod web-3 is behind Service web only for port http: port metrics: targetPort "metrics" is not a port name of the Pod',
    blocking: ['port'], slices: 'ready', endpoints: 'addresses',
  },
  {
    name: 'a named port with another protocol',
    input: settled(service({ ports: [port('dns', 53, 'dns', 'UDP')] }), readyPod({ containers: [{ name: 'app', ports: [{ name: 'dns', containerPort: 53 }] }] })),
    behind: 'no', answer: 'port dns: targetPort "dns" is declared with TCP, not UDP', blocking: ['port'], slices: 'ready', endpoints: null,
  },
  {
    name: 'a Service without selector', input: settled(service({ selector: undefined }), readyPod()),
    behind: 'no', answer: 'Service web has no selector, so only hand-written Endpoints can name the Pod', blocking: ['selector'], slices: 'absent', endpoints: null,
  },
  {
    name: 'an ExternalName Service', input: settled(service({ type: 'ExternalName', externalName: 'db.example.com' }), readyPod()),
    behind: 'no', answer: 'the Service is of type ExternalName and has no endpoints', blocking: ['selector'], slices: 'absent', endpoints: null,
  },
];

function sliceState(verdict: WhyNotVerdict): string {
  const s = verdict.predicted.slices;
  if (!s.present) return 'absent';
  return s.ready ? 'ready' : s.terminating ? 'terminating' : 'not-ready';
}

describe('explainWhyNot: one row per reason the controllers keep a Pod out', () => {
  it.each(rows)('$name', ({ input, behind, answer, blocking, slices, endpoints }) => {
    const verdict = explainWhyNot(input);
    expect(verdict.answer).toContain(answer);
    expect(verdict.behind).toBe(behind);
    expect(failing(verdict)).toEqual(blocking);
    expect(sliceState(verdict)).toBe(slices);
    expect(verdict.predicted.endpoints.list).toBe(endpoints);
    // The actual objects were built from the prediction, so nothing disagrees.
    expect(verdict.items.filter((item) => item.text.includes('disagree'))).toEqual([]);
  });
});

describe('explainWhyNot: what the cluster actually shows decides', () => {
  it('a Pod that should be ready but is not in the slices yet is not behind, and the answer says the controller lags', () => {
    const input = { ...settled(service(), readyPod()), endpointSlices: [slice([], [])] };
    const verdict = explainWhyNot(input);
    expect(verdict.behind).toBe('no');
    expect(verdict.answer).toBe('Pod web-3 is not behind Service web: it should be a ready endpoint, but the EndpointSlices do not list it (the controller may not have caught up yet)');
    expect(verdict.items.find((item) => item.text.startsWith('EndpointSlices disagree'))?.mark).toBe('warn');
  });

  it('a stale ready endpoint still counts as behind (kube-proxy reads the slices), with the disagreement listed', () => {
    const stale = slice([endpoint(IP, { pod: 'web-3' })], [{ name: 'http', port: 8080 }]);
    const verdict = explainWhyNot({ ...settled(service(), crashLooping()), endpointSlices: [stale] });
    expect(verdict.behind).toBe('yes');
    expect(verdict.answer).toBe('Pod web-3 is behind Service web and ready');
    expect(verdict.items.some((item) => item.text.startsWith('EndpointSlices disagree: Kubernetes should have it listed as not ready'))).toBe(true);
  });

  it('an endpoint with ready unset counts as ready, as kube-proxy reads it', () => {
    const unset = slice([{ addresses: [IP], targetRef: { kind: 'Pod', namespace: 'default', name: 'web-3', uid: 'uid-web-3' } }], [{ name: 'http', port: 8080 }]);
    expect(explainWhyNot({ ...settled(service(), readyPod()), endpointSlices: [unset] }).behind).toBe('yes');
  });

  it('unreadable slices fall back to the prediction and say so', () => {
    const verdict = explainWhyNot({ ...settled(service(), readyPod()), endpointSlices: [], unavailable: ['endpointslices'] });
    expect(verdict.behind).toBe('yes');
    expect(verdict.actual.slices).toBeNull();
    expect(verdict.items.find((item) => item.topic === 'endpointslices')?.mark).toBe('unknown');
  });

  it('unreadable Nodes are not taken for a missing Node', () => {
    const verdict = explainWhyNot({ ...settled(service(), readyPod()), nodes: [], unavailable: ['nodes'] });
    expect(verdict.predicted.slices.ready).toBe(true);
    expect(verdict.items.find((item) => item.topic === 'node')?.mark).toBe('unknown');
  });

  it('a selectorless Service whose hand-written Endpoints name the Pod by IP: behind, through the mirrored slice', () => {
    const svc = service({ selector: undefined });
    const endpoints: Endpoints = { metadata: { name: 'web', namespace: 'default' }, subsets: [{ addresses: [{ ip: IP }], ports: [{ name: 'http', port: 8080 }] }] };
    const mirrored = predictMirroredSlices(svc, endpoints).slices;
    const verdict = explainWhyNot({ ...settled(svc, readyPod()), endpoints, endpointSlices: mirrored });
    expect(verdict.actual.endpoints?.list).toBe('addresses');
    expect(verdict.behind).toBe('yes');
    expect(verdict.selected).toBe(false);
    expect(verdict.items.filter((item) => item.text.includes('disagree'))).toEqual([]);
    expect(explainWhyNot({ ...settled(svc, readyPod()), endpoints, endpointSlices: [] }).behind).toBe('no');
  });
});

describe('explainWhyNot: port lines', () => {
  it('resolves a named port to its container', () => {
    const verdict = explainWhyNot(settled(service(), readyPod()));
    expect(verdict.items.filter((item) => item.topic === 'port').map((item) => [item.mark, item.text])).toEqual([['ok', 'port http 80/TCP → 8080 (container app)']]);
  });

  it('uses an undeclared numeric targetPort as is, with a warning when the Pod declares other ports', () => {
    const verdict = explainWhyNot(settled(service({ ports: [port('http', 80, 9999, 'TCP')] }), readyPod()));
    const line = verdict.items.find((item) => item.topic === 'port');
    expect([line?.mark, line?.text]).toEqual(['warn', 'port http 80/TCP → 9999, which no container declares']);
    expect(verdict.behind).toBe('yes');
  });

  it('names the declared ports when a name does not resolve', () => {
    const verdict = explainWhyNot(settled(service({ ports: [port('http', 80, 'htp', 'TCP')] }), readyPod()));
    expect(verdict.items.find((item) => item.topic === 'port')?.details).toEqual(['declared: http 8080/TCP (container app)']);
  });
});

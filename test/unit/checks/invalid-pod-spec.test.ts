import { describe, expect, it } from 'vitest';
import { podSpecProblems } from '../../../src/core/checks/invalid-pod-spec.js';
import type { PodSpec } from '../../../src/core/kubernetes-types.js';

const app = (ports: object[] = [{ containerPort: 8080 }], extra: object = {}): PodSpec =>
  ({ containers: [{ name: 'app', image: 'example/app:1', ports }], ...extra }) as PodSpec;

const TEMPLATE = 'spec.template.';

describe('the API server\'s Pod validation on the way to a Service (podSpecProblems)', () => {
  it('accepts a plain template, an empty protocol (TCP) and SCTP', () => {
    expect(podSpecProblems({ app: 'web' }, app([{ containerPort: 80, protocol: '' }, { containerPort: 81, protocol: 'SCTP' }]), TEMPLATE)).toEqual([]);
  });

  it('names bad label keys and values under the template\'s metadata', () => {
    expect(podSpecProblems({ 'bad key': 'x', app: 'web!' }, app(), TEMPLATE)).toEqual([
      'spec.template.metadata.labels key "bad key" is not a valid label key',
      'spec.template.metadata.labels value "web!" for "app" is not a valid label value',
    ]);
  });

  it('requires a container, each with a unique DNS-1123 name (across init containers) and an image', () => {
    expect(podSpecProblems({}, { containers: [] } as PodSpec, '')).toEqual(['spec.containers is required (at least one container)']);
    const spec = {
      containers: [{ name: 'App', image: 'x' }, { name: 'web' }],
      initContainers: [{ name: 'web', image: 'x' }, { image: 'x' }],
    } as PodSpec;
    expect(podSpecProblems({}, spec, '')).toEqual([
      'spec.containers[0].name "App" is not a DNS-1123 label',
      'spec.containers[1].image is required',
      'spec.initContainers[0].name "web" is a duplicate',
      'spec.initContainers[1].name is required',
    ]);
  });

  it('checks containerPort, hostPort and protocol', () => {
    expect(podSpecProblems({}, app([{ containerPort: 0 }, { containerPort: 70000, hostPort: -1 }, { containerPort: 53, protocol: 'ICMP' }]), TEMPLATE)).toEqual([
      'spec.template.spec.containers[0].ports[0].containerPort is required',
      'spec.template.spec.containers[0].ports[1].containerPort 70000 is not between 1 and 65535',
      'spec.template.spec.containers[0].ports[1].hostPort -1 is not between 1 and 65535',
      'spec.template.spec.containers[0].ports[2].protocol "ICMP" is not one of TCP, UDP, SCTP',
    ]);
  });

  it('refuses one hostPort twice per protocol and host IP, and on the host network a hostPort unlike the containerPort', () => {
    const spec = (ports: object[], extra = {}) => podSpecProblems({}, app(ports, extra), '');
    expect(spec([{ containerPort: 80, hostPort: 8080 }, { containerPort: 81, hostPort: 8080, protocol: 'UDP' }])).toEqual([]);
    expect(spec([{ containerPort: 80, hostPort: 8080, hostIP: '10.0.0.1' }, { containerPort: 81, hostPort: 8080, hostIP: '10.0.0.2' }])).toEqual([]);
    expect(spec([{ containerPort: 80, hostPort: 8080 }, { containerPort: 81, hostPort: 8080 }])).toEqual([
      'spec.containers[0].ports[1].hostPort 8080 (TCP) is already used by another container port',
    ]);
    expect(spec([{ containerPort: 80, hostPort: 8080 }], { hostNetwork: true })).toEqual([
      'spec.containers[0].ports[0].hostPort 8080 must match containerPort 80 when hostNetwork is true',
    ]);
  });

  it('checks each init container\'s host ports on its own (they run one at a time)', () => {
    const init = (ports: object[][]) => podSpecProblems({}, { ...app([{ containerPort: 80, hostPort: 81 }]), initContainers: ports.map((p, i) => ({ name: `init${i}`, image: 'x', ports: p })) } as PodSpec, '');
    expect(init([[{ containerPort: 1, hostPort: 81 }], [{ containerPort: 2, hostPort: 81 }]])).toEqual([]);
    expect(init([[{ containerPort: 1, hostPort: 82 }, { containerPort: 2, hostPort: 82 }]])).toEqual([
      'spec.initContainers[0].ports[1].hostPort 82 (TCP) is already used by another container port',
    ]);
  });

  it('gives a bare Pod on the host network its containerPorts as hostPorts, not a template (defaulting is per Pod)', () => {
    const twice = { containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80 }] }, { name: 'b', image: 'x', ports: [{ containerPort: 80 }] }], hostNetwork: true } as PodSpec;
    expect(podSpecProblems({}, twice, '')).toEqual(['spec.containers[1].ports[0].hostPort 80 (TCP) is already used by another container port']);
    expect(podSpecProblems({}, twice, TEMPLATE)).toEqual([]);
  });
});

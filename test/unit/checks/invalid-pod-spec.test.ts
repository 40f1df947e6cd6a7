import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analyze.js';
import { podSpecProblems } from '../../../src/core/checks/invalid-pod-spec.js';
import { loadManifests } from '../../../src/sources/manifests/load-manifests.js';
import type { PodSpec } from '../../../src/core/kubernetes-types.js';

const app = (ports: object[] = [{ containerPort: 8080 }], extra: object = {}): PodSpec =>
  ({ containers: [{ name: 'app', image: 'example/app:1', ports }], ...extra }) as PodSpec;

const TEMPLATE = 'Deployment';

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
    expect(podSpecProblems({}, { containers: [] } as PodSpec, 'Pod')).toEqual(['spec.containers is required (at least one container)']);
    const spec = {
      containers: [{ name: 'App', image: 'x' }, { name: 'web' }],
      initContainers: [{ name: 'web', image: 'x' }, { image: 'x' }],
    } as PodSpec;
    expect(podSpecProblems({}, spec, 'Pod')).toEqual([
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
    const spec = (ports: object[], extra = {}) => podSpecProblems({}, app(ports, extra), 'Pod');
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
    const init = (ports: object[][]) => podSpecProblems({}, { ...app([{ containerPort: 80, hostPort: 81 }]), initContainers: ports.map((p, i) => ({ name: `init${i}`, image: 'x', ports: p })) } as PodSpec, 'Pod');
    expect(init([[{ containerPort: 1, hostPort: 81 }], [{ containerPort: 2, hostPort: 81 }]])).toEqual([]);
    expect(init([[{ containerPort: 1, hostPort: 82 }, { containerPort: 2, hostPort: 82 }]])).toEqual([
      'spec.initContainers[0].ports[1].hostPort 82 (TCP) is already used by another container port',
    ]);
  });

  it('allows restartPolicy and activeDeadlineSeconds as the owner runs its Pods', () => {
    const spec = (extra: object) => app(undefined, extra);
    expect(podSpecProblems({}, spec({ restartPolicy: 'Never', activeDeadlineSeconds: 60 }), 'Pod')).toEqual([]);
    expect(podSpecProblems({}, spec({ restartPolicy: 'Sometimes' }), 'Pod')).toEqual(['spec.restartPolicy "Sometimes" is not one of Always, OnFailure, Never']);
    expect(podSpecProblems({}, spec({ activeDeadlineSeconds: 0 }), 'Pod')).toEqual(['spec.activeDeadlineSeconds 0 is not between 1 and 2147483647']);
    expect(podSpecProblems({}, spec({ restartPolicy: 'OnFailure', activeDeadlineSeconds: 60 }), 'StatefulSet')).toEqual([
      'spec.template.spec.restartPolicy "OnFailure" is not supported for a StatefulSet (only Always)',
      'spec.template.spec.activeDeadlineSeconds is not supported for a StatefulSet',
    ]);
    expect(podSpecProblems({}, spec({}), 'Job')).toEqual(['spec.template.spec.restartPolicy must be OnFailure or Never for a Job (it defaults to Always)']);
    expect(podSpecProblems({}, spec({ restartPolicy: 'Always' }), 'CronJob')).toEqual(['spec.jobTemplate.spec.template.spec.restartPolicy must be OnFailure or Never for a CronJob']);
    expect(podSpecProblems({}, spec({ restartPolicy: 'Never', activeDeadlineSeconds: 60 }), 'Job')).toEqual([]);
  });

  it('gives a bare Pod on the host network its containerPorts as hostPorts, not a template (defaulting is per Pod)', () => {
    const twice = { containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80 }] }, { name: 'b', image: 'x', ports: [{ containerPort: 80 }] }], hostNetwork: true } as PodSpec;
    expect(podSpecProblems({}, twice, 'Pod')).toEqual(['spec.containers[1].ports[0].hostPort 80 (TCP) is already used by another container port']);
    expect(podSpecProblems({}, twice, TEMPLATE)).toEqual([]);
  });

  it('says a StatefulSet with a broken container is stored up to 1.33, and refused with it from 1.34', async () => {
    const file = join(import.meta.dirname, '../../fixtures/checks/invalid-pod-spec/fail-statefulset-container-1.33.yaml');
    const snapshot = await loadManifests([file], { defaultNamespace: 'default' });
    const message = (minor: string) => analyze({ ...snapshot, kubernetesVersion: { minor, source: 'flag', server: null } }).findings.find((f) => f.check === 'invalid-pod-spec')?.message;
    expect(message('1.33')).toBe('StatefulSet default/db is accepted by the API server of 1.33, but each Pod it creates is rejected, so its Pods never exist: spec.template.spec.containers[0].image is required.');
    expect(message('1.34')).toBe('StatefulSet default/db would be rejected by the API server, so its Pods never exist: spec.template.spec.containers[0].image is required.');
  });
});

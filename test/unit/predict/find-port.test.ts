import { describe, it, expect } from 'vitest';
import { findPort, servicePortProtocol, serviceTargetPort } from '../../../src/core/find-port.js';
import type { Container, PodSpec } from '../../../src/core/kubernetes-types.js';
import { port } from './builders.js';

const app: Container = { name: 'app', ports: [{ name: 'http', containerPort: 8080 }, { name: 'dns', containerPort: 53, protocol: 'UDP' }] };
const second: Container = { name: 'second', ports: [{ name: 'http', containerPort: 9090 }, { name: 'metrics', containerPort: 9100 }] };
const sidecar: Container = { name: 'proxy', restartPolicy: 'Always', ports: [{ name: 'envoy', containerPort: 15001 }] };
const plainInit: Container = { name: 'init', ports: [{ name: 'setup', containerPort: 7000 }] };
const spec: PodSpec = { containers: [app, second], initContainers: [plainInit, sidecar] };

describe('findPort', () => {
  it.each([
    ['numeric target used as is, even undeclared', port('x', 80, 1234), { port: 1234 }],
    ['no target → port', port('x', 80), { port: 80 }],
    ['target 0 → port', port('x', 81, 0), { port: 81 }],
    ['named: first container in order wins', port('x', 80, 'http'), { port: 8080, container: 'app' }],
    ['named in a later container', port('x', 80, 'metrics'), { port: 9100, container: 'second' }],
    ['named with UDP protocol', port('x', 53, 'dns', 'UDP'), { port: 53, container: 'app' }],
    ['named, protocol mismatch (TCP default vs UDP)', port('x', 53, 'dns'), null],
    ['native sidecar port resolves', port('x', 15001, 'envoy'), { port: 15001, container: 'proxy' }],
    ['ordinary init container never counts', port('x', 7000, 'setup'), null],
    ['unknown name', port('x', 80, 'nope'), null],
  ])('%s', (_title, servicePort, expected) => {
    expect(findPort(spec, servicePort)).toEqual(expected);
  });

  it('regular containers win over a sidecar with the same port name', () => {
    const withClash: PodSpec = { containers: [app], initContainers: [{ name: 's', restartPolicy: 'Always', ports: [{ name: 'http', containerPort: 1 }] }] };
    expect(findPort(withClash, port('x', 80, 'http'))).toEqual({ port: 8080, container: 'app' });
  });

  it('treats a missing spec as having no ports', () => {
    expect(findPort(undefined, port('x', 80, 'http'))).toBeNull();
  });
});

describe('service port defaults', () => {
  it.each([
    [undefined, 'TCP'],
    ['', 'TCP'],
    ['UDP', 'UDP'],
    ['SCTP', 'SCTP'],
  ])('protocol %j → %s', (protocol, expected) => {
    expect(servicePortProtocol({ protocol })).toBe(expected);
  });

  it.each([
    [{ port: 80 }, 80],
    [{ port: 80, targetPort: '' }, 80],
    [{ port: 80, targetPort: 8080 }, 8080],
    [{ port: 80, targetPort: 'http' }, 'http'],
  ])('targetPort of %j → %j', (servicePort, expected) => {
    expect(serviceTargetPort(servicePort)).toBe(expected);
  });
});

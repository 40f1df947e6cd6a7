import { describe, expect, it } from 'vitest';
import type { Container } from '../../../src/core/kubernetes-types.js';
import { probedContainers, resolveProbePort, similarPortNames } from '../../../src/core/probes.js';
import { portNameProblems } from '../../../src/core/validation.js';

const container: Container = {
  name: 'app',
  ports: [
    { name: 'http', containerPort: 8080 },
    { name: 'dns', containerPort: 53, protocol: 'UDP' },
    { name: 'http', containerPort: 9999 },
  ],
};

describe('resolveProbePort (the kubelet: own ports, first name, any protocol, number fallback)', () => {
  it.each([
    ['a declared name', 'http', { status: 'resolved', port: 8080, declared: true }],
    ['a UDP port by name: probes ignore the protocol', 'dns', { status: 'resolved', port: 53, declared: true }],
    ['a declared number', 8080, { status: 'resolved', port: 8080, declared: true }],
    ['an undeclared number, probed anyway', 8081, { status: 'resolved', port: 8081, declared: false }],
    ['a number written as a string', '8080', { status: 'resolved', port: 8080, declared: true }],
    ['an unknown name', 'healthz', { status: 'name-not-found', name: 'healthz' }],
  ])('%s', (_name, port, expected) => {
    expect(resolveProbePort(container, port)).toEqual(expected);
  });

  it('probes regular containers and native sidecars, never plain init containers', () => {
    const spec = { containers: [{ name: 'app' }], initContainers: [{ name: 'init' }, { name: 'proxy', restartPolicy: 'Always' }] };
    expect(probedContainers(spec).map(({ container: c, sidecar }) => `${c.name}:${sidecar}`)).toEqual(['app:false', 'proxy:true']);
  });

  it('suggests look-alike names, closest first', () => {
    expect(similarPortNames('helthz', ['health', 'healthz', 'metrics'])).toEqual(['healthz', 'health']);
    expect(similarPortNames('HTTP_Metrics', ['http-metrics'])).toEqual(['http-metrics']);
  });
});

describe('portNameProblems (apimachinery IsValidPortName)', () => {
  it.each([
    ['http', []],
    ['abcdefghijklmno', []],
    ['8a', []],
    ['abcdefghijklmnop', ['must be no more than 15 characters']],
    ['HTTP', ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'must contain at least one letter (a-z)']],
    ['Http', ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)']],
    ['8080', ['must contain at least one letter (a-z)']],
    ['a--b', ['must not contain consecutive hyphens (-)']],
    ['-ab', ['must not begin or end with a hyphen (-)']],
    ['', ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'must contain at least one letter (a-z)']],
  ])('%j', (name, problems) => {
    expect(portNameProblems(name)).toEqual(problems);
  });
});

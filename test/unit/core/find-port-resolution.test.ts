import { describe, expect, it } from 'vitest';
import type { PodSpec, ServicePort } from '../../../src/core/kubernetes-types.js';
import { resolveTargetPort } from '../../../src/core/find-port.js';

const spec: PodSpec = {
  initContainers: [
    { name: 'init', ports: [{ name: 'init-port', containerPort: 7000 }] },
    { name: 'sidecar', restartPolicy: 'Always', ports: [{ name: 'proxy', containerPort: 15001 }, { name: 'http', containerPort: 15080 }] },
  ],
  containers: [
    { name: 'app', ports: [{ name: 'http', containerPort: 8080 }, { name: 'dns', containerPort: 53, protocol: 'UDP' }] },
    { name: 'second', ports: [{ name: 'http', containerPort: 9090 }, { name: 'dns', containerPort: 5353 }] },
  ],
};

describe('resolveTargetPort (FindPort)', () => {
  it.each<{ name: string; port: ServicePort; want: object }>([
    { name: 'numeric targetPort declared', port: { port: 80, targetPort: 8080 }, want: { status: 'resolved', port: 8080, container: 'app' } },
    { name: 'default targetPort is the port', port: { port: 8080 }, want: { status: 'resolved', port: 8080, container: 'app' } },
    { name: 'numeric targetPort undeclared is still used', port: { port: 80, targetPort: 3000 }, want: { status: 'not-declared', port: 3000 } },
    { name: 'named: first container in order wins', port: { port: 80, targetPort: 'http' }, want: { status: 'resolved', port: 8080, container: 'app' } },
    { name: 'named: protocol must match too', port: { port: 53, targetPort: 'dns', protocol: 'TCP' }, want: { status: 'resolved', port: 5353, container: 'second' } },
    { name: 'named UDP', port: { port: 53, targetPort: 'dns', protocol: 'UDP' }, want: { status: 'resolved', port: 53, container: 'app' } },
    { name: 'native sidecar ports count', port: { port: 80, targetPort: 'proxy' }, want: { status: 'resolved', port: 15001, container: 'sidecar' } },
    { name: 'plain init containers never count', port: { port: 80, targetPort: 'init-port' }, want: { status: 'name-not-found' } },
    { name: 'unknown name', port: { port: 80, targetPort: 'metrics' }, want: { status: 'name-not-found' } },
    { name: 'name exists with another protocol only', port: { port: 80, targetPort: 'http', protocol: 'UDP' }, want: { status: 'protocol-mismatch', declaredProtocol: 'TCP', container: 'app' } },
    { name: 'number exists with another protocol only', port: { port: 53, protocol: 'TCP' }, want: { status: 'protocol-mismatch', declaredProtocol: 'UDP', container: 'app', port: 53 } },
  ])('$name', ({ port, want }) => {
    expect(resolveTargetPort(spec, port)).toEqual(want);
    // The same Pod with many more ports (looked up through its index rather than scanned) resolves the same way.
    const filler = { name: 'filler', ports: Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, containerPort: 20000 + i })) };
    expect(resolveTargetPort({ ...spec, containers: [...(spec.containers ?? []), filler] }, port)).toEqual(want);
  });
});

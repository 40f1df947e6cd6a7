import { describe, expect, it } from 'vitest';
import { nftablesEndpointChainName, nftablesServiceChainName } from '../../../src/core/predict/nftables-names.js';
import { service } from './builders.js';

const svc1 = service({}, 'svc1', { namespace: 'ns1' });

describe('nftables chain names', () => {
  // The two names kube-proxy's own nftables tests use for ns1/svc1 port p80 and its endpoint 10.180.0.1:80.
  it('matches kube-proxy for a service port and an endpoint', () => {
    expect(nftablesServiceChainName(svc1, { name: 'p80' }, 'TCP', 'service-')).toBe('service-ULMVA6XW-ns1/svc1/tcp/p80');
    expect(nftablesEndpointChainName(svc1, { name: 'p80' }, 'TCP', '10.180.0.1', 80)).toBe('endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80');
  });

  it('uses one hash for the service, local, external and firewall chains, an empty port name for an unnamed port', () => {
    const base = nftablesServiceChainName(svc1, {}, 'udp', 'service-').slice('service-'.length);
    expect(base).toMatch(/^[A-Z2-7]{8}-ns1\/svc1\/udp\/$/);
    for (const prefix of ['local-', 'external-', 'firewall-'] as const) expect(nftablesServiceChainName(svc1, {}, 'udp', prefix)).toBe(prefix + base);
  });

  it('writes IPv6 endpoints with dots, and cuts names longer than nftables allows', () => {
    expect(nftablesEndpointChainName(svc1, { name: 'p80' }, 'tcp', 'fd00::1', 80)).toMatch(/__fd00\.\.1\/80$/);
    const long = service({}, 's'.repeat(63), { namespace: 'n'.repeat(63) });
    const name = nftablesEndpointChainName(long, { name: 'p'.repeat(63) }, 'sctp', 'fd00:1111:2222:3333:4444:5555:6666:7777', 65535);
    expect(name.length).toBe('endpoint-'.length + 240);
    expect(name.endsWith('...')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { endpointSliceValidationErrors, endpointsValidationErrors } from '../../../src/core/checks/endpoints-rules.js';
import type { EndpointSlice, Endpoints } from '../../../src/core/kubernetes-types.js';
import { factsForMinor } from '../../../src/core/version/index.js';

const newest = factsForMinor(37);
const before36 = factsForMinor(35);
const endpoints = (subsets: unknown[], name = 'db'): Endpoints => ({ metadata: { name, namespace: 'default' }, subsets }) as Endpoints;
const slice = (fields: Partial<EndpointSlice>): EndpointSlice =>
  ({ metadata: { name: 'db-1', namespace: 'default', labels: { 'kubernetes.io/service-name': 'db' } }, addressType: 'IPv4', ...fields }) as EndpointSlice;

describe('the API server\'s validation of hand-written Endpoints (endpointsValidationErrors)', () => {
  it('accepts addresses a client can be sent to, an empty protocol (TCP) and a subset without ports', () => {
    expect(endpointsValidationErrors(endpoints([{ addresses: [{ ip: '192.0.2.1', hostname: 'db-0', nodeName: 'node-1' }], ports: [{ port: 5432, protocol: '' }] }, { notReadyAddresses: [{ ip: '2001:db8::1' }] }]), newest)).toEqual([]);
  });

  it('refuses loopback, link-local, link-local multicast and unspecified addresses, in both families', () => {
    const ips = ['127.0.0.1', '::1', '169.254.169.254', 'fe80::1', '224.0.0.251', 'ff02::1', '0.0.0.0', '::', 'db.example.com'];
    expect(endpointsValidationErrors(endpoints([{ addresses: ips.map((ip) => ({ ip })) }]), newest)).toEqual([
      'subsets[0].addresses[0].ip "127.0.0.1" may not be in the loopback range (127.0.0.0/8)',
      'subsets[0].addresses[1].ip "::1" may not be the loopback address (::1)',
      'subsets[0].addresses[2].ip "169.254.169.254" may not be in the link-local range (169.254.0.0/16)',
      'subsets[0].addresses[3].ip "fe80::1" may not be in the link-local range (fe80::/10)',
      'subsets[0].addresses[4].ip "224.0.0.251" may not be in the link-local multicast range (224.0.0.0/24)',
      'subsets[0].addresses[5].ip "ff02::1" may not be in the link-local multicast range (ff02::/16)',
      'subsets[0].addresses[6].ip "0.0.0.0" may not be unspecified',
      'subsets[0].addresses[7].ip "::" may not be unspecified',
      'subsets[0].addresses[8].ip "db.example.com" is not a valid IP address',
    ]);
  });

  it('accepts leading zeros and IPv4-mapped addresses before 1.36 only', () => {
    const subsets = [{ addresses: [{ ip: '10.0.0.01' }, { ip: '::ffff:10.0.0.1' }] }];
    expect(endpointsValidationErrors(endpoints(subsets), before36)).toEqual([]);
    expect(endpointsValidationErrors(endpoints(subsets), newest)).toEqual([
      'subsets[0].addresses[0].ip "10.0.0.01" must not have leading 0s',
      'subsets[0].addresses[1].ip "::ffff:10.0.0.1" must not be an IPv4-mapped IPv6 address',
    ]);
  });

  it('needs an address per subset, names on several ports, valid port numbers, protocols and names', () => {
    expect(endpointsValidationErrors(endpoints([
      { ports: [{ port: 80 }] },
      { addresses: [{ ip: '192.0.2.1', hostname: 'DB', nodeName: '' }], ports: [{ port: 0 }, { name: 'HTTP', port: 70000, protocol: 'ICMP' }] },
    ], 'Bad_Name'), newest)).toEqual([
      'metadata.name "Bad_Name" is not a DNS-1123 subdomain',
      'subsets[0] must list addresses or notReadyAddresses',
      'subsets[1].addresses[0].hostname "DB" is not a DNS-1123 label',
      'subsets[1].addresses[0].nodeName "" is not a DNS-1123 subdomain',
      'subsets[1].ports[0].name is required when a subset has more than one port',
      'subsets[1].ports[0].port 0 is not between 1 and 65535',
      'subsets[1].ports[1].name "HTTP" is not a DNS-1123 label',
      'subsets[1].ports[1].port 70000 is not between 1 and 65535',
      'subsets[1].ports[1].protocol "ICMP" is not one of TCP, UDP, SCTP',
    ]);
  });
});

describe('the API server\'s validation of hand-written EndpointSlices (endpointSliceValidationErrors)', () => {
  it('accepts both families, FQDN, absent port names and protocols, and an unknown address type\'s addresses unchecked', () => {
    expect(endpointSliceValidationErrors(slice({ endpoints: [{ addresses: ['192.0.2.1'] }], ports: [{ port: 80 } as never] }), newest)).toEqual([]);
    expect(endpointSliceValidationErrors(slice({ addressType: 'IPv6', endpoints: [{ addresses: ['2001:db8::1'], hostname: 'a' }] }), newest)).toEqual([]);
    expect(endpointSliceValidationErrors(slice({ addressType: 'FQDN', endpoints: [{ addresses: ['db.example.com.'] }] }), newest)).toEqual([]);
  });

  it('wants IPv6 addresses strict and canonical from the start, IPv4 ones strict from 1.36', () => {
    const v6 = slice({ addressType: 'IPv6', endpoints: [{ addresses: ['2001:DB8::1', '2001:db8:0:0::1', '::ffff:10.0.0.1', '10.0.0.1'] }] });
    expect(endpointSliceValidationErrors(v6, before36)).toEqual([
      'endpoints[0].addresses[0] "2001:DB8::1" must be in canonical form ("2001:db8::1")',
      'endpoints[0].addresses[1] "2001:db8:0:0::1" must be in canonical form ("2001:db8::1")',
      'endpoints[0].addresses[2] "::ffff:10.0.0.1" must not be an IPv4-mapped IPv6 address',
      'endpoints[0].addresses[3] "10.0.0.1" must be an IPv6 address',
    ]);
    const v4 = slice({ endpoints: [{ addresses: ['10.0.0.01', '2001:db8::1', '127.0.0.2'] }] });
    expect(endpointSliceValidationErrors(v4, before36)).toEqual([
      'endpoints[0].addresses[1] "2001:db8::1" must be an IPv4 address',
      'endpoints[0].addresses[2] "127.0.0.2" may not be in the loopback range (127.0.0.0/8)',
    ]);
    expect(endpointSliceValidationErrors(v4, newest)[0]).toBe('endpoints[0].addresses[0] "10.0.0.01" must not have leading 0s');
  });

  it('refuses a missing or unknown addressType, empty endpoints, duplicate or bad port names, an empty protocol and bad hints', () => {
    expect(endpointSliceValidationErrors(slice({ addressType: '' }), newest)).toEqual(['addressType is required']);
    expect(endpointSliceValidationErrors(slice({ addressType: 'IP' }), newest)).toEqual(['addressType "IP" is not one of IPv4, IPv6, FQDN']);
    expect(endpointSliceValidationErrors(slice({
      endpoints: [{ addresses: [], hostname: '' }, { addresses: ['192.0.2.1'], hints: { forZones: [{ name: 'a' }, { name: 'a' }], forNodes: [{ name: 'Node_1' }] } }],
      ports: [{ port: 80 }, { name: '', port: 81 }, { name: 'Web', port: 82, protocol: '' }] as never,
    }), newest)).toEqual([
      'ports[1].name "" is a duplicate',
      'ports[2].name "Web" is not a DNS-1123 label',
      'ports[2].protocol "" is not one of TCP, UDP, SCTP',
      'endpoints[0].addresses must contain at least 1 address',
      'endpoints[0].hostname "" is not a DNS-1123 label',
      'endpoints[1].hints.forZones[1].name "a" is a duplicate',
      'endpoints[1].hints.forNodes[0].name "Node_1" is not a DNS-1123 subdomain',
    ]);
    expect(endpointSliceValidationErrors(slice({ addressType: 'FQDN', endpoints: [{ addresses: ['localhost'] }] }), newest)).toEqual([
      'endpoints[0].addresses[0] "localhost" should be a domain with at least two segments separated by dots',
    ]);
  });
});

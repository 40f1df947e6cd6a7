// The record builder with plain objects, case by case as CoreDNS' kubernetes plugin (v1.15.0, xfr.go,
// object/endpoint.go, kubernetes.go endpointHostname) builds its zone; the DNS oracle of the integration
// suite compares the same builder with the real CoreDNS.
import { describe, expect, it } from 'vitest';
import { recordLine, sortRecords } from '../../../src/core/dns/dns-record.js';
import { endpointHostname } from '../../../src/core/dns/endpoint-hostname.js';
import { parseClusterDomain } from '../../../src/core/dns/cluster-domain.js';
import { serviceDnsRecords, srvWeight } from '../../../src/core/dns/service-records.js';
import { buildDnsView } from '../../../src/core/dns/dns-view.js';
import type { EndpointSlice, Service, ServiceSpec, SliceEndpoint } from '../../../src/core/kubernetes-types.js';

const service = (spec: ServiceSpec): Service => ({ metadata: { name: 'web', namespace: 'shop' }, spec });
const slice = (addressType: string, endpoints: SliceEndpoint[], ports: EndpointSlice['ports'] = [{ name: 'http', port: 8080, protocol: 'TCP' }]): EndpointSlice => ({
  metadata: { name: `web-${addressType}`, namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } }, addressType, endpoints, ports,
});
const lines = (s: Service, slices: EndpointSlice[] = [], domain?: string) => sortRecords(serviceDnsRecords(s, slices, domain)).map(recordLine);
/** Expected lines in the order sortRecords gives (by the whole line). */
const sorted = (want: string[]) => [...want].sort();
const N = 'web.shop.svc.cluster.local.';

describe('ClusterIP Services: the ClusterIPs, an SRV per port at the name, and _name._proto SRV per named port', () => {
  it.each([
    ['single-stack, named port', { clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }, [
      `_http._tcp.${N} SRV 0 100 80 ${N}`, `${N} A 10.96.0.10`, `${N} SRV 0 100 80 ${N}`,
    ]],
    ['unnamed port: only the SRV at the Service name', { clusterIP: '10.96.0.10', ports: [{ port: 53, protocol: 'UDP' }] }, [
      `${N} A 10.96.0.10`, `${N} SRV 0 100 53 ${N}`,
    ]],
    ['dual-stack, UDP and SCTP ports with upper-case-free names', { type: 'NodePort', clusterIP: 'fd00::a', clusterIPs: ['fd00:0::a', '10.96.0.11'], ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'sig', port: 3868, protocol: 'SCTP' }] }, [
      `_dns._udp.${N} SRV 0 100 53 ${N}`, `_sig._sctp.${N} SRV 0 100 3868 ${N}`,
      `${N} A 10.96.0.11`, `${N} AAAA fd00::a`, `${N} SRV 0 100 53 ${N}`, `${N} SRV 0 100 3868 ${N}`,
    ]],
  ] as Array<[string, ServiceSpec, string[]]>)('%s', (_, spec, want) => {
    expect(lines(service(spec), [slice('IPv4', [{ addresses: ['10.244.0.5'], hostname: 'ignored' }])])).toEqual(sorted(want));
  });
});

describe('headless Services: ready endpoint addresses, per-endpoint names and SRV records from the slices', () => {
  const headless = service({ clusterIP: 'None', clusterIPs: ['None'], ports: [{ name: 'http', port: 80, targetPort: 8080 }] });

  it('ready (or unset) addresses count; not-ready ones do not (publishNotReadyAddresses makes the controller mark them ready)', () => {
    const endpoints: SliceEndpoint[] = [
      { addresses: ['10.244.0.5'], conditions: { ready: true }, hostname: 'db-0' },
      { addresses: ['10.244.0.6'], conditions: {} },
      { addresses: ['10.244.0.7'], conditions: { ready: false, serving: true, terminating: true } },
    ];
    expect(lines(headless, [slice('IPv4', endpoints)])).toEqual(sorted([
      `_http._tcp.${N} SRV 0 50 8080 10-244-0-6.${N}`,
      `_http._tcp.${N} SRV 0 50 8080 db-0.${N}`,
      `10-244-0-6.${N} A 10.244.0.6`,
      `db-0.${N} A 10.244.0.5`,
      `${N} A 10.244.0.5`,
      `${N} A 10.244.0.6`,
    ]));
  });

  it('dual-stack: one slice per family, weights per slice, the same hostname under A and AAAA', () => {
    const v4 = slice('IPv4', [{ addresses: ['10.244.0.5'], hostname: 'db-0' }, { addresses: ['10.244.0.6'], hostname: 'db-1' }, { addresses: ['10.244.0.8'] }]);
    const v6 = slice('IPv6', [{ addresses: ['fd00:10:244::5'], hostname: 'db-0' }]);
    const got = lines(headless, [v4, v6]);
    expect(got).toContain(`_http._tcp.${N} SRV 0 33 8080 db-0.${N}`);
    expect(got).toContain(`_http._tcp.${N} SRV 0 100 8080 db-0.${N}`);
    expect(got).toContain(`db-0.${N} AAAA fd00:10:244::5`);
    expect(got).toContain(`${N} AAAA fd00:10:244::5`);
    expect(got.filter((line) => line.includes(' SRV '))).toHaveLength(4);
  });

  it('unnamed slice ports give no SRV; a slice without ports neither; the name still has its addresses', () => {
    expect(lines(headless, [slice('IPv4', [{ addresses: ['10.244.0.5'] }], [{ port: 8080, protocol: 'TCP' }]), slice('IPv4', [{ addresses: ['10.244.0.9'] }], [])])).toEqual([
      `10-244-0-5.${N} A 10.244.0.5`, `10-244-0-9.${N} A 10.244.0.9`, `${N} A 10.244.0.5`, `${N} A 10.244.0.9`,
    ]);
  });

  it('an FQDN slice gives no address; its SRV records point at the root', () => {
    expect(lines(headless, [slice('FQDN', [{ addresses: ['backend.example.com'] }])])).toEqual([`_http._tcp.${N} SRV 0 100 8080 .`]);
  });

  it('a ClusterIP that is not yet set (a manifest) takes the endpoint path, as CoreDNS would', () => {
    expect(lines(service({ ports: [{ port: 80 }] }), [slice('IPv4', [{ addresses: ['10.244.0.5'] }])])).toEqual(sorted([
      `_http._tcp.${N} SRV 0 100 8080 10-244-0-5.${N}`, `10-244-0-5.${N} A 10.244.0.5`, `${N} A 10.244.0.5`,
    ]));
  });
});

describe('ExternalName and the domain', () => {
  it.each([
    ['db.example.com', [`${N} CNAME db.example.com.`]],
    ['db.example.com.', [`${N} CNAME db.example.com.`]],
    ['192.0.2.10', []],
  ])('externalName %s', (externalName, want) => {
    expect(lines(service({ type: 'ExternalName', externalName }))).toEqual(want);
  });

  it('--cluster-domain names the zone', () => {
    expect(lines(service({ clusterIP: '10.96.0.10', ports: [{ port: 80 }] }), [], 'corp.example')).toEqual([
      'web.shop.svc.corp.example. A 10.96.0.10', 'web.shop.svc.corp.example. SRV 0 100 80 web.shop.svc.corp.example.',
    ]);
  });

  it.each([['cluster.local', 'cluster.local'], ['Cluster.Local.', 'cluster.local'], ['', null], ['a..b', null], ['-x.local', null], ['a_b.local', null]])(
    'parseClusterDomain(%j) = %j', (text, want) => expect(parseClusterDomain(text)).toBe(want),
  );
});

describe('CoreDNS helpers', () => {
  it.each([
    ['10.244.1.5', undefined, '10-244-1-5'], ['fd00::5', undefined, 'fd00--5'], ['fd00::', undefined, 'fd00--0'],
    ['10.244.1.5', 'db-0', 'db-0'], ['10.244.1.5', '', '10-244-1-5'],
  ])('endpointHostname(%s, %s) = %s', (address, hostname, want) => expect(endpointHostname(address, hostname)).toBe(want));

  it.each([[1, 100], [2, 50], [3, 33], [7, 14], [100, 1], [250, 1]])('srvWeight(%i) = %i', (count, want) => expect(srvWeight(count)).toBe(want));
});

describe('the DNS view', () => {
  it('notes FQDN endpoints, which queries answer with a CNAME the zone does not list', () => {
    const headless = service({ clusterIP: 'None', ports: [{ name: 'sql', port: 5432 }] });
    const view = buildDnsView(headless, [slice('FQDN', [{ addresses: ['db.example.com'] }])], 'actual');
    expect(view.notes).toEqual(['FQDN EndpointSlice endpoints (db.example.com): the zone lists no address for them, but a query for the Service name answers a CNAME to each']);
    expect(buildDnsView(headless, [slice('IPv4', [{ addresses: ['10.244.0.5'] }])], 'actual').notes).toEqual([]);
  });

  it('lists the unnamed ports, which get no _name._proto SRV record', () => {
    const view = buildDnsView(service({ clusterIP: '10.96.0.10', ports: [{ port: 53, protocol: 'UDP' }] }), [], 'actual');
    expect(view.unnamedPorts).toEqual(['53/UDP']);
    expect(view.name).toBe('web.shop.svc.cluster.local');
  });
});

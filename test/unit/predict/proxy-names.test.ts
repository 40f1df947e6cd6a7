import { describe, it, expect } from 'vitest';
import {
  base32, endpointChainName, endpointChainNameFor, iptablesProbability, kubeProxyProbability, proxyProtocol,
  serviceChainName, servicePortName,
} from '../../../src/core/predict/proxy-names.js';
import { service } from './builders.js';

describe('chain names (values seen on real nodes, spec section 6)', () => {
  it.each([
    ['kube-system/kube-dns:dns', 'udp', 'KUBE-SVC-TCOU7JCQXEZGVUNU'],
    ['kube-system/kube-dns:dns-tcp', 'tcp', 'KUBE-SVC-ERIFXISQEP7F7OF4'],
    ['kube-system/kube-dns:metrics', 'tcp', 'KUBE-SVC-JD5MR3NA4I4DYORP'],
    ['default/kubernetes:https', 'tcp', 'KUBE-SVC-NPX46M4PTMTKRN6Y'],
    ['default/my-service:http', 'tcp', 'KUBE-SVC-I37Z43XJW6BD4TLV'],
  ])('%s + %s → %s', (spn, protocol, expected) => {
    expect(serviceChainName(spn, protocol)).toBe(expected);
  });

  it.each([
    ['10.244.1.3:9376', 'KUBE-SEP-NMLWMRVHWN64GV3E'],
    ['10.244.1.4:9376', 'KUBE-SEP-4TW3FXCECP2QD3MS'],
    ['10.244.2.5:9376', 'KUBE-SEP-7TK4YZ6W7ZQLAAFQ'],
  ])('worked example SEP for %s → %s', (endpoint, expected) => {
    expect(endpointChainName('default/my-service:http', 'tcp', endpoint)).toBe(expected);
  });

  it('uses the same hash for SVL/EXT/FW with another prefix', () => {
    const suffix = serviceChainName('default/kubernetes:https', 'tcp').slice('KUBE-SVC-'.length);
    expect(serviceChainName('default/kubernetes:https', 'tcp', 'KUBE-EXT-')).toBe(`KUBE-EXT-${suffix}`);
    expect(serviceChainName('default/kubernetes:https', 'tcp', 'KUBE-FW-')).toBe(`KUBE-FW-${suffix}`);
  });

  it('brackets IPv6 endpoints before hashing', () => {
    expect(endpointChainNameFor('ns/s:p', 'tcp', 'fd00::1', 80)).toBe(endpointChainName('ns/s:p', 'tcp', '[fd00::1]:80'));
    expect(endpointChainNameFor('ns/s:p', 'tcp', 'fd00::1', 80)).not.toBe(endpointChainName('ns/s:p', 'tcp', 'fd00::1:80'));
  });
});

describe('service port name and protocol', () => {
  it.each([
    ['http', 'default/web:http'],
    [undefined, 'default/web'],
    ['', 'default/web'],
  ])('port name %j → %s', (name, expected) => {
    expect(servicePortName(service(), { name })).toBe(expected);
  });

  it.each([[undefined, 'tcp'], ['UDP', 'udp'], ['SCTP', 'sctp']])('protocol %j → %s', (protocol, expected) => {
    expect(proxyProtocol({ protocol })).toBe(expected);
  });
});

describe('base32 (RFC 4648 test vectors, no padding)', () => {
  it.each([
    ['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI'],
  ])('%j → %s', (input, expected) => {
    expect(base32(new TextEncoder().encode(input))).toBe(expected);
  });
});

describe('statistic probability as iptables-save prints it', () => {
  it.each([
    [1, '1.00000000000'],
    [2, '0.50000000000'],
    [3, '0.33333333349'],
    [4, '0.25000000000'],
    [5, '0.20000000019'],
    [4096, '0.00024414062'],
  ])('1/%i → %s', (n, expected) => {
    expect(iptablesProbability(n)).toBe(expected);
  });

  it('kube-proxy itself writes %0.10f', () => {
    expect(kubeProxyProbability(3)).toBe('0.3333333333');
  });
});

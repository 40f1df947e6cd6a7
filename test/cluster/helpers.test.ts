// The test helpers' own arithmetic, checked against values seen on real nodes (service-semantics.md §6).
import { describe, expect, it } from 'vitest';
import { kubeProxyOrder, probabilityText, sepChain, svcChain } from './helpers/k8s.js';

describe('kube-proxy naming helpers', () => {
  it('computes KUBE-SVC chain names seen on real clusters', () => {
    expect(svcChain('default', 'kubernetes', 'https', 'TCP')).toBe('KUBE-SVC-NPX46M4PTMTKRN6Y');
    expect(svcChain('kube-system', 'kube-dns', 'dns', 'UDP')).toBe('KUBE-SVC-TCOU7JCQXEZGVUNU');
    expect(svcChain('kube-system', 'kube-dns', 'dns-tcp', 'TCP')).toBe('KUBE-SVC-ERIFXISQEP7F7OF4');
    expect(svcChain('kube-system', 'kube-dns', 'metrics', 'TCP')).toBe('KUBE-SVC-JD5MR3NA4I4DYORP');
    expect(svcChain('default', 'my-service', 'http', 'TCP')).toBe('KUBE-SVC-I37Z43XJW6BD4TLV');
  });

  it('computes KUBE-SEP chain names of the worked example', () => {
    expect(sepChain('default', 'my-service', 'http', 'TCP', '10.244.1.3', 9376)).toBe('KUBE-SEP-NMLWMRVHWN64GV3E');
    expect(sepChain('default', 'my-service', 'http', 'TCP', '10.244.1.4', 9376)).toBe('KUBE-SEP-4TW3FXCECP2QD3MS');
    expect(sepChain('default', 'my-service', 'http', 'TCP', '10.244.2.5', 9376)).toBe('KUBE-SEP-7TK4YZ6W7ZQLAAFQ');
  });

  it('prints probabilities the way iptables-save does', () => {
    expect(probabilityText(0, 3)).toBe('0.33333333349');
    expect(probabilityText(1, 3)).toBe('0.50000000000');
    expect(probabilityText(0, 5)).toBe('0.20000000019');
    expect(probabilityText(0, 4)).toBe('0.25000000000');
  });

  it('orders endpoints as text', () => {
    expect(kubeProxyOrder([{ ip: '10.0.0.9', port: 80 }, { ip: '10.0.0.10', port: 80 }]).map((e) => e.ip)).toEqual(['10.0.0.10', '10.0.0.9']);
  });
});

import { describe, expect, it } from 'vitest';
import { evaluateConnection, type PolicyContext, type PolicyPod } from '../../../src/core/network-policy/evaluate.js';
import { matchesLabelSelector } from '../../../src/core/label-selector.js';
import { ipBlockContains } from '../../../src/core/network-policy/ip-block.js';
import type { NetworkPolicy } from '../../../src/core/network-policy/types.js';

function pod(namespace: string, name: string, labels: Record<string, string>, ip: string, ports: PolicyPod['ports'] = []): PolicyPod {
  return { ref: { kind: 'Pod', namespace, name }, namespace, labels, ips: [ip], ports };
}
function context(policies: NetworkPolicy[], namespaces: Record<string, Record<string, string>> = {}): PolicyContext {
  return {
    policies: policies.map((object) => ({ object, ref: { kind: 'NetworkPolicy', namespace: object.metadata.namespace!, name: object.metadata.name! } })),
    namespaceLabels: (ns) => ({ 'kubernetes.io/metadata.name': ns, ...(namespaces[ns] ?? {}) }),
  };
}
function policy(namespace: string, name: string, spec: NetworkPolicy['spec']): NetworkPolicy {
  return { metadata: { namespace, name }, spec };
}

const web = pod('shop', 'web', { app: 'web' }, '10.244.1.2', [{ name: 'http', containerPort: 8080 }]);
const api = pod('shop', 'api', { app: 'api' }, '10.244.1.3');
const other = pod('team', 'client', { app: 'client' }, '10.244.2.9');
const http = { port: 8080, protocol: 'TCP', family: 'IPv4' as const };

describe('evaluateConnection', () => {
  it.each([
    ['no policy: everything is allowed', [], api, true],
    ['default deny ingress', [policy('shop', 'deny', { podSelector: {} })], api, false],
    ['allow from same-namespace pods by label', [policy('shop', 'allow', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }] }] })], api, true],
    ['podSelector alone means the policy namespace only', [policy('shop', 'allow', { podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'client' } } }] }] })], other, false],
    ['namespaceSelector by the metadata.name label', [policy('shop', 'allow', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'team' } } }] }] })], other, true],
    ['named port resolves on the server', [policy('shop', 'allow', { podSelector: {}, ingress: [{ ports: [{ port: 'http' }] }] })], api, true],
    ['named port with the wrong protocol', [policy('shop', 'allow', { podSelector: {}, ingress: [{ ports: [{ port: 'http', protocol: 'UDP' }] }] })], api, false],
    ['the Service port instead of the targetPort', [policy('shop', 'allow', { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] })], api, false],
    ['endPort range', [policy('shop', 'allow', { podSelector: {}, ingress: [{ ports: [{ port: 8000, endPort: 8100 }] }] })], api, true],
    ['ipBlock with except', [policy('shop', 'allow', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.1.0/24'] } }] }] })], api, false],
    ['egress-only policy does not isolate ingress', [policy('shop', 'egress', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'] })], api, true],
    ['client egress deny', [policy('shop', 'egress', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Egress'] })], api, false],
    ['egress rules alone default policyTypes to both', [policy('shop', 'egress', { podSelector: { matchLabels: { app: 'api' } }, egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }] })], api, false],
  ])('%s', (_title, policies, client, allowed) => {
    expect(evaluateConnection(context(policies as NetworkPolicy[]), client as PolicyPod, web, http).allowed).toBe(allowed);
  });

  it('names the rule that allows and the policies that isolate', () => {
    const verdict = evaluateConnection(context([policy('shop', 'allow', { podSelector: {}, ingress: [{ ports: [{ port: 9 }] }, { from: [{ podSelector: {} }] }] })]), api, web, http);
    expect(verdict.ingress.isolatedBy.map((ref) => ref.name)).toEqual(['allow']);
    expect(verdict.ingress.allowedBy).toEqual([{ policy: { kind: 'NetworkPolicy', namespace: 'shop', name: 'allow' }, rule: 1, peer: 0 }]);
  });
});

describe('matchesLabelSelector', () => {
  it.each([
    [{}, {}, true],
    [{ matchLabels: { a: '1' } }, { a: '1', b: '2' }, true],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: ['1', '2'] }] }, { a: '2' }, true],
    [{ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['1'] }] }, {}, true],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists' }] }, {}, false],
    [{ matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] }, { a: '' }, false],
    [{ matchLabels: { constructor: 'x' } }, {}, false],
  ])('%j on %j → %s', (selector, labels, expected) => {
    expect(matchesLabelSelector(selector, labels)).toBe(expected);
  });
});

describe('ipBlockContains', () => {
  it.each([
    ['10.0.0.0/8', [], '10.1.2.3', true],
    ['10.0.0.0/8', ['10.1.0.0/16'], '10.1.2.3', false],
    ['0.0.0.0/0', [], '192.0.2.1', true],
    ['fd00::/8', [], 'fd00:10:244::5', true],
    ['fd00::/8', [], '10.1.2.3', false],
    ['10.0.0.0/33', [], '10.1.2.3', false],
  ])('%s except %j contains %s: %s', (cidr, except, ip, expected) => {
    expect(ipBlockContains({ cidr, except }, ip)).toBe(expected);
  });
});

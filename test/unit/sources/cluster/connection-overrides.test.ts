import { describe, expect, it } from 'vitest';
import { resolveConnection } from '../../../../src/sources/cluster/connection-overrides.js';
import type { MergedKubeconfig } from '../../../../src/sources/cluster/kubeconfig-loading.js';

const config = (): MergedKubeconfig => ({
  clusters: {
    prod: { server: 'https://prod.example:6443/', 'certificate-authority-data': 'Q0E=', 'tls-server-name': 'api.prod' },
    dev: { server: 'https://dev.example:6443' },
  },
  users: {
    alice: { token: 'a-token', as: 'robot', 'as-groups': ['ops'] },
    bob: { tokenFile: '/tmp/bob' },
  },
  contexts: { main: { cluster: 'prod', user: 'alice', namespace: 'shop' }, other: { cluster: 'dev', user: 'bob' } },
  currentContext: 'main',
  files: [],
});

describe('resolveConnection (clientcmd precedence)', () => {
  it('the current context, its cluster, user and namespace; a trailing slash dropped', () => {
    const resolved = resolveConnection(config(), {});
    expect(resolved).toMatchObject({ contextName: 'main', namespace: 'shop', server: 'https://prod.example:6443' });
    expect(resolved.impersonation).toEqual({ user: 'robot', groups: ['ops'], uid: '', extra: {} });
  });

  it('--context, then --cluster and --user replace the context\'s names', () => {
    const resolved = resolveConnection(config(), { context: 'other', cluster: 'prod', user: 'alice' });
    expect(resolved).toMatchObject({ contextName: 'other', namespace: 'default', server: 'https://prod.example:6443' });
    expect(resolved.user.token).toBe('a-token');
  });

  it.each([
    [{ context: 'nope' }, 'context "nope" does not exist in the kubeconfig'],
    [{ cluster: 'nope' }, 'cluster "nope" does not exist in the kubeconfig'],
    [{ user: 'nope' }, 'user "nope" does not exist in the kubeconfig'],
    [{ asGroups: ['g'], user: 'bob' }, '--as-group and --as-uid need --as (the user to impersonate)'],
  ])('%j → %s', (overrides, message) => {
    expect(() => resolveConnection(config(), overrides)).toThrow(message);
  });

  it('--certificate-authority drops the CA data; --insecure-skip-tls-verify drops the CA', () => {
    expect(resolveConnection(config(), { certificateAuthority: '/ca.pem' }).cluster).toMatchObject({ 'certificate-authority': '/ca.pem', 'insecure-skip-tls-verify': false });
    expect(resolveConnection(config(), { certificateAuthority: '/ca.pem' }).cluster['certificate-authority-data']).toBeUndefined();
    const insecure = resolveConnection(config(), { insecureSkipTlsVerify: true }).cluster;
    expect(insecure['insecure-skip-tls-verify']).toBe(true);
    expect(insecure['certificate-authority-data']).toBeUndefined();
  });

  it('--server clears the file\'s tls-server-name unless --tls-server-name is given too', () => {
    expect(resolveConnection(config(), { server: 'https://10.0.0.1' }).cluster['tls-server-name']).toBeUndefined();
    expect(resolveConnection(config(), { server: 'https://10.0.0.1', tlsServerName: 'x' }).cluster['tls-server-name']).toBe('x');
    expect(resolveConnection(config(), {}).cluster['tls-server-name']).toBe('api.prod');
  });

  it('--token replaces the token and the tokenFile', () => {
    const user = resolveConnection(config(), { context: 'other', token: 't' }).user;
    expect(user).toEqual({ token: 't' });
  });

  it('--as, --as-group, --as-uid replace the user\'s impersonation fields', () => {
    expect(resolveConnection(config(), { as: 'viewer', asGroups: ['a', 'b'], asUid: '42' }).impersonation).toEqual({ user: 'viewer', groups: ['a', 'b'], uid: '42', extra: {} });
    expect(resolveConnection(config(), { as: 'viewer' }).impersonation?.groups).toEqual(['ops']);
  });

  it('--server works without any context', () => {
    const empty: MergedKubeconfig = { clusters: {}, users: {}, contexts: {}, currentContext: '', files: [] };
    expect(resolveConnection(empty, { server: 'http://127.0.0.1:8001' })).toMatchObject({ server: 'http://127.0.0.1:8001', namespace: 'default' });
    expect(() => resolveConnection(empty, {})).toThrow('the kubeconfig has no current context: pass --context');
  });
});

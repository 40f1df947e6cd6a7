import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKubeconfig, NoKubeconfigError } from '../../../../src/sources/cluster/kubeconfig-loading.js';

const dir = mkdtempSync(path.join(tmpdir(), 'svcx-kc-'));
const file = (name: string, text: string) => {
  const full = path.join(dir, name);
  writeFileSync(full, text);
  return full;
};

describe('loadKubeconfig', () => {
  it('resolves relative file references against the directory of the file that holds them', () => {
    const sub = path.join(dir, 'sub');
    mkdirSync(sub, { recursive: true });
    const kc = path.join(sub, 'config');
    writeFileSync(kc, 'clusters:\n- name: c\n  cluster:\n    server: https://x\n    certificate-authority: ca.pem\nusers:\n- name: u\n  user:\n    client-certificate: ../u.crt\n    client-key: /abs/u.key\n    tokenFile: tok\n    exec:\n      command: ./bin/helper\n');
    const merged = loadKubeconfig({ kubeconfig: kc, env: {} });
    expect(merged.clusters.c['certificate-authority']).toBe(path.join(sub, 'ca.pem'));
    expect(merged.users.u).toMatchObject({ 'client-certificate': path.join(dir, 'u.crt'), 'client-key': '/abs/u.key', tokenFile: path.join(sub, 'tok'), exec: { command: path.join(sub, 'bin/helper') } });
  });

  it('KUBECONFIG: missing files skipped, duplicates read once, first file wins per name and for current-context', () => {
    const a = file('a', 'current-context: from-a\nclusters:\n- name: c\n  cluster: {server: https://a}\n');
    const b = file('b', 'current-context: from-b\nclusters:\n- name: c\n  cluster: {server: https://b}\n- name: only-b\n  cluster: {server: https://ob}\ncontexts:\n- name: from-a\n  context: {cluster: only-b}\n');
    const merged = loadKubeconfig({ env: { KUBECONFIG: [path.join(dir, 'missing'), a, b, a].join(path.delimiter) } });
    expect(merged.files).toEqual([a, b]);
    expect(merged.currentContext).toBe('from-a');
    expect(merged.clusters.c.server).toBe('https://a');
    expect(merged.clusters['only-b'].server).toBe('https://ob');
    expect(merged.contexts['from-a']).toEqual({ cluster: 'only-b' });
  });

  it('an empty file is an empty config; a list where a map belongs is a clear error', () => {
    expect(loadKubeconfig({ kubeconfig: file('empty', ''), env: {} }).clusters).toEqual({});
    expect(() => loadKubeconfig({ kubeconfig: file('bad', 'clusters: {a: 1}\n'), env: {} })).toThrow(/clusters must be a list/);
  });

  it('no kubeconfig and no in-cluster account: NoKubeconfigError', () => {
    expect(() => loadKubeconfig({ env: { HOME: dir } })).toThrow(NoKubeconfigError);
  });

  it('in a Pod: the service account', () => {
    const merged = loadKubeconfig({ env: { HOME: dir, KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443' } });
    expect(merged.clusters['in-cluster'].server).toBe('https://[fd00::1]:443');
    expect(merged.users['in-cluster'].tokenFile).toBe('/var/run/secrets/kubernetes.io/serviceaccount/token');
  });
});

// The control plane itself: versions, the kubeconfigs it hands out, kubectl (and the plugin
// through kubectl once bin/kubectl-svc_explain exists), kube-proxy's namespace.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { clients, cluster, iptablesSave, parseIptablesSave, svcChain } from './helpers/k8s.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const stamp = () => fs.readFileSync(path.join(cluster().binDir, '..', 'build.stamp'), 'utf8');

describe('control plane', () => {
  it('reports the pinned Kubernetes release', async () => {
    const version = /^kubernetes=(\S+)$/m.exec(stamp())?.[1];
    expect(version).toMatch(/^v1\.\d+\.\d+$/);
    const r = await fetch(`${cluster().server}/version`, { headers: { Authorization: `Bearer ${cluster().adminToken}` } }).catch(() => null);
    // Node's fetch does not take a custom CA; ask through the client instead when TLS refuses.
    const { kc } = clients();
    const { VersionApi } = await import('@kubernetes/client-node');
    const info = r?.ok ? await r.json() : await kc.makeApiClient(VersionApi).getCode();
    expect(info.gitVersion).toBe(version);
  });

  it('serves the viewer kubeconfig as an unprivileged user', async () => {
    const viewer = clients(cluster().viewerKubeconfig);
    const err = await viewer.core.listNamespacedService({ namespace: 'default' }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiException);
    expect((err as ApiException<unknown>).code).toBe(403);
  });

  it.skipIf(!cluster().kubectl)('works with kubectl', () => {
    const out = execFileSync(cluster().kubectl!, ['--kubeconfig', cluster().kubeconfig, 'get', 'service', 'kubernetes', '-n', 'default', '-o', 'jsonpath={.spec.clusterIP}'], { encoding: 'utf8' });
    expect(out).toBe('10.96.0.1');
  });

  const plugin = path.join(root, 'bin', 'kubectl-svc_explain');
  it.skipIf(!cluster().kubectl || !fs.existsSync(plugin))('runs the plugin as `kubectl svc-explain`', () => {
    const env = { ...process.env, PATH: `${path.join(root, 'bin')}:${process.env.PATH}`, KUBECONFIG: cluster().kubeconfig };
    const list = spawnSync(cluster().kubectl!, ['plugin', 'list', '--name-only'], { env, encoding: 'utf8' });
    expect(list.stdout).toContain('kubectl-svc_explain');
    const help = spawnSync(cluster().kubectl!, ['svc-explain', '--help'], { env, encoding: 'utf8' });
    expect(help.status).toBe(0);
  });

  it.skipIf(!cluster().proxy)('runs kube-proxy in iptables mode in its own network namespace', () => {
    const p = cluster().proxy!;
    const nat = parseIptablesSave(iptablesSave('nat'));
    for (const c of ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ']) expect(nat.chains.has(c)).toBe(true);
    // default/kubernetes has no endpoints here (--endpoint-reconciler-type=none), so no chain for it.
    expect(nat.chains.has(svcChain('default', 'kubernetes', 'https', 'TCP'))).toBe(false);
    // The host's own tables are untouched.
    const host = spawnSync('iptables-save', ['-t', 'nat'], { encoding: 'utf8' });
    expect(host.stdout ?? '').not.toContain('KUBE-SERVICES');
    const ns = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
    expect(ns).toContain(p.netns);
  });
});

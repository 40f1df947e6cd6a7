// Vitest global setup for the integration suite: start one control plane for the run, hand its
// coordinates to the tests through provide/inject, stop it at the end.
//
// By default a private cluster is started (its own state directory) and stopped afterwards; a
// watchdog started with --owner-pid stops it as well if this process dies (Ctrl-C, crash, kill).
// With SVC_EXPLAIN_REUSE_CLUSTER=1 the suite uses the cluster of `npm run cluster:up` (default
// state directory, or SVC_EXPLAIN_CLUSTER_STATE_DIR) and leaves it running.
// SVC_EXPLAIN_K8S_VERSION=1.33 (or 1.36, 1.37, v1.N.P) picks the Kubernetes release (default: the newest).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import type { ClusterInfo } from './helpers/cluster-info.js';
import { gatewayCrds, installCrds } from './helpers/gateway-api.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const scripts = path.join(root, 'scripts', 'cluster');

function readInfo(stateDir: string): ClusterInfo {
  const st = JSON.parse(fs.readFileSync(path.join(stateDir, 'state.json'), 'utf8'));
  const binKubectl = path.join(st.bin, 'kubectl');
  const which = spawnSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' });
  const kubectl = fs.existsSync(binKubectl) ? binKubectl : which.status === 0 ? which.stdout.trim() : null;
  const kubernetesVersion: string = st.kubernetesVersion ?? 'v1.36.3';
  return {
    stateDir,
    kubernetesVersion,
    kubernetesMinor: Number(/^v1\.(\d+)\./.exec(kubernetesVersion)?.[1]),
    kubeconfig: st.kubeconfig,
    viewerKubeconfig: st.viewerKubeconfig,
    server: st.server,
    caFile: st.caFile,
    adminToken: st.adminToken,
    binDir: st.bin,
    kubectl,
    serviceCIDR: st.serviceCIDR,
    clusterCIDR: st.clusterCIDR,
    ...(st.clusterCIDRv6 ? { clusterCIDRv6: st.clusterCIDRv6 } : {}),
    proxy: st.proxy ?? null,
    nftProxy: st.nftProxy ?? null,
  };
}

export default async function setup(project: TestProject) {
  const reuse = process.env.SVC_EXPLAIN_REUSE_CLUSTER === '1';
  const stateDir = reuse
    ? process.env.SVC_EXPLAIN_CLUSTER_STATE_DIR || path.join(os.tmpdir(), 'svc-explain-cluster')
    : fs.mkdtempSync(path.join(os.tmpdir(), 'svc-explain-test-state-'));

  const downArgs = [path.join(scripts, 'down.mjs'), '--state-dir', stateDir, '--quiet'];
  let stopped = false;
  // Synchronous variant for signal handlers and failed starts.
  const stopOnce = () => {
    if (stopped || reuse) return;
    stopped = true;
    spawnSync(process.execPath, downArgs, { stdio: 'inherit' });
    fs.rmSync(stateDir, { recursive: true, force: true });
  };
  // Asynchronous variant for the normal teardown, so vitest's event loop keeps running meanwhile.
  const stopAsync = async () => {
    if (stopped || reuse) return;
    stopped = true;
    await new Promise<void>((resolve) => {
      const child = spawn(process.execPath, downArgs, { stdio: 'inherit' });
      child.on('exit', () => resolve());
      child.on('error', () => resolve());
    });
    fs.rmSync(stateDir, { recursive: true, force: true });
  };
  const onSignal = (sig: NodeJS.Signals) => {
    stopOnce();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const args = [path.join(scripts, 'up.mjs'), '--state-dir', stateDir];
  if (!reuse) args.push('--owner-pid', String(process.pid));
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.status !== 0) {
    stopOnce();
    throw new Error(`local control plane could not be started (scripts/cluster/up.mjs exit ${r.status ?? r.signal}); see the log above`);
  }
  const info = readInfo(stateDir);
  // The Gateway API CRDs (experimental channel: every route kind, with the older versions served too).
  try {
    const start = Date.now();
    await installCrds(info, gatewayCrds('experimental'));
    console.error(`[gateway-api] CRDs installed and served in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  } catch (error) {
    stopOnce();
    throw error;
  }
  project.provide('cluster', info);

  return async () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await stopAsync();
  };
}

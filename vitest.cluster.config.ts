import { defineConfig } from 'vitest/config';

// Integration suite against a real control plane (etcd, kube-apiserver, kube-controller-manager,
// kube-proxy in iptables mode) built from Go modules by scripts/cluster/build.sh. The global setup
// starts one cluster for the whole run and stops it afterwards (a watchdog stops it too if this
// process dies). See docs/cluster.md.
export default defineConfig({
  test: {
    include: ['test/cluster/**/*.test.ts'],
    globalSetup: ['test/cluster/global-setup.ts'],
    // A cold first run builds Kubernetes inside the global setup (15-35 min on 2 cores).
    hookTimeout: 120_000,
    testTimeout: 120_000,
    fileParallelism: false,
    // The controllers and kube-proxy are real and asynchronous; tests poll, they never sleep.
    retry: 0,
  },
});

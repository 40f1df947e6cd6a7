// kubectl_complete-svc_explain against the test control plane: Service, Pod and namespace names
// come from the cluster, in the namespace typed with -n (else the context's).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cluster, createService, fixture, runPod } from './helpers/k8s.js';

const helper = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/kubectl_complete-svc_explain');
let f: Awaited<ReturnType<typeof fixture>>;

function complete(...words: string[]): string[] {
  const result = spawnSync(helper, ['--kubeconfig', cluster().kubeconfig, ...words], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '' }, timeout: 60_000 });
  expect(result.stderr).toBe('');
  return result.stdout.trimEnd().split('\n').map((line) => line.split('\t')[0]);
}

beforeAll(async () => {
  f = await fixture('complete');
  await createService(f.namespace, 'web', { selector: { app: 'web' }, ports: [{ port: 80 }] });
  await createService(f.namespace, 'worker', { selector: { app: 'worker' }, ports: [{ port: 81 }] });
  await runPod(f.namespace, 'web-1', { labels: { app: 'web' }, ip: '10.244.7.10' });
});

afterAll(async () => {
  await f?.cleanup();
});

it('completes Service names after explain, and with the subcommands at the top', () => {
  expect(complete('-n', f.namespace, 'explain', 'w')).toEqual(['web', 'worker', ':4']);
  expect(complete('-n', f.namespace, 'w')).toEqual(['why-not', 'web', 'worker', ':4']);
  expect(complete('explain', '-n', f.namespace, 'wo')).toEqual(['worker', ':4']);
});

it('completes Pod names for pod and for the second argument of why-not', () => {
  expect(complete('pod', '-n', f.namespace, '')).toEqual(['web-1', ':4']);
  expect(complete('why-not', '-n', f.namespace, 'web', '')).toEqual(['web-1', ':4']);
});

it('completes namespaces from the cluster', () => {
  expect(complete('check', '-n', f.namespace.slice(0, -1))).toEqual([f.namespace, ':4']);
});

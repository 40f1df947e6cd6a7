// lint's create-time validation against the real API server of the running minor, on seeded random
// objects (helpers/validation-generator.ts): each Service and each Pod or workload is created with a
// server-side dry run, all of them are linted in one run, and lint must call an object invalid exactly
// when the server refuses it — for Services invalid-service, for Pods and workloads the checks that say
// the API server rejects them, for hand-written Endpoints and EndpointSlices invalid-endpoints. A failure names the seed and the object, with both sides' reasons.
// SVC_EXPLAIN_VALIDATION_OBJECTS sets how many of each (default 2,000), SVC_EXPLAIN_SEED the run's seed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factsForMinor } from '../../src/core/version/index.js';
import { cluster, dryRunCreate, fixture } from './helpers/k8s.js';
import { scenarioSeed } from './helpers/scenario-generator.js';
import { OWNER_COLLECTIONS, randomEndpoints, randomPodOwner, randomService } from './helpers/validation-generator.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'bin', 'kubectl-svc_explain');
const COUNT = Number(process.env.SVC_EXPLAIN_VALIDATION_OBJECTS || 2000);
const SEED = Number(process.env.SVC_EXPLAIN_SEED || 1);
const facts = factsForMinor(cluster().kubernetesMinor);

/** The checks whose findings on a Pod or workload say the API server refuses it (not the warnings beside them). */
const POD_REJECTIONS = new Set(['invalid-pod-spec', 'container-port-name-invalid', 'container-port-name-duplicate', 'workload-selector-mismatch']);
const REJECTED = /would be rejected by the API server|the API server rejects/i;

interface Finding { check: string; object: { kind: string; name: string }; message: string }

let f: Awaited<ReturnType<typeof fixture>>;
let tmp: string;
beforeAll(async () => {
  f = await fixture('validation');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'svcx-validation-'));
});
afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  await f?.cleanup();
});

/** lint for this minor on all the objects at once, as one List: each object's findings. */
function lint(objects: { metadata: { name: string } }[]): Map<string, Finding[]> {
  const file = path.join(tmp, `objects-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects.map((o) => ({ ...o, metadata: { ...o.metadata, namespace: f.namespace } })) }));
  const r = spawnSync(process.execPath, [bin, 'lint', '--kubernetes-version', `1.${cluster().kubernetesMinor}`, '-o', 'json', file], { encoding: 'utf8', maxBuffer: 1 << 28, timeout: 120_000 });
  expect(r.stderr).toBe('');
  const byName = new Map<string, Finding[]>();
  for (const finding of JSON.parse(r.stdout).findings as Finding[]) byName.set(finding.object.name, [...(byName.get(finding.object.name) ?? []), finding]);
  return byName;
}

type Generated = { kind: string; metadata: { name: string } };

async function compare(objects: Generated[], rejects: (object: Generated, findings: Finding[]) => boolean) {
  const server = new Map<string, { accepted: boolean; body: string }>();
  for (const object of objects) server.set(object.metadata.name, await dryRunCreate(f.namespace, object, true, OWNER_COLLECTIONS[object.kind]));
  const findings = lint(objects);
  let cidrDependent = 0;
  const disagreements = objects.flatMap((object) => {
    const { accepted, body } = server.get(object.metadata.name)!;
    const ours = findings.get(object.metadata.name) ?? [];
    // An address validation lets through (10.0.0.01 before strict validation) that this cluster's
    // Service CIDR does not hold: the verdict depends on the cluster, which lint cannot know.
    if (!accepted && body.includes('failed to allocate IP')) {
      cidrDependent += 1;
      return [];
    }
    if (accepted !== rejects(object, ours)) return [];
    const reason = accepted ? 'accepted' : (JSON.parse(body) as { message: string }).message;
    return [`${object.kind} ${object.metadata.name} (seed ${SEED}): ${JSON.stringify(object)}\n  server: ${reason}\n  lint: ${ours.map((x) => `${x.check}: ${x.message}`).join(' | ') || 'nothing'}`];
  });
  const refused = [...server.values()].filter((answer) => !answer.accepted).length;
  console.log(`validation differential: ${objects.length} objects, ${refused} refused by the API server (${cidrDependent} for this cluster's Service CIDR, not compared), ${disagreements.length} disagreements`);
  expect(disagreements.slice(0, 5).join('\n')).toBe('');
  // A run that refused nothing (or everything) would compare nothing of interest.
  expect(refused).toBeGreaterThan(objects.length / 5);
  expect(refused).toBeLessThan(objects.length * 0.8);
}

describe(`create-time validation: lint against the API server of Kubernetes ${cluster().kubernetesVersion}`, () => {
  it(`${COUNT} random Services: invalid-service exactly when the server refuses one`, async () => {
    const services = Array.from({ length: COUNT }, (_, i) => randomService(scenarioSeed(SEED, i), `svc-${i}`)) as Generated[];
    await compare(services, (_object, findings) => findings.some((x) => x.check === 'invalid-service'));
  }, 300_000);

  it(`${COUNT} random Pods and workloads: a rejection finding exactly when the server refuses one`, async () => {
    const owners = Array.from({ length: COUNT }, (_, i) => randomPodOwner(scenarioSeed(SEED, i) ^ 0x3c6ef372, `owner-${i}`)) as Generated[];
    // Before 1.34 a StatefulSet is stored with broken containers (its Pods are refused later), so only
    // invalid-pod-spec's and the selector's verdicts are about the StatefulSet itself there.
    const podsOnly = (object: Generated, check: string) => object.kind === 'StatefulSet' && !facts.statefulSetPodTemplateValidated && check.startsWith('container-port-name-');
    await compare(owners, (object, findings) => findings.some((x) => POD_REJECTIONS.has(x.check) && REJECTED.test(x.message) && !podsOnly(object, x.check)));
  }, 300_000);

  it(`${COUNT} random Endpoints and EndpointSlices: invalid-endpoints exactly when the server refuses one`, async () => {
    const objects = Array.from({ length: COUNT }, (_, i) => randomEndpoints(scenarioSeed(SEED, i) ^ 0x5be0cd19, `ep-${i}`)) as Generated[];
    await compare(objects, (_object, findings) => findings.some((x) => x.check === 'invalid-endpoints'));
  }, 300_000);
});

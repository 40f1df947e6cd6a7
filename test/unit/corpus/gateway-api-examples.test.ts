import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze.js';
import type { Snapshot } from '../../../src/core/snapshot.js';
import { loadManifests } from '../../../src/sources/manifests/load-manifests.js';

// The Gateway API's own examples (examples/ of the sigs.k8s.io/gateway-api Go module, taken from the
// module proxy by scripts/cluster/gateway-api-crds.sh into the cache, never committed): real Gateways,
// routes of every kind and ReferenceGrants that nobody here wrote, linted offline one example at a time.
const ROOT = join(import.meta.dirname, '../../..');
const GOLDEN = join(import.meta.dirname, 'gateway-api-examples.golden.json');

/**
 * Errors these inputs really have, with the reason; any other error is a false one. None so far. The
 * recorded findings are real too: the examples ship routes and Gateways but never the Services they send
 * to (route-backend-service-missing, info: "deployed separately"), many routes name a Gateway the example
 * leaves out (route-parent-not-accepted, info), some are snippets without spec.parentRefs
 * (route-parent-not-accepted, warning: they attach nowhere), and folders of alternatives define one
 * route several times (conflicting-definitions).
 */
const JUSTIFIED_ERRORS: Record<string, string> = {};

function examplesDir(): string | null {
  if (process.env.SVC_EXPLAIN_GATEWAY_API_DIR) return join(process.env.SVC_EXPLAIN_GATEWAY_API_DIR, 'examples');
  const r = spawnSync('bash', [join(ROOT, 'scripts/cluster/gateway-api-crds.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status === 0) return join(r.stdout.trim().split('\n').pop()!, 'examples');
  if (process.env.CI) throw new Error(`scripts/cluster/gateway-api-crds.sh failed (exit ${r.status}): ${r.stderr}`);
  console.warn(`Gateway API examples skipped: scripts/cluster/gateway-api-crds.sh failed (exit ${r.status}; needs go and the module proxy)`);
  return null;
}

/** Every folder of YAML files is one example; a YAML file directly in standard/ or experimental/ is one too. */
function examples(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string, top: boolean) => {
    const entries = readdirSync(folder, { withFileTypes: true });
    const files = entries.filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name)).map((entry) => join(folder, entry.name));
    if (top) found.push(...files);
    else if (files.length > 0) found.push(folder);
    for (const entry of entries.filter((e) => e.isDirectory())) walk(join(folder, entry.name), false);
  };
  for (const channel of ['standard', 'experimental']) walk(join(dir, channel), true);
  return found.sort();
}

/** How many objects of each route kind the reader took from the example. */
function routeCounts(snapshot: Snapshot): Record<string, number> {
  const entries = [...(snapshot.ingresses ?? []), ...(snapshot.ingressClasses ?? []), ...(snapshot.gateways ?? []), ...(snapshot.gatewayClasses ?? []), ...(snapshot.gatewayRoutes ?? []), ...(snapshot.referenceGrants ?? [])];
  const counts: Record<string, number> = {};
  for (const entry of entries) counts[entry.ref.kind] = (counts[entry.ref.kind] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort());
}

const dir = examplesDir();

describe.skipIf(!dir)('Gateway API examples (sigs.k8s.io/gateway-api module)', () => {
  const list = dir ? examples(dir) : [];
  const seen: Record<string, { objects: Record<string, number>; findings: string[] }> = {};

  it('are there: dozens of examples', () => {
    expect(list.length).toBeGreaterThan(40);
  });

  it.each(list.map((path) => [relative(dir!, path), path]))('%s: read, and no false error', async (name, path) => {
    const snapshot = await loadManifests([path], { defaultNamespace: 'default' });
    const report = analyze(snapshot);
    const errors = report.findings.filter((finding) => finding.severity === 'error' && !finding.suppressed && !(finding.check in JUSTIFIED_ERRORS));
    expect(errors.map((finding) => `${finding.check}: ${finding.message}`)).toEqual([]);
    seen[name] = {
      objects: routeCounts(snapshot),
      findings: report.findings.map((finding) => `${finding.severity} ${finding.check} ${finding.object.kind}/${finding.object.namespace}/${finding.object.name}`).sort(),
    };
  });

  it('every example yields its Gateway API objects; findings are exactly the recorded ones (UPDATE_GOLDEN=1 rewrites the record)', () => {
    const withoutObjects = Object.entries(seen).filter(([, value]) => Object.keys(value.objects).length === 0).map(([name]) => name);
    // BackendTLSPolicy and ListenerSet are not read, and 0-namespaces.yaml holds Namespaces: those examples have nothing else.
    expect(withoutObjects.filter((name) => !/backendtlspolicy|listenerset|0-namespaces/.test(name))).toEqual([]);
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, `${JSON.stringify(seen, null, 2)}\n`);
    expect(existsSync(GOLDEN), 'no golden record: run with UPDATE_GOLDEN=1').toBe(true);
    expect(seen).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
  });
});

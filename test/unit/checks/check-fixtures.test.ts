import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze.js';
import type { ProfileName } from '../../../src/core/profiles.js';
import { CHECKS } from '../../../src/core/checks/registry.js';
import { assembleClusterSnapshot } from '../../../src/sources/cluster/cluster-snapshot.js';
import { clusterObjectsFromManifests } from '../../../src/sources/cluster/objects-from-manifests.js';
import { loadManifests } from '../../../src/sources/manifests/load-manifests.js';
import { parseManifestText } from '../../../src/sources/manifests/parse-manifests.js';

/**
 * A fixture is a manifest set, or with "# mode: cluster" on its first lines the state of a live
 * cluster (Pods with status, Endpoints, EndpointSlices, Nodes) as `kubectl get -o yaml` shows it.
 * "# kubernetes-version: 1.N" analyzes it for that minor (as lint --kubernetes-version does), "# profile: strict"
 * under that profile (--profile).
 */
async function analyzeFixture(path: string) {
  const text = readFileSync(path, 'utf8');
  const head = text.split('\n').slice(0, 3).join('\n');
  const minor = /^# kubernetes-version: (1\.\d+)/m.exec(head)?.[1];
  const version = minor ? { kubernetesVersion: { minor, source: 'flag' as const, server: null } } : {};
  const profile = /^# profile: (\w+)/m.exec(head)?.[1] as ProfileName | undefined;
  const options = profile ? { profile } : {};
  if (/^# mode: cluster$/m.test(head)) {
    const objects = parseManifestText(text, path).map((parsed) => parsed.value);
    return analyze({ ...assembleClusterSnapshot(clusterObjectsFromManifests(objects, 'default')), ...version }, options);
  }
  return analyze({ ...(await loadManifests([path], { defaultNamespace: 'default' })), ...version }, options);
}

const FIXTURES = join(import.meta.dirname, '../../fixtures/checks');

/** Every fixture file with what it expects: "# expect: <severity|suppressed>" in fail/suppressed files. */
function fixtures() {
  return CHECKS.flatMap((check) =>
    readdirSync(join(FIXTURES, check.id)).map((file) => {
      const path = join(FIXTURES, check.id, file);
      const expect = /^# expect: (\w+)/.exec(readFileSync(path, 'utf8'))?.[1] ?? 'nothing';
      return { check: check.id, file, path, expect };
    }),
  );
}

describe('check fixtures (file → check → grade)', () => {
  it.each(fixtures())('$check/$file → $expect', async ({ check, path, expect: grade }) => {
    const report = await analyzeFixture(path);
    const findings = report.findings.filter((finding) => finding.check === check);
    if (grade === 'nothing') {
      expect(findings).toEqual([]);
    } else if (grade === 'suppressed') {
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.every((finding) => finding.suppressed && finding.suppressedBy === 'annotation')).toBe(true);
    } else {
      expect(findings.filter((finding) => !finding.suppressed).map((finding) => finding.severity)).toContain(grade);
      for (const finding of findings) {
        if (report.services.some((service) => service.location) || finding.location) expect(finding.location).toMatchObject({ file: path });
        expect(finding.message.length).toBeGreaterThan(20);
      }
    }
  });
});

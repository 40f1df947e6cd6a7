import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze.js';
import { loadManifests } from '../../../src/sources/manifests/load-manifests.js';

/** Real public manifests nobody here wrote (../shared/corpus, or SVC_EXPLAIN_CORPUS). */
const CORPUS = process.env.SVC_EXPLAIN_CORPUS ?? join(import.meta.dirname, '../../../../shared/corpus');
const GOLDEN = join(import.meta.dirname, 'corpus-findings.golden.json');
const present = existsSync(CORPUS);

if (!present && process.env.CI) throw new Error(`corpus not found at ${CORPUS}: CI needs shared/ beside the checkout`);
if (!present) console.warn(`corpus tests skipped: no corpus at ${CORPUS} (set SVC_EXPLAIN_CORPUS)`);

/** Each example folder, linted as a whole: kubernetes-examples/<area>/<example>/ and microservices-demo/. */
function exampleFolders(): string[] {
  const examples = join(CORPUS, 'kubernetes-examples');
  const areas = readdirSync(examples, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  const folders = areas.flatMap((area) =>
    readdirSync(join(examples, area.name), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(examples, area.name, entry.name)),
  );
  return [join(CORPUS, 'microservices-demo'), ...folders.sort()];
}

describe.skipIf(!present)('real-world corpus', () => {
  const folders = present ? exampleFolders() : [];
  const seen: Record<string, string[]> = {};

  it.each(folders.map((folder) => [relative(CORPUS, folder), folder]))('%s: known-good app, no error findings', async (name, folder) => {
    const report = analyze(await loadManifests([folder], { defaultNamespace: 'default' }));
    expect(report.services.length).toBeGreaterThan(0);
    const errors = report.findings.filter((finding) => finding.severity === 'error' && !finding.suppressed);
    expect(errors.map((finding) => finding.message)).toEqual([]);
    seen[name] = report.findings.map((finding) => `${finding.severity} ${finding.check} ${finding.object.kind}/${finding.object.namespace}/${finding.object.name}`);
  });

  it('finds exactly the recorded warnings and infos (UPDATE_GOLDEN=1 rewrites the record)', () => {
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, `${JSON.stringify(seen, null, 2)}\n`);
    expect(seen).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
  });
});

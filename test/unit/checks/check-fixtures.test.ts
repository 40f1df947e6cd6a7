import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze.js';
import { CHECKS } from '../../../src/core/checks/registry.js';
import { loadManifests } from '../../../src/sources/manifests/load-manifests.js';

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
    const report = analyze(await loadManifests([path], { defaultNamespace: 'default' }));
    const findings = report.findings.filter((finding) => finding.check === check);
    if (grade === 'nothing') {
      expect(findings).toEqual([]);
    } else if (grade === 'suppressed') {
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.every((finding) => finding.suppressed && finding.suppressedBy === 'annotation')).toBe(true);
    } else {
      expect(findings.filter((finding) => !finding.suppressed).map((finding) => finding.severity)).toContain(grade);
      for (const finding of findings) {
        expect(finding.location?.file).toBe(path);
        expect(finding.location?.line).toBeGreaterThan(0);
        expect(finding.message.length).toBeGreaterThan(20);
      }
    }
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { analyze } from '../../../src/core/analyze.js';
import { CHECKS } from '../../../src/core/checks/registry.js';
import { InputError } from '../../../src/errors.js';
import { renderJson } from '../../../src/render/json.js';
import { renderJunit } from '../../../src/render/junit.js';
import { renderSarif } from '../../../src/render/sarif.js';
import { renderTable, renderWide } from '../../../src/render/table.js';
import { buildManifestSnapshot } from '../../../src/sources/manifests/manifest-snapshot.js';
import { parseManifestText } from '../../../src/sources/manifests/parse-manifests.js';
import { rng } from '../../cluster/helpers/scenario-generator.js';

/**
 * "Never a crash on a malformed manifest": the bundled examples with fields replaced at random by
 * values of the wrong type or range, run through parsing, every check and every renderer. Each run
 * must either succeed, succeed with one error line per refused object (exit 2 after the report), or
 * stop with an InputError (one line, exit 2), never anything else.
 * SVC_EXPLAIN_FUZZ_SEEDS=1,2,... runs other seeds (40 seeds, 6,000 mutations, passed when written).
 */

const SEEDS = process.env.SVC_EXPLAIN_FUZZ_SEEDS ? process.env.SVC_EXPLAIN_FUZZ_SEEDS.split(',').map(Number) : [1, 2, 3, 4];

const EXAMPLES = join(import.meta.dirname, '../../../examples/shop');
const WRONG_VALUES: unknown[] = [null, 0, -1, 70000, 1.5, '', 'x', 'Always', true, [], ['a'], [{}], {}, { a: 1 }, { name: 7 }];

/** Objects the examples lack: probes, selector expressions, ServiceMonitors, PodMonitors. */
const CHECK_FIXTURES = ['probe-port-not-declared/pass.yaml', 'workload-selector-mismatch/pass.yaml', 'servicemonitor-port-not-found/pass.yaml', 'servicemonitor-matches-no-service/pass.yaml']
  .map((file) => join(import.meta.dirname, '../../fixtures/checks', file));

function exampleObjects(): Record<string, unknown>[] {
  const files = [...readdirSync(EXAMPLES).filter((file) => file.endsWith('.yaml')).map((file) => join(EXAMPLES, file)), ...CHECK_FIXTURES];
  return files.flatMap((file) => parseManifestText(readFileSync(file, 'utf8'), file).map((parsed) => parsed.value));
}

/** Walks from the object down random keys and replaces the value found there; returns the path. */
function mutate(object: Record<string, unknown>, random: () => number): string {
  const path: string[] = [];
  let parent: Record<string, unknown> | unknown[] = object;
  for (;;) {
    const keys = Array.isArray(parent) ? parent.map((_, i) => i) : Object.keys(parent);
    if (keys.length === 0) break;
    const key = keys[Math.floor(random() * keys.length)];
    path.push(String(key));
    const child = (parent as Record<string, unknown>)[key];
    const descend = child !== null && typeof child === 'object' && random() < 0.75;
    if (!descend) {
      (parent as Record<string, unknown>)[key] = structuredClone(WRONG_VALUES[Math.floor(random() * WRONG_VALUES.length)]);
      break;
    }
    parent = child as Record<string, unknown> | unknown[];
  }
  return path.join('.');
}

/** Lints as the CLI does: objects Kubernetes would refuse are reported one line each and the rest analysed. */
function lintText(text: string): string[] {
  const file = 'mutated.yaml';
  const errors: string[] = [];
  const snapshot = buildManifestSnapshot(parseManifestText(text, file).map((parsed) => ({ ...parsed, file })), 'default', [file], errors);
  for (const error of errors) expect(error).toMatch(/^mutated\.yaml:\d+: [^\n]+$/);
  const report = analyze(snapshot);
  renderTable(report, { color: false });
  renderWide(report, { color: true });
  renderJson(report);
  renderSarif(report, { checks: CHECKS, version: '0.0.0', cwd: '/repo', informationUri: 'https://example.invalid' });
  renderJunit(report, { failOn: 'info' });
  return errors;
}

describe('malformed manifests', () => {
  it.each(SEEDS)('seed %i: 150 random mutations of the examples each lint or fail with an InputError', (seed) => {
    const random = rng(seed);
    const outcomes = { linted: 0, partly: 0, rejected: 0 };
    for (let run = 0; run < 150; run += 1) {
      const objects = structuredClone(exampleObjects());
      const changed = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
        const object = objects[Math.floor(random() * objects.length)];
        return `${String(object.kind)}: ${mutate(object, random)}`;
      });
      const text = objects.map((object) => stringify(object)).join('---\n');
      try {
        if (lintText(text).length > 0) outcomes.partly += 1;
        else outcomes.linted += 1;
      } catch (error) {
        expect(error, `run ${run}, changed ${changed.join('; ')}: ${(error as Error).stack}`).toBeInstanceOf(InputError);
        expect((error as Error).message).not.toContain('\n');
        outcomes.rejected += 1;
      }
    }
    // Both paths must be exercised, or the mutations are not reaching the code they are meant to test.
    // (Most mutations now meet a shape check: 10-21 of the 150 lint cleanly with seeds 1-4.)
    expect(outcomes.linted).toBeGreaterThan(5);
    expect(outcomes.partly + outcomes.rejected).toBeGreaterThan(10);
  }, 60_000); // 150 full lints per seed: about 10 s on a quiet machine, twice that on a loaded one
});

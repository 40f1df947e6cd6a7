import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { decodeManifestBytes } from '../../../src/sources/manifests/decode-manifest-bytes.js';
import { readManifestDocuments } from '../../../src/sources/manifests/parse-manifests.js';
import { rng } from '../../cluster/helpers/scenario-generator.js';
import { hostileInputs } from '../../oracle/hostile-inputs.js';
import { readWithKubernetes, type KubernetesReading } from '../../oracle/k8s-yaml-oracle.js';
import { mutateManifest } from '../../oracle/yaml-mutants.js';

/**
 * The reader against Kubernetes itself: every fixture, example, corpus file, hostile input and a
 * seeded share of mutants is read by the reader and by a Go helper built from sigs.k8s.io/yaml and
 * apimachinery's YAMLReader (test/oracle/k8s-yaml). Each must give the same documents, or both
 * must refuse the input. SVC_EXPLAIN_ORACLE_SEED and SVC_EXPLAIN_ORACLE_MUTANTS change the share.
 */

const ROOT = join(import.meta.dirname, '../../..');
const CORPUS = process.env.SVC_EXPLAIN_CORPUS ?? join(ROOT, '../shared/corpus');
const SEED = Number(process.env.SVC_EXPLAIN_ORACLE_SEED ?? 1);
const MUTANTS = Number(process.env.SVC_EXPLAIN_ORACLE_MUTANTS ?? 1500);

function manifestFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .map((name) => join(directory, name))
    .filter((path) => statSync(path).isFile())
    .sort();
}

function readWithReader(bytes: Uint8Array, file: string): KubernetesReading {
  try {
    const documents = readManifestDocuments(decodeManifestBytes(bytes, file), file);
    return { objects: documents.map((document) => document.value).filter((value) => value !== null && value !== undefined).map((value) => JSON.parse(JSON.stringify(value))) };
  } catch (error) {
    if (error instanceof InputError) return { error: error.message };
    throw error;
  }
}

/** Differences that are known and deliberate, each with its reason; anything else fails the test. */
function explain(input: { file: string; bytes: Uint8Array }, ours: KubernetesReading, theirs: KubernetesReading): string | undefined {
  const text = Buffer.from(input.bytes).toString('utf8');
  if (ours.error && theirs.objects && input.file.endsWith('.json') && ours.error.includes('invalid JSON')) {
    return '.json file holding YAML: kubectl falls back to YAML, svc-explain requires a .json file to be JSON';
  }
  if (ours.error?.includes('Kubernetes would silently ignore it') && theirs.objects) {
    return 'text after a complete document: go-yaml reads one node per document and drops the rest silently; svc-explain reports it';
  }
  const control = /control character U\+([0-9A-F]{4}) is not allowed/.exec(ours.error ?? '');
  if (control && theirs.objects && !JSON.stringify(theirs.objects).includes(JSON.stringify(String.fromCharCode(parseInt(control[1], 16))).slice(1, -1))) {
    return 'a control character in text after a complete document: go-yaml drops that text unread, svc-explain refuses the character (and would report the text)';
  }
  if (ours.error?.includes('not valid UTF-8') && theirs.objects) {
    return 'invalid UTF-8 in text after a complete document: go-yaml decodes only what it reads and drops that text, svc-explain refuses the file';
  }
  if (text.includes('\r') && !text.includes('\n')) {
    return 'CR-only line endings: kubectl splits documents at \\n only, so it reads just the first document; svc-explain reads them all';
  }
  if ((input.bytes[0] === 0xff && input.bytes[1] === 0xfe) || (input.bytes[0] === 0xfe && input.bytes[1] === 0xff)) {
    return "UTF-16 with a BOM: kubectl's line reader appends a one-byte newline and so breaks UTF-16; svc-explain reads it";
  }
  if (ours.error?.includes('missing indentation for block scalar') && theirs.objects) {
    return 'a block scalar (| or >) with no indented lines: go-yaml reads an empty string, js-yaml refuses it (parser difference, not corrected)';
  }
  if (ours.error?.includes('levels deep') && theirs.objects) {
    return 'nesting between 1,000 and 10,000 levels: Kubernetes reads it, svc-explain refuses it (no manifest is that deep; it keeps every step off the stack limit)';
  }
  if (ours.error && theirs.objects && (/is set twice in one mapping \(.+ is ".+" to Kubernetes\)$/.test(ours.error) || /: duplicate key "(NaN|Infinity|-Infinity|-?[0-9][0-9.e+-]*)"/.test(ours.error))) {
    return 'two keys Kubernetes turns into one JSON key ("0.3" and 0.30000000000000004, .nan and .NaN): Kubernetes keeps one of them at random (Go map order), svc-explain reports a duplicate';
  }
  if (ours.objects && theirs.error?.includes('already set in map') && text.includes('!!merge')) {
    return 'an explicit !!merge key and a key of its own mapping setting one key: js-yaml merges it itself and lets the key win, go-yaml calls it a duplicate (not corrected: explicit !!merge tags are not seen in manifests)';
  }
  return text.length < 0 ? 'never' : undefined;
}

/** The oracle is built with Go; CI must have it, elsewhere the test says it is skipped and why. */
const hasGo = spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
if (!hasGo && process.env.CI) throw new Error('Go is needed to build the k8s-yaml oracle for the differential test');
if (!hasGo) console.warn('differential test skipped: no Go toolchain on PATH to build test/oracle/k8s-yaml');

describe.skipIf(!hasGo)('the reader reads YAML as Kubernetes does (differential test against sigs.k8s.io/yaml)', () => {
  const sources = [
    ...manifestFiles(join(ROOT, 'test/fixtures')),
    ...manifestFiles(join(ROOT, 'test/cli/fixtures')),
    ...manifestFiles(join(ROOT, 'examples')),
    ...manifestFiles(CORPUS),
  ];
  if (process.env.CI && !existsSync(CORPUS)) throw new Error(`corpus not found at ${CORPUS}`);
  const random = rng(SEED);
  const inputs = [
    ...sources.map((path) => ({ id: relative(ROOT, path), file: path, bytes: readFileSync(path) as Uint8Array })),
    ...hostileInputs().map((input) => ({ id: `hostile: ${input.name}`, ...input })),
  ];
  const yamlSources = inputs.filter((input) => !input.file.endsWith('.json') && input.bytes.length < 200000);
  for (let i = 0; i < MUTANTS; i += 1) {
    const source = yamlSources[Math.floor(random() * yamlSources.length)];
    const mutant = mutateManifest(Buffer.from(source.bytes).toString('utf8'), random);
    inputs.push({ id: `mutant ${i} of ${source.id}`, file: 'mutant.yaml', bytes: mutant.bytes ?? Buffer.from(mutant.text) });
  }

  it(`agrees on ${sources.length} files, the hostile inputs and ${MUTANTS} mutants (seed ${SEED})`, () => {
    const theirs = readWithKubernetes(inputs);
    const unexplained: string[] = [];
    const explained = new Map<string, number>();
    let rejectedByBoth = 0;
    for (const input of inputs) {
      const kubernetes = theirs.get(input.id);
      expect(kubernetes, input.id).toBeDefined();
      const ours = readWithReader(input.bytes, input.file);
      if (ours.error) expect(ours.error, input.id).toMatch(/^[^\n]+:\d+(:\d+)?: [^\n]+$|^[^\n:]+: [^\n]+$/);
      if (ours.error && kubernetes!.error) {
        rejectedByBoth += 1;
        continue;
      }
      if (!ours.error && !kubernetes!.error && JSON.stringify(ours.objects) === JSON.stringify(kubernetes!.objects)) continue;
      if (!ours.error && !kubernetes!.error) {
        try {
          expect(ours.objects).toEqual(kubernetes!.objects);
          continue;
        } catch {
          // falls through to the explanation
        }
      }
      const reason = explain(input, ours, kubernetes!);
      if (reason) explained.set(reason, (explained.get(reason) ?? 0) + 1);
      else {
        // SVC_EXPLAIN_ORACLE_DUMP=DIR keeps each unexplained input as a file, to read it again by hand.
        if (process.env.SVC_EXPLAIN_ORACLE_DUMP) writeFileSync(join(process.env.SVC_EXPLAIN_ORACLE_DUMP, `unexplained-${unexplained.length}.yaml`), input.bytes);
        unexplained.push(`${input.id}\n  svc-explain: ${JSON.stringify(ours).slice(0, 400)}\n  Kubernetes:  ${JSON.stringify(kubernetes).slice(0, 400)}`);
      }
    }
    console.log(`differential: ${inputs.length} inputs, ${rejectedByBoth} rejected by both, explained: ${JSON.stringify([...explained])}`);
    expect(unexplained, unexplained.slice(0, 15).join('\n')).toEqual([]);
    expect(rejectedByBoth).toBeGreaterThan(50);
  }, 120000);
});

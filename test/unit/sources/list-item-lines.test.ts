import jsYaml from 'js-yaml';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { listItemLines } from '../../../src/sources/manifests/list-item-lines.js';
import { parseManifestText, readManifestDocuments } from '../../../src/sources/manifests/parse-manifests.js';
import { lineOfPath } from '../../../src/sources/manifests/yaml-positions.js';

/** A Service whose text holds what a scan could mistake for entries or keys: `- ` and `items:` lines in a block scalar, brackets and quotes in strings. */
const service = (i: number) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: `s${i}`, annotations: { a: 'line\n- not an item\nitems:\n  - x\n', b: '# c', c: 'x, y ] } " [ {' } },
  spec: { selector: { app: `a${i}` }, ports: [{ port: 80, name: '- x' }] },
});
const list = (items: unknown[]) => ({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } });
const items = Array.from({ length: 12 }, (_, i) => service(i));

/** The yaml library's line for each item: what the scan must agree with. */
const libraryLines = (text: string, count: number) => Array.from({ length: count }, (_, i) => lineOfPath(text, ['items', i]));
const countOf = (text: string) => ((readManifestDocuments(text, 'list.yaml')[0].value as { items: unknown[] }).items).length;

describe('the lines of a list document\'s items, by a scan of the text', () => {
  const layouts: [string, string][] = [
    ['kubectl get -o json (4-space JSON)', JSON.stringify(list(items), null, 4)],
    ['JSON on one line', JSON.stringify(list(items))],
    ['JSON with items last and an empty list inside', JSON.stringify({ kind: 'List', apiVersion: 'v1', metadata: { x: [] }, items }, null, 2)],
    ['kubectl get -o yaml (entries at column 0)', jsYaml.dump(list(items), { noArrayIndent: true })],
    ['entries indented under items:', jsYaml.dump(list(items))],
    ['a header comment and a comment between entries', `# dump\n${stringify(list(items), { indentSeq: true }).replace(/\n(\s+- apiVersion: v1\n\s+kind: Service\n\s+metadata:\n\s+name: s3)/, '\n\n  # s3 next\n$1')}`],
    ['CRLF line endings', jsYaml.dump(list(items), { noArrayIndent: true }).replace(/\n/g, '\r\n')],
  ];
  it.each(layouts)('%s: the same lines as the yaml library', (_, text) => {
    const lines = listItemLines(text, countOf(text));
    expect(lines).toBeDefined();
    expect(lines).toEqual(libraryLines(text, items.length));
  });

  it('finds nothing where an entry\'s content starts on a later line, in flow YAML, or when the count differs', () => {
    expect(listItemLines('apiVersion: v1\nkind: List\nitems:\n-\n  kind: Service\n- kind: Pod\n', 2)).toBeUndefined();
    expect(listItemLines('apiVersion: v1\nkind: List\nitems: [{kind: Service}]\n', 1)).toBeUndefined();
    expect(listItemLines(JSON.stringify(list(items)), items.length + 1)).toBeUndefined();
    expect(listItemLines(JSON.stringify({ kind: 'List', items: [] }), 0)).toEqual([]);
    // Flow YAML whose quotes are no JSON strings is not scanned (a quote left open would be read to the end of the text).
    expect(listItemLines(`{"items": [{a: 'say "hi'}, {b: 1}], kind: List}`, 2)).toBeUndefined();
    expect(listItemLines(`{"items": [{a: x"y}, {b: 1}], kind: List}`, 2)).toBeUndefined();
    // A JSON stream: the scan reads only the first value's items, never a later value's.
    expect(listItemLines(`{"kind": "Service"}\n${JSON.stringify({ kind: 'List', items: [{}] })}`, 1)).toBeUndefined();
  });

  it('gives the items of each list in a JSON stream their own lines', () => {
    const one = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Service', metadata: { name } }] }, null, 2);
    const stream = `${one('a')}\n${one('b')}\n{"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "c"}}]}\n`;
    const objects = parseManifestText(stream, 'stream.json');
    const lineOf = (name: string) => stream.split('\n').findIndex((text) => text.includes(`"name": "${name}"`)) + 1;
    // Each item's line is the line of its opening brace: four above its name in this layout, the same one on one line.
    expect(objects.map((object) => object.line)).toEqual([lineOf('a') - 4, lineOf('b') - 4, lineOf('c')]);
  });

  it('gives each object of a list its line in the objects read, with the lines of a document after others', () => {
    const text = `apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n${jsYaml.dump(list(items), { noArrayIndent: true })}`;
    const objects = parseManifestText(text, 'list.yaml');
    expect(objects.map((object) => object.line)).toEqual([1, ...libraryLines(text.slice(text.indexOf('---\n') + 4), items.length).map((line) => 5 + line!)]);
  });
});

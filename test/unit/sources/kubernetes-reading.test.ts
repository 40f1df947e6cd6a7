import { describe, expect, it } from 'vitest';
import { decodeManifestBytes } from '../../../src/sources/manifests/decode-manifest-bytes.js';
import { parseManifestText } from '../../../src/sources/manifests/parse-manifests.js';

/** The cases of issue 14's "Why", each as Kubernetes reads it (the differential test checks the same against Go). */

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n';
const values = (text: string, file = 'in.yaml') => parseManifestText(text, file).map((object) => object.value);

describe('reading manifests as Kubernetes does', () => {
  it('resolves YAML 1.1 booleans and numbers', () => {
    const [service] = values(`${SERVICE}spec:\n  selector: {a: on, b: off, c: yes, d: no, e: y, f: n, g: 0755, h: 1_000, i: "on"}\n`);
    expect((service.spec as { selector: unknown }).selector).toEqual({ a: true, b: false, c: true, d: false, e: true, f: false, g: 493, h: 1000, i: 'on' });
  });

  it('applies merge keys, and refuses a key a merge and an explicit entry both set', () => {
    const [service] = values(`${SERVICE}  labels: &l {app: web, tier: x}\nspec:\n  selector:\n    <<: *l\n`);
    expect((service.spec as { selector: unknown }).selector).toEqual({ app: 'web', tier: 'x' });
    expect(() => values(`${SERVICE}  labels: &l {app: web}\nspec:\n  selector:\n    <<: *l\n    app: api\n`)).toThrow(/^in\.yaml:9: invalid YAML: key "app" is set twice in one mapping .*\(see line 8\)$/);
  });

  it('applies a merge key in a document the fast path reads (an inline mapping, no anchor), and refuses a key set both ways there too', () => {
    const [service] = values(`${SERVICE}spec: {<<: {type: NodePort}, ports: []}\n`);
    expect(service.spec).toEqual({ ports: [], type: 'NodePort' });
    expect(() => values(`${SERVICE}spec:\n  <<: {type: NodePort}\n  type: ClusterIP\n`)).toThrow(/key "type" is set twice in one mapping/);
  });

  it('refuses duplicate keys with both lines, so two Services without --- cannot become one', () => {
    expect(() => values(`${SERVICE}${SERVICE}`)).toThrow(/^in\.yaml:5: duplicate key "apiVersion" \(first set on line 1\)/);
  });

  it('decodes !!binary', () => {
    const [service] = values(`${SERVICE}  annotations: {a: !!binary aGVsbG8=, b: !!binary //79}\n`);
    expect((service.metadata as { annotations: unknown }).annotations).toEqual({ a: 'hello', b: '\ufffd\ufffd\ufffd' });
  });

  it('refuses invalid UTF-8 and NUL, and reads a UTF-8 BOM in JSON and CR-only line endings', () => {
    expect(() => decodeManifestBytes(Buffer.concat([Buffer.from('a: "'), Buffer.from([0xe9]), Buffer.from('"\n')]), 'x.yaml')).toThrow(/^x\.yaml:1: not valid UTF-8 \(byte 0xE9\)/);
    expect(() => values(`${SERVICE}  labels: {a: "x\u0000"}\n`)).toThrow(/^in\.yaml:5: invalid YAML: control character U\+0000/);
    const bomJson = decodeManifestBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"}}')]), 'x.json');
    expect(values(bomJson, 'x.json')).toEqual([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } }]);
    expect(values(SERVICE.replace(/\n/g, '\r'))).toEqual([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } }]);
  });

  it('expands nested lists and refuses list items that are not objects', () => {
    const nested = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ServiceList\n  items:\n  - {apiVersion: v1, kind: Service, metadata: {name: a}}\n- {apiVersion: v1, kind: Service, metadata: {name: b}}\n';
    expect(parseManifestText(nested, 'in.yaml').map((object) => [(object.value.metadata as { name: string }).name, object.line])).toEqual([
      ['a', 7],
      ['b', 8],
    ]);
    expect(() => values('apiVersion: v1\nkind: List\nitems:\n- 5\n')).toThrow(/^in\.yaml:4: items\[0\] of a List must be a mapping/);
    expect(() => values('apiVersion: v1\nkind: List\nitems: {a: 1}\n')).toThrow(/^in\.yaml:1: kind: List needs items to be a list$/);
  });

  it('reads UTF-16 with a byte-order mark', () => {
    const text = decodeManifestBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SERVICE, 'utf16le')]), 'x.yaml');
    expect(values(text)).toEqual([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } }]);
  });
});

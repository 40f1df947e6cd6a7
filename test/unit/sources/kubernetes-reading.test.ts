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

  it('keeps a float that overflows float64 a string, as go-yaml does', () => {
    expect(values('a: 1e400\nb: -1e400\nc: 1e308\n')).toEqual([{ a: '1e400', b: '-1e400', c: 1e308 }]);
  });

  it('names number keys as sigs.k8s.io/yaml does, and refuses the keys it refuses', () => {
    expect(values('0.30000000000000004: a\n1.0: b\n1000000.0: c\n9223372036854775807: d\n18446744073709551616: e\n.inf: f\n-.inf: g\n.nan: h\n-0.0: i\n')).toEqual([
      { '0.3': 'a', '1': 'b', '1e+06': 'c', '9223372036854775807': 'd', '1.8446744e+19': 'e', '.inf': 'f', '-.inf': 'g', '.nan': 'h', '-0': 'i' },
    ]);
    expect(values('a: &a {1.25e9: x}\nb: *a\n')).toEqual([{ a: { '1.25e+09': 'x' }, b: { '1.25e+09': 'x' } }]);
    expect(() => values('a: 1\n9223372036854775808: x\n')).toThrow(/^in\.yaml:2: invalid YAML: a mapping key is 9223372036854775808, an unsigned integer beyond int64/);
    expect(() => values('a:\n  <<:\n    b: 1\n    9223372036854775808: x\n')).toThrow(/^in\.yaml:4: invalid YAML: a mapping key is 9223372036854775808/);
    expect(() => values('"0.3": a\n0.30000000000000004: b\n')).toThrow(/^in\.yaml:2: invalid YAML: key "0\.3" is set twice in one mapping \(0\.30000000000000004 is "0\.3" to Kubernetes\)/);
  });

  it('merges at every plain <<, reads a quoted "<<" as a key, and a plain << value as text', () => {
    expect(values('p: &p {b: 1}\nq: &q {c: 2}\nz:\n  <<: *p\n  <<: *q\n')).toEqual([{ p: { b: 1 }, q: { c: 2 }, z: { b: 1, c: 2 } }]);
    expect(values('a: {"<<": {b: 1}}\nc: {\'<<\': 2}\nd: [<<]\n')).toEqual([{ a: { '<<': { b: 1 } }, c: { '<<': 2 }, d: ['<<'] }]);
    expect(() => values('p: &p {b: 1}\nq: &q {b: 2}\nz:\n  <<: *p\n  <<: *q\n')).toThrow(/key "b" is set twice in one mapping/);
  });

  it("refuses the escapes go-yaml refuses (\\/, surrogates, past U+10FFFF) and reads its \\'", () => {
    expect(() => values('a: "x\\/y"\n')).toThrow(/^in\.yaml:1: invalid YAML: found unknown escape character \\\//);
    expect(() => values('a: b\nc: {d: "\\uD800"}\n')).toThrow(/^in\.yaml:2: invalid YAML: found invalid Unicode character escape code \\uD800/);
    expect(() => values('a: "\\U00110000"\n')).toThrow(/found invalid Unicode character escape code/);
    expect(values('a: "x\\\'y"\nb: [&b "\\\'"]\n')).toEqual([{ a: "x'y", b: ["'"] }]);
    const many = Array.from({ length: 500 }, (_, i) => `  k${i}: "\\\'${i}\\\'"`).join('\n');
    expect(Object.values(values(`a: &a\n${many}\n`)[0].a as object).slice(-2)).toEqual(["'498'", "'499'"]);
    expect(values('a: \'x\\/y\'\nb: x\\/y\nc: |\n  "\\/"\n')).toEqual([{ a: 'x\\/y', b: 'x\\/y', c: '"\\/"\n' }]);
  });

  it('refuses an explicit !!timestamp that is no timestamp, keeps a real one as its text, and reads a scalar tagged !!map or !!seq as its text', () => {
    expect(values('a: !!timestamp 2001-12-14 1:2:3\nb: !!timestamp 2000-02-29\n')).toEqual([{ a: '2001-12-14 1:2:3', b: '2000-02-29' }]);
    expect(() => values('a: !!timestamp 2001-2-30\n')).toThrow(/a value tagged !!timestamp is no timestamp/);
    expect(values('a: !!map\nb: !!seq 5\nc: !!map {x: 1}\n')).toEqual([{ a: '', b: '5', c: { x: 1 } }]);
  });

  it('measures a key from its first anchor or tag, as go-yaml does: 1,024 characters to the colon are read, 1,025 refused', () => {
    const [service] = values(`${SERVICE}  annotations:\n    &a ${'k'.repeat(1021)}: x\n    !!str ${'s'.repeat(1018)}: y\n`);
    expect(Object.keys((service.metadata as { annotations: object }).annotations).map((key) => key.length)).toEqual([1021, 1018]);
    expect(() => values(`${SERVICE}  annotations:\n    &a ${'k'.repeat(1022)}: x\n`)).toThrow(/^in\.yaml:6: invalid YAML: a mapping key of more than 1024 characters/);
    expect(() => values(`${SERVICE}  annotations: {&a !!str ${'k'.repeat(1016)}: x}\n`)).toThrow(/^in\.yaml:5: invalid YAML: a mapping key of more than 1024 characters/);
  });

  it("refuses a tab where a block scalar's indentation is still being read, as go-yaml does", () => {
    expect(() => values('a: |\n  \tb\n')).toThrow(/^in\.yaml:2: invalid YAML: found a tab character where an indentation space is expected$/);
    expect(values('a: |\n  b\n  \tc\n')).toEqual([{ a: 'b\n\tc\n' }]);
  });

  it('reads a stream of JSON objects, and YAML after a single one, as YAMLOrJSONDecoder does', () => {
    expect(parseManifestText('{"kind":"A"}{"kind":"B"}\n{"kind":"C"}\n', 'in.json').map((object) => [object.value.kind, object.line])).toEqual([
      ['A', 1],
      ['B', 1],
      ['C', 2],
    ]);
    expect(parseManifestText('{"kind":"A"}\n\nkind: B\n---\nkind: C\n', 'in.yaml').map((object) => [object.value.kind, object.line])).toEqual([
      ['A', 1],
      ['B', 3],
      ['C', 5],
    ]);
    expect(() => values('{"kind":"A"}\n{"kind":"B"}\nkind: C\n')).toThrow(/^in\.yaml:3:1: invalid JSON: .*after two JSON values/);
    expect(() => values('{"kind":"A"}\nkind: B\n', 'in.json')).toThrow(/^in\.json:2:1: invalid JSON/);
    expect(() => values('{"a":1}\n{"a":1,"a":2}\n', 'in.json')).toThrow(/^in\.json:2: duplicate key "a"/);
  });
});

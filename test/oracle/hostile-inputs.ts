/** Inputs a hostile or careless author may hand the reader, each named; Kubernetes' reading decides. */
export function hostileInputs(): { name: string; file: string; bytes: Uint8Array }[] {
  const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n';
  const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i += 1) laughs.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
  const cases: [string, string, string | Uint8Array][] = [
    ['alias bomb (billion laughs)', 'bomb.yaml', `${service}${laughs.join('\n')}\n`],
    ['alias before its anchor', 'alias.yaml', `${service}spec:\n  selector: *sel\nother: &sel {app: web}\n`],
    ['collection as a mapping key (flow)', 'key.yaml', `${service}spec:\n  selector:\n    [app, web]: x\n`],
    ['collection as a mapping key (explicit)', 'key2.yaml', `${service}spec:\n  selector:\n    ? {app: web}\n    : x\n`],
    ['YAML nested 10,000 levels (flow)', 'deep.yaml', `${service}spec: ${'['.repeat(10000)}${']'.repeat(10000)}\n`],
    ['YAML nested 10,000 levels (block)', 'deep-block.yaml', `${service}spec:\n${Array.from({ length: 10000 }, (_, i) => `${' '.repeat(i + 2)}- `).join('\n')}x\n`],
    ['JSON nested 10,000 levels', 'deep.json', `{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":${'['.repeat(10000)}${']'.repeat(10000)}}`],
    ['JSON nested 9,000 levels', 'deep9k.json', `{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":${'['.repeat(9000)}${']'.repeat(9000)}}`],
    ['selector on/yes/y/0755', 'bools.yaml', `${service}spec:\n  selector: {a: on, b: yes, c: y, d: n, e: off, f: 0755, g: 1_000}\n`],
    ['merge key in a selector', 'merge.yaml', `${service}  labels: &l {app: web}\nspec:\n  selector:\n    <<: *l\n`],
    ['merge key overridden', 'merge2.yaml', `${service}  labels: &l {app: web}\nspec:\n  selector:\n    <<: *l\n    app: api\n`],
    ['two Services without ---', 'concat.yaml', `${service}${service}`],
    ['!!binary value', 'binary.yaml', `${service}  annotations: {a: !!binary aGVsbG8=, b: !!binary //79}\n`],
    ['invalid UTF-8', 'latin1.yaml', Buffer.concat([Buffer.from(`${service}  labels: {a: "`), Buffer.from([0xe9]), Buffer.from('"}\n')])],
    ['NUL byte', 'nul.yaml', `${service}  labels: {a: "x\u0000"}\n`],
    ['UTF-8 BOM in JSON', 'bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"}}')])],
    ['CR-only line endings', 'cr.yaml', service.replace(/\n/g, '\r')],
    ['null label value', 'null-label.yaml', `${service}  labels: {a: null, b: ~, c: }\n`],
    ['numeric apiVersion', 'numeric.yaml', 'apiVersion: 1\nkind: Service\nmetadata: {name: web}\n'],
    ['.inf value', 'inf.yaml', `${service}spec: {ports: [{port: .inf}]}\n`],
    ['document separator with content', 'sep.yaml', `${service}--- foo\n${service}`],
    ['UTF-16LE with BOM', 'utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(service, 'utf16le')])],
    ['UTF-16BE with BOM', 'utf16be.yaml', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(service, 'utf16le').swap16()])],
    ['duplicate key in JSON', 'dup.json', '{"apiVersion":"v1","kind":"Service","metadata":{"name":"a","name":"b"}}'],
    ['tabs, comments and an empty document', 'misc.yaml', `# only a comment\n---\n---\n${service}  # trailing\n`],
  ];
  return cases.map(([name, file, content]) => ({ name, file, bytes: typeof content === 'string' ? Buffer.from(content) : content }));
}

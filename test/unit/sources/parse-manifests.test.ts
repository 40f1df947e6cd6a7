import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { buildManifestSnapshot } from '../../../src/sources/manifests/manifest-snapshot.js';
import { parseManifestText } from '../../../src/sources/manifests/parse-manifests.js';

function snapshotOfText(text: string, file = 'in.yaml') {
  return buildManifestSnapshot(parseManifestText(text, file).map((parsed) => ({ ...parsed, file })), 'default');
}

describe('parseManifestText', () => {
  it('reads multi-document YAML with the line each object starts on', () => {
    const text = '# comment\napiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\n\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\n';
    expect(parseManifestText(text, 'f.yaml').map((object) => [object.value.kind, object.line])).toEqual([
      ['Service', 2],
      ['Pod', 8],
    ]);
  });

  it('expands kind: List with each item at its own line', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: a}\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: b}\n';
    expect(parseManifestText(text, 'f.yaml').map((object) => [object.value.metadata, object.line])).toEqual([
      [{ name: 'a' }, 4],
      [{ name: 'b' }, 7],
    ]);
  });

  it('reads CRLF line endings and JSON', () => {
    expect(parseManifestText('apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: a\r\n', 'f.yaml')[0].value).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'a' },
    });
    const json = '{\n  "apiVersion": "v1",\n  "kind": "Service",\n  "metadata": {"name": "a"}\n}\n';
    expect(parseManifestText(json, 'f.json')[0]).toEqual({ value: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' } }, line: 1 });
  });

  it.each([
    ['f.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n\tname: a\n', /^f\.yaml:4(:1)?: invalid YAML: .*tab/],
    ['f.yaml', 'apiVersion: v1\nkind: Service\n  metadata: x\n', /^f\.yaml:[23](:\d+)?: invalid YAML: /],
    ['f.json', '{"apiVersion": "v1",\n "kind": }\n', /^f\.json:2:10: invalid JSON: ValueExpected$/],
    ['f.json', '{"apiVersion": "v1",}', /^f\.json:1:\d+: invalid JSON: /],
  ])('reports unparsable %s text with file:line:column on one line: %j', (file, text, pattern) => {
    expect(() => parseManifestText(text, file)).toThrow(InputError);
    try {
      parseManifestText(text, file);
    } catch (error) {
      expect((error as Error).message).toMatch(pattern);
      expect((error as Error).message).not.toContain('\n');
    }
  });
});

describe('buildManifestSnapshot', () => {
  it('turns every workload kind into a template that remembers workload, replicas and line', () => {
    const template = (kind: string, extra = '') =>
      `---\napiVersion: apps/v1\nkind: ${kind}\nmetadata: {name: w-${kind.toLowerCase()}}\nspec:\n${extra}  template:\n    metadata: {labels: {app: w}}\n    spec: {containers: [{name: c}]}\n`;
    const text =
      template('Deployment', '  replicas: 3\n') +
      template('ReplicaSet') +
      template('ReplicationController', '  replicas: 2\n') +
      template('StatefulSet', '  replicas: 0\n') +
      template('DaemonSet') +
      template('Job', '  parallelism: 4\n') +
      '---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {name: w-cronjob}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        metadata: {labels: {app: w}}\n        spec: {containers: [{name: c}]}\n';
    const snapshot = snapshotOfText(text);
    expect(snapshot.pods.map((pod) => [pod.ref.kind, pod.template?.replicas, pod.labels.app])).toEqual([
      ['Deployment', 3, 'w'],
      ['ReplicaSet', 1, 'w'],
      ['ReplicationController', 2, 'w'],
      ['StatefulSet', 0, 'w'],
      ['DaemonSet', null, 'w'],
      ['Job', 4, 'w'],
      ['CronJob', 1, 'w'],
    ]);
    expect(snapshot.pods[1].location).toEqual({ file: 'in.yaml', line: 11 });
  });

  it('puts objects without a namespace into the default one and skips non-Kubernetes documents', () => {
    const snapshot = snapshotOfText('name: not-a-manifest\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: shop}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: t}\n');
    expect(snapshot.services.map((s) => s.ref.namespace)).toEqual(['shop', 'default']);
  });

  it.each([
    ['name: just-config\n', /no Kubernetes objects found/],
    ['apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: "80"}\n', /^in\.yaml:1: Service: spec\.ports must be a list$/],
    ['apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {selector: [app]}\n', /^in\.yaml:1: Service: spec\.selector must be a mapping$/],
    ['apiVersion: v1\nkind: Endpoints\nmetadata: {name: e}\nsubsets: 5\n', /^in\.yaml:1: Endpoints: subsets must be a list$/],
    ['apiVersion: v1\nkind: Endpoints\nmetadata: {name: e}\nsubsets: [{addresses: [{ip: 10}], ports: [{port: "80"}]}]\n', /^in\.yaml:1: Endpoints: subsets\[0\]\.addresses\[0\]\.ip: `10` is a number to Kubernetes, not a string: quote it \("10"\)$/],
    ['apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: e}\naddressType: IPv4\nendpoints: [{addresses: [10.0.0.1], conditions: {ready: "yes"}}]\n', /^in\.yaml:1: EndpointSlice: endpoints\[0\]\.conditions\.ready must be true or false$/],
    ['apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: e}\naddressType: IPv4\nports: [{port: "80"}]\n', /^in\.yaml:1: EndpointSlice: ports\[0\]\.port must be an integer, not the string "80"$/],
    ['apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {containers: [{name: c, ports: 80}]}}}\n', /spec\.template\.spec\.containers\[0\]\.ports must be a list/],
    ['apiVersion: v1\nkind: Service\nmetadata: {labels: {a: b}}\n', /^in\.yaml:1: Service has no metadata\.name$/],
    ['apiVersion: v1\nkind: Service\nmetadata: {name: 7}\n', /^in\.yaml:1: Service: metadata\.name must be a string, not the number 7$/],
    ['apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: [a]}\n', /^in\.yaml:1: Pod: metadata\.namespace must be a string, not a list$/],
    // Fields Go decodes into strings or IntOrString: another JSON type fails the whole object there.
    ['apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: {a: 1}}\n', /^in\.yaml:1: Service: spec\.type must be a string$/],
    ['apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80, targetPort: {a: 1}}]}\n', /^in\.yaml:1: Service: spec\.ports\[0\]\.targetPort must be an integer or a string$/],
    ['apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80, targetPort: on}]}\n', /^in\.yaml:1: Service: spec\.ports\[0\]\.targetPort: `on` is a boolean to Kubernetes, not a string: quote it \("on"\)$/],
    ['apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80, name: 0755}]}\n', /^in\.yaml:1: Service: spec\.ports\[0\]\.name: `0755` is a number to Kubernetes, not a string: quote it \("0755"\)$/],
    ['apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {clusterIPs: [None, 5]}\n', /^in\.yaml:1: Service: spec\.clusterIPs\[1\]: `5` is a number/],
    ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {subdomain: {a: 1}, containers: []}\n', /^in\.yaml:1: Pod: spec\.subdomain must be a string$/],
    ['apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: d}\nspec: {template: {spec: {hostname: [x], containers: []}}}\n', /spec\.template\.spec\.hostname must be a string/],
    ['apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {containers: [{name: c, ports: [{containerPort: 80, name: 80}]}]}}}\n', /spec\.template\.spec\.containers\[0\]\.ports\[0\]\.name: `80` is a number to Kubernetes/],
  ])('rejects malformed input with one clear line: %j', (text, pattern) => {
    expect(() => snapshotOfText(text)).toThrow(pattern);
  });

  it.each([
    ['version: 2', /metadata\.labels\.version: `2` is a number to Kubernetes, not a string: quote it \("2"\)$/],
    ['canary: on', /metadata\.labels\.canary: `on` is a boolean to Kubernetes, not a string: quote it \("on"\)$/],
    ['mode: 0755', /`0755` is a number to Kubernetes/],
  ])('refuses a label value Kubernetes reads as a number or boolean, naming it as written: %s', (label, pattern) => {
    expect(() => snapshotOfText(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    ${label}\n`)).toThrow(pattern);
  });

  it('stores a null label value as "", as Kubernetes does', () => {
    const snapshot = snapshotOfText('apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {a: null, b: ~, c: }}\n');
    expect(snapshot.pods[0].labels).toEqual({ a: '', b: '', c: '' });
  });
});

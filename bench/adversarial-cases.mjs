// Adversarial manifest texts for bench/adversarial-bench.mjs: each is one YAML stream built to hit a
// search that used to be quadratic (near-miss and similar-value lookups, port resolution, list item lines).

const doc = (lines) => lines.join('\n');
const service = (name, selector, ports = [{ port: 80, targetPort: 8080 }]) =>
  doc([
    'apiVersion: v1', 'kind: Service', `metadata: {name: ${name}}`, 'spec:',
    `  selector: ${JSON.stringify(selector)}`,
    `  ports: ${JSON.stringify(ports)}`,
  ]);
const deployment = (name, labels, ports = [{ containerPort: 8080 }]) =>
  doc([
    'apiVersion: apps/v1', 'kind: Deployment', `metadata: {name: ${name}}`, 'spec:',
    `  selector: {matchLabels: ${JSON.stringify(labels)}}`, '  template:',
    `    metadata: {labels: ${JSON.stringify(labels)}}`,
    `    spec: {containers: [{name: app, image: app, ports: ${JSON.stringify(ports)}}]}`,
  ]);
const stream = (docs) => `${docs.join('\n---\n')}\n`;

/** The cases: name → (scale) → YAML text; scale 1 is the size the figures in README are for. */
export const CASES = {
  // One selector value of 200,000 characters against a Deployment whose value differs by one.
  'long selector value': (scale) => {
    const length = 200_000 * scale;
    return stream([service('web', { app: 'a'.repeat(length), tier: 'web' }), deployment('web', { app: `${'a'.repeat(length - 1)}b`, tier: 'web' })]);
  },
  // 11 selector keys; 3,000 Deployments carry all of them with long (70-character) values, one off.
  'many keys x long values': (scale) => {
    const count = 3000 * scale;
    const keys = Array.from({ length: 11 }, (_, k) => `key-${k}`);
    const value = (k, i) => `${'v'.repeat(60)}-${String(k).padStart(2, '0')}-${String(i).padStart(6, '0')}`;
    const selector = Object.fromEntries(keys.map((key, k) => [key, value(k, 0).replace('v', 'w')]));
    return stream([service('web', selector), ...Array.from({ length: count }, (_, i) => deployment(`d${i}`, Object.fromEntries(keys.map((key, k) => [key, value(k, i)]))))]);
  },
  // Two keys, 3,000 Deployments with 63-character values (the longest valid), all one edit from the selector.
  'many 63-character values': (scale) => {
    const count = 3000 * scale;
    const value = (i) => `${'v'.repeat(56)}-${String(i).padStart(6, '0')}`;
    return stream([service('web', { app: value(count + 1), tier: 'web' }), ...Array.from({ length: count }, (_, i) => deployment(`d${i}`, { app: value(i), tier: 'web' }))]);
  },
  // 10,000 Deployments whose app label is one edit away from each other and from the selector.
  'near-identical pods': (scale) => {
    const count = 10_000 * scale;
    return stream([
      service('web', { app: 'backend-service-x', tier: 'web' }),
      ...Array.from({ length: count }, (_, i) => deployment(`d${i}`, { app: `backend-service-${i.toString(36)}`, tier: 'web' })),
    ]);
  },
  // A Service with 5,000 named ports against a Deployment declaring 5,000 container ports: half the
  // names resolve over the wrong protocol, half are not declared (each a finding naming what is).
  'many ports': (scale) => {
    const count = 5000 * scale;
    const ports = Array.from({ length: count }, (_, i) => ({ name: `p${i}`, port: 1 + i, targetPort: i % 2 ? `p${i}` : `q${i}` }));
    const containerPorts = Array.from({ length: count }, (_, i) => ({ name: `p${count - 1 - i}`, containerPort: 1 + i, protocol: 'UDP' }));
    return stream([service('web', { app: 'web' }, ports), deployment('web', { app: 'web' }, containerPorts)]);
  },
  // Where the reader follows go-yaml past js-yaml, many times in one document: tab-led comment lines
  // in a flow collection and after plain values, `?k` keys and lone `-` entries in flow collections.
  'go-yaml corners': (scale) => {
    const count = Math.round(20_000 * scale);
    return stream([
      doc([
        'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: corners}', 'data:',
        `  flow: "${'x'.repeat(10)}"`,
        `  keys: "[${Array.from({ length: 10 }, (_, i) => `k${i}`).join(', ')}]"`,
        '  a: [b,', ...Array.from({ length: count }, () => '\t# c'), '    d]',
        ...Array.from({ length: count }, (_, i) => `  k${i}: v\n   \t# x`),
        `  q: "${Array.from({ length: count }, (_, i) => `?k${i}`).join(', ')}"`,
      ]),
      doc(['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: flow}', `x: [${Array.from({ length: count }, (_, i) => (i % 2 ? '-' : `?k${i}`)).join(', ')}]`]),
    ]);
  },
  // A cluster dump as `kubectl get svc,deploy -A -o yaml` writes it: one kind: List of 20,000 items,
  // each of which needs its own line (re-reading the list with the `yaml` library for them cost 6 s and 1.8 GB at 100,000 items).
  // A selectorless Service of 5,000 ports, its Endpoints of 1,000 addresses under all of them, and a
  // hand-written slice of 5,000 ports named otherwise (the mirroring prediction and kube-proxy's pairing).
  'hand-written endpoints, 5,000 ports': (scale) => {
    const count = Math.round(5000 * scale);
    const ports = (prefix) => JSON.stringify(Array.from({ length: count }, (_, i) => ({ name: `${prefix}${i}`, port: 1 + i })));
    const addresses = JSON.stringify(Array.from({ length: 1000 }, (_, i) => ({ ip: `10.1.${i >> 8}.${i & 255}` })));
    const slice = JSON.stringify(Array.from({ length: 1000 }, (_, i) => ({ addresses: [`10.2.${i >> 8}.${i & 255}`] })));
    return stream([
      doc(['apiVersion: v1', 'kind: Service', 'metadata: {name: ext}', `spec: {ports: ${ports('p')}}`]),
      doc(['apiVersion: v1', 'kind: Endpoints', 'metadata: {name: ext}', `subsets: [{addresses: ${addresses}, ports: ${ports('p')}}]`]),
      doc(['apiVersion: discovery.k8s.io/v1', 'kind: EndpointSlice', 'metadata: {name: ext-1, labels: {kubernetes.io/service-name: ext}}', 'addressType: IPv4', `endpoints: ${slice}`, `ports: ${ports('q')}`]),
    ]);
  },
  'one kind: List': (scale) => {
    const count = Math.round(10_000 * scale);
    const items = [];
    for (let i = 0; i < count; i += 1) {
      items.push(`- apiVersion: v1\n  kind: Service\n  metadata:\n    name: app-${i}\n    namespace: team-${i % 10}\n  spec:\n    selector:\n      app: app-${i}\n    ports:\n    - port: 80\n      targetPort: http`);
      items.push(`- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: app-${i}\n    namespace: team-${i % 10}\n  spec:\n    selector:\n      matchLabels:\n        app: app-${i}\n    template:\n      metadata:\n        labels:\n          app: app-${i}\n      spec:\n        containers:\n        - name: app\n          image: app\n          ports:\n          - name: http\n            containerPort: 8080`);
    }
    return `apiVersion: v1\nitems:\n${items.join('\n')}\nkind: List\nmetadata:\n  resourceVersion: ""\n`;
  },
};

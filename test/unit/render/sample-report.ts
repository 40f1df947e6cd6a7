import {
  check,
  differs,
  finding,
  nearMiss,
  port,
  ref,
  report,
  resolved,
  service,
  template,
} from './report-builders.js';

/** A shop with the usual mistakes: a typo in a label, a named port missing on a canary, a UDP/TCP mix-up. */

const web = ref('Deployment', 'shop', 'web');
const canary = ref('Deployment', 'shop', 'web-canary');
const dnsPod = ref('Pod', 'kube-system', 'dns-7f9c');

export const SAMPLE_CHECKS = [
  check('selector-matches-nothing', 'error', 'Service selector matches no Pods'),
  check('target-port-name-not-found', 'error', 'Named targetPort not declared by a selected Pod'),
  check('target-port-protocol-mismatch', 'error', 'targetPort declared with another protocol'),
  check('selects-several-workloads', 'warning', 'Service selects Pods of several workloads'),
  check('statefulset-service-missing', 'warning', 'StatefulSet serviceName names no headless Service'),
  check('target-port-not-declared', 'info', 'Numeric targetPort not declared as a containerPort'),
];

export const SAMPLE_REPORT = report(
  [
    service('shop', 'web', {
      selector: { tier: 'web', app: 'frontend' },
      matches: [template('Deployment', 'shop', 'web', 3), template('Deployment', 'shop', 'web-canary', 1)],
      nearMisses: [nearMiss(ref('Deployment', 'shop', 'web-old'), differs('app', 'frontend', 'app', 'frontnd'))],
      nearMissTotal: 3,
      nearMissKind: 'telling',
      ports: [
        port(80, 'http', {
          name: 'http',
          resolutions: [resolved(web, 8080, 'app'), { object: canary, status: 'name-not-found' }],
        }),
        port(9090, 9090, {
          name: 'metrics',
          resolutions: [{ object: web, status: 'not-declared', port: 9090 }, resolved(canary, 9090, 'app')],
        }),
      ],
      location: { file: 'deploy/web.yaml', line: 1 },
    }),
    service('shop', 'api', {
      type: 'NodePort',
      selector: { app: 'api' },
      nearMisses: [
        nearMiss(ref('Deployment', 'shop', 'api'), differs('app', 'api', 'App', 'api')),
        nearMiss(ref('StatefulSet', 'payments', 'api-worker'), differs('app', 'api', null, null)),
      ],
      nearMissTotal: 2,
      nearMissKind: 'telling',
      ports: [port(8080, 8080, { nodePort: 30080 })],
      location: { file: 'deploy/api.yaml', line: 3 },
    }),
    service('shop', 'db-external', {
      ports: [port(5432, 5432)],
      location: { file: 'deploy/db.yaml', line: 20 },
    }),
    service('kube-system', 'dns', {
      selector: { 'k8s-app': 'dns' },
      matches: [{ ...dnsPod, workload: ref('Deployment', 'kube-system', 'dns') }, template('DaemonSet', 'kube-system', 'node-cache', null)],
      ports: [
        port(53, 'dns', {
          name: 'dns',
          protocol: 'UDP',
          resolutions: [{ object: dnsPod, status: 'protocol-mismatch', declaredProtocol: 'TCP' }],
        }),
      ],
    }),
  ],
  [
    finding('target-port-name-not-found', 'error', ref('Service', 'shop', 'web'), 'Service shop/web port http (80/TCP) has targetPort "http", but Deployment web-canary declares no TCP port of that name.', {
      location: { file: 'deploy/web.yaml', line: 12 },
    }),
    finding('selects-several-workloads', 'warning', ref('Service', 'shop', 'web'), 'Service shop/web selects Pods of 2 workloads: Deployment web, Deployment web-canary.', {
      suppressed: true,
      suppressedBy: 'annotation',
      location: { file: 'deploy/web.yaml', line: 1 },
    }),
    finding('target-port-not-declared', 'info', ref('Service', 'shop', 'web'), 'Service shop/web port metrics (9090/TCP) sends to 9090, which Deployment web does not declare (it declares 8080).', {
      location: { file: 'deploy/web.yaml', line: 15 },
    }),
    finding('selector-matches-nothing', 'error', ref('Service', 'shop', 'api'), 'Service shop/api selector app=api matches no Pod or pod template in namespace shop.', {
      location: { file: 'deploy/api.yaml', line: 8 },
    }),
    finding('target-port-protocol-mismatch', 'error', ref('Service', 'kube-system', 'dns'), 'Service kube-system/dns port dns (53/UDP) is UDP, but Pod dns-7f9c declares "dns" as TCP.'),
    finding('statefulset-service-missing', 'warning', ref('StatefulSet', 'shop', 'db'), 'StatefulSet shop/db has serviceName "db-headless", but no such Service exists: Pods get no DNS names <db-0.db-headless> & co.', {
      location: { file: 'deploy/db.yaml', line: 2 },
    }),
    finding('target-port-not-declared', 'info', ref('Deployment', 'shop', 'legacy'), 'Deployment shop/legacy: ignored by --ignore.', {
      suppressed: true,
      suppressedBy: 'flag',
      location: { file: '/repo/deploy/legacy.yaml', line: 7 },
    }),
  ],
  { notes: ['Endpoints could not be read (forbidden); endpoint checks were skipped.'] },
);

/** Nothing to say: one healthy Service. */
export const CLEAN_REPORT = report(
  [
    service('default', 'hello', {
      selector: { app: 'hello' },
      matches: [template('Deployment', 'default', 'hello', 2)],
      ports: [port(80, 8080, { resolutions: [resolved(ref('Deployment', 'default', 'hello'), 8080, 'hello')] })],
    }),
  ],
  [],
);

/**
 * The rules that capture a Service port's traffic (proxier.go syncProxyRules, v1.34): KUBE-SERVICES jumps
 * for the ClusterIP, external IPs and load-balancer IPs, KUBE-NODEPORTS jumps, and the filter-table
 * REJECT/DROP rules used when there are no (local) endpoints.
 */
import { commentMatch, hostNet, rejectTarget, rule } from './iptables-format.js';
import type { IptablesPrediction, IptablesRuleOptions } from './iptables-rules.js';
import type { ProxyFrontend, ServicePortTargets } from './proxy-targets.js';

const LOCALHOST_NODEPORT_COUNTER = ' localhost_nps_accepted_pkts'; // iptables-save prints it after two spaces

/** Adds the capture rules of every frontend of one Service port. */
export function addFrontendRules(out: IptablesPrediction, t: ServicePortTargets, options: IptablesRuleOptions): void {
  const family = options.family ?? 'IPv4';
  const { servicePortName: spn, protocol: p } = t;
  const hasAny = t.categorized.hasAnyEndpoints;
  const dport = (port: number): string[] => ['-m', p, '--dport', String(port)];
  const noEndpoints = commentMatch(`${spn} ${hasAny ? 'has no local endpoints' : 'has no endpoints'}`);
  const filterTarget = (f: ProxyFrontend): string[] => (f.outcome === 'drop' ? ['-j', 'DROP'] : rejectTarget(family));

  for (const frontend of t.frontends) {
    const header = { destination: frontend.address ? hostNet(frontend.address) : undefined, protocol: p };
    if (frontend.kind === 'cluster-ip') {
      if (frontend.chain) {
        const matches = [...commentMatch(`${spn} cluster IP`), ...dport(t.port)];
        out.servicesRules.push(rule('KUBE-SERVICES', header, matches, ['-j', frontend.chain]));
      } else {
        out.filterRules.push(rule('KUBE-SERVICES', header, [...noEndpoints, ...dport(t.port)], filterTarget(frontend)));
      }
      continue;
    }
    if (frontend.kind === 'node-port') {
      if (frontend.chain) addNodePortRules(out, t, frontend, options);
      if (frontend.outcome !== 'forward') {
        const matches = [...noEndpoints, '-m', 'addrtype', '--dst-type', 'LOCAL', ...dport(frontend.port)];
        out.filterRules.push(rule('KUBE-EXTERNAL-SERVICES', { protocol: p }, matches, filterTarget(frontend)));
      }
      continue;
    }
    if (frontend.chain) {
      const what = frontend.kind === 'external-ip' ? 'external IP' : 'loadbalancer IP';
      const matches = [...commentMatch(`${spn} ${what}`), ...dport(t.port)];
      out.servicesRules.push(rule('KUBE-SERVICES', header, matches, ['-j', frontend.chain]));
    }
    if (frontend.outcome !== 'forward') {
      out.filterRules.push(rule('KUBE-EXTERNAL-SERVICES', header, [...noEndpoints, ...dport(t.port)], filterTarget(frontend)));
    }
  }
}

function addNodePortRules(out: IptablesPrediction, t: ServicePortTargets, frontend: ProxyFrontend, options: IptablesRuleOptions): void {
  const { servicePortName: spn, protocol: p } = t;
  const matches = [...commentMatch(spn), '-m', p, '--dport', String(frontend.port)];
  const target = ['-j', frontend.chain as string];
  if (options.localhostNodePortsNfacct && (options.family ?? 'IPv4') === 'IPv4') {
    const nfacct = ['-m', 'nfacct', '--nfacct-name', LOCALHOST_NODEPORT_COUNTER];
    out.nodePortsRules.push(rule('KUBE-NODEPORTS', { destination: '127.0.0.0/8', protocol: p }, [...matches, ...nfacct], target));
  }
  out.nodePortsRules.push(rule('KUBE-NODEPORTS', { protocol: p }, matches, target));
}

/** The filter-table ACCEPT for the health check NodePort of a LoadBalancer with externalTrafficPolicy Local. */
export function healthCheckRule(t: ServicePortTargets, healthCheckNodePort: number): string {
  const matches = [...commentMatch(`${t.servicePortName} health check node port`), '-m', 'tcp', '--dport', String(healthCheckNodePort)];
  return rule('KUBE-NODEPORTS', { protocol: 'tcp' }, matches, ['-j', 'ACCEPT']);
}

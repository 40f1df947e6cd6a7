import type { ServicePortAccess, PodPortAccess } from '../core/network-policy/service-access.js';
import type { Palette } from './colors.js';

function accessText(access: PodPortAccess, palette: Palette): string {
  if (access.access === 'no-port') return palette.chalk.dim('the port does not resolve on this Pod');
  if (access.access === 'everyone' && access.isolatedBy.length === 0) return palette.chalk.green('every peer (no NetworkPolicy selects it)');
  const isolated = `isolated by ${access.isolatedBy.join(', ')}`;
  if (access.access === 'nobody') return `${palette.chalk.red('nobody')}: ${isolated}, and no ingress rule allows ${access.port}/`;
  const rules = access.allowedBy.map((allowing) =>
    allowing.peers.length === 0 ? `every peer (${allowing.policy} ingress[${allowing.rule}])` : `${allowing.peers.join('; ')} (${allowing.policy} ingress[${allowing.rule}])`,
  );
  return `${access.access === 'everyone' ? palette.chalk.green('every peer') : 'only'} ${rules.join('; ')}; ${isolated}`;
}

/** The explain section "who may connect", one line per group of Pods with the same answer, per Service port. */
export function networkPolicySection(ports: readonly ServicePortAccess[], state: 'read' | 'forbidden' | 'none', palette: Palette): string[] {
  if (state === 'forbidden') return [`Network policies: ${palette.chalk.yellow('could not be read (forbidden)')}; who may connect is unknown`];
  if (state === 'none') return [];
  const lines = ['Network policies (who may connect to the Pods):'];
  for (const port of ports) {
    lines.push(`  ${port.port}/${port.protocol} → targetPort ${port.targetPort}`);
    const groups = new Map<string, { pods: string[]; access: PodPortAccess }>();
    for (const access of port.pods) {
      const key = JSON.stringify([access.port, access.access, access.isolatedBy, access.allowedBy]);
      const group = groups.get(key);
      if (group) group.pods.push(access.pod);
      else groups.set(key, { pods: [access.pod], access });
    }
    for (const { pods, access } of groups.values()) {
      const shown = pods.length > 3 ? `${pods.slice(0, 3).join(', ')} and ${pods.length - 3} more` : pods.join(', ');
      const text = accessText(access, palette).replace(/\/$/, `/${port.protocol}`);
      lines.push(`    ${shown}${access.port !== null ? ` :${access.port}` : ''}: ${text}`);
    }
  }
  return lines;
}

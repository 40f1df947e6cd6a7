import type { CanReachVerdict, Decision } from '../core/network-policy/can-reach.js';
import { formatSelector } from '../core/selector.js';
import { createPalette, type Palette } from './colors.js';
import { forTerminal } from './terminal-safe.js';

function clientText(verdict: CanReachVerdict): string {
  return verdict.client.pod ? `Pod ${verdict.client.namespace}/${verdict.client.pod}` : `a Pod ${formatSelector(verdict.client.labels)} in namespace ${verdict.client.namespace}`;
}

function decisionLine(label: string, decision: Decision, palette: Palette): string[] {
  if (decision.isolatedBy.length === 0) return [`      ${label}: ${palette.chalk.dim('not isolated')}`];
  const head = `      ${label}: isolated by ${decision.isolatedBy.join(', ')}; `;
  if (decision.allowed) return [`${head}${palette.chalk.green(`allowed by ${decision.allowedBy.join(', ')}`)}`];
  return [`${head}${palette.chalk.red('no rule allows it')}`, `        fix: ${decision.fix}`];
}

/** `can-reach` as text: the answer first, then DNS and every target Pod and port with the policy that decides. */
export const renderCanReach = forTerminal(canReachText);

function canReachText(verdict: CanReachVerdict, options: { color: boolean }): string {
  const palette = createPalette(options.color);
  const service = `${verdict.service.namespace}/${verdict.service.name}`;
  const answer = { yes: `yes: ${clientText(verdict)} can reach Service ${service}`, no: `no: ${clientText(verdict)} cannot reach Service ${service}`, partly: `partly: ${clientText(verdict)} can reach only part of Service ${service}` }[verdict.reachable];
  const lines = [palette.chalk.bold(verdict.reachable === 'yes' ? palette.chalk.green(answer) : palette.chalk.red(answer)), ''];
  const dnsWhere = verdict.dns.pods ? verdict.dns.pods.join(', ') : 'kube-system Pods k8s-app=kube-dns (assumed)';
  lines.push(`  ${verdict.dns.allowed ? palette.chalk.green('✓') : palette.chalk.red('✗')} DNS lookup of the Service name (53/UDP to ${dnsWhere})`);
  if (verdict.dns.egress.isolatedBy.length > 0) lines.push(...decisionLine('egress', verdict.dns.egress, palette));
  for (const target of verdict.targets) {
    const mark = target.allowed ? palette.chalk.green('✓') : palette.chalk.red('✗');
    lines.push(`  ${mark} ${target.pod} port ${target.servicePort} → ${target.port ?? '?'}/${target.protocol}: ${target.reason}`);
    if (target.port === null) continue;
    lines.push(...decisionLine('client egress', target.egress, palette), ...decisionLine('Pod ingress', target.ingress, palette));
  }
  for (const note of verdict.notes) lines.push(palette.chalk.dim(`note: ${note}`));
  return `${lines.join('\n')}\n`;
}

import type { RoutedByView } from '../core/routes/routed-by.js';
import type { Palette } from './colors.js';
import { sortFindings } from './order.js';
import { findingLine } from './wrapped-finding.js';

function portText(port: RoutedByView['port']): string {
  return port.name !== undefined ? `port ${port.name}` : port.number !== undefined ? `port ${port.number}` : 'no port';
}

function via(entry: RoutedByView): string {
  if (entry.route.kind === 'Ingress') return '';
  if (entry.parents.length === 0) return ', attached to no Gateway';
  return `, via ${entry.parents.map((parent) => `Gateway ${parent.gateway}${parent.listeners.length > 0 ? ` (${parent.listeners.join(', ')})` : ''}${parent.state === 'accepted' ? '' : `: ${parent.state}`}`).join('; ')}`;
}

/**
 * "Routed by" in `explain SERVICE`: each Ingress rule and Gateway route backend that sends traffic here,
 * broken hops marked with the route checks' findings. No lines when no routes were read.
 */
export function routedBySection(entries: RoutedByView[] | undefined, palette: Palette, width: number): string[] {
  if (entries === undefined) return [];
  if (entries.length === 0) return [`Routed by: ${palette.chalk.dim('no Ingress or Gateway route')}`];
  const lines = ['Routed by:'];
  for (const entry of entries) {
    const markText = entry.broken ? palette.chalk.red('✗') : palette.chalk.green('✓');
    const weight = entry.weight === undefined ? '' : entry.weight === 0 ? ', weight 0 (no traffic)' : `, weight ${entry.weight} (${Math.round((entry.share ?? 0) * 1000) / 10}%)`;
    lines.push(`  ${markText} ${entry.route.kind} ${entry.route.namespace}/${entry.route.name} ${entry.position} → ${portText(entry.port)}${weight}${via(entry)}`);
    for (const finding of sortFindings(entry.findings).filter((candidate) => !candidate.suppressed)) {
      lines.push(findingLine(finding, palette, width - 2).split('\n').map((line) => `  ${line}`).join('\n'));
    }
  }
  return lines;
}

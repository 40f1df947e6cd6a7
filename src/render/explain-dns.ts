/**
 * The DNS section of `explain SERVICE`: the records CoreDNS serves for the Service, grouped by name, so
 * a reader sees which names resolve and to what. Strings come from the cluster; renderExplain escapes them.
 */
import type { DnsView } from '../core/dns/dns-view.js';
import { recordData, type DnsRecord } from '../core/dns/dns-record.js';
import type { Palette } from './colors.js';

function headline(dns: DnsView): string {
  const from = dns.source === 'predicted' ? ', per-endpoint names from the predicted EndpointSlices' : '';
  return `DNS (${dns.clusterDomain}, as CoreDNS' kubernetes plugin serves it${from}):`;
}

/** Records by name: the Service's own name first, then its SRV names, then the per-endpoint names. */
function grouped(dns: DnsView): Map<string, DnsRecord[]> {
  const rank = (name: string) => (name === dns.name ? 0 : name.startsWith('_') ? 1 : 2);
  const byName = new Map<string, DnsRecord[]>();
  const ordered = [...dns.records].sort((a, b) => rank(a.name) - rank(b.name));
  for (const record of ordered) byName.set(record.name, [...(byName.get(record.name) ?? []), record]);
  return byName;
}

/** The DNS lines: each name with its records (type and data as dig prints them), then what gets no record. */
export function dnsSection(dns: DnsView | undefined, palette: Palette): string[] {
  if (!dns) return [];
  const lines = [headline(dns)];
  if (dns.records.length === 0) {
    lines.push(`  ${palette.chalk.yellow(`${dns.name}: no records (no ClusterIP and no ready endpoint, or an ExternalName that is an IP)`)}`);
  }
  for (const [name, records] of grouped(dns)) {
    lines.push(`  ${name}`);
    // The zone holds a record once per slice that yields it (an SRV per IP family's slice): shown once, counted.
    const counts = new Map<string, number>();
    for (const record of records) {
      const text = `${record.type.padEnd(5)} ${recordData(record)}`;
      counts.set(text, (counts.get(text) ?? 0) + 1);
    }
    for (const [text, count] of counts) lines.push(`    ${text}${count > 1 ? ` (×${count})` : ''}`);
  }
  for (const note of dns.notes ?? []) lines.push(`  ${palette.chalk.dim(`note: ${note}`)}`);
  if (dns.unnamedPorts.length > 0) {
    const ports = dns.unnamedPorts.join(', ');
    lines.push(`  ${palette.chalk.dim(`no _name._protocol SRV record for ${ports}: the port has no name`)}`);
  }
  return lines;
}

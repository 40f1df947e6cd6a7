/**
 * The resource records the cluster DNS serves for a Service, as plain data: what `explain` prints, what
 * JSON carries and what the DNS oracle compares with CoreDNS' zone transfer. Names carry no trailing dot.
 */

/** An address record: the name resolves to this IP. */
export interface AddressRecord {
  name: string;
  type: 'A' | 'AAAA';
  address: string;
}

/** A service record: clients that look up _port._proto.name learn the port and the host to connect to. */
export interface SrvRecord {
  name: string;
  type: 'SRV';
  priority: number;
  weight: number;
  port: number;
  target: string;
}

/** An alias: the name stands for another name (ExternalName Services). */
export interface CnameRecord {
  name: string;
  type: 'CNAME';
  target: string;
}

/** One record the cluster DNS serves. */
export type DnsRecord = AddressRecord | SrvRecord | CnameRecord;

/** The record's data the way dig prints it after the type ("10.0.0.1", "0 100 80 web.ns.svc.cluster.local."). */
export function recordData(record: DnsRecord): string {
  if (record.type === 'SRV') return `${record.priority} ${record.weight} ${record.port} ${absolute(record.target)}`;
  if (record.type === 'CNAME') return absolute(record.target);
  return record.address;
}

/** A name as a zone file writes it: with the trailing dot of the root. */
export function absolute(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}

/** One line per record, "name TYPE data", for comparisons and sorting. */
export function recordLine(record: DnsRecord): string {
  return `${absolute(record.name)} ${record.type} ${recordData(record)}`;
}

/** Records in a stable order (by name, then type, then data), so output and comparisons do not depend on input order. */
export function sortRecords(records: readonly DnsRecord[]): DnsRecord[] {
  const keyed = records.map((record) => ({ record, key: recordLine(record) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map(({ record }) => record);
}

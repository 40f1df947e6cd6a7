import { InvalidArgumentError, Option, type Command } from 'commander';
import type { ConnectionOverrides } from '../sources/cluster/connection-overrides.js';

/** kubectl's global connection and auth flags as commander hands them over. */
export interface RawConnectionFlags {
  server?: string;
  cluster?: string;
  user?: string;
  token?: string;
  certificateAuthority?: string;
  insecureSkipTlsVerify?: boolean;
  tlsServerName?: string;
  as?: string;
  asGroup?: string[];
  asUid?: string;
  v?: number;
}

const GROUP = 'Connection options (as kubectl):';

/** Declares --server, --cluster, --user, --token, the TLS flags, --as*, and -v, under their own help heading. */
export function addConnectionFlags(command: Command): Command {
  const flags = [
    new Option('-s, --server <URL>', "the API server's address, instead of the kubeconfig cluster's"),
    new Option('--cluster <NAME>', 'kubeconfig cluster to use instead of the context\'s'),
    new Option('--user <NAME>', 'kubeconfig user to use instead of the context\'s'),
    new Option('--token <TOKEN>', 'bearer token for the API server, instead of the kubeconfig user\'s'),
    new Option('--certificate-authority <FILE>', 'CA certificate file to verify the server with'),
    new Option('--insecure-skip-tls-verify', 'do not verify the server certificate (insecure)'),
    new Option('--tls-server-name <NAME>', 'server name to verify the server certificate against'),
    new Option('--as <USER>', 'act as this user (impersonation; needs the impersonate permission)'),
    new Option('--as-group <GROUP>', 'act as a member of this group (repeatable; with --as)').argParser(collect),
    new Option('--as-uid <UID>', 'act as this UID (with --as)'),
    new Option('-v, --v <LEVEL>', 'log requests to standard error: 6 = each request and its status, 7 = also the headers (credentials masked)').argParser(parseLevel),
  ];
  for (const flag of flags) command.addOption(flag.helpGroup(GROUP));
  return command;
}

/** The flags that were given, as overrides of the kubeconfig. */
export function connectionOverrides(raw: RawConnectionFlags): ConnectionOverrides {
  const overrides: ConnectionOverrides = {
    server: raw.server,
    cluster: raw.cluster,
    user: raw.user,
    token: raw.token,
    certificateAuthority: raw.certificateAuthority,
    insecureSkipTlsVerify: raw.insecureSkipTlsVerify,
    tlsServerName: raw.tlsServerName,
    as: raw.as,
    asGroups: raw.asGroup,
    asUid: raw.asUid,
  };
  return Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)) as ConnectionOverrides;
}

function parseLevel(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('use a number, e.g. -v 6');
  return Number(value);
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { Agent } from 'node:http';
import type { ConnectionOptions } from 'node:tls';
import { ClusterError } from '../../errors.js';
import { credentialHeaders, type CredentialSource } from './credentials.js';
import type { Impersonation, ResolvedConnection } from './connection-overrides.js';
import { selectProxy } from './proxy-selection.js';
import { loggingTransport, type RequestLog, type Transport } from './request-log.js';

/** What one GET needs: the transport (http or https, logged with -v) and its options. */
export interface PreparedRequest {
  transport: Transport;
  options: https.RequestOptions;
}

/** A resolved kubeconfig turned into request options: TLS, credentials, impersonation, proxy. */
export interface Connection {
  server: string;
  contextName: string;
  namespace: string;
  prepare(url: URL): Promise<PreparedRequest>;
}

/**
 * Builds the connection as client-go would: credentials (token, client certificate, basic auth,
 * exec and auth-provider plugins) only over https, impersonation headers always, the cluster's
 * proxy-url or the proxy environment variables. Nothing here prints the configuration.
 */
export function openConnection(resolved: ResolvedConnection, env: Record<string, string | undefined>, log: RequestLog | null): Connection {
  let serverUrl: URL;
  try {
    serverUrl = new URL(resolved.server);
  } catch {
    throw new ClusterError(`the server of context "${resolved.contextName}" is not a URL: ${resolved.server}`);
  }
  if (serverUrl.protocol !== 'https:' && serverUrl.protocol !== 'http:') throw new ClusterError(`the server ${resolved.server} is neither http:// nor https://`);
  const secure = serverUrl.protocol === 'https:';
  const tls: TlsOptions = secure ? tlsOptions(resolved) : {};
  const proxy = selectProxy(serverUrl, stringOf(resolved.cluster['proxy-url']), env);
  const agentPromise = createAgent(serverUrl, proxy, tls);
  const credentials: CredentialSource | null = secure ? { user: resolved.user, server: resolved.server } : null;
  const transport = loggingTransport(secure ? https : http, log);
  return {
    server: resolved.server,
    contextName: resolved.contextName,
    namespace: resolved.namespace,
    async prepare(): Promise<PreparedRequest> {
      const headers: Record<string, string | string[]> = { ...impersonationHeaders(resolved.impersonation) };
      const extra = credentials ? await credentialHeaders(credentials) : { headers: {} };
      Object.assign(headers, extra.headers);
      const agent = await agentPromise;
      return { transport, options: { method: 'GET', ...tls, ...extra.tls, headers: { Accept: 'application/json', ...headers }, ...(agent ? { agent } : {}) } };
    },
  };
}

/** The TLS part of the options, for the request and for a proxy agent alike. */
type TlsOptions = Pick<ConnectionOptions, 'ca' | 'cert' | 'key' | 'rejectUnauthorized' | 'servername'>;

function tlsOptions(resolved: ResolvedConnection): TlsOptions {
  const { cluster, user } = resolved;
  const insecure = cluster['insecure-skip-tls-verify'] === true;
  const ca = fileOrData(cluster['certificate-authority'], cluster['certificate-authority-data'], 'certificate-authority');
  if (insecure && ca) throw new ClusterError(`cluster of context "${resolved.contextName}": a certificate authority together with insecure-skip-tls-verify is not allowed`);
  const cert = fileOrData(user['client-certificate'], user['client-certificate-data'], 'client-certificate');
  const key = fileOrData(user['client-key'], user['client-key-data'], 'client-key');
  const serverName = stringOf(cluster['tls-server-name']);
  return {
    rejectUnauthorized: !insecure,
    ...(ca ? { ca } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
    ...(serverName ? { servername: serverName } : {}),
  };
}

/** A file reference wins over inline base64 data, as in client-go. */
function fileOrData(file: unknown, data: unknown, what: string): Buffer | undefined {
  if (typeof file === 'string' && file !== '') {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new ClusterError(`${what} ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  if (typeof data === 'string' && data !== '') return Buffer.from(data, 'base64');
  return undefined;
}

function impersonationHeaders(impersonation: Impersonation | null): Record<string, string | string[]> {
  if (!impersonation) return {};
  const headers: Record<string, string | string[]> = { 'Impersonate-User': impersonation.user };
  if (impersonation.groups.length > 0) headers['Impersonate-Group'] = impersonation.groups;
  if (impersonation.uid) headers['Impersonate-Uid'] = impersonation.uid;
  for (const [key, values] of Object.entries(impersonation.extra)) headers[`Impersonate-Extra-${encodeURIComponent(key)}`] = values;
  return headers;
}

/** Proxy agents come from hpagent (http/https proxies) and socks-proxy-agent, the libraries client-node uses. */
async function createAgent(server: URL, proxy: URL | null, tls: TlsOptions): Promise<Agent | undefined> {
  if (!proxy) return undefined;
  if (proxy.protocol.startsWith('socks')) {
    const { SocksProxyAgent } = await import('socks-proxy-agent');
    return new SocksProxyAgent(proxy); // agent-base takes the TLS options from each request
  }
  const { HttpsProxyAgent, HttpProxyAgent } = await import('hpagent');
  const options = { proxy, keepAlive: true, ...tls };
  return server.protocol === 'https:' ? new HttpsProxyAgent(options) : new HttpProxyAgent(options);
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

import { readFileSync } from 'node:fs';
import type https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { yamlLibrary } from '../../yaml-library.js';
import { ClusterError } from '../../errors.js';
import type { KubeconfigEntry } from './kubeconfig-loading.js';

/** A kubeconfig user and the (https) server its credentials are for. */
export interface CredentialSource {
  user: KubeconfigEntry;
  server: string;
}

/** The headers (and, from exec plugins, client certificates) that authenticate one request. */
export interface Credentials {
  headers: Record<string, string>;
  tls?: Pick<https.RequestOptions, 'cert' | 'key'>;
}

const clients = new WeakMap<KubeconfigEntry, Promise<KubeConfig>>();

/**
 * Credentials for one request, as client-go sends them: a token (or tokenFile, read each time), else
 * basic auth; exec and auth-provider plugins go through @kubernetes/client-node, loaded only then.
 * Error messages never include the credentials themselves.
 */
export async function credentialHeaders(source: CredentialSource): Promise<Credentials> {
  const { user } = source;
  if (user.exec || user['auth-provider']) return pluginCredentials(source);
  if (typeof user.token === 'string' && user.token !== '') return { headers: { Authorization: `Bearer ${user.token}` } };
  if (typeof user.tokenFile === 'string' && user.tokenFile !== '') {
    let token: string;
    try {
      token = readFileSync(user.tokenFile, 'utf8').trim();
    } catch (error) {
      throw new ClusterError(`tokenFile ${user.tokenFile}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    return { headers: { Authorization: `Bearer ${token}` } };
  }
  if (typeof user.username === 'string' && user.username !== '') {
    const basic = Buffer.from(`${user.username}:${typeof user.password === 'string' ? user.password : ''}`).toString('base64');
    return { headers: { Authorization: `Basic ${basic}` } };
  }
  return { headers: {} };
}

async function pluginCredentials(source: CredentialSource): Promise<Credentials> {
  let client = clients.get(source.user);
  if (!client) {
    client = pluginClient(source);
    clients.set(source.user, client);
  }
  const options: https.RequestOptions & { headers: Record<string, string> } = { headers: {} };
  try {
    await (await client).applyToHTTPSOptions(options);
  } catch (error) {
    throw new ClusterError(`cannot get credentials from the kubeconfig user's ${source.user.exec ? 'exec plugin' : 'auth-provider'}: ${(error as Error).message.split('\n')[0]}`);
  }
  const authorization = options.headers.Authorization;
  return {
    headers: authorization ? { Authorization: authorization } : {},
    ...(options.cert || options.key ? { tls: { cert: options.cert, key: options.key } } : {}),
  };
}

/** A one-user, one-cluster KubeConfig for client-node's plugin authenticators; TLS is ours, not its. */
async function pluginClient(source: CredentialSource): Promise<KubeConfig> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const config = new KubeConfig();
  config.loadFromString(
    yamlLibrary().stringify({
      clusters: [{ name: 'cluster', cluster: { server: source.server, 'insecure-skip-tls-verify': true } }],
      users: [{ name: 'user', user: source.user }],
      contexts: [{ name: 'context', context: { cluster: 'cluster', user: 'user' } }],
      'current-context': 'context',
    }),
  );
  return config;
}

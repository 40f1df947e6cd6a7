import net from 'node:net';
import { ClusterError } from '../../errors.js';

/**
 * The proxy a request to `server` goes through, as client-go picks it: the cluster's `proxy-url`
 * when set (always used), else HTTPS_PROXY (https) or HTTP_PROXY (http), upper case first, unless
 * NO_PROXY matches the host or the host is localhost or a loopback address (Go's
 * golang.org/x/net/http/httpproxy rules). Hand-written: npm's proxy-from-env follows curl's rules
 * (it proxies loopback, has no CIDR entries), and kubectl users expect Go's. Null: connect directly.
 */
export function selectProxy(server: URL, proxyUrl: string | undefined, env: Record<string, string | undefined>): URL | null {
  if (proxyUrl) return parseProxy(proxyUrl, 'proxy-url of the kubeconfig cluster');
  const https = server.protocol === 'https:';
  const name = https ? 'HTTPS_PROXY' : 'HTTP_PROXY';
  const value = env[name] || env[name.toLowerCase()];
  if (!value) return null;
  if (!useProxy(server, env.NO_PROXY || env.no_proxy || '')) return null;
  return parseProxy(value, name);
}

function parseProxy(value: string, what: string): URL {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ClusterError(`${what} is not a URL: ${redactUserinfo(value)}`);
  }
  if (!['http:', 'https:', 'socks5:', 'socks5h:'].includes(url.protocol)) {
    throw new ClusterError(`${what} has the scheme ${url.protocol.replace(':', '')}; use http, https or socks5`);
  }
  return url;
}

/** Whether Go would proxy a request to this URL, given NO_PROXY. */
function useProxy(server: URL, noProxy: string): boolean {
  const host = server.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = server.port || (server.protocol === 'https:' ? '443' : '80');
  if (host === 'localhost') return false;
  if (net.isIP(host) !== 0 && isLoopback(host)) return false;
  for (const raw of noProxy.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return false;
    if (entry.includes('/') && net.isIP(host) !== 0) {
      if (inCidr(host, entry)) return false;
      continue;
    }
    if (net.isIP(entry.replace(/^\[|\]$/g, '')) !== 0) {
      if (entry.replace(/^\[|\]$/g, '') === host) return false;
      continue;
    }
    const [entryHost, entryPort] = splitHostPort(entry);
    if (entryPort && entryPort !== port) continue;
    const domain = entryHost.startsWith('*.') ? entryHost.slice(1) : entryHost;
    if (domain.startsWith('.') ? host.endsWith(domain) : host === domain || host.endsWith(`.${domain}`)) return false;
  }
  return true;
}

function splitHostPort(entry: string): [string, string] {
  const match = /^(.*):(\d+)$/.exec(entry);
  return match ? [match[1], match[2]] : [entry, ''];
}

function isLoopback(ip: string): boolean {
  return net.isIPv4(ip) ? ip.startsWith('127.') : ip === '::1' || ip.startsWith('::ffff:127.');
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const family = net.isIPv4(base) ? 'ipv4' : net.isIPv6(base) ? 'ipv6' : null;
  const prefix = Number(bits);
  if (family === null || !Number.isInteger(prefix) || (family === 'ipv4') !== net.isIPv4(ip)) return false;
  const list = new net.BlockList();
  try {
    list.addSubnet(base, prefix, family);
  } catch {
    return false;
  }
  return list.check(ip, family);
}

/** A proxy URL fit for a message: user and password removed. */
export function redactUserinfo(value: string): string {
  return value.replace(/\/\/[^/@]*@/, '//');
}

import { describe, expect, it } from 'vitest';
import { selectProxy } from '../../../../src/sources/cluster/proxy-selection.js';

const proxyFor = (server: string, env: Record<string, string>, proxyUrl?: string) => selectProxy(new URL(server), proxyUrl, env)?.href ?? null;

describe('selectProxy (Go httpproxy rules, as kubectl)', () => {
  it.each([
    ['https://api.example:6443', { HTTPS_PROXY: 'http://proxy:3128' }, 'http://proxy:3128/'],
    ['https://api.example:6443', { https_proxy: 'proxy:3128' }, 'http://proxy:3128/'],
    ['https://api.example:6443', { HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:2' }, 'http://upper:1/'],
    ['https://api.example:6443', { HTTP_PROXY: 'http://proxy:3128' }, null],
    ['http://api.example:8080', { HTTP_PROXY: 'http://proxy:3128' }, 'http://proxy:3128/'],
    ['https://127.0.0.1:6443', { HTTPS_PROXY: 'http://proxy:3128' }, null],
    ['https://[::1]:6443', { HTTPS_PROXY: 'http://proxy:3128' }, null],
    ['https://localhost:6443', { HTTPS_PROXY: 'http://proxy:3128' }, null],
    ['https://api.example:6443', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'example' }, null],
    ['https://api.example:6443', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '.example' }, null],
    ['https://example:6443', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '.example' }, 'http://p:1/'],
    ['https://api.example:6443', { HTTPS_PROXY: 'http://p:1', no_proxy: '*.example' }, null],
    ['https://api.example:6443', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'api.example:443' }, 'http://p:1/'],
    ['https://api.example:6443', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'api.example:6443' }, null],
    ['https://10.1.2.3:6443', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '10.0.0.0/8' }, null],
    ['https://10.1.2.3:6443', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '192.168.0.0/16, 10.1.2.4' }, 'http://p:1/'],
    ['https://10.1.2.3:6443', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' }, null],
    ['https://notexample:6443', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'example' }, 'http://p:1/'],
  ])('%s with %j → %s', (server, env, expected) => {
    expect(proxyFor(server, env)).toBe(expected);
  });

  it("the cluster's proxy-url wins over the environment and is used even for loopback", () => {
    expect(proxyFor('https://127.0.0.1:6443', { NO_PROXY: '*' }, 'http://127.0.0.1:3128')).toBe('http://127.0.0.1:3128/');
    expect(proxyFor('https://api.example', { HTTPS_PROXY: 'http://env:1' }, 'socks5://s:1080')).toBe('socks5://s:1080');
  });

  it('an unsupported scheme is a clear error, without the password', () => {
    expect(() => proxyFor('https://api.example', {}, 'ftp://user:secret@p:21')).toThrow(/scheme ftp/);
    expect(() => proxyFor('https://api.example', { HTTPS_PROXY: 'http://user:secret@[bad' })).toThrow(/^(?!.*secret).*not a URL/);
  });
});

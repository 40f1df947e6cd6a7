// CoreDNS (built from its Go module by scripts/dns/build-coredns.sh) on loopback against the test
// apiserver, with the kubernetes plugin for one cluster domain and zone transfers allowed, and `dig`
// (Debian's dnsutils) to ask it: the real cluster DNS the DNS oracle compares explain's records with.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../helpers/free-port.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** One record as dig prints it with +nottlid +noclass: "name TYPE data" (names absolute, with the dot). */
export type RecordLine = string;

/** A running CoreDNS. */
export interface CoreDns {
  port: number;
  /** Every record of the zone (AXFR over TCP), SOA and NS included, one line each. */
  transfer(): RecordLine[];
  /** The answer sections of the given queries (one dig run, UDP), one line per record. */
  query(questions: Array<{ name: string; type: string }>): RecordLine[];
  /** The CoreDNS log so far (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

/** A loopback port free for both UDP and TCP (CoreDNS serves both on it). */
async function freeUdpTcpPort(): Promise<number> {
  for (;;) {
    const port = await freePort();
    const free = await new Promise<boolean>((resolve) => {
      const socket = dgram.createSocket('udp4');
      socket.once('error', () => resolve(false));
      socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

function digLines(output: string): RecordLine[] {
  return output.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith(';'))
    .map((line) => line.split(/\s+/).join(' '));
}

function dig(port: number, args: string[]): string {
  const run = spawnSync('dig', ['@127.0.0.1', '-p', String(port), '+noall', '+answer', '+nottlid', '+noclass', '+time=5', '+tries=2', ...args], { encoding: 'utf8' });
  if (run.error) throw new Error(`dig could not run (${run.error.message}): scripts/cluster/install-deps.sh installs dnsutils`);
  if (run.status !== 0) throw new Error(`dig ${args.slice(0, 6).join(' ')} failed (exit ${run.status}): ${run.stderr || run.stdout}`);
  return run.stdout;
}

/** Builds CoreDNS if needed and starts it for `domain` against the apiserver of `kubeconfig`; resolves once the zone transfers. */
export async function startCoreDns(kubeconfig: string, domain: string): Promise<CoreDns> {
  const build = spawnSync('bash', [path.join(root, 'scripts', 'dns', 'build-coredns.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (build.status !== 0) throw new Error(`scripts/dns/build-coredns.sh failed (exit ${build.status})`);
  const binary = build.stdout.trim().split('\n').at(-1) as string;
  const port = await freeUdpTcpPort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'svc-explain-coredns-'));
  const corefile = path.join(dir, 'Corefile');
  writeFileSync(corefile, [
    `${domain}:${port} {`,
    '  bind 127.0.0.1',
    '  errors',
    `  kubernetes ${domain} {`,
    `    kubeconfig ${kubeconfig}`,
    '  }',
    '  transfer {',
    '    to *',
    '  }',
    '}',
    '',
  ].join('\n'));
  let log = '';
  const child: ChildProcess = spawn(binary, ['-conf', corefile], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk) => (log += chunk));
  child.stderr?.on('data', (chunk) => (log += chunk));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const server: CoreDns = {
    port,
    transfer: () => digLines(dig(port, ['+tcp', 'AXFR', domain])),
    query: (questions) => digLines(dig(port, questions.flatMap(({ name, type }) => [name, type]))),
    log: () => log,
    stop,
  };
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`CoreDNS exited (${child.exitCode}):\n${log}`);
    }
    try {
      if (server.transfer().some((line) => line.split(' ')[1] === 'SOA')) return server;
    } catch (error) {
      if (tries > 120) {
        await stop();
        throw new Error(`CoreDNS did not answer a zone transfer in 60 s: ${error}\n${log}`);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

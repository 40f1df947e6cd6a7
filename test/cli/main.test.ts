import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';

/** main() in-process, for the paths a child process cannot easily reach: internal errors and single writes. */

function fakeIo(stdin: Readable, env: Record<string, string> = {}) {
  const writes = { stdout: [] as string[], stderr: [] as string[] };
  const io: CliIo = {
    stdout: { write: (text: string) => writes.stdout.push(text) },
    stderr: { write: (text: string) => writes.stderr.push(text) },
    stdin,
    env,
    cwd: process.cwd(),
  };
  return { io, writes };
}

const failingStdin = () =>
  new Readable({
    read() {
      this.destroy(new Error('disk on fire'));
    },
  });

describe('main', () => {
  it('turns an unexpected error into one line and exit 70, without a stack', async () => {
    const { io, writes } = fakeIo(failingStdin());
    expect(await main(['lint', '-'], io)).toBe(70);
    expect(writes.stderr).toEqual(['svc-explain: internal error: disk on fire\n']);
    expect(writes.stdout).toEqual([]);
  });

  it('adds the stack trace with SVC_EXPLAIN_DEBUG=1', async () => {
    const { io, writes } = fakeIo(failingStdin(), { SVC_EXPLAIN_DEBUG: '1' });
    expect(await main(['lint', '-'], io)).toBe(70);
    expect(writes.stderr.join('')).toMatch(/^svc-explain: internal error: disk on fire\nError: disk on fire\n\s+at /);
  });

  it('writes the whole report in one call', async () => {
    const yaml = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  selector:\n    app: a\n  ports:\n    - port: 80\n';
    const { io, writes } = fakeIo(Readable.from([yaml]));
    expect(await main(['lint', '-', '-o', 'json'], io)).toBe(0);
    expect(writes.stdout).toHaveLength(1);
    expect(JSON.parse(writes.stdout[0]).services[0].name).toBe('a');
  });

  it('writes nothing to stdout when the input cannot be read', async () => {
    const { io, writes } = fakeIo(Readable.from(['kind: [unclosed\n']));
    expect(await main(['lint', '-'], io)).toBe(2);
    expect(writes.stdout).toEqual([]);
    expect(writes.stderr).toHaveLength(1);
    expect(writes.stderr[0]).toMatch(/^svc-explain: <stdin>:\d+/);
  });
});

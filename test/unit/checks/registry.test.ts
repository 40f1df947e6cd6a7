import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS, findCheck } from '../../../src/core/checks/registry.js';

const ROOT = join(import.meta.dirname, '../../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('check registry', () => {
  it('has unique, kebab-case ids', () => {
    const ids = CHECKS.map((check) => check.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it.each(CHECKS.map((check) => [check.id, check] as const))('%s has metadata, a README entry and fixtures', (id, check) => {
    expect(findCheck(id)).toBe(check);
    expect(['error', 'warning', 'info']).toContain(check.severity);
    expect(check.title.length).toBeGreaterThan(10);
    expect(check.help.length).toBeGreaterThan(60);
    expect(check.modes.length).toBeGreaterThan(0);
    expect(README).toContain(`### ${id}\n\n**${check.severity}** · `);
    expect(README).toContain(check.help);
    const dir = join(ROOT, 'test/fixtures/checks', id);
    expect(existsSync(dir)).toBe(true);
    const files = readdirSync(dir);
    expect(files.some((file) => file.startsWith('fail'))).toBe(true);
    expect(files.some((file) => file.startsWith('pass'))).toBe(true);
  });
});

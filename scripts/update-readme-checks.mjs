// Rewrites the check reference in README.md (between the checks:start/end markers) from the
// registry, so every check's documentation is its own metadata. Run after `npm run build`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKS } from '../dist/core/checks/registry.js';

const README = join(import.meta.dirname, '..', 'README.md');
const START = '<!-- checks:start -->';
const END = '<!-- checks:end -->';

/** The README text for every check, in registry order. */
export function renderCheckReference(checks) {
  const modes = { manifests: '`lint`', cluster: 'live (`check`, `explain`)' };
  return checks
    .map((check) => `### ${check.id}\n\n**${check.severity}** · ${check.modes.map((mode) => modes[mode]).join(', ')} · ${check.title}\n\n${check.help}\n`)
    .join('\n');
}

const text = readFileSync(README, 'utf8');
const start = text.indexOf(START);
const end = text.indexOf(END);
if (start === -1 || end === -1) throw new Error(`README.md lacks the ${START} / ${END} markers`);
const updated = `${text.slice(0, start + START.length)}\n${renderCheckReference(CHECKS)}${text.slice(end)}`;
if (process.argv.includes('--check')) {
  if (updated !== text) {
    console.error('README.md check reference is out of date: run npm run docs');
    process.exit(1);
  }
} else writeFileSync(README, updated);

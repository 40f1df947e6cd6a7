/** `why-not SERVICE POD` as text: the one-sentence answer, then the checklist with ✓ ✗ ! ? marks. Pure. */
import type { Mark, WhyNotItem, WhyNotVerdict } from '../core/live/why-not.js';
import { createPalette, type Palette } from './colors.js';
import { forTerminal } from './terminal-safe.js';

const MARKS: Record<Mark, string> = { ok: '✓', fail: '✗', warn: '!', unknown: '?' };

/** A checklist mark, coloured: green ✓, red ✗, yellow !, dim ?. */
export function formatMark(mark: Mark, palette: Palette): string {
  const colour = { ok: palette.chalk.green, fail: palette.chalk.red, warn: palette.chalk.yellow, unknown: palette.chalk.dim }[mark];
  return colour(MARKS[mark]);
}

/** The checklist lines, indented, each detail under its item (from terminal-safe items). */
function checklistLines(items: readonly WhyNotItem[], palette: Palette, indent = '  '): string[] {
  return items.flatMap((item) => [
    `${indent}${formatMark(item.mark, palette)} ${item.text}`,
    ...(item.details ?? []).map((detail) => `${indent}    ${palette.chalk.dim(detail)}`),
  ]);
}

/** The whole why-not output; the first line is the answer, so `| head -1` is the short form. */
export const renderWhyNot = forTerminal(whyNotText);

function whyNotText(verdict: WhyNotVerdict, options: { color: boolean }): string {
  const palette = createPalette(options.color);
  const answer = verdict.behind === 'yes' ? palette.chalk.green(verdict.answer) : palette.chalk.red(verdict.answer);
  return `${[palette.chalk.bold(answer), '', ...checklistLines(verdict.items, palette)].join('\n')}\n`;
}

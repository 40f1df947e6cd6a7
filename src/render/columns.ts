import { stripVTControlCharacters } from 'node:util';
import { wrapHanging } from './wrap.js';

/**
 * Lays rows out in left-aligned columns separated by `gap` spaces, measuring widths without colour
 * codes. A borderless table in a few lines: cli-table3 cost 0.8 ms per table (8 s for 10,000 Services).
 * With `width`, the last column wraps at word boundaries, its later lines starting under it.
 */
export function formatColumns(rows: string[][], options: { indent?: string; gap?: number; width?: number } = {}): string[] {
  const indent = options.indent ?? '';
  const gap = ' '.repeat(options.gap ?? 3);
  // Only text with an escape (ESC or CSI) holds a colour code to leave out of the width.
  const visible = (text: string) => (text.includes('\u001b') || text.includes('\u009b') ? stripVTControlCharacters(text).length : text.length);
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, column) => (widths[column] = Math.max(widths[column] ?? 0, visible(cell))));
  return rows.map((row) => {
    const cells = row.map((cell, column) => (column === row.length - 1 ? cell : cell + ' '.repeat(widths[column] - visible(cell))));
    if (options.width === undefined || row.length < 2) return (indent + cells.join(gap)).trimEnd();
    const head = indent + cells.slice(0, -1).join(gap) + gap;
    return wrapHanging(head, cells[cells.length - 1], visible(head), options.width).trimEnd();
  });
}

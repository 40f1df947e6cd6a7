import { stripVTControlCharacters } from 'node:util';

/**
 * Lays rows out in left-aligned columns separated by `gap` spaces, measuring widths without colour
 * codes. A borderless table in a few lines: cli-table3 cost 0.8 ms per table (8 s for 10,000 Services).
 */
export function formatColumns(rows: string[][], options: { indent?: string; gap?: number } = {}): string[] {
  const indent = options.indent ?? '';
  const gap = ' '.repeat(options.gap ?? 3);
  const visible = (text: string) => stripVTControlCharacters(text).length;
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, column) => (widths[column] = Math.max(widths[column] ?? 0, visible(cell))));
  return rows.map((row) =>
    (indent + row.map((cell, column) => (column === row.length - 1 ? cell : cell + ' '.repeat(widths[column] - visible(cell)))).join(gap)).trimEnd(),
  );
}

import { InputError } from '../../errors.js';
import { listItemLines } from './list-item-lines.js';
import { lineOfPath } from './yaml-positions.js';

/** An object of a list, with its line and its path inside the document. */
export interface ListItem {
  value: Record<string, unknown>;
  line: number;
  path: (string | number)[];
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The objects a list document stands for (`kind: List`, or any `...List` kind with `items`, as
 * kubectl flattens them; nested lists too), or undefined when the object is no list. Lines come
 * from a scan of the text for the entries (listItemLines), else from re-reading the document with
 * positions.
 */
export function listItems(record: Record<string, unknown>, line: number, file: string, text: string, firstLine: number): ListItem[] | undefined {
  const kind = record.kind;
  if (typeof kind !== 'string' || !kind.endsWith('List')) return undefined;
  if (!Array.isArray(record.items)) {
    if (kind === 'List' && typeof record.apiVersion === 'string') throw new InputError(`${file}:${line}: kind: List needs items to be a list`);
    return undefined;
  }
  const found: ListItem[] = [];
  // The top level's lines from a scan of the text when it finds every item; nested lists and other layouts are looked up.
  const scanned = listItemLines(text, record.items.length);
  const collect = (items: unknown[], prefix: (string | number)[]) => {
    items.forEach((item, i) => {
      const path = [...prefix, 'items', i];
      const at = firstLine + ((prefix.length === 0 ? scanned?.[i] : undefined) ?? lineOfPath(text, path) ?? 0);
      if (!isMapping(item)) throw new InputError(`${file}:${at}: ${path.join('.').replace(/\.(\d+)/g, '[$1]')} of a ${kind} must be a mapping (an object)`);
      if (typeof item.kind === 'string' && item.kind.endsWith('List') && Array.isArray(item.items)) collect(item.items, path);
      else found.push({ value: item, line: at, path });
    });
  };
  collect(record.items, []);
  return found;
}

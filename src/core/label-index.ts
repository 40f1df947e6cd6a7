import type { LabelMap } from './kubernetes-types.js';

/** The objects that carry one label key: all of them, and by value. */
export interface LabelKeyPostings<T> {
  all: T[];
  byValue: Map<string, T[]>;
}

/** Stands for "every namespace" in an index that ignores namespaces; no namespace can be called that. */
export const ANY_NAMESPACE = '*';

const NONE: readonly never[] = [];

/**
 * Objects by label pair within each namespace. Nested maps rather than joined key strings, so a
 * lookup builds no string: selector keys and values come from parsed objects and keep their hashes.
 */
export class LabelIndex<T> {
  private readonly namespaces = new Map<string, Map<string, LabelKeyPostings<T>>>();

  /** Indexes `item` under each of its labels. */
  add(namespace: string, labels: LabelMap, item: T): void {
    let keys = this.namespaces.get(namespace);
    if (!keys) this.namespaces.set(namespace, (keys = new Map()));
    for (const key of Object.keys(labels)) {
      const value = labels[key];
      let postings = keys.get(key);
      if (!postings) keys.set(key, (postings = { all: [], byValue: new Map() }));
      postings.all.push(item);
      const list = postings.byValue.get(value);
      if (list) list.push(item);
      else postings.byValue.set(value, [item]);
    }
  }

  /** The objects in the namespace labelled key=value. The list belongs to the index: do not modify it. */
  withLabel(namespace: string, key: string, value: string): readonly T[] {
    return this.namespaces.get(namespace)?.get(key)?.byValue.get(value) ?? NONE;
  }

  /** The objects in the namespace that carry the key, with any value, all and by value. */
  postings(namespace: string, key: string): LabelKeyPostings<T> | undefined {
    return this.namespaces.get(namespace)?.get(key);
  }

  /** The label keys used in the namespace. */
  keys(namespace: string): Iterable<string> {
    return this.namespaces.get(namespace)?.keys() ?? NONE;
  }

  /**
   * The objects behind the rarest selector pair, so matching never scans a whole namespace; the
   * caller still checks the other pairs. Empty as soon as one pair has no object at all.
   */
  candidates(namespace: string, selector: LabelMap): readonly T[] {
    const keys = this.namespaces.get(namespace);
    if (!keys) return NONE;
    let smallest: T[] | undefined;
    for (const key of Object.keys(selector)) {
      const list = keys.get(key)?.byValue.get(selector[key]);
      if (!list) return NONE;
      if (!smallest || list.length < smallest.length) smallest = list;
    }
    return smallest ?? NONE;
  }
}

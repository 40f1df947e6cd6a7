import { MERGE_KEY_PREFIX } from './kubernetes-yaml-schema.js';

/** A value Kubernetes would refuse, with the path to it (keys and list indexes). */
export class ValueError extends Error {
  constructor(
    message: string,
    readonly path: (string | number)[],
    readonly otherPath?: (string | number)[],
    /** The 0-based line in the document, when the path cannot find it (number and merge keys). */
    readonly line?: number,
  ) {
    super(message);
  }
}

/** What a document may hold that needs the walk below (cheap text tests decide it). */
export interface WalkNeeds {
  aliases: boolean;
  merges: boolean;
}

/** go-yaml v2's decoder.go limits: alias-driven work and nesting depth. */
const MAX_DEPTH = 1000;
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400000) return 0.99;
  if (decodeCount >= 4000000) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - 400000) / 3600000);
}

/** A plain `<<` as the schema reads it (a merge key, or the text "<<" where it is a value). */
export function isMergeKey(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(MERGE_KEY_PREFIX);
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Finishes a parsed document the way sigs.k8s.io/yaml does: applies merge keys (`<<`; a key set
 * both by a merge and explicitly is a duplicate, as the strict reader says), refuses .inf and .nan
 * (JSON has no such numbers), and stops alias bombs with go-yaml's own alias-ratio rule. Mutates
 * the value in place; throws ValueError.
 */
export function finishKubernetesValue(root: unknown, needs: WalkNeeds): void {
  const seen = new Set<object>();
  let decodes = 0;
  let aliased = 0;
  const path: (string | number)[] = [];
  const count = (inAlias: boolean) => {
    decodes += 1;
    if (inAlias) aliased += 1;
    if (aliased > 100 && decodes > 1000 && aliased / decodes > allowedAliasRatio(decodes)) {
      throw new ValueError('document contains excessive aliasing (an alias bomb?)', [...path]);
    }
  };
  const visit = (value: unknown, depth: number, inAlias: boolean): void => {
    count(inAlias);
    if (typeof value === 'number' && !Number.isFinite(value)) throw new ValueError(`${Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf'} is not a JSON number: Kubernetes cannot store it`, [...path]);
    if (typeof value !== 'object' || value === null) return;
    if (depth >= MAX_DEPTH) throw new ValueError(`nested more than ${MAX_DEPTH} levels deep`, [...path]);
    let alias = inAlias;
    if (needs.aliases) {
      if (seen.has(value)) alias = true;
      else seen.add(value);
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i += 1) {
        if (needs.merges && isMergeKey(value[i])) value[i] = '<<';
        path.push(i);
        visit(value[i], depth + 1, alias);
        path.pop();
      }
      return;
    }
    const record = value as Record<string, unknown>;
    if (needs.merges) {
      for (const key of Object.keys(record)) if (isMergeKey(key)) applyMerge(record, key, (source) => visit(source, depth + 1, alias));
    }
    for (const key of Object.keys(record)) {
      if (needs.merges && isMergeKey(record[key])) record[key] = '<<';
      count(alias);
      path.push(key);
      visit(record[key], depth + 1, alias);
      path.pop();
    }
  };
  const applyMerge = (record: Record<string, unknown>, mergeKey: string, visitSource: (source: unknown) => void): void => {
    const sources = record[mergeKey];
    path.push('<<');
    visitSource(sources);
    const list = Array.isArray(sources) ? sources : [sources];
    if (!list.every(isMapping)) throw new ValueError('a merge key (<<) needs a mapping or a list of mappings', [...path]);
    path.pop();
    delete record[mergeKey];
    for (const source of list) {
      for (const key of Object.keys(source)) {
        if (Object.hasOwn(record, key)) throw new ValueError(`key "${key}" is set twice in one mapping (by the merge key << and again)`, [...path, key], [...path, '<<']);
        Object.defineProperty(record, key, { value: source[key], enumerable: true, writable: true, configurable: true });
      }
    }
  };
  visit(root, 0, false);
}

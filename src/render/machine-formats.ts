import { yamlLibrary } from '../yaml-library.js';

/** `-o yaml`: the same document as `-o json`, in YAML (block style, keys in the JSON order). */
export function renderYaml(document: unknown): string {
  return yamlLibrary().stringify(document, { lineWidth: 0 });
}

/** `-o name`: one `kind/name` line per object, as `kubectl get -o name` prints them. */
export function renderNames(kind: string, names: readonly string[]): string {
  return names.map((name) => `${kind}/${name}\n`).join('');
}

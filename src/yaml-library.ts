import { createRequire } from 'node:module';
import type * as YamlLibrary from 'yaml';

/** Set by the release bundle (scripts/release/bundle.mjs), where `require('yaml')` is the bundled copy. */
declare const SVC_EXPLAIN_BUNDLED_PACKAGE_INFO: unknown;

let library: typeof YamlLibrary | undefined;

/**
 * The `yaml` library, loaded on first use: it is 70 modules and about 35 ms of start-up that `lint`
 * and `--help` never need (kubeconfigs, `-o yaml` and error positions do). In the bundle a plain
 * `require` keeps it inside the bundle and still lazy.
 */
export function yamlLibrary(): typeof YamlLibrary {
  if (library) return library;
  if (typeof SVC_EXPLAIN_BUNDLED_PACKAGE_INFO !== 'undefined') library = require('yaml') as typeof YamlLibrary;
  else library = createRequire(import.meta.url)('yaml') as typeof YamlLibrary;
  return library;
}

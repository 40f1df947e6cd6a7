import { readFile } from 'node:fs/promises';
import { InputError } from '../../errors.js';
import type { Snapshot } from '../../core/snapshot.js';
import { findManifestFiles } from './find-manifest-files.js';
import { buildManifestSnapshot, type ManifestObject } from './manifest-snapshot.js';
import { parseManifestText } from './parse-manifests.js';

/** The file name findings show for objects read from standard input. */
export const STDIN_NAME = '<stdin>';

export interface LoadManifestsOptions {
  /** Namespace for objects that name none (-n). */
  defaultNamespace: string;
  /** Reads standard input, for the path "-". */
  stdin?: () => Promise<string>;
}

/** Reads, parses and sorts manifest files into a Snapshot: the offline source of the analysis. */
export async function loadManifests(paths: string[], options: LoadManifestsOptions): Promise<Snapshot> {
  if (paths.length === 0) throw new InputError('no input: give a file, a directory, or - for standard input');
  const files = await findManifestFiles(paths);
  const objects: ManifestObject[] = [];
  for (const file of files) {
    let text: string;
    if (file === '-') {
      if (!options.stdin) throw new InputError('reading from standard input is not available here');
      text = await options.stdin();
    } else {
      text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new InputError(`${file}: ${error.code === 'EISDIR' ? 'is a directory' : error.message}`);
      });
    }
    const name = file === '-' ? STDIN_NAME : file;
    for (const parsed of parseManifestText(text, name)) objects.push({ ...parsed, file: name });
  }
  return buildManifestSnapshot(objects, options.defaultNamespace, files.map((file) => (file === '-' ? STDIN_NAME : file)));
}

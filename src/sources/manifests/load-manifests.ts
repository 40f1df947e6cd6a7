import { InputError } from '../../errors.js';
import type { Snapshot } from '../../core/snapshot.js';
import { decodeManifestBytes } from './decode-manifest-bytes.js';
import { findManifestFiles } from './find-manifest-files.js';
import { skipRenderedDirectories } from './rendered-directories.js';
import { checkManifestShape } from './manifest-shape.js';
import { buildManifestSnapshot, type ManifestObject } from './manifest-snapshot.js';
import { parseManifestText } from './parse-manifests.js';
import { readFileBytes } from './read-input-bytes.js';

/** The file name findings show for objects read from standard input. */
export const STDIN_NAME = '<stdin>';

export interface LoadManifestsOptions {
  /** Namespace for objects that name none (-n). */
  defaultNamespace: string;
  /** Reads standard input's bytes, for the path "-" (readStreamBytes). */
  stdin?: () => Promise<Uint8Array>;
}

/** What reading the manifests gave: the snapshot of every good object, and one line per bad file or object. */
export interface ManifestReading {
  snapshot: Snapshot;
  /** "file:line: reason" for each file or object that could not be read; the run exits 2 after its report. */
  errors: string[];
}

async function readOne(file: string, options: LoadManifestsOptions, path: string | Buffer = file): Promise<string> {
  if (file === '-') {
    if (!options.stdin) throw new InputError('reading from standard input is not available here');
    // Standard input is read as a file is (kubectl apply -f - does): the same encodings, the same refusals.
    return decodeManifestBytes(await options.stdin(), STDIN_NAME);
  }
  return decodeManifestBytes(readFileBytes(path, file), file);
}

/**
 * Reads, parses and sorts manifest files into a Snapshot, file by file: a file that cannot be read
 * or parsed, and an object Kubernetes would refuse, become one error line each while every other
 * file is still read. Each file's text is dropped once its objects are out.
 */
export async function readManifests(paths: string[], options: LoadManifestsOptions): Promise<ManifestReading> {
  if (paths.length === 0) throw new InputError('no input: give a file, a directory, or - for standard input');
  const found = await findManifestFiles(paths);
  // Names as shown (invalid UTF-8 bytes as \xNN); a name that is not UTF-8 is read through its bytes.
  const pathOf = new Map(found.files.map((file) => [file.name, file.path]));
  const { files, notes } = skipRenderedDirectories(found.files.map((file) => file.name), paths);
  const objects: ManifestObject[] = [];
  const errors: string[] = [];
  for (const file of files) {
    const name = file === '-' ? STDIN_NAME : file;
    try {
      const parsed = parseManifestText(await readOne(file, options, pathOf.get(file)), name);
      for (const { value, line, spellingAt } of parsed) {
        // Shape checks run now, while the file's text is at hand for messages; only the values are kept.
        if (typeof value.kind === 'string' && typeof value.apiVersion === 'string') {
          try {
            checkManifestShape(value, value.kind, `${name}:${line}: ${value.kind}`, spellingAt);
          } catch (error) {
            if (!(error instanceof InputError)) throw error;
            errors.push(error.message);
            continue;
          }
        }
        objects.push({ value, line, file: name, shapeChecked: true });
      }
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      errors.push(error.message);
    }
  }
  const inputFiles = files.map((file) => (file === '-' ? STDIN_NAME : file));
  if (files.length === 0 && notes.length > 0) throw new InputError(notes.join('; '));
  const snapshot = buildManifestSnapshot(objects, options.defaultNamespace, inputFiles, errors);
  snapshot.notes.unshift(...found.notes, ...notes);
  return { snapshot, errors };
}

/** Reads manifests into a Snapshot, or throws the first error: for callers that want all or nothing. */
export async function loadManifests(paths: string[], options: LoadManifestsOptions): Promise<Snapshot> {
  const { snapshot, errors } = await readManifests(paths, options);
  if (errors.length > 0) throw new InputError(errors[0]);
  return snapshot;
}
